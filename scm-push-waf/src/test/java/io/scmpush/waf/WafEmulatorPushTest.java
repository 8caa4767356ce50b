package io.scmpush.waf;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.CloudHttp;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.testkit.TestProviderContext;
import io.scmpush.waf.internal.WafProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WAF pushes against FakeHuaweiCloud, whose certificate list hides bound certificates unless asked, as WAF's does. */
class WafEmulatorPushTest {
    private static final String REGION = "cn-north-4";
    private static final Certificate CERT = TestCertificates.builder().domains("www.example.com").build().toCertificate();

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final ScmPush scm = ScmPush.builder().discoverProviders(false).provider(new WafProvider())
            .endpoint(cloud.endpoint()).credentials(cloud.credentials())
            .retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        scm.close();
        cloud.close();
    }

    @Test
    void a_copy_bound_to_a_protected_domain_is_already_present_and_never_created_twice() {
        String id = scm.push(CERT).to(Waf.inRegions(REGION)).execute().outcome("waf", REGION).orElseThrow().remoteId();
        bindToAHost(id);

        TargetOutcome skipped = scm.push(CERT).to(Waf.inRegions(REGION)).onDuplicate(DuplicatePolicy.SKIP).execute()
                .outcome("waf", REGION).orElseThrow();
        TargetOutcome refused = scm.push(CERT).to(Waf.inRegions(REGION)).execute().outcome("waf", REGION).orElseThrow();

        assertThat(skipped.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(skipped.remoteId()).isEqualTo(id);
        assertThat(refused.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(refused.code()).isEqualTo(RuleCodes.ALREADY_PUSHED);
        assertThat(cloud.certificates("waf", REGION)).hasSize(1);
    }

    @Test
    void each_enterprise_project_holds_its_own_copy() {
        TargetOutcome shop = scm.push(CERT).to(Waf.inRegions(REGION).withOption(Waf.ENTERPRISE_PROJECT_ID, "ep-shop"))
                .execute().outcome("waf", REGION).orElseThrow();
        TargetOutcome again = scm.push(CERT).to(Waf.inRegions(REGION).withOption(Waf.ENTERPRISE_PROJECT_ID, "ep-shop"))
                .onDuplicate(DuplicatePolicy.SKIP).execute().outcome("waf", REGION).orElseThrow();
        TargetOutcome byDefault = scm.push(CERT).to(Waf.inRegions(REGION)).onDuplicate(DuplicatePolicy.SKIP).execute()
                .outcome("waf", REGION).orElseThrow();

        assertThat(shop.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(again.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(again.remoteId()).isEqualTo(shop.remoteId());
        assertThat(byDefault.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(cloud.certificates("waf", REGION)).hasSize(2);
    }

    @Test
    void a_region_whose_project_lookup_finds_two_projects_fails_as_ambiguous_and_writes_nothing() {
        cloud.addProject(REGION);

        TargetOutcome outcome = scm.push(CERT).to(Waf.inRegions(REGION)).execute().outcome("waf", REGION).orElseThrow();

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.PROJECT_AMBIGUOUS);
        assertThat(cloud.certificates("waf", REGION)).isEmpty();
    }

    private void bindToAHost(String certificateId) {
        CloudHttp http = TestProviderContext.builder(cloud.endpoint()).credentials(cloud.credentials()).build().http();
        String project = cloud.projectId(REGION);
        http.send(CloudHttp.Request.builder("POST", cloud.endpoint(),
                        "/v1/" + project + "/waf/certificate/" + certificateId + "/apply-to-hosts")
                .projectId(project).jsonBody("{\"cloud_host_ids\":[\"0123456789abcdef0123456789abcdef\"]}").build());
    }
}
