package io.scmpush.waf;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The threads one ScmPush holds while 32 callers push to 10 WAF regions each, HTTP included. */
class WafThreadsTest {
    private static final String[] TEN = {"cn-north-1", "cn-north-4", "cn-north-9", "cn-east-2", "cn-east-3",
        "cn-south-1", "cn-southwest-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3"};

    @Test
    @Timeout(60)
    void thirty_two_callers_of_ten_regions_hold_max_concurrency_workers_and_a_few_more() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<PushResult> results = new CopyOnWriteArrayList<>();
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials())
                        .maxConcurrency(8).build()) {
            cloud.latency(Duration.ofMillis(5)); // requests overlap
            List<Certificate> certificates = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                certificates.add(TestCertificates.builder().ec().domains("caller" + i + ".example.com").build()
                        .toCertificate());
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> callers = new ArrayList<>();
            for (Certificate certificate : certificates) {
                Thread caller = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    results.add(scm.push(certificate).to(Waf.inRegions(TEN)).onDuplicate(DuplicatePolicy.SKIP)
                            .execute());
                });
                caller.start();
                callers.add(caller);
            }
            go.countDown();
            for (Thread caller : callers) {
                caller.join(50_000);
            }

            // Idle threads of the engine live 30 s: every one it started is still here to count.
            List<String> ours = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.getName().startsWith("scm-push-"))
                    .map(Thread::getName).sorted().collect(Collectors.toList());
            assertThat(ours).as("8 workers, the HTTP client's 2 threads, the deadline timer").hasSizeLessThanOrEqualTo(11);
        }
        assertThat(results).hasSize(32);
        assertThat(results).flatMap(PushResult::outcomes).extracting(TargetOutcome::status)
                .containsOnly(OutcomeStatus.PUSHED).hasSize(320);
    }
}
