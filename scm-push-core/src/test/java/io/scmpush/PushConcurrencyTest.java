package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parallelism shown without a clock: {@link InMemoryProvider} counts the pushes in flight and holds each
 * push until the expected number have arrived, so the maximum is exact, not a matter of timing.
 */
class PushConcurrencyTest {
    private static final Certificate CERT = TestCertificates.builder().build().toCertificate();
    private static final PushTarget TEN_REGIONS = PushTarget.of(InMemoryProvider.SERVICE).inRegions("cn-north-1",
            "cn-north-4", "cn-north-9", "cn-east-2", "cn-east-3", "cn-south-1", "cn-southwest-2", "ap-southeast-1",
            "ap-southeast-2", "ap-southeast-3");

    @ParameterizedTest(name = "maxConcurrency {0}")
    @ValueSource(ints = {1, 4, 8, 10, 16})
    void one_certificate_to_ten_regions_reads_and_pushes_min_of_ten_and_max_concurrency_at_once(int maxConcurrency) {
        int expected = Math.min(10, maxConcurrency);
        InMemoryProvider memory = new InMemoryProvider().meetingUntilInFlight(expected);
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).provider(memory).maxConcurrency(maxConcurrency)
                .build()) {

            PushResult result = scm.push(CERT).to(TEN_REGIONS).execute();

            assertThat(result.succeeded()).isTrue();
            assertThat(memory.writes()).hasSize(10);
            assertThat(memory.maxReadsInFlight()).isEqualTo(expected);
            assertThat(memory.maxPushesInFlight()).isEqualTo(expected);
        }
    }

    @Test
    void the_default_concurrency_is_eight() {
        InMemoryProvider memory = new InMemoryProvider().meetingUntilInFlight(8);
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).provider(memory).build()) {
            scm.push(CERT).to(TEN_REGIONS).execute();

            assertThat(memory.maxReadsInFlight()).isEqualTo(8);
            assertThat(memory.maxPushesInFlight()).isEqualTo(8);
        }
    }

    @Test
    void execute_async_returns_before_the_push_is_done() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        InMemoryProvider memory = new InMemoryProvider().holdingPushesUntil(release);
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).provider(memory).build()) {

            CompletableFuture<PushResult> future = scm.push(CERT).to(TEN_REGIONS).executeAsync();

            assertThat(future).isNotDone();
            release.countDown();
            PushResult result = future.get(10, TimeUnit.SECONDS);
            assertThat(result.succeeded()).isTrue();
            assertThat(result.outcomes()).hasSize(10);
            assertThat(scm.history().latest(CERT.fingerprint())).hasSize(10);
        }
    }

    @Test
    void close_leaves_no_thread_behind() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        InMemoryProvider memory = new InMemoryProvider().meetingUntilInFlight(8);
        ScmPush scm = ScmPush.builder().discoverProviders(false).provider(memory).build();
        scm.push(CERT).to(TEN_REGIONS).executeAsync().join();
        List<Thread> ours = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("scm-push-"))
                .collect(Collectors.toList());
        assertThat(ours).as("the push ran on the instance's own threads").hasSizeGreaterThanOrEqualTo(8);

        scm.close();

        for (Thread thread : ours) {
            thread.join(5_000); // close() already waited for them; join only guards against a slow exit
        }
        assertThat(ours).noneMatch(Thread::isAlive);
    }
}
