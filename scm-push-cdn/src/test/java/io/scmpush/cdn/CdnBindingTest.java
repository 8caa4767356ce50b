package io.scmpush.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.PushPlan;
import io.scmpush.PushResult;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.cdn.internal.CdnProvider;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.FakeHuaweiCloud.CdnSettings;
import io.scmpush.testkit.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code Cdn.domain(...)} bindings against FakeHuaweiCloud: the push sets the certificate, the binding names it. */
@Timeout(30)
class CdnBindingTest {
    private static final Certificate OLD = TestCertificates.builder().ec().domains("www.example.com").build()
            .toCertificate();
    private static final Certificate NEW = TestCertificates.builder().ec()
            .domains("www.example.com", "img.example.com").build().toCertificate();

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final ScmPush scm = ScmPush.builder().discoverProviders(false).provider(new CdnProvider())
            .endpoint(cloud.endpoint()).credentials(cloud.credentials())
            .retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        scm.close();
        cloud.close();
    }

    @Test
    void a_domain_binding_pushes_to_that_domain_only_and_reports_what_it_served_before() {
        cloud.addCdnDomain("www.example.com");
        cloud.addCdnDomain("img.example.com");
        assertThat(scm.push(OLD).to(Cdn.domains("www.example.com")).execute().succeeded()).isTrue();

        PushResult result = scm.push(NEW).bind(Cdn.domain("www.example.com")).execute();

        assertThat(result.outcome("cdn", null)).get().extracting(o -> o.remoteId()).isEqualTo(NEW.name());
        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.certificateId()).isEqualTo(NEW.name());
            assertThat(b.previousCertificateId()).isEqualTo(OLD.name());
        });
        assertThat(cloud.bound(Cdn.domain("www.example.com"))).extracting(RemoteCertificate::fingerprint)
                .containsExactly(NEW.fingerprint());
        assertThat(cloud.bound(Cdn.domain("img.example.com"))).isEmpty(); // covered, but not asked for
    }

    @Test
    void a_domain_the_push_did_not_reach_is_set_by_its_binding_with_its_settings_kept() {
        cloud.addCdnDomain("www.example.com");
        cloud.addCdnDomain("img.example.com");
        CdnSettings settings = new CdnSettings("https", "https", true);
        cloud.configureCdnDomain("img.example.com", settings);

        PushResult result = scm.push(NEW).to(Cdn.domains("www.example.com")).bind(Cdn.domain("img.example.com"))
                .execute();

        assertThat(result.bindings()).singleElement().extracting(BindingOutcome::status)
                .isEqualTo(BindingStatus.BOUND);
        assertThat(cloud.bound(Cdn.domain("img.example.com"))).extracting(RemoteCertificate::fingerprint)
                .containsExactly(NEW.fingerprint());
        assertThat(cloud.cdnSettings("img.example.com")).isEqualTo(settings);

        PushResult again = scm.push(NEW).onDuplicate(DuplicatePolicy.SKIP).to(Cdn.domains("www.example.com"))
                .bind(Cdn.domain("img.example.com")).execute();
        assertThat(again.bindings()).singleElement().extracting(BindingOutcome::status)
                .isEqualTo(BindingStatus.ALREADY_BOUND);
    }

    @Test
    void an_unknown_domain_is_not_found_and_an_uncovered_one_is_not_covered() {
        cloud.addCdnDomain("shop.example.org");

        PushPlan plan = scm.push(NEW).bind(Cdn.domain("nosuch.example.com")).bind(Cdn.domain("shop.example.org"))
                .plan();

        assertThat(plan.bindings()).extracting(BindingOutcome::code)
                .containsExactly(RuleCodes.RESOURCE_NOT_FOUND, RuleCodes.DOMAIN_NOT_COVERED);
    }
}
