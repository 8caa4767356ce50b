package io.scmpush.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushTarget;
import io.scmpush.TargetOutcome;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.CompatibilityBackend;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.HuaweiCloudBackend;
import io.scmpush.testkit.ProviderCompatibilityKit;
import io.scmpush.testkit.TestCertificates;
import org.junit.jupiter.api.Test;

/** The provider contract, run against the test kit's emulated ELB v3; plus the CA target ELB alone has. */
class ElbCompatibilityTest extends ProviderCompatibilityKit {

    @Override
    protected PushProvider provider() {
        return discovered(Elb.SERVICE);
    }

    @Override
    protected CompatibilityBackend createBackend() {
        return HuaweiCloudBackend.start();
    }

    @Override
    protected PushTarget target(String... regions) {
        return Elb.inRegions(regions);
    }

    private FakeHuaweiCloud cloud() {
        return ((HuaweiCloudBackend) backend()).cloud();
    }

    @Test
    void a_ca_certificate_is_pushed_once_without_a_key_and_found_again() {
        Certificate ca = Certificate.builder().certificatePem(TestCertificates.builder().build().caCertificatePem())
                .build();

        TargetOutcome first = scm().push(ca).to(Elb.caCertificateInRegions(REGION)).execute()
                .outcome(Elb.SERVICE, REGION).orElseThrow();
        TargetOutcome second = scm().push(ca).to(Elb.caCertificateInRegions(REGION))
                .onDuplicate(DuplicatePolicy.SKIP).execute().outcome(Elb.SERVICE, REGION).orElseThrow();

        assertThat(first.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(second.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(cloud().certificates(Elb.SERVICE, REGION)).extracting(RemoteCertificate::id,
                RemoteCertificate::fingerprint).containsExactly(
                        tuple(first.remoteId(), ca.fingerprint()));
    }
}
