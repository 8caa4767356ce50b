package io.scmpush.rules;

import static io.scmpush.rules.RuleFixtures.CERTIFICATE;
import static io.scmpush.rules.RuleFixtures.WAF;
import static io.scmpush.rules.RuleFixtures.empty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushRecord;
import io.scmpush.PushTarget;
import io.scmpush.spi.TargetInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleContextTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void a_context_needs_the_certificate() {
        assertThatThrownBy(() -> RuleContext.builder().now(NOW).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("certificate(...) is required");
    }

    @Test
    void a_context_needs_the_instant_to_judge_against_because_rules_read_no_clock() {
        assertThatThrownBy(() -> RuleContext.builder().certificate(CERTIFICATE).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("now(...) is required");
    }

    @Test
    void a_context_holds_what_it_was_given_and_fails_duplicates_by_default() {
        PushTarget first = PushTarget.of("waf").inRegions("cn-north-4");
        PushTarget second = PushTarget.of("cdn");
        TargetInventory inventory = empty();
        PushRecord record = new PushRecord(CERTIFICATE.fingerprint(), CERTIFICATE.name(), "waf", "cn-north-4",
                OutcomeStatus.PUSHED, "id-1", "pushed", NOW);

        RuleContext context = RuleContext.builder().certificate(CERTIFICATE).now(NOW).target(first).target(second)
                .descriptor(WAF).inventory("waf", "cn-north-4", inventory).inventory("cdn", null,
                        TargetInventory.unavailable())
                .history(List.of(record)).build();

        assertThat(context.certificate()).isEqualTo(CERTIFICATE);
        assertThat(context.now()).isEqualTo(NOW);
        assertThat(context.duplicatePolicy()).isEqualTo(DuplicatePolicy.FAIL);
        assertThat(context.targets()).containsExactly(first, second);
        assertThat(context.descriptor("waf")).contains(WAF);
        assertThat(context.descriptor("elb")).isEmpty();
        assertThat(context.inventory("waf", "cn-north-4")).contains(inventory);
        assertThat(context.inventory("waf", null)).isEmpty();
        assertThat(context.inventory("cdn", null)).contains(TargetInventory.unavailable());
        assertThat(context.history()).containsExactly(record);
    }

    @Test
    void a_built_context_does_not_change_when_its_builder_or_inputs_do() {
        List<PushRecord> history = new ArrayList<>();
        RuleContext.Builder builder = RuleContext.builder().certificate(CERTIFICATE).now(NOW)
                .target(PushTarget.of("cdn")).history(history);
        RuleContext context = builder.build();

        builder.target(PushTarget.of("waf")).descriptor(WAF).inventory("cdn", null, empty())
                .duplicatePolicy(DuplicatePolicy.SKIP);
        history.add(new PushRecord("f", "n", "cdn", null, OutcomeStatus.PUSHED, null, "m", NOW));

        assertThat(context.targets()).containsExactly(PushTarget.of("cdn"));
        assertThat(context.descriptor("waf")).isEmpty();
        assertThat(context.inventory("cdn", null)).isEmpty();
        assertThat(context.duplicatePolicy()).isEqualTo(DuplicatePolicy.FAIL);
        assertThat(context.history()).isEmpty();
    }
}
