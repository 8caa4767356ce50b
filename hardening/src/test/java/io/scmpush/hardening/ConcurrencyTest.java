package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.scmpush.Certificate;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One {@link ScmPush} shared by {@value #THREADS} threads that push {@value #CERTIFICATES} certificates
 * to WAF on {@link FakeHuaweiCloud}, with logging at ALL under {@link SecretsWatch}: every outcome is
 * accounted for, the remote and the history agree with the outcomes, and once the instance is closed
 * none of the threads it started is left.
 */
class ConcurrencyTest {
    static final int THREADS = 32;
    static final int CERTIFICATES = 1_000;
    static final String REGION = "cn-north-4";

    @RegisterExtension
    static final SecretsWatch secrets = new SecretsWatch();

    @Test
    void one_instance_shared_by_32_threads_pushes_1000_certificates_accounts_for_each_and_leaves_no_thread()
            throws Exception {
        // EC keys, no CA in the chain: generating and parsing a thousand stays within a few seconds.
        List<Certificate> certificates = IntStream.range(0, CERTIFICATES).parallel()
                .mapToObj(i -> TestCertificates.builder().ec().domains("host-" + i + ".example.com").includeCa(false)
                        .build().toCertificate())
                .toList();
        certificates.forEach(secrets::privateKeyOf);
        Set<String> fingerprints = certificates.stream().map(Certificate::fingerprint).collect(Collectors.toSet());
        PushHistory history = PushHistory.inMemory();
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        List<PushResult> results = new ArrayList<>();

        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            ScmPush scm = ScmPush.builder().credentials(cloud.credentials()).endpoint(cloud.endpoint())
                    .retry(FaultMatrixTest.RETRY).requestTimeout(Duration.ofSeconds(30)).history(history).build();
            ExecutorService callers = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<PushResult>> pushes = new ArrayList<>();
                for (Certificate certificate : certificates) {
                    pushes.add(callers.submit(() -> scm.push(certificate).to(Waf.inRegions(REGION)).execute()));
                }
                for (Future<PushResult> push : pushes) {
                    results.add(push.get(2, TimeUnit.MINUTES));
                }
            } finally {
                callers.shutdownNow();
                assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                scm.close();
            }
            secrets.show(scm);
            results.forEach(secrets::show);

            List<TargetOutcome> outcomes = results.stream().flatMap(r -> r.outcomes().stream()).toList();
            assertThat(outcomes).hasSize(CERTIFICATES).allSatisfy(outcome -> {
                assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.PUSHED);
                assertThat(outcome.attempts()).isEqualTo(1);
            });
            assertThat(results).extracting(PushResult::fingerprint).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(fingerprints);
            List<RemoteCertificate> remote = cloud.certificates(Waf.SERVICE, REGION);
            assertThat(remote).as("WAF holds each certificate once").hasSize(CERTIFICATES);
            assertThat(remote).extracting(RemoteCertificate::fingerprint)
                    .containsExactlyInAnyOrderElementsOf(fingerprints);
            assertThat(remote).extracting(RemoteCertificate::id)
                    .containsExactlyInAnyOrderElementsOf(outcomes.stream().map(TargetOutcome::remoteId).toList());
            for (PushResult result : results) {
                TargetOutcome outcome = result.outcomes().get(0);
                assertThat(history.latest(result.fingerprint()))
                        .extracting(PushRecord::certificateName, PushRecord::service, PushRecord::status,
                                PushRecord::remoteId)
                        .containsExactly(tuple(result.certificateName(), Waf.SERVICE, OutcomeStatus.PUSHED,
                                outcome.remoteId()));
            }
        }
        assertNoThreadOutlives(before);
    }

    /**
     * Every thread started since {@code before} ends. The JDK's HttpClient has no close() before Java 21:
     * its selector thread ends once the client is unreachable, which a garbage collection makes so.
     */
    static void assertNoThreadOutlives(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<Thread> left = newThreads(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            left.get(0).join(100);
            left = newThreads(before);
        }
        assertThat(left).extracting(Thread::getName).as("threads left after close()").isEmpty();
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        Set<Thread> now = new HashSet<>(Thread.getAllStackTraces().keySet());
        now.removeAll(before);
        now.removeIf(thread -> !thread.isAlive());
        return List.copyOf(now);
    }
}
