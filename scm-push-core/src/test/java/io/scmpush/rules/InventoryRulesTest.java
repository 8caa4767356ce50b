package io.scmpush.rules;

import static io.scmpush.rules.RuleFixtures.CERTIFICATE;
import static io.scmpush.rules.RuleFixtures.context;
import static io.scmpush.rules.RuleFixtures.empty;
import static io.scmpush.rules.RuleFixtures.evaluate;
import static io.scmpush.rules.RuleFixtures.holding;
import static io.scmpush.rules.RuleFixtures.remote;
import static io.scmpush.rules.RuleFixtures.remoteWithoutBody;
import static io.scmpush.rules.RuleFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.PushTarget;
import io.scmpush.TestCertificates;
import io.scmpush.internal.rules.Duplicates;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.TargetInventory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rules about what each (service, region) already holds, as its inventory shows. */
class InventoryRulesTest {
    private static final Certificate OTHER = TestCertificates.builder().domains("www.example.com").build()
            .toCertificate();

    private static RuleContext.Builder toWafIn(String... regions) {
        return context().target(PushTarget.of("waf").inRegions(regions));
    }

    @Test
    void a_region_that_already_holds_the_certificate_is_rejected_under_the_fail_policy() {
        RuleContext.Builder context = toWafIn("cn-north-4", "cn-east-3")
                .inventory("waf", "cn-north-4", holding(remote(CERTIFICATE)))
                .inventory("waf", "cn-east-3", empty());

        assertThat(violations(RuleCodes.ALREADY_PUSHED, context)).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isEqualTo("waf");
            assertThat(v.region()).isEqualTo("cn-north-4");
            assertThat(v.message()).contains("Huawei Cloud WAF in cn-north-4 already holds certificate '"
                    + CERTIFICATE.name() + "'", "id 'remote-1'", "onDuplicate(DuplicatePolicy.SKIP)");
        });
    }

    @Test
    void a_service_that_returns_no_body_holds_the_certificate_when_name_and_expiry_match() {
        // Services may report the expiry with milliseconds; X.509 has whole seconds.
        RemoteCertificate listed = remoteWithoutBody(CERTIFICATE.name(), CERTIFICATE.notAfter().plusMillis(500));
        RuleContext.Builder context = context().target(PushTarget.of("cdn")).inventory("cdn", null, holding(listed));

        assertThat(violations(RuleCodes.ALREADY_PUSHED, context)).extracting(Violation::service, Violation::region)
                .containsExactly(tuple("cdn", null));
        assertThat(violations(RuleCodes.NAME_CONFLICT, context)).isEmpty();
    }

    @Test
    void under_the_skip_policy_a_held_certificate_is_no_violation_but_the_engine_still_finds_it() {
        TargetInventory inventory = holding(remote(CERTIFICATE));
        RuleContext.Builder context = toWafIn("cn-north-4").inventory("waf", "cn-north-4", inventory)
                .duplicatePolicy(DuplicatePolicy.SKIP);

        assertThat(violations(RuleCodes.ALREADY_PUSHED, context)).isEmpty();
        assertThat(Duplicates.find(CERTIFICATE, inventory)).contains(remote(CERTIFICATE));
    }

    @Test
    void another_certificate_or_an_unread_inventory_is_not_already_pushed() {
        RuleContext.Builder context = toWafIn("cn-north-4", "cn-east-3")
                .inventory("waf", "cn-north-4", holding(remote(OTHER),
                        remoteWithoutBody(CERTIFICATE.name(), CERTIFICATE.notAfter().plusSeconds(1))));

        assertThat(violations(RuleCodes.ALREADY_PUSHED, context)).isEmpty();
    }

    @Test
    void a_unique_name_service_holding_a_different_certificate_under_this_name_is_a_conflict() {
        RemoteCertificate sameName = new RemoteCertificate("old", CERTIFICATE.name(), OTHER.fingerprint(),
                OTHER.notAfter());
        RuleContext.Builder context = context().target(PushTarget.of("cdn")).inventory("cdn", null, holding(sameName));

        assertThat(violations(RuleCodes.NAME_CONFLICT, context)).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isEqualTo("cdn");
            assertThat(v.region()).isNull();
            assertThat(v.message()).contains("Huawei Cloud CDN already holds a different certificate named '"
                    + CERTIFICATE.name() + "' (id 'old')", "Certificate.builder().name(...)");
        });
    }

    @Test
    void without_a_fingerprint_a_different_expiry_under_this_name_is_a_conflict() {
        RemoteCertificate renewedElsewhere = remoteWithoutBody(CERTIFICATE.name(),
                CERTIFICATE.notAfter().minus(Duration.ofDays(90)));
        RuleContext.Builder context = context().target(PushTarget.of("cdn"))
                .inventory("cdn", null, holding(renewedElsewhere));

        assertThat(violations(RuleCodes.NAME_CONFLICT, context)).hasSize(1);
        assertThat(violations(RuleCodes.ALREADY_PUSHED, context)).isEmpty();
    }

    @Test
    void the_same_certificate_another_name_or_a_service_that_allows_repeated_names_is_no_conflict() {
        RemoteCertificate otherUnderThisName = new RemoteCertificate("old", CERTIFICATE.name(), OTHER.fingerprint(),
                OTHER.notAfter());

        assertThat(violations(RuleCodes.NAME_CONFLICT, context().target(PushTarget.of("cdn"))
                .inventory("cdn", null, holding(remote(CERTIFICATE), remote(OTHER))))).isEmpty();
        assertThat(violations(RuleCodes.NAME_CONFLICT, toWafIn("cn-north-4")
                .inventory("waf", "cn-north-4", holding(otherUnderThisName)))).isEmpty();
    }

    @Test
    void a_region_where_the_service_is_not_enabled_is_rejected_there_only() {
        RuleContext.Builder context = toWafIn("cn-north-4", "cn-east-3")
                .inventory("waf", "cn-north-4", TargetInventory.unavailable())
                .inventory("waf", "cn-east-3", empty());

        assertThat(violations(RuleCodes.SERVICE_UNAVAILABLE, context)).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isEqualTo("waf");
            assertThat(v.region()).isEqualTo("cn-north-4");
            assertThat(v.message()).isEqualTo("Huawei Cloud WAF in cn-north-4 is not enabled for this account:"
                    + " enable (purchase) it there, or remove it from the targets");
        });
    }

    @Test
    void an_enabled_service_or_an_unread_inventory_is_available() {
        RuleContext.Builder context = toWafIn("cn-north-4", "cn-east-3").inventory("waf", "cn-north-4", empty());

        assertThat(violations(RuleCodes.SERVICE_UNAVAILABLE, context)).isEmpty();
    }

    @Test
    void a_plan_before_any_inventory_was_read_evaluates_every_rule_without_failing() {
        RuleContext.Builder context = context(RuleFixtures.withoutKey())
                .target(PushTarget.of("waf").inRegions("cn-north-4")).target(PushTarget.of("waf"))
                .target(PushTarget.of("cdn").inRegions("x")).target(PushTarget.of("acme"));

        assertThat(evaluate(context).violations()).extracting(Violation::code).doesNotContain(RuleCodes.ALREADY_PUSHED,
                RuleCodes.NAME_CONFLICT, RuleCodes.SERVICE_UNAVAILABLE);
    }
}
