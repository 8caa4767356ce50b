package io.scmpush.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.PushPlan;
import io.scmpush.PushRequest;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Push and bind through the emulator, as a user deploys: two ELB listeners (one's default certificate,
 * another's SNI list beside an entry already there), a WAF cloud host, a WAF premium host and a CDN domain.
 */
@Timeout(30)
class BindThroughEmulatorTest {
    private static final String REGION = "cn-north-4";
    private static final Certificate WWW = TestCertificates.builder().ec().domains("www.example.com").build()
            .toCertificate();
    private static final Certificate IMG = TestCertificates.builder().ec().domains("img.example.com").build()
            .toCertificate();

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build();

    @AfterEach
    void close() {
        scm.close();
        cloud.close();
    }

    @Test
    void a_push_binds_listeners_hosts_and_a_domain_and_a_second_push_finds_them_bound() {
        cloud.addCdnDomain("www.example.com");
        String first = cloud.addElbListener(REGION, "HTTPS");
        String second = cloud.addElbListener(REGION, "TERMINATED_HTTPS");
        String host = cloud.addWafHost(REGION, "www.example.com", false);
        String premiumHost = cloud.addWafHost(REGION, "www.example.com", true);
        PushResult img = scm.push(IMG).bind(Elb.listener(REGION, second)).bind(Elb.sniListener(REGION, second))
                .execute();
        assertThat(img.succeeded()).as(img.bindings().toString()).isTrue();
        String imgId = img.outcome("elb", REGION).orElseThrow().remoteId();

        List<Binding> bindings = List.of(Elb.listener(REGION, first), Elb.sniListener(REGION, second),
                Waf.host(REGION, host), Waf.premiumHost(REGION, premiumHost), Cdn.domain("www.example.com"));
        PushPlan plan = bindAll(scm.push(WWW), bindings).plan();
        assertThat(plan.bindings()).extracting(BindingOutcome::status).containsOnly(BindingStatus.BOUND);
        PushResult pushed = bindAll(scm.push(WWW), bindings).execute();

        assertThat(pushed.succeeded()).as(pushed.bindings().toString()).isTrue();
        assertThat(pushed.outcomes()).hasSize(3); // elb, waf and cdn, each added by its bindings
        assertThat(pushed.bindings()).extracting(BindingOutcome::status).containsOnly(BindingStatus.BOUND);
        for (Binding binding : List.of(Elb.listener(REGION, first), Waf.host(REGION, host),
                Waf.premiumHost(REGION, premiumHost), Cdn.domain("www.example.com"))) {
            assertThat(cloud.bound(binding)).as(binding.toString()).singleElement()
                    .extracting(RemoteCertificate::fingerprint).isEqualTo(WWW.fingerprint());
        }
        assertThat(cloud.bound(Elb.sniListener(REGION, second))).extracting(RemoteCertificate::fingerprint)
                .containsExactly(IMG.fingerprint(), WWW.fingerprint());
        assertThat(cloud.bound(Elb.listener(REGION, second))).extracting(RemoteCertificate::id).containsExactly(imgId);

        int requests = cloud.requests().size();
        PushResult again = bindAll(scm.push(WWW).onDuplicate(DuplicatePolicy.SKIP), bindings).execute();
        assertThat(again.bindings()).extracting(BindingOutcome::status).containsOnly(BindingStatus.ALREADY_BOUND);
        assertThat(again.succeeded()).isTrue();
        assertThat(cloud.requests().subList(requests, cloud.requests().size()))
                .extracting(FakeHuaweiCloud.RecordedRequest::method).containsOnly("GET");
    }

    private static PushRequest bindAll(PushRequest request, List<Binding> bindings) {
        for (Binding binding : bindings) {
            request = request.bind(binding);
        }
        return request;
    }
}
