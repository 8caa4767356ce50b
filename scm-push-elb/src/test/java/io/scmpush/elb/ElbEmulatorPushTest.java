package io.scmpush.elb;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeStatus;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.elb.internal.ElbProvider;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ELB pushes against FakeHuaweiCloud, which scopes certificates by enterprise project as ELB does. */
class ElbEmulatorPushTest {
    private static final String REGION = "cn-north-4";
    private static final Certificate CERT = TestCertificates.builder().domains("www.example.com").build().toCertificate();

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final ScmPush scm = ScmPush.builder().discoverProviders(false).provider(new ElbProvider())
            .endpoint(cloud.endpoint()).credentials(cloud.credentials())
            .retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        scm.close();
        cloud.close();
    }

    @Test
    void a_push_creates_in_the_enterprise_project_and_reads_only_that_project() {
        TargetOutcome shop = push(Elb.inRegions(REGION).withOption(Elb.ENTERPRISE_PROJECT_ID, "ep-shop"));
        TargetOutcome blog = push(Elb.inRegions(REGION).withOption(Elb.ENTERPRISE_PROJECT_ID, "ep-blog"));
        TargetOutcome anyProject = push(Elb.inRegions(REGION));

        assertThat(shop.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(blog.status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(blog.remoteId()).isNotEqualTo(shop.remoteId());
        assertThat(anyProject.status()).as("no project: every project is listed").isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(cloud.certificates("elb", REGION)).hasSize(2);
        assertThat(cloud.requests()).filteredOn(r -> r.method().equals("POST"))
                .extracting(r -> r.body().contains("\"enterprise_project_id\":\"ep-shop\""),
                        r -> r.body().contains("\"enterprise_project_id\":\"ep-blog\""))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, false),
                        org.assertj.core.groups.Tuple.tuple(false, true));
    }

    private TargetOutcome push(io.scmpush.PushTarget target) {
        return scm.push(CERT).to(target).onDuplicate(DuplicatePolicy.SKIP).execute().outcome("elb", REGION).orElseThrow();
    }
}
