package io.scmpush.rules;

import static io.scmpush.rules.RuleFixtures.context;
import static io.scmpush.rules.RuleFixtures.violations;
import static io.scmpush.rules.RuleFixtures.withoutKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.scmpush.Certificate;
import io.scmpush.PushTarget;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.Scope;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rules about the request's targets, read against the providers' descriptors. */
class TargetRulesTest {

    private static String[] regions(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "region-" + i).toArray(String[]::new);
    }

    @Test
    void a_server_certificate_without_its_key_is_rejected_in_every_region_of_a_provider_that_needs_one() {
        Certificate keyless = withoutKey();

        assertThat(violations(RuleCodes.PRIVATE_KEY_REQUIRED,
                context(keyless).target(PushTarget.of("waf").inRegions("cn-north-4", "ap-southeast-1"))))
                .extracting(Violation::severity, Violation::service, Violation::region)
                .containsExactly(tuple(Severity.ERROR, "waf", "cn-north-4"),
                        tuple(Severity.ERROR, "waf", "ap-southeast-1"));
        assertThat(violations(RuleCodes.PRIVATE_KEY_REQUIRED, context(keyless).target(PushTarget.of("cdn"))))
                .singleElement().satisfies(v -> {
                    assertThat(v.service()).isEqualTo("cdn");
                    assertThat(v.region()).isNull();
                    assertThat(v.message()).contains("Huawei Cloud CDN needs the private key",
                            keyless.name(), "privateKeyPem(...)");
                });
    }

    @Test
    void a_ca_certificate_target_needs_no_key_and_its_regions_are_not_blocked_by_a_server_target() {
        RuleContext.Builder context = context(withoutKey())
                .target(PushTarget.of("elb").inRegions("cn-north-4"))
                .target(PushTarget.of("elb").inRegions("cn-east-3").withOption(PushTarget.CERTIFICATE_TYPE, "ca"));

        assertThat(violations(RuleCodes.PRIVATE_KEY_REQUIRED, context)).extracting(Violation::region)
                .containsExactly("cn-north-4");
    }

    @Test
    void a_certificate_with_its_key_or_a_provider_that_needs_none_passes_the_key_rule() {
        ProviderDescriptor keyOptional = ProviderDescriptor.builder("waf", Scope.REGIONAL)
                .displayName("Huawei Cloud WAF").maxRegions(10).requiresPrivateKey(false).build();

        assertThat(violations(RuleCodes.PRIVATE_KEY_REQUIRED, context().target(PushTarget.of("waf").inRegions("r1"))))
                .isEmpty();
        assertThat(violations(RuleCodes.PRIVATE_KEY_REQUIRED,
                context(withoutKey()).descriptor(keyOptional).target(PushTarget.of("waf").inRegions("r1"))))
                .isEmpty();
    }

    @Test
    void a_regional_target_without_a_region_is_rejected() {
        assertThat(violations(RuleCodes.REGION_REQUIRED, context().target(PushTarget.of("waf")))).singleElement()
                .satisfies(v -> {
                    assertThat(v.severity()).isEqualTo(Severity.ERROR);
                    assertThat(v.service()).isEqualTo("waf");
                    assertThat(v.region()).isNull();
                    assertThat(v.message()).contains("Huawei Cloud WAF is regional", "inRegions(");
                });
    }

    @Test
    void a_regional_target_with_a_region_or_a_global_target_without_one_needs_no_region() {
        assertThat(violations(RuleCodes.REGION_REQUIRED,
                context().target(PushTarget.of("waf").inRegions("cn-north-4")).target(PushTarget.of("cdn"))))
                .isEmpty();
    }

    @Test
    void a_regional_target_naming_more_regions_than_its_provider_takes_is_rejected() {
        assertThat(violations(RuleCodes.REGION_LIMIT, context().target(PushTarget.of("waf").inRegions(regions(11)))))
                .singleElement().satisfies(v -> {
                    assertThat(v.severity()).isEqualTo(Severity.ERROR);
                    assertThat(v.service()).isEqualTo("waf");
                    assertThat(v.region()).as("applies to every region of the service").isNull();
                    assertThat(v.message()).contains("at most 10 regions", "names 11", "split the regions");
                });
    }

    @Test
    void a_regional_target_naming_exactly_its_providers_limit_is_accepted() {
        assertThat(violations(RuleCodes.REGION_LIMIT, context().target(PushTarget.of("waf").inRegions(regions(10)))))
                .isEmpty();
    }

    @Test
    void a_global_target_naming_regions_is_rejected() {
        assertThat(violations(RuleCodes.REGION_NOT_APPLICABLE, context().target(PushTarget.of("cdn").inRegions("cn-north-4"))))
                .singleElement().satisfies(v -> {
                    assertThat(v.severity()).isEqualTo(Severity.ERROR);
                    assertThat(v.service()).isEqualTo("cdn");
                    assertThat(v.region()).isNull();
                    assertThat(v.message()).contains("Huawei Cloud CDN is global", "[cn-north-4]", "remove the regions");
                });
    }

    @Test
    void a_global_target_without_regions_or_a_regional_one_with_them_is_applicable() {
        assertThat(violations(RuleCodes.REGION_NOT_APPLICABLE,
                context().target(PushTarget.of("cdn")).target(PushTarget.of("elb").inRegions("cn-north-4"))))
                .isEmpty();
    }

    @Test
    void a_target_of_one_of_our_services_without_its_provider_names_the_artifact_to_add() {
        RuleContext.Builder withoutProviders = RuleContext.builder().certificate(RuleFixtures.CERTIFICATE)
                .now(RuleFixtures.CERTIFICATE.notBefore()).target(PushTarget.of("waf").inRegions("cn-north-4"))
                .target(PushTarget.of("cdn"));

        assertThat(violations(RuleCodes.UNKNOWN_SERVICE, withoutProviders))
                .extracting(Violation::service, Violation::region, Violation::message)
                .containsExactly(
                        tuple("waf", null, "No provider is installed for service 'waf': add the dependency"
                                + " io.scmpush:scm-push-waf, or register one with ScmPush.builder().provider(...)"),
                        tuple("cdn", null, "No provider is installed for service 'cdn': add the dependency"
                                + " io.scmpush:scm-push-cdn, or register one with ScmPush.builder().provider(...)"));
    }

    @Test
    void a_target_of_a_plugin_service_without_its_provider_asks_for_a_provider_of_that_service() {
        assertThat(violations(RuleCodes.UNKNOWN_SERVICE, context().target(PushTarget.of("acme-lb").inRegions("eu-1"))))
                .singleElement().satisfies(v -> {
                    assertThat(v.severity()).isEqualTo(Severity.ERROR);
                    assertThat(v.service()).isEqualTo("acme-lb");
                    assertThat(v.message()).contains("a provider for service 'acme-lb'");
                });
    }

    @Test
    void targets_whose_providers_are_installed_are_known() {
        assertThat(violations(RuleCodes.UNKNOWN_SERVICE, context().target(PushTarget.of("elb").inRegions("cn-north-4"))
                .target(PushTarget.of("cdn")))).isEmpty();
    }

    @Test
    void the_same_service_and_region_in_two_targets_is_a_duplicate() {
        RuleContext.Builder context = context().target(PushTarget.of("waf").inRegions("cn-north-4", "cn-east-3"))
                .target(PushTarget.of("waf").inRegions("cn-north-4"));

        assertThat(violations(RuleCodes.DUPLICATE_TARGET, context)).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isEqualTo("waf");
            assertThat(v.region()).isEqualTo("cn-north-4");
            assertThat(v.message()).isEqualTo("Huawei Cloud WAF in cn-north-4 is named 2 times in this request:"
                    + " name each service and region once");
        });
    }

    @Test
    void the_same_region_twice_in_one_target_or_a_global_service_twice_is_a_duplicate() {
        RuleContext.Builder context = context().target(PushTarget.of("elb").inRegions("cn-north-4", "cn-north-4"))
                .target(PushTarget.of("cdn")).target(PushTarget.of("cdn"));

        assertThat(violations(RuleCodes.DUPLICATE_TARGET, context)).extracting(Violation::service, Violation::region)
                .containsExactly(tuple("elb", "cn-north-4"), tuple("cdn", null));
    }

    @Test
    void one_region_in_two_services_is_no_duplicate() {
        RuleContext.Builder context = context().target(PushTarget.of("waf").inRegions("cn-north-4"))
                .target(PushTarget.of("elb").inRegions("cn-north-4")).target(PushTarget.of("cdn"));

        assertThat(violations(RuleCodes.DUPLICATE_TARGET, context)).isEmpty();
    }

    @Test
    void duplicates_are_reported_once_each_in_the_order_of_first_mention_with_how_often_they_are_named() {
        RuleContext.Builder context = context().target(PushTarget.of("waf").inRegions("r1", "r2", "r3"))
                .target(PushTarget.of("elb").inRegions("r2"))
                .target(PushTarget.of("waf").inRegions("r2", "r1", "r2"));

        assertThat(violations(RuleCodes.DUPLICATE_TARGET, context))
                .extracting(Violation::service, Violation::region, Violation::message)
                .containsExactly(
                        tuple("waf", "r1", "Huawei Cloud WAF in r1 is named 2 times in this request:"
                                + " name each service and region once"),
                        tuple("waf", "r2", "Huawei Cloud WAF in r2 is named 3 times in this request:"
                                + " name each service and region once"));
    }

    @Test
    void two_targets_that_break_a_target_rule_alike_give_one_violation_in_the_order_of_first_mention() {
        RuleContext.Builder context = context(withoutKey()).target(PushTarget.of("elb"))
                .target(PushTarget.of("waf").inRegions("r2", "r1")).target(PushTarget.of("elb"))
                .target(PushTarget.of("waf").inRegions("r1")).target(PushTarget.of("cdn").inRegions("r1"))
                .target(PushTarget.of("cdn").inRegions("r1")).target(PushTarget.of("sms"))
                .target(PushTarget.of("sms").inRegions("r1"));

        assertThat(violations(RuleCodes.REGION_REQUIRED, context)).extracting(Violation::service).containsExactly("elb");
        assertThat(violations(RuleCodes.REGION_NOT_APPLICABLE, context)).extracting(Violation::service)
                .containsExactly("cdn");
        assertThat(violations(RuleCodes.UNKNOWN_SERVICE, context)).extracting(Violation::service).containsExactly("sms");
        assertThat(violations(RuleCodes.PRIVATE_KEY_REQUIRED, context)).extracting(Violation::service, Violation::region)
                .containsExactly(tuple("elb", null), tuple("waf", "r2"), tuple("waf", "r1"), tuple("cdn", null));
    }
}
