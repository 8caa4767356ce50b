package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.elb.Elb;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A warm {@link ScmPush} starts no thread per push or per request. The JDK's {@code HttpClient.sendAsync}
 * completes every exchange through the common pool, which with two CPUs or fewer (a CI runner, a small
 * container) is a new thread each time; the transport sends with the blocking {@code send} instead.
 */
@Timeout(60)
class PushThreadsTest {
    private static final String REGION = "cn-north-4";

    @Test
    void a_hundred_pushes_start_no_thread_once_the_instance_is_warm() {
        Certificate certificate = TestCertificates.builder().ec().domains("www.example.com").includeCa(false).build()
                .toCertificate();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ScmPush scm = ScmPush.builder().credentials(cloud.credentials()).endpoint(cloud.endpoint()).build()) {
            // Warm: the engine's worker, the client's selector, and the emulator's pool, which starts a thread for
            // each of its first 64 requests.
            for (int i = 0; i < 70; i++) {
                push(scm, certificate);
            }
            long before = threads.getTotalStartedThreadCount();

            for (int i = 0; i < 100; i++) {
                push(scm, certificate);
            }

            // 100 pushes are 100 requests at least (each reads ELB's listing). The margin is for the JVM's
            // own threads, such as a compiler thread started under load.
            assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(20);
        }
    }

    private static void push(ScmPush scm, Certificate certificate) {
        PushResult result = scm.push(certificate).to(Elb.inRegions(REGION)).onDuplicate(DuplicatePolicy.SKIP)
                .execute();
        assertThat(result.outcomes()).singleElement().satisfies(outcome -> assertThat(outcome.status())
                .isIn(OutcomeStatus.PUSHED, OutcomeStatus.ALREADY_PRESENT));
    }
}
