package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.rules.RuleCodes;
import io.scmpush.rules.RuleEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DESIGN.md "Engine lifecycle", promise by promise, against {@link InMemoryProvider}: latches decide
 * what is in flight when, so nothing here sleeps or measures time. Each test bounds itself.
 */
@Timeout(20)
class EngineLifecycleTest {
    private static final Certificate CERT = TestCertificates.builder().domains("www.example.com").build().toCertificate();
    private static final String[] TEN = {"cn-north-1", "cn-north-4", "cn-north-9", "cn-east-2", "cn-east-3",
        "cn-south-1", "cn-southwest-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3"};

    private final List<ScmPush> opened = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeAll() {
        release.countDown();
        opened.forEach(ScmPush::close);
    }

    private ScmPush scm(InMemoryProvider memory, int maxConcurrency) {
        return scm(ScmPush.builder().discoverProviders(false).provider(memory).maxConcurrency(maxConcurrency));
    }

    private ScmPush scm(ScmPush.Builder builder) {
        ScmPush scm = builder.build();
        opened.add(scm);
        return scm;
    }

    private static PushTarget memory(String... regions) {
        return PushTarget.of(InMemoryProvider.SERVICE).inRegions(regions);
    }

    @Test
    void thirty_two_callers_of_ten_targets_each_run_on_max_concurrency_threads_plus_a_few() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        InMemoryProvider memory = new InMemoryProvider().meetingUntilInFlight(4);
        ScmPush scm = scm(memory, 4);
        List<Thread> callers = new ArrayList<>();
        List<PushResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 32; i++) {
            Thread caller = new Thread(() -> {
                await(go);
                results.add(scm.push(CERT).to(memory(TEN)).onDuplicate(DuplicatePolicy.SKIP).execute());
            }, "caller-" + i);
            caller.start();
            callers.add(caller);
        }
        go.countDown();
        for (Thread caller : callers) {
            caller.join(15_000);
        }
        // Async callers too: they hold no thread of their own while they wait.
        List<CompletableFuture<PushResult>> futures = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            futures.add(scm.push(CERT).to(memory(TEN)).onDuplicate(DuplicatePolicy.SKIP).executeAsync());
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);

        assertThat(results).hasSize(32).allMatch(PushResult::succeeded);
        // Idle workers live 30 s, so every thread the engine ever started is still here to count.
        List<String> ours = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("scm-push-"))
                .map(Thread::getName).collect(Collectors.toList());
        assertThat(ours).as("threads of the engine").hasSizeBetween(4, 4 + 3);
        assertThat(memory.maxPushesInFlight()).isLessThanOrEqualTo(4);
        assertThat(memory.maxReadsInFlight()).isLessThanOrEqualTo(4);
        assertThat(memory.writes()).as("one copy per region: concurrent pushes of one certificate wait their turn")
                .hasSize(10);
    }

    @Test
    void close_during_a_push_lets_it_finish_with_every_outcome_and_refuses_new_pushes() throws Exception {
        CountDownLatch writing = new CountDownLatch(3);
        InMemoryProvider memory = new InMemoryProvider().beforePush(region -> {
            writing.countDown();
            await(release);
        });
        ScmPush scm = scm(memory, 8);
        CompletableFuture<PushResult> future = scm.push(CERT).to(memory("cn-north-1", "cn-north-4", "cn-north-9"))
                .executeAsync();
        await(writing);

        Thread closer = new Thread(scm::close, "closer");
        closer.start();
        awaitRefused(scm);
        assertThat(future).isNotDone();
        release.countDown();
        closer.join(10_000);

        assertThat(closer.isAlive()).isFalse();
        PushResult result = future.get(0, TimeUnit.SECONDS); // close() returned: the push had ended
        assertThat(result.outcomes()).hasSize(3).allMatch(o -> o.status() == OutcomeStatus.PUSHED);
        assertThat(scm.history().latest(CERT.fingerprint())).hasSize(3);
        assertThat(memory.closed()).isTrue();
    }

    @Test
    void close_ends_a_push_still_running_after_the_shutdown_timeout_without_losing_an_outcome() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        InMemoryProvider memory = new InMemoryProvider().beforePush(region -> {
            writing.countDown();
            await(release); // interrupted by close(): the provider gives up
        });
        ScmPush scm = scm(ScmPush.builder().discoverProviders(false).provider(memory).maxConcurrency(1)
                .shutdownTimeout(Duration.ZERO));
        CompletableFuture<PushResult> future = scm.push(CERT).to(memory("cn-north-1", "cn-north-4")).executeAsync();
        await(writing);

        scm.close();

        PushResult result = future.get(0, TimeUnit.SECONDS);
        assertThat(result.outcomes()).extracting(TargetOutcome::code).containsExactly(OutcomeCodes.OUTCOME_UNKNOWN, OutcomeCodes.CANCELLED);
        assertThat(result.outcomes()).allMatch(o -> o.status() == OutcomeStatus.FAILED);
        assertThat(scm.history().latest(CERT.fingerprint())).hasSize(2);
        assertThat(memory.writes()).isEmpty();
    }

    @Test
    void cancelling_the_future_before_the_writes_writes_nothing_and_records_cancelled() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        InMemoryProvider memory = new InMemoryProvider().beforeRead(region -> {
            reading.countDown();
            await(release);
        });
        List<TargetOutcome> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScmPush scm = scm(ScmPush.builder().discoverProviders(false).provider(memory).maxConcurrency(1)
                .listener(new PushListener() {
                    @Override
                    public void onOutcome(TargetOutcome outcome) {
                        told.add(outcome);
                    }
                }));
        CompletableFuture<PushResult> future = scm.push(CERT).to(memory("cn-north-1", "cn-north-4")).executeAsync();
        await(reading);

        assertThat(future.cancel(true)).isTrue();

        assertThat(future).isCancelled();
        assertThat(scm.history().latest(CERT.fingerprint())).hasSize(2)
                .allMatch(r -> r.status() == OutcomeStatus.FAILED && r.message().contains("cancelled"));
        assertThat(told).extracting(TargetOutcome::code).containsExactly(OutcomeCodes.CANCELLED, OutcomeCodes.CANCELLED);
        release.countDown();
        scm.close(); // waits for the read still running
        assertThat(memory.writes()).isEmpty();
    }

    @Test
    void a_write_under_way_when_the_future_is_cancelled_finishes_and_is_reported() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        InMemoryProvider memory = new InMemoryProvider().beforePush(region -> {
            writing.countDown();
            await(release);
        });
        AtomicReference<PushResult> completed = new AtomicReference<>();
        ScmPush scm = scm(ScmPush.builder().discoverProviders(false).provider(memory).maxConcurrency(1)
                .listener(new PushListener() {
                    @Override
                    public void onCompleted(PushResult result) {
                        completed.set(result);
                    }
                }));
        CompletableFuture<PushResult> future = scm.push(CERT).to(memory("cn-north-1", "cn-north-4")).executeAsync();
        await(writing);

        future.cancel(true);
        release.countDown();
        scm.close();

        assertThat(memory.writes()).containsExactly("cn-north-1");
        assertThat(completed.get().outcomes()).extracting(TargetOutcome::status)
                .containsExactly(OutcomeStatus.PUSHED, OutcomeStatus.FAILED);
        assertThat(completed.get().outcomes().get(1).code()).isEqualTo(OutcomeCodes.CANCELLED);
        assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    }

    @Test
    void the_deadline_ends_every_unfinished_target_with_timeout_and_nothing_is_written_after_it() {
        InMemoryProvider memory = new InMemoryProvider().beforeRead(region -> {
            if (region.equals("cn-north-4")) {
                await(release); // this read outlives the deadline
            }
        });
        ScmPush scm = scm(memory, 8);

        PushResult result = scm.push(CERT).to(memory("cn-north-1", "cn-north-4")).timeout(Duration.ofMillis(200))
                .execute();

        assertThat(result.outcomes()).allMatch(o -> o.status() == OutcomeStatus.FAILED && OutcomeCodes.TIMEOUT.equals(o.code()));
        release.countDown();
        scm.close(); // waits for the read that was still running
        assertThat(memory.writes()).isEmpty();
        assertThat(scm.history().latest(CERT.fingerprint())).extracting(PushRecord::status)
                .containsOnly(OutcomeStatus.FAILED);
    }

    @Test
    void a_write_queued_when_the_deadline_passes_never_starts() {
        CountDownLatch writing = new CountDownLatch(1);
        InMemoryProvider memory = new InMemoryProvider().beforePush(region -> {
            writing.countDown();
            await(release);
        });
        ScmPush scm = scm(memory, 1);

        PushResult result = scm.push(CERT).to(memory("cn-north-1", "cn-north-4")).timeout(Duration.ofMillis(1500))
                .execute();

        assertThat(result.outcomes()).extracting(TargetOutcome::code).containsExactly(OutcomeCodes.TIMEOUT, OutcomeCodes.TIMEOUT);
        assertThat(result.outcomes().get(0).message()).contains("may or may not");
        release.countDown();
        scm.close();
        assertThat(memory.writes()).as("the write under way finished; the queued one never started")
                .containsExactly("cn-north-1");
    }

    @Test
    void interrupting_the_caller_during_a_write_reports_the_write_and_cancels_the_rest() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        InMemoryProvider memory = new InMemoryProvider().beforePush(region -> {
            writing.countDown();
            await(release);
        });
        ScmPush scm = scm(memory, 1);
        AtomicReference<PushResult> result = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            result.set(scm.push(CERT).to(memory("cn-north-1", "cn-north-4")).execute());
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        await(writing);

        caller.interrupt();
        awaitRecorded(scm, 1); // the unwritten target is cancelled at once
        release.countDown();
        caller.join(10_000);

        assertThat(result.get().outcomes()).extracting(TargetOutcome::status)
                .containsExactly(OutcomeStatus.PUSHED, OutcomeStatus.FAILED);
        assertThat(result.get().outcomes().get(1).code()).isEqualTo(OutcomeCodes.CANCELLED);
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(memory.writes()).containsExactly("cn-north-1");
        assertThat(scm.history().latest(CERT.fingerprint())).extracting(PushRecord::status)
                .containsExactlyInAnyOrder(OutcomeStatus.PUSHED, OutcomeStatus.FAILED);
    }

    @Test
    void a_request_that_rules_without_inventory_reject_entirely_reads_nothing() {
        InMemoryProvider memory = new InMemoryProvider();
        ScmPush scm = scm(memory, 8);
        String[] eleven = java.util.Arrays.copyOf(TEN, 11);
        eleven[10] = "la-south-2";

        PushResult tooMany = scm.push(CERT).to(memory(eleven)).execute();
        PushResult blank = scm.push(CERT).to(memory("")).execute();

        assertThat(tooMany.outcomes()).hasSize(11).allMatch(o -> RuleCodes.REGION_LIMIT.equals(o.code()));
        assertThat(blank.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(o.code()).isEqualTo(RuleCodes.REGION_REQUIRED);
        });
        assertThat(memory.inventoryReads()).isZero();
    }

    @Test
    void a_rule_that_throws_fails_the_targets_it_judges_and_the_others_go_on() {
        InMemoryProvider memory = new InMemoryProvider();
        ScmPush scm = scm(ScmPush.builder().discoverProviders(false).provider(memory)
                .rules(RuleEngine.standard().with("PICKY", context -> {
                    if (context.targets().stream().anyMatch(t -> t.regions().contains("cn-north-4"))) {
                        throw new IllegalStateException("cannot judge cn-north-4");
                    }
                    return List.of();
                })));

        PushResult result = scm.push(CERT).to(memory("cn-north-1", "cn-north-4")).execute();

        assertThat(result.outcome(InMemoryProvider.SERVICE, "cn-north-1")).get()
                .extracting(TargetOutcome::status).as(result.outcomes().toString()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(result.outcome(InMemoryProvider.SERVICE, "cn-north-4")).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(o.code()).isEqualTo(OutcomeCodes.RULE_FAILED);
            assertThat(o.message()).contains("PICKY");
        });
        assertThat(memory.writes()).containsExactly("cn-north-1");
    }

    @Test
    void a_rule_that_returns_null_fails_like_one_that_throws_in_a_plan_and_a_push() {
        InMemoryProvider memory = new InMemoryProvider();
        ScmPush scm = scm(ScmPush.builder().discoverProviders(false).provider(memory)
                .rules(RuleEngine.standard().with("CARELESS", context -> null)));

        PushPlan plan = scm.push(CERT).to(memory("cn-north-1")).plan();
        PushResult result = scm.push(CERT).to(memory("cn-north-1")).execute();

        assertThat(plan.allowed()).as(plan.actions().toString()).isFalse();
        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(o.code()).isEqualTo(OutcomeCodes.RULE_FAILED);
            assertThat(o.message()).contains("CARELESS");
        });
        assertThat(memory.writes()).isEmpty();
    }

    @Test
    void concurrent_identical_reads_are_made_once_and_the_second_push_finds_the_first_ones_copy() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        InMemoryProvider memory = new InMemoryProvider().beforeRead(region -> {
            reading.countDown();
            await(release);
        });
        ScmPush scm = scm(memory, 8);
        PushRequest request = scm.push(CERT).to(memory("cn-north-4")).onDuplicate(DuplicatePolicy.SKIP);

        CompletableFuture<PushResult> first = request.executeAsync();
        await(reading);
        CompletableFuture<PushResult> second = request.executeAsync(); // joins the read in flight
        release.countDown();

        List<TargetOutcome> outcomes = List.of(first.get(10, TimeUnit.SECONDS).outcomes().get(0),
                second.get(10, TimeUnit.SECONDS).outcomes().get(0));
        assertThat(memory.inventoryReads()).isEqualTo(1);
        assertThat(memory.writes()).containsExactly("cn-north-4");
        assertThat(outcomes).extracting(TargetOutcome::status)
                .containsExactlyInAnyOrder(OutcomeStatus.PUSHED, OutcomeStatus.ALREADY_PRESENT);
        assertThat(outcomes.get(0).remoteId()).isEqualTo(outcomes.get(1).remoteId());
    }

    @Test
    void a_read_that_completed_is_not_reused() {
        InMemoryProvider memory = new InMemoryProvider();
        ScmPush scm = scm(memory, 8);

        scm.push(CERT).to(memory("cn-north-4")).plan();
        scm.push(CERT).to(memory("cn-north-4")).plan();

        assertThat(memory.inventoryReads()).isEqualTo(2);
    }

    @Test
    void a_push_started_after_close_is_refused() {
        ScmPush scm = scm(new InMemoryProvider(), 8);
        PushRequest request = scm.push(CERT).to(memory("cn-north-4"));

        scm.close();

        assertThatThrownBy(request::execute).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(request::executeAsync).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_timeout_must_be_positive() {
        PushRequest request = scm(new InMemoryProvider(), 8).push(CERT).to(memory("cn-north-4"));

        assertThatThrownBy(() -> request.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> request.timeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Waits until {@code scm} refuses new pushes: close() has begun. */
    private static void awaitRefused(ScmPush scm) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < giveUp) {
            try {
                scm.push(CERT);
            } catch (IllegalStateException closed) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("close() did not begin");
    }

    private static void awaitRecorded(ScmPush scm, int records) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (scm.history().latest(CERT.fingerprint()).size() < records) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("no record");
            }
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
