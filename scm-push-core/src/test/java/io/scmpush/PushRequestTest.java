package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.PlannedAction.Action;
import io.scmpush.rules.RuleCodes;
import io.scmpush.rules.RuleEngine;
import io.scmpush.rules.Violation;
import io.scmpush.spi.RemoteCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fluent push against {@link InMemoryProvider}: what plan() and execute() do to each (service, region). */
class PushRequestTest {
    private static final Certificate CERT = TestCertificates.builder().domains("www.example.com").build().toCertificate();

    private final InMemoryProvider memory = new InMemoryProvider();
    private ScmPush scm;

    @AfterEach
    void close() {
        if (scm != null) {
            scm.close();
        }
    }

    private ScmPush scm(InMemoryProvider... providers) {
        ScmPush.Builder builder = ScmPush.builder().discoverProviders(false);
        for (InMemoryProvider p : providers) {
            builder.provider(p);
        }
        scm = builder.build();
        return scm;
    }

    private static PushTarget memory(String... regions) {
        return PushTarget.of(InMemoryProvider.SERVICE).inRegions(regions);
    }

    @Test
    void a_push_writes_the_certificate_to_every_region_and_reports_each() {
        PushResult result = scm(memory).push(CERT).to(memory("cn-north-4", "ap-southeast-1")).execute();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.fingerprint()).isEqualTo(CERT.fingerprint());
        assertThat(result.certificateName()).isEqualTo(CERT.name());
        assertThat(result.outcomes()).extracting(TargetOutcome::region).containsExactly("cn-north-4", "ap-southeast-1");
        for (TargetOutcome outcome : result.outcomes()) {
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
            assertThat(outcome.code()).isNull();
            assertThat(outcome.attempts()).isEqualTo(1);
            assertThat(outcome.remoteId()).isEqualTo(memory.stored(outcome.region()).get(0).id());
            assertThat(outcome.requestId()).isEqualTo("request-" + outcome.remoteId());
        }
        assertThat(memory.stored("cn-north-4")).extracting(RemoteCertificate::fingerprint).containsExactly(CERT.fingerprint());
        assertThat(memory.stored("ap-southeast-1")).extracting(RemoteCertificate::name).containsExactly(CERT.name());
    }

    @Test
    void a_request_is_immutable_and_can_be_executed_again() {
        PushRequest base = scm(memory).push(CERT);
        PushRequest withTarget = base.to(memory("cn-north-4"));
        PushRequest skipping = withTarget.onDuplicate(DuplicatePolicy.SKIP);

        assertThatThrownBy(base::execute).isInstanceOf(IllegalStateException.class).hasMessageContaining("no target");
        assertThat(withTarget.execute().outcomes()).extracting(TargetOutcome::status).containsExactly(OutcomeStatus.PUSHED);
        assertThat(withTarget.execute().outcomes()).extracting(TargetOutcome::code).containsExactly(RuleCodes.ALREADY_PUSHED);
        assertThat(skipping.execute().outcomes()).extracting(TargetOutcome::status)
                .containsExactly(OutcomeStatus.ALREADY_PRESENT);
    }

    @Test
    void plan_reads_and_judges_but_writes_records_and_tells_nothing() {
        List<Object> heard = new CopyOnWriteArrayList<>();
        scm = ScmPush.builder().discoverProviders(false).provider(memory).listener(new PushListener() {
            @Override
            public void onPlanned(PushPlan plan) {
                heard.add(plan);
            }
        }).build();

        PushPlan plan = scm.push(CERT).to(memory("cn-north-4", "cn-north-1")).plan();

        assertThat(plan.allowed()).isTrue();
        assertThat(plan.certificate()).isEqualTo(CERT);
        assertThat(plan.actions()).extracting(PlannedAction::region, PlannedAction::action)
                .containsExactly(tuple("cn-north-4", Action.CREATE), tuple("cn-north-1", Action.CREATE));
        assertThat(memory.inventoryReads()).isEqualTo(2);
        assertThat(memory.writes()).isEmpty();
        assertThat(scm.history().latest(CERT.fingerprint())).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void a_second_push_with_fail_is_rejected_as_already_pushed() {
        scm(memory).push(CERT).to(memory("cn-north-4")).execute();

        PushResult again = scm.push(CERT).to(memory("cn-north-4")).execute();

        TargetOutcome outcome = again.outcomes().get(0);
        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(outcome.code()).isEqualTo(RuleCodes.ALREADY_PUSHED);
        assertThat(again.failures()).containsExactly(outcome);
        assertThat(memory.writes()).hasSize(1);
    }

    @Test
    void a_second_push_with_skip_writes_nothing_and_names_the_copy_it_found() {
        String firstId = scm(memory).push(CERT).to(memory("cn-north-4")).execute().outcomes().get(0).remoteId();

        PushRequest again = scm.push(CERT).to(memory("cn-north-4", "cn-north-1")).onDuplicate(DuplicatePolicy.SKIP);
        assertThat(again.plan().actions()).extracting(PlannedAction::action)
                .containsExactly(Action.SKIP_PRESENT, Action.CREATE);
        PushResult result = again.execute();

        assertThat(result.succeeded()).isTrue();
        TargetOutcome present = result.outcome(InMemoryProvider.SERVICE, "cn-north-4").orElseThrow();
        assertThat(present.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(present.code()).isEqualTo(RuleCodes.ALREADY_PUSHED);
        assertThat(present.remoteId()).isEqualTo(firstId);
        assertThat(present.attempts()).isZero();
        assertThat(result.outcome(InMemoryProvider.SERVICE, "cn-north-1").orElseThrow().status())
                .isEqualTo(OutcomeStatus.PUSHED);
        assertThat(memory.writes()).containsExactly("cn-north-4", "cn-north-1");
    }

    @Test
    void one_region_failing_does_not_stop_the_others() {
        memory.failingPushesIn("cn-north-1", CloudServiceException.builder(OutcomeCodes.THROTTLED, "Too many requests to WAF in cn-north-1")
                .httpStatus(429).errorCode("APIGW.0308").requestId("req-429").retryable(true).attempts(3).build());
        memory.failingPushesIn("cn-east-3", new IllegalArgumentException("no such certificate type"));

        PushResult result = scm(memory).push(CERT).to(memory("cn-north-4", "cn-north-1", "cn-east-3", "ap-southeast-1"))
                .execute();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.outcomes()).extracting(TargetOutcome::region, TargetOutcome::status).containsExactly(
                tuple("cn-north-4", OutcomeStatus.PUSHED), tuple("cn-north-1", OutcomeStatus.FAILED),
                tuple("cn-east-3", OutcomeStatus.FAILED), tuple("ap-southeast-1", OutcomeStatus.PUSHED));
        TargetOutcome throttled = result.outcome(InMemoryProvider.SERVICE, "cn-north-1").orElseThrow();
        assertThat(throttled.code()).isEqualTo(OutcomeCodes.THROTTLED);
        assertThat(throttled.requestId()).isEqualTo("req-429");
        assertThat(throttled.attempts()).isEqualTo(3);
        assertThat(throttled.message()).isEqualTo("Too many requests to WAF in cn-north-1");
        TargetOutcome broken = result.outcome(InMemoryProvider.SERVICE, "cn-east-3").orElseThrow();
        assertThat(broken.code()).isEqualTo(OutcomeCodes.PROVIDER_ERROR);
        assertThat(broken.message()).contains("java.lang.IllegalArgumentException", "no such certificate type");
        assertThat(result.failures()).containsExactly(throttled, broken);
        assertThat(memory.writes()).containsExactlyInAnyOrder("cn-north-4", "ap-southeast-1");
    }

    @Test
    void a_provider_error_that_quotes_key_material_is_not_repeated() {
        String key = CERT.privateKeyPem().orElseThrow();
        memory.failingPushesIn("cn-north-4", new IllegalStateException("cannot encode " + key));

        TargetOutcome outcome = scm(memory).push(CERT).to(memory("cn-north-4")).execute().outcomes().get(0);

        assertThat(outcome.code()).isEqualTo(OutcomeCodes.PROVIDER_ERROR);
        assertThat(outcome.message()).doesNotContain("PRIVATE KEY").doesNotContain(key.lines().skip(1).findFirst().orElseThrow())
                .contains("withheld");
    }

    @Test
    void a_failed_inventory_read_fails_that_target_only_and_writes_nothing_there() {
        memory.failingInventoryIn("cn-north-1", CloudServiceException.builder(OutcomeCodes.AUTH_FAILED, "The signature is invalid")
                .httpStatus(401).errorCode("APIG.0301").requestId("req-401").attempts(1).build());
        PushRequest request = scm(memory).push(CERT).to(memory("cn-north-4", "cn-north-1"));

        PlannedAction planned = request.plan().actions().get(1);
        assertThat(planned.action()).isEqualTo(Action.REJECT);
        assertThat(planned.violations()).extracting(Violation::code).containsExactly(OutcomeCodes.AUTH_FAILED);

        PushResult result = request.execute();
        TargetOutcome failed = result.outcome(InMemoryProvider.SERVICE, "cn-north-1").orElseThrow();
        assertThat(failed.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(failed.code()).isEqualTo(OutcomeCodes.AUTH_FAILED);
        assertThat(failed.requestId()).isEqualTo("req-401");
        assertThat(failed.attempts()).as("inventory reads do not count as attempts").isZero();
        assertThat(failed.message()).contains("The signature is invalid");
        assertThat(result.outcome(InMemoryProvider.SERVICE, "cn-north-4").orElseThrow().status())
                .isEqualTo(OutcomeStatus.PUSHED);
        assertThat(memory.writes()).containsExactly("cn-north-4");
    }

    @Test
    void outcomes_follow_the_request_order_across_targets() {
        InMemoryProvider global = InMemoryProvider.global("memcdn");

        PushResult result = scm(memory, global).push(CERT)
                .to(memory("cn-south-1"))
                .to(PushTarget.of("memcdn"))
                .to(memory("cn-north-4", "af-south-1"))
                .execute();

        assertThat(result.outcomes()).extracting(TargetOutcome::service, TargetOutcome::region).containsExactly(
                tuple("memory", "cn-south-1"), tuple("memcdn", null), tuple("memory", "cn-north-4"),
                tuple("memory", "af-south-1"));
        assertThat(result.succeeded()).isTrue();
        assertThat(global.stored(null)).hasSize(1);
    }

    @Test
    void a_global_target_that_names_regions_is_one_rejected_outcome_without_region() {
        InMemoryProvider global = InMemoryProvider.global("memcdn");

        PushResult result = scm(global).push(CERT).to(PushTarget.of("memcdn").inRegions("cn-north-4", "cn-north-1"))
                .execute();

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.region()).isNull();
            assertThat(o.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(o.code()).isEqualTo(RuleCodes.REGION_NOT_APPLICABLE);
        });
        assertThat(global.writes()).isEmpty();
    }

    @Test
    void a_regional_target_without_region_is_rejected_without_calling_the_service() {
        PushResult result = scm(memory).push(CERT).to(PushTarget.of(InMemoryProvider.SERVICE)).execute();

        assertThat(result.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.region()).isNull();
            assertThat(o.code()).isEqualTo(RuleCodes.REGION_REQUIRED);
        });
        assertThat(memory.inventoryReads()).isZero();
    }

    @Test
    void a_region_named_twice_is_one_rejected_outcome() {
        PushResult result = scm(memory).push(CERT).to(memory("cn-north-4")).to(memory("cn-north-4", "cn-north-1"))
                .execute();

        assertThat(result.outcomes()).extracting(TargetOutcome::region, TargetOutcome::status, TargetOutcome::code)
                .containsExactly(tuple("cn-north-4", OutcomeStatus.REJECTED, RuleCodes.DUPLICATE_TARGET),
                        tuple("cn-north-1", OutcomeStatus.PUSHED, null));
        assertThat(memory.writes()).containsExactly("cn-north-1");
    }

    @Test
    void a_service_without_provider_is_rejected_naming_the_artifact_to_add() {
        PushResult result = scm(memory).push(CERT).to(PushTarget.of("waf").inRegions("cn-north-4")).to(memory("cn-north-4"))
                .execute();

        TargetOutcome waf = result.outcome("waf", "cn-north-4").orElseThrow();
        assertThat(waf.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(waf.code()).isEqualTo(RuleCodes.UNKNOWN_SERVICE);
        assertThat(waf.message()).contains("io.scmpush:scm-push-waf");
        assertThat(result.outcome(InMemoryProvider.SERVICE, "cn-north-4").orElseThrow().status())
                .isEqualTo(OutcomeStatus.PUSHED);
    }

    @Test
    void a_service_without_provider_is_rejected_even_when_the_rules_do_not_say_so() {
        scm = ScmPush.builder().discoverProviders(false).rules(RuleEngine.empty()).build();

        TargetOutcome outcome = scm.push(CERT).to(PushTarget.of("waf").inRegions("cn-north-4")).execute().outcomes().get(0);

        assertThat(outcome.status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(outcome.code()).isEqualTo(RuleCodes.UNKNOWN_SERVICE);
    }

    @Test
    void an_expired_certificate_is_rejected_everywhere_and_never_written() {
        Certificate expired = TestCertificates.builder().notBefore(Instant.now().minus(Duration.ofDays(100)))
                .validity(Duration.ofDays(10)).build().toCertificate();

        PushResult result = scm(memory).push(expired).to(memory("cn-north-4", "cn-north-1")).execute();

        assertThat(result.outcomes()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.REJECTED);
            assertThat(o.code()).isEqualTo(RuleCodes.CERT_EXPIRED);
        });
        assertThat(result.report().errors()).extracting(Violation::code).containsExactly(RuleCodes.CERT_EXPIRED);
        assertThat(memory.writes()).isEmpty();
    }

    @Test
    void the_history_is_read_only_when_a_rule_asks_for_it_and_then_once() {
        AtomicInteger reads = new AtomicInteger();
        PushHistory counting = new PushHistory() {
            private final PushHistory kept = PushHistory.inMemory();

            @Override
            public void record(PushRecord record) {
                kept.record(record);
            }

            @Override
            public List<PushRecord> latest(String fingerprint) {
                reads.incrementAndGet();
                return kept.latest(fingerprint);
            }
        };
        scm = ScmPush.builder().discoverProviders(false).provider(memory).history(counting).build();
        scm.push(CERT).to(memory("cn-north-4", "cn-north-1")).execute();
        assertThat(reads).as("the standard rules read no history").hasValue(0);
        scm.close();

        scm = ScmPush.builder().discoverProviders(false).provider(memory).history(counting)
                .rules(RuleEngine.standard().with("HISTORY_TWICE", c -> {
                    c.history();
                    c.history();
                    return List.of();
                })).build();
        scm.push(CERT).to(memory("cn-north-4")).onDuplicate(DuplicatePolicy.SKIP).execute();
        assertThat(reads).hasValue(1);
        assertThat(counting.latest(CERT.fingerprint())).first()
                .extracting(PushRecord::status, PushRecord::code, PushRecord::attempts)
                .containsExactly(OutcomeStatus.ALREADY_PRESENT, RuleCodes.ALREADY_PUSHED, 0);
    }

    @Test
    void a_rejection_carries_the_first_error_in_rule_order_and_lists_them_all() {
        RuleEngine rules = RuleEngine.empty()
                .with("FIRST", c -> List.of(Violation.error("FIRST", "memory", "cn-north-1", "first reason")))
                .with("NOTE", c -> List.of(Violation.warning("NOTE", null, null, "only a warning")))
                .with("SECOND", c -> List.of(Violation.error("SECOND", "memory", null, "second reason")))
                .with("ELSEWHERE", c -> List.of(Violation.error("ELSEWHERE", "other", null, "not ours")));
        scm = ScmPush.builder().discoverProviders(false).provider(memory).rules(rules).build();

        PushResult result = scm.push(CERT).to(memory("cn-north-4", "cn-north-1")).execute();

        assertThat(result.outcomes()).extracting(TargetOutcome::region, TargetOutcome::code)
                .containsExactly(tuple("cn-north-4", "SECOND"), tuple("cn-north-1", "FIRST"));
        assertThat(result.outcome("memory", "cn-north-1").orElseThrow().message())
                .as("the outcome's code is not repeated; the others are named").isEqualTo("first reason; SECOND: second reason");
        assertThat(result.report().warnings()).extracting(Violation::code).containsExactly("NOTE");
    }

    @Test
    void warnings_never_block() {
        scm = ScmPush.builder().discoverProviders(false).provider(memory)
                .rules(RuleEngine.empty().with("NOTE", c -> List.of(Violation.warning("NOTE", null, null, "heads up"))))
                .build();

        PushPlan plan = scm.push(CERT).to(memory("cn-north-4")).plan();

        assertThat(plan.allowed()).isTrue();
        assertThat(plan.actions().get(0).violations()).extracting(Violation::code).containsExactly("NOTE");
        assertThat(scm.push(CERT).to(memory("cn-north-4")).execute().succeeded()).isTrue();
    }

    @Test
    void a_service_that_is_not_enabled_in_a_region_is_rejected_there() {
        memory.unavailableIn("cn-north-1");

        PushResult result = scm(memory).push(CERT).to(memory("cn-north-4", "cn-north-1")).execute();

        assertThat(result.outcome("memory", "cn-north-1").orElseThrow().code()).isEqualTo(RuleCodes.SERVICE_UNAVAILABLE);
        assertThat(memory.writes()).containsExactly("cn-north-4");
    }

    @Test
    void every_outcome_is_recorded_newest_first_and_only_the_latest_ten_are_kept() {
        memory.failingPushesIn("cn-north-1", new IllegalStateException("broken"));
        scm(memory).push(CERT).to(memory("cn-north-4", "cn-north-1")).execute();

        List<PushRecord> first = scm.history().latest(CERT.fingerprint());
        assertThat(first).extracting(PushRecord::region, PushRecord::status).containsExactlyInAnyOrder(
                tuple("cn-north-4", OutcomeStatus.PUSHED), tuple("cn-north-1", OutcomeStatus.FAILED));
        assertThat(first).allSatisfy(r -> {
            assertThat(r.fingerprint()).isEqualTo(CERT.fingerprint());
            assertThat(r.certificateName()).isEqualTo(CERT.name());
            assertThat(r.service()).isEqualTo("memory");
        });
        PushRecord pushed = first.stream().filter(r -> r.status() == OutcomeStatus.PUSHED).findFirst().orElseThrow();
        assertThat(pushed.remoteId()).isEqualTo(memory.stored("cn-north-4").get(0).id());

        scm.push(CERT).to(memory("cn-north-4")).execute(); // REJECTED: ALREADY_PUSHED
        List<PushRecord> second = scm.history().latest(CERT.fingerprint());
        assertThat(second).hasSize(3);
        assertThat(second.get(0).status()).isEqualTo(OutcomeStatus.REJECTED);
        assertThat(second.get(0).code()).isEqualTo(RuleCodes.ALREADY_PUSHED);
        assertThat(second.get(0).message()).doesNotContain(RuleCodes.ALREADY_PUSHED);

        scm.push(CERT).to(memory("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9")).execute();
        List<PushRecord> latest = scm.history().latest(CERT.fingerprint());
        assertThat(latest).hasSize(PushHistory.LIMIT);
        assertThat(latest.get(PushHistory.LIMIT - 1)).isEqualTo(second.get(0));
    }

    @Test
    void the_listener_hears_the_plan_each_outcome_and_the_result_and_its_failures_are_ignored() {
        List<String> heard = new CopyOnWriteArrayList<>();
        PushListener listener = new PushListener() {
            @Override
            public void onPlanned(PushPlan plan) {
                heard.add("planned " + plan.actions().size());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onOutcome(TargetOutcome outcome) {
                heard.add("outcome " + outcome.region() + " " + outcome.status());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onCompleted(PushResult result) {
                heard.add("completed " + result.outcomes().size());
                throw new IllegalStateException("listener bug");
            }
        };
        scm = ScmPush.builder().discoverProviders(false).provider(memory).listener(listener).build();

        PushResult result = scm.push(CERT).to(memory("cn-north-4", "cn-north-1")).execute();

        assertThat(result.succeeded()).isTrue();
        assertThat(heard).hasSize(4).startsWith("planned 2").endsWith("completed 2")
                .contains("outcome cn-north-4 PUSHED", "outcome cn-north-1 PUSHED");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
