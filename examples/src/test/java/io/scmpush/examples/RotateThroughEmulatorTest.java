package io.scmpush.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.OutcomeCodes;
import io.scmpush.PlannedBinding;
import io.scmpush.PushRequest;
import io.scmpush.PushResult;
import io.scmpush.RotationPlan;
import io.scmpush.RotationRequest;
import io.scmpush.RotationResult;
import io.scmpush.ScmPush;
import io.scmpush.Verification;
import io.scmpush.VerificationResult;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Renewal through the emulator, end to end: a certificate bound to two ELB listeners (one's default, another's
 * SNI list beside an entry already there), a WAF cloud host, a WAF premium host and a CDN domain is rotated to
 * its renewal with {@code replacingOlder()}, verified over real TLS handshakes, rotated again (nothing to do),
 * and rolled back.
 */
@Timeout(60)
class RotateThroughEmulatorTest {
    private static final String REGION = "cn-north-4";
    private static final Certificate OLD = TestCertificates.builder().ec().domains("www.example.com")
            .validity(Duration.ofDays(90)).build().toCertificate();
    private static final Certificate RENEWED = TestCertificates.builder().ec().domains("www.example.com")
            .validity(Duration.ofDays(180)).build().toCertificate();
    private static final Certificate IMG = TestCertificates.builder().ec().domains("img.example.com").build()
            .toCertificate();

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build();
    private Binding defaultListener;
    private Binding sniListener;
    private Binding otherDefault;
    private List<Binding> bindings;
    private PushResult deployed;

    @AfterEach
    void close() {
        scm.close();
        cloud.close();
    }

    @BeforeEach
    void deployTheOldCertificate() {
        cloud.addCdnDomain("www.example.com");
        String first = cloud.addElbListener(REGION, "HTTPS");
        String second = cloud.addElbListener(REGION, "TERMINATED_HTTPS");
        defaultListener = Elb.listener(REGION, first);
        sniListener = Elb.sniListener(REGION, second);
        otherDefault = Elb.listener(REGION, second);
        PushResult img = scm.push(IMG).bind(otherDefault).bind(sniListener).execute();
        assertThat(img.succeeded()).as(img.bindings().toString()).isTrue();
        bindings = List.of(defaultListener, sniListener, Waf.host(REGION, cloud.addWafHost(REGION, "www.example.com",
                false)), Waf.premiumHost(REGION, cloud.addWafHost(REGION, "www.example.com", true)),
                Cdn.domain("www.example.com"));
        PushRequest push = scm.push(OLD);
        for (Binding binding : bindings) {
            push = push.bind(binding);
        }
        deployed = push.execute();
        assertThat(deployed.succeeded()).as(deployed.bindings().toString()).isTrue();
    }

    private RotationRequest renewEverywhere() {
        return scm.rotate(RENEWED).replacingOlder()
                .across(Waf.inRegions(REGION), Elb.inRegions(REGION), Cdn.matchingDomains());
    }

    /** The old certificate's id in each binding's service: ELB's and WAF's ids, CDN's certificate name. */
    private String oldId(Binding binding) {
        return deployed.outcome(binding.service(), binding.service().equals("cdn") ? null : REGION).orElseThrow()
                .remoteId();
    }

    /** One check per binding, on the TLS port that presents what the binding's resource serves now. */
    private Verification[] onEveryPort() {
        return bindings.stream().map(b -> {
            InetSocketAddress port = cloud.serve(b);
            // Room to retry: a loaded machine can take more than one attempt's second for a handshake.
            return Verification.of("www.example.com").at(port.getHostString(), port.getPort())
                    .within(Duration.ofSeconds(10));
        }).toArray(Verification[]::new);
    }

    @Test
    void a_plan_finds_every_binding_of_the_old_certificate_and_only_reads() {
        int before = cloud.requests().size();

        RotationPlan plan = renewEverywhere().plan();

        assertThat(cloud.requests().subList(before, cloud.requests().size()))
                .extracting(FakeHuaweiCloud.RecordedRequest::method).containsOnly("GET");
        assertThat(plan.bindings()).extracting(PlannedBinding::binding).containsExactlyInAnyOrderElementsOf(bindings);
        for (PlannedBinding planned : plan.bindings()) {
            assertThat(planned.currentCertificateId()).isEqualTo(oldId(planned.binding()));
            assertThat(planned.currentFingerprint()).isEqualTo(OLD.fingerprint());
        }
        assertThat(plan.push().bindings()).extracting(BindingOutcome::status).containsOnly(BindingStatus.BOUND);
        assertThat(plan.push().allowed()).isTrue();
    }

    @Test
    void renewing_everywhere_rebinds_every_binding_verifies_it_and_rolls_back() {
        RotationResult rotation = renewEverywhere().rollbackWith(OLD).verifying(onEveryPort()).execute();

        assertThat(rotation.succeeded()).as(rotation.toString()).isTrue();
        assertThat(rotation.bindings()).extracting(BindingOutcome::binding).containsExactlyInAnyOrderElementsOf(bindings);
        for (BindingOutcome outcome : rotation.bindings()) {
            assertThat(outcome.status()).as(outcome.toString()).isEqualTo(BindingStatus.BOUND);
            assertThat(outcome.previousCertificateId()).as(outcome.toString()).isEqualTo(oldId(outcome.binding()));
            assertThat(cloud.bound(outcome.binding())).extracting(RemoteCertificate::fingerprint)
                    .as(outcome.toString()).contains(RENEWED.fingerprint()).doesNotContain(OLD.fingerprint());
        }
        // The renewed certificate took the old one's place in the SNI list; the other entry stayed where it was.
        assertThat(cloud.bound(sniListener)).extracting(RemoteCertificate::fingerprint)
                .containsExactly(IMG.fingerprint(), RENEWED.fingerprint());
        assertThat(cloud.bound(otherDefault)).extracting(RemoteCertificate::fingerprint)
                .containsExactly(IMG.fingerprint());
        assertThat(rotation.verifications()).hasSize(5).allSatisfy(v -> assertThat(v.matches()).as(v.toString())
                .isTrue());
        InetSocketAddress second = cloud.serve(sniListener);
        assertThat(scm.verify(IMG, Verification.of("img.example.com").at(second.getHostString(), second.getPort())))
                .allMatch(VerificationResult::matches);
        // Nothing was deleted: the old certificate is still in every store, for the way back.
        assertThat(cloud.certificates("elb", REGION)).extracting(RemoteCertificate::fingerprint)
                .contains(OLD.fingerprint());
        assertThat(cloud.certificates("waf", REGION)).extracting(RemoteCertificate::fingerprint)
                .contains(OLD.fingerprint());

        RotationResult back = rotation.rollback();

        assertThat(back.bindings()).hasSize(5).allSatisfy(outcome -> {
            assertThat(outcome.status()).as(outcome.toString()).isEqualTo(BindingStatus.BOUND);
            assertThat(outcome.certificateId()).isEqualTo(oldId(outcome.binding()));
        });
        assertThat(scm.verify(OLD, onEveryPort())).allSatisfy(v -> assertThat(v.matches()).as(v.toString()).isTrue());
        assertThat(cloud.bound(sniListener)).extracting(RemoteCertificate::fingerprint)
                .containsExactly(IMG.fingerprint(), OLD.fingerprint());
        // The CDN domain got the old certificate back by content, under the name it had.
        assertThat(cloud.certificates("cdn", null)).extracting(RemoteCertificate::name).contains(OLD.name());

        // And the rollback's own rollback serves the renewal again.
        RotationResult forth = back.rollback();
        assertThat(forth.bindings()).hasSize(5).extracting(BindingOutcome::status).containsOnly(BindingStatus.BOUND);
        assertThat(scm.verify(RENEWED, onEveryPort())).allMatch(VerificationResult::matches);
    }

    @Test
    void without_the_old_certificate_a_cdn_domain_cannot_be_rolled_back_and_says_how_to_go_back() {
        RotationResult rotation = renewEverywhere().execute();
        assertThat(rotation.succeeded()).as(rotation.toString()).isTrue();

        RotationResult back = rotation.rollback();

        assertThat(back.bindings()).hasSize(5);
        for (BindingOutcome outcome : back.bindings()) {
            if (outcome.binding().service().equals("cdn")) {
                // CDN sets certificates by content and never returns a key: there is nothing to point back at.
                assertThat(outcome.status()).as(outcome.toString()).isEqualTo(BindingStatus.FAILED);
                assertThat(outcome.code()).isEqualTo(OutcomeCodes.ROLLBACK_NEEDS_CERTIFICATE);
                assertThat(outcome.message()).contains("rollbackWith(", "www.example.com", oldId(outcome.binding()));
                assertThat(outcome.certificateId()).isNull();
                assertThat(outcome.previousCertificateId()).isEqualTo(RENEWED.name());
                continue;
            }
            assertThat(outcome.status()).as(outcome.toString()).isEqualTo(BindingStatus.BOUND);
            assertThat(outcome.certificateId()).isEqualTo(oldId(outcome.binding()));
        }
        Verification[] ports = onEveryPort();
        List<VerificationResult> old = scm.verify(OLD, Arrays.copyOf(ports, 4));
        assertThat(old).allSatisfy(v -> assertThat(v.matches()).as(v.toString()).isTrue());
        // The CDN domain still serves the renewal; pushing the old certificate to it is the way back.
        assertThat(cloud.bound(Cdn.domain("www.example.com"))).extracting(RemoteCertificate::fingerprint)
                .containsExactly(RENEWED.fingerprint());
        assertThat(scm.push(OLD).to(Cdn.domains("www.example.com")).execute().succeeded()).isTrue();
        assertThat(scm.verify(OLD, ports[4])).allMatch(VerificationResult::matches);
    }

    @Test
    void rotating_twice_writes_nothing_the_second_time() {
        assertThat(renewEverywhere().execute().succeeded()).isTrue();
        int before = cloud.requests().size();

        RotationResult again = renewEverywhere().execute();

        assertThat(again.bindings()).extracting(BindingOutcome::status).containsOnly(BindingStatus.ALREADY_BOUND)
                .hasSize(5);
        assertThat(again.succeeded()).isTrue();
        assertThat(cloud.requests().subList(before, cloud.requests().size()))
                .extracting(FakeHuaweiCloud.RecordedRequest::method).containsOnly("GET");
    }
}
