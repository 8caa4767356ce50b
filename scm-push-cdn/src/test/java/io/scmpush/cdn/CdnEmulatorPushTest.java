package io.scmpush.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.ConfigurationCodes;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeStatus;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.cdn.internal.CdnProvider;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.FakeHuaweiCloud.CdnSettings;
import io.scmpush.testkit.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CDN pushes against FakeHuaweiCloud, which resets every setting a write omits, as Huawei Cloud does. */
class CdnEmulatorPushTest {
    private static final Certificate CERT =
            TestCertificates.builder().domains("example.com", "*.example.com").build().toCertificate();
    private static final String CONFIG_HTTPS = "/v1.0/cdn/domains/config-https-info";

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
    void a_push_leaves_https_origin_forced_redirect_and_http2_as_they_were() {
        CdnSettings configured = new CdnSettings("https", "https", true);
        CdnSettings follow = new CdnSettings("follow", "http", false);
        cloud.addCdnDomain("www.example.com");
        cloud.addCdnDomain("img.example.com");
        cloud.addCdnDomain("api.example.com");
        cloud.configureCdnDomain("www.example.com", configured);
        cloud.configureCdnDomain("api.example.com", follow);

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(cloud.certificates("cdn", null)).extracting(RemoteCertificate::fingerprint)
                .containsOnly(CERT.fingerprint()).hasSize(3);
        assertThat(cloud.cdnSettings("www.example.com")).isEqualTo(configured);
        assertThat(cloud.cdnSettings("api.example.com")).isEqualTo(follow);
        assertThat(cloud.cdnSettings("img.example.com")).isEqualTo(CdnSettings.DEFAULTS);
    }

    @Test
    void a_second_push_completes_a_push_that_reached_some_domains_and_writes_only_there() {
        cloud.addCdnDomain("www.example.com");
        cloud.addCdnDomain("img.example.com");
        scm.push(CERT).to(Cdn.domains("www.example.com")).execute();
        cloud.addCdnDomain("api.example.com");
        int before = cloud.requests().size();

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(cloud.certificates("cdn", null)).extracting(RemoteCertificate::id)
                .containsExactlyInAnyOrder("www.example.com", "img.example.com", "api.example.com");
        assertThat(cloud.requests().subList(before, cloud.requests().size()))
                .filteredOn(r -> r.path().equals(CONFIG_HTTPS)).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"domain_name\":\"img.example.com,api.example.com\""));
    }

    @Test
    void with_skip_a_certificate_on_every_target_domain_is_already_present() {
        cloud.addCdnDomain("www.example.com");
        cloud.addCdnDomain("img.example.com");
        scm.push(CERT).to(Cdn.matchingDomains()).execute();

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains()).onDuplicate(DuplicatePolicy.SKIP).execute()
                .outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
    }

    @Test
    void an_enterprise_project_sees_and_configures_only_its_own_domains() {
        cloud.addCdnDomain("www.example.com", "ep-shop");
        cloud.addCdnDomain("img.example.com");

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains().withOption(Cdn.ENTERPRISE_PROJECT_ID, "ep-shop"))
                .execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(cloud.certificates("cdn", null)).extracting(RemoteCertificate::id).containsExactly("www.example.com");
    }

    @Test
    void a_blank_enterprise_project_is_refused_before_any_call_as_for_waf_and_elb() {
        cloud.addCdnDomain("www.example.com");

        TargetOutcome outcome = scm.push(CERT).to(Cdn.matchingDomains().withOption(Cdn.ENTERPRISE_PROJECT_ID, " "))
                .execute().outcome("cdn", null).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT);
        assertThat(cloud.requests()).isEmpty();
    }

    @Test
    void credentials_without_a_domain_id_push_once_the_account_id_is_looked_up() {
        cloud.addCdnDomain("www.example.com");
        try (ScmPush withoutDomainId = ScmPush.builder().discoverProviders(false).provider(new CdnProvider())
                .endpoint(cloud.endpoint()).credentials(cloud.credentialsWithoutDomainId())
                .retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5)).build()) {

            TargetOutcome outcome = withoutDomainId.push(CERT).to(Cdn.matchingDomains()).execute()
                    .outcome("cdn", null).orElseThrow();

            assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
        }
        assertThat(cloud.requests()).filteredOn(r -> r.path().equals("/v3/auth/domains")).hasSize(1);
        assertThat(cloud.requests()).filteredOn(r -> r.path().startsWith("/v1"))
                .allSatisfy(r -> assertThat(r.headers().get("X-Domain-Id")).containsExactly(
                        cloud.credentials().domainId().orElseThrow()));
    }
}
