package io.scmpush.rules;

import static io.scmpush.rules.RuleFixtures.CERTIFICATE;
import static io.scmpush.rules.RuleFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.scmpush.Certificate;
import io.scmpush.CertificateStatus;
import io.scmpush.PushTarget;
import io.scmpush.internal.rules.StandardRules;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private static final PushRule ALWAYS = context -> List.of(Violation.error("ALWAYS", null, null, "always"));

    /** A context that breaks CERT_STATUS and CERT_EXPIRED. */
    private static RuleContext revokedAndExpired() {
        return context(Certificate.builder().certificatePem(RuleFixtures.GENERATED.certificatePem())
                .privateKeyPem(RuleFixtures.GENERATED.privateKeyPem()).status(CertificateStatus.REVOKED).build())
                .now(CERTIFICATE.notAfter().plusSeconds(1)).target(PushTarget.of("cdn")).build();
    }

    private static PushRule reporting(String code) {
        return context -> List.of(Violation.error(code, null, null, code + " fired"));
    }

    @Test
    void the_standard_engine_has_every_rule_of_the_design_in_table_order_with_ids_equal_to_codes() {
        assertThat(RuleEngine.standard().ruleIds()).containsExactly(RuleCodes.CERT_STATUS, RuleCodes.MANUAL_CSR,
                RuleCodes.PRIVATE_KEY_REQUIRED, RuleCodes.REGION_REQUIRED, RuleCodes.REGION_LIMIT, RuleCodes.REGION_NOT_APPLICABLE, RuleCodes.ALREADY_PUSHED,
                RuleCodes.NAME_CONFLICT, RuleCodes.SERVICE_UNAVAILABLE, RuleCodes.CERT_EXPIRED, RuleCodes.CERT_NOT_YET_VALID, RuleCodes.CERT_EXPIRING_SOON,
                RuleCodes.WEAK_KEY, RuleCodes.UNKNOWN_SERVICE, RuleCodes.DUPLICATE_TARGET);
    }

    @Test
    void violations_come_in_the_engines_rule_order() {
        assertThat(RuleEngine.standard().evaluate(revokedAndExpired()).violations()).extracting(Violation::code)
                .containsExactly(RuleCodes.CERT_STATUS, RuleCodes.CERT_EXPIRED);

        RuleEngine expiryFirst = RuleEngine.empty()
                .with(RuleCodes.CERT_EXPIRED, StandardRules.rules().get(RuleCodes.CERT_EXPIRED))
                .with(RuleCodes.CERT_STATUS, StandardRules.rules().get(RuleCodes.CERT_STATUS));
        assertThat(expiryFirst.evaluate(revokedAndExpired()).violations()).extracting(Violation::code)
                .containsExactly(RuleCodes.CERT_EXPIRED, RuleCodes.CERT_STATUS);
    }

    @Test
    void the_empty_engine_reports_nothing_of_its_own() {
        assertThat(RuleEngine.empty().ruleIds()).isEmpty();
        assertThat(RuleEngine.empty().evaluate(revokedAndExpired()).violations()).isEmpty();
    }

    @Test
    void with_a_new_id_appends_and_with_a_known_id_replaces_in_place() {
        RuleEngine engine = RuleEngine.standard().with("ALWAYS", ALWAYS).with(RuleCodes.CERT_STATUS, context -> List.of());

        assertThat(engine.ruleIds()).startsWith(RuleCodes.CERT_STATUS, RuleCodes.MANUAL_CSR).endsWith(RuleCodes.DUPLICATE_TARGET, "ALWAYS")
                .hasSize(16);
        assertThat(engine.evaluate(revokedAndExpired()).violations()).extracting(Violation::code)
                .containsExactly(RuleCodes.CERT_EXPIRED, "ALWAYS");
    }

    @Test
    void without_removes_one_rule_and_ignores_an_id_it_does_not_have() {
        RuleEngine engine = RuleEngine.standard().without(RuleCodes.CERT_STATUS);

        assertThat(engine.ruleIds()).doesNotContain(RuleCodes.CERT_STATUS).hasSize(14);
        assertThat(engine.evaluate(revokedAndExpired()).violations()).extracting(Violation::code)
                .containsExactly(RuleCodes.CERT_EXPIRED);
        assertThat(engine.without("NO_SUCH_RULE").ruleIds()).isEqualTo(engine.ruleIds());
    }

    @Test
    void a_blank_rule_id_is_refused() {
        assertThatThrownBy(() -> RuleEngine.empty().with(" ", ALWAYS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void a_rule_that_returns_null_is_named_in_the_error() {
        RuleEngine engine = RuleEngine.empty().with("BROKEN", context -> null);

        assertThatThrownBy(() -> engine.evaluate(revokedAndExpired())).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("BROKEN");
    }

    @Test
    void providers_rules_run_after_the_engines_ordered_by_service_then_rule_id() {
        ProviderDescriptor cdn = ProviderDescriptor.builder("cdn", Scope.GLOBAL).displayName("Huawei Cloud CDN")
                .uniqueNames(true).rule("Z_CDN", reporting("Z_CDN")).rule("A_CDN", reporting("A_CDN")).build();
        ProviderDescriptor waf = ProviderDescriptor.builder("waf", Scope.REGIONAL).displayName("Huawei Cloud WAF")
                .maxRegions(10).rule("WAF_RULE", reporting("WAF_RULE")).build();
        RuleContext context = context().descriptor(cdn).descriptor(waf)
                .target(PushTarget.of("waf").inRegions("cn-north-4")).target(PushTarget.of("cdn")).build();

        assertThat(RuleEngine.empty().with("ALWAYS", ALWAYS).evaluate(context).violations())
                .extracting(Violation::code, Violation::service)
                .as("a provider rule's violation without a service is its own service's")
                .containsExactly(tuple("ALWAYS", null), tuple("A_CDN", "cdn"), tuple("Z_CDN", "cdn"),
                        tuple("WAF_RULE", "waf"));
    }

    @Test
    void an_engine_rule_of_a_providers_rule_id_replaces_it() {
        ProviderDescriptor cdn = ProviderDescriptor.builder("cdn", Scope.GLOBAL).displayName("Huawei Cloud CDN")
                .uniqueNames(true).rule(RuleCodes.DOMAIN_NOT_ONBOARDED, reporting(RuleCodes.DOMAIN_NOT_ONBOARDED))
                .build();
        RuleContext context = context().descriptor(cdn).target(PushTarget.of("cdn")).build();

        assertThat(RuleEngine.standard().evaluate(context).violations()).extracting(Violation::code)
                .containsExactly(RuleCodes.DOMAIN_NOT_ONBOARDED);
        assertThat(RuleEngine.standard().with(RuleCodes.DOMAIN_NOT_ONBOARDED, c -> List.of()).evaluate(context).violations())
                .isEmpty();
    }

    @Test
    void a_providers_rules_run_only_when_the_request_targets_its_service() {
        ProviderDescriptor cdn = ProviderDescriptor.builder("cdn", Scope.GLOBAL).displayName("Huawei Cloud CDN")
                .uniqueNames(true).rule(RuleCodes.DOMAIN_NOT_ONBOARDED, reporting(RuleCodes.DOMAIN_NOT_ONBOARDED))
                .build();
        RuleContext context = context().descriptor(cdn).target(PushTarget.of("waf").inRegions("cn-north-4")).build();

        assertThat(RuleEngine.standard().evaluate(context).violations()).isEmpty();
    }
}
