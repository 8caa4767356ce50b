package io.scmpush.rules;

import static io.scmpush.rules.RuleFixtures.CERTIFICATE;
import static io.scmpush.rules.RuleFixtures.GENERATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.scmpush.Certificate;
import io.scmpush.CertificateStatus;
import io.scmpush.CsrOrigin;
import io.scmpush.DuplicatePolicy;
import io.scmpush.PushTarget;
import io.scmpush.TestCertificates;
import io.scmpush.internal.rules.StandardRules;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetInventory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** What holds for every request: generated certificates, targets, inventories and engines. */
class RuleEnginePropertiesTest {
    /** Examples per property: 1,000, as many as these properties always ran. */
    private static final int EXAMPLES = 1_000;
    private static final List<String> SERVICES = List.of("waf", "elb", "cdn", "acme");
    private static final List<@Nullable String> REGIONS = Arrays.asList(null, "r1", "r2", "r3");
    private static final Certificate OTHER = TestCertificates.builder().build().toCertificate();
    private static final List<Certificate> CERTIFICATES = List.of(CERTIFICATE, RuleFixtures.withoutKey(),
            Certificate.builder().certificatePem(GENERATED.certificatePem()).status(CertificateStatus.REVOKED).build(),
            Certificate.builder().certificatePem(GENERATED.certificatePem()).csrOrigin(CsrOrigin.MANUAL).build(),
            TestCertificates.builder().rsa(1024).build().toCertificate());
    // ELB limited to 2 regions and a CDN rule that reports without a service, so both paths are exercised.
    private static final List<ProviderDescriptor> DESCRIPTORS = List.of(RuleFixtures.WAF,
            ProviderDescriptor.builder("elb", Scope.REGIONAL).displayName("Huawei Cloud ELB").maxRegions(2).build(),
            ProviderDescriptor.builder("cdn", Scope.GLOBAL).displayName("Huawei Cloud CDN").uniqueNames(true)
                    .rule(RuleCodes.DOMAIN_NOT_ONBOARDED, context -> context.inventory("cdn", null) .filter(inventory -> inventory.domains().isEmpty()) .map(inventory -> List.of(Violation.error(RuleCodes.DOMAIN_NOT_ONBOARDED, null, null, "none"))) .orElse(List.of()))
                    .build());

    /** What one (service, region) holds. */
    enum Holding { UNREAD, NOTHING, UNAVAILABLE, THIS_ONE, THIS_ONE_BY_NAME, ANOTHER_UNDER_THIS_NAME }

    /** When the rules run, relative to the certificate's validity. */
    enum Moment { BEFORE_VALIDITY, EARLY, LAST_WEEK, AFTER_EXPIRY }

    record Scenario(Certificate certificate, Moment moment, DuplicatePolicy policy, List<PushTarget> targets,
            List<Holding> holdings) {

        RuleContext context() {
            return context(targets);
        }

        RuleContext context(List<PushTarget> targetsInOrder) {
            RuleContext.Builder builder = RuleContext.builder().certificate(certificate).now(now())
                    .duplicatePolicy(policy);
            DESCRIPTORS.forEach(builder::descriptor);
            targetsInOrder.forEach(builder::target);
            for (int i = 0; i < holdings.size(); i++) {
                String service = SERVICES.get(i / REGIONS.size());
                String region = REGIONS.get(i % REGIONS.size());
                inventory(holdings.get(i)).ifPresent(inventory -> builder.inventory(service, region, inventory));
            }
            return builder.build();
        }

        private Instant now() {
            return switch (moment) {
                case BEFORE_VALIDITY -> certificate.notBefore().minusSeconds(1);
                case EARLY -> certificate.notBefore().plus(Duration.ofDays(1));
                case LAST_WEEK -> certificate.notAfter().minus(Duration.ofDays(7));
                case AFTER_EXPIRY -> certificate.notAfter().plusSeconds(1);
            };
        }

        private Optional<TargetInventory> inventory(Holding holding) {
            String name = certificate.name();
            return Optional.ofNullable(switch (holding) {
                case UNREAD -> null;
                case NOTHING -> RuleFixtures.empty();
                case UNAVAILABLE -> TargetInventory.unavailable();
                case THIS_ONE -> RuleFixtures.holding(RuleFixtures.remote(certificate));
                case THIS_ONE_BY_NAME -> RuleFixtures.holding(RuleFixtures.remoteWithoutBody(name,
                        certificate.notAfter()));
                case ANOTHER_UNDER_THIS_NAME -> RuleFixtures.holding(
                        new RemoteCertificate("other", name, OTHER.fingerprint(), OTHER.notAfter()));
            });
        }
    }

    static Gen<Scenario> scenarios() {
        Gen<PushTarget> target = arbitrary().pick(SERVICES).zip(
                lists().of(arbitrary().pick("r1", "r2", "r3")).ofSizeBetween(0, 3), booleans().all(),
                (service, regions, ca) -> {
                    PushTarget t = PushTarget.of(service).inRegions(regions.toArray(String[]::new));
                    return ca ? t.withOption(PushTarget.CERTIFICATE_TYPE, "ca") : t;
                });
        return arbitrary().pick(CERTIFICATES).zip(arbitrary().enumValues(Moment.class),
                arbitrary().enumValues(DuplicatePolicy.class), lists().of(target).ofSizeBetween(1, 4),
                lists().of(arbitrary().enumValues(Holding.class)).ofSize(SERVICES.size() * REGIONS.size()),
                Scenario::new);
    }

    /** A rule that finds nothing, one error for the whole request, or a warning per target. */
    enum CustomRule {
        NOTHING(context -> List.of()),
        ONE_ERROR(context -> List.of(Violation.error("CUSTOM", null, null, "everywhere"))),
        A_WARNING_PER_TARGET(context -> context.targets().stream()
                .map(t -> Violation.warning("CUSTOM", t.service(), null, "per service")).toList());

        final PushRule rule;

        CustomRule(PushRule rule) {
            this.rule = rule;
        }
    }

    static Gen<String> ruleIds() {
        return Generate.oneOf(arbitrary().pick(RuleEngine.standard().ruleIds()), Generate.constant("CUSTOM"));
    }

    /** Seeds for the shuffles; a failure report names the seed, which replays the same order. */
    static Gen<Long> shuffleSeeds() {
        return longs().all();
    }

    @Test
    void the_same_context_always_gives_the_same_report() {
        qt().withExamples(EXAMPLES).forAll(scenarios()).checkAssert(scenario -> {
            RuleContext context = scenario.context();

            RuleReport first = RuleEngine.standard().evaluate(context);

            assertThat(RuleEngine.standard().evaluate(context)).isEqualTo(first);
            assertThat(RuleEngine.standard().evaluate(scenario.context())).isEqualTo(first);
        });
    }

    @Test
    void the_violations_do_not_depend_on_the_order_rules_were_added() {
        qt().withExamples(EXAMPLES).forAll(scenarios(), shuffleSeeds()).checkAssert((scenario, seed) -> {
            List<String> ids = new ArrayList<>(StandardRules.rules().keySet());
            Collections.shuffle(ids, new Random(seed));
            RuleEngine shuffled = RuleEngine.empty();
            for (String id : ids) {
                shuffled = shuffled.with(id, StandardRules.rules().get(id));
            }

            assertThat(shuffled.evaluate(scenario.context()).violations()).containsExactlyInAnyOrderElementsOf(
                    RuleEngine.standard().evaluate(scenario.context()).violations());
        });
    }

    @Test
    void the_violations_do_not_depend_on_the_order_of_the_targets() {
        qt().withExamples(EXAMPLES).forAll(scenarios(), shuffleSeeds()).checkAssert((scenario, seed) -> {
            List<PushTarget> shuffled = new ArrayList<>(scenario.targets());
            Collections.shuffle(shuffled, new Random(seed));

            assertThat(RuleEngine.standard().evaluate(scenario.context(shuffled)).violations())
                    .containsExactlyInAnyOrderElementsOf(
                            RuleEngine.standard().evaluate(scenario.context()).violations());
        });
    }

    @Test
    void with_and_without_never_change_the_engine_they_are_called_on() {
        qt().withExamples(EXAMPLES).forAll(scenarios(), ruleIds(), arbitrary().enumValues(CustomRule.class))
                .checkAssert((scenario, id, custom) -> {
                    RuleEngine engine = RuleEngine.standard();
                    List<String> ids = engine.ruleIds();
                    RuleReport report = engine.evaluate(scenario.context());

                    RuleEngine added = engine.with(id, custom.rule);
                    RuleEngine removed = engine.without(id);

                    assertThat(engine.ruleIds()).isEqualTo(ids);
                    assertThat(engine.evaluate(scenario.context())).isEqualTo(report);
                    assertThat(added.ruleIds()).contains(id);
                    assertThat(removed.ruleIds()).doesNotContain(id);
                });
    }

    @Test
    void adding_a_rule_never_removes_a_violation() {
        qt().withExamples(EXAMPLES).forAll(scenarios(), arbitrary().enumValues(CustomRule.class), shuffleSeeds())
                .checkAssert((scenario, custom, seed) -> {
                    Random random = new Random(seed);
                    List<String> ids = new ArrayList<>(StandardRules.rules().keySet());
                    Collections.shuffle(ids, random);
                    RuleEngine engine = RuleEngine.empty();
                    for (String id : ids.subList(0, random.nextInt(ids.size() + 1))) {
                        engine = engine.with(id, StandardRules.rules().get(id));
                    }
                    List<Violation> before = engine.evaluate(scenario.context()).violations();

                    List<Violation> after = engine.with("CUSTOM", custom.rule).evaluate(scenario.context())
                            .violations();

                    assertThat(after).containsAll(before);
                });
    }

    /** 20 x 30 pairs: all of them are checked (the property always covered the whole domain). */
    @Test
    void region_limit_fires_exactly_when_a_target_names_more_regions_than_its_provider_takes() {
        for (int maxRegions = 1; maxRegions <= 20; maxRegions++) {
            for (int regions = 1; regions <= 30; regions++) {
                assertRegionLimit(maxRegions, regions);
            }
        }
    }

    private static void assertRegionLimit(int maxRegions, int regions) {
        ProviderDescriptor waf = ProviderDescriptor.builder("waf", Scope.REGIONAL).displayName("Huawei Cloud WAF")
                .maxRegions(maxRegions).build();
        PushTarget target = PushTarget.of("waf")
                .inRegions(IntStream.rangeClosed(1, regions).mapToObj(i -> "region-" + i).toArray(String[]::new));
        RuleContext context = RuleFixtures.context().descriptor(waf).target(target).build();

        List<Violation> limits = RuleEngine.standard().evaluate(context).violations().stream()
                .filter(v -> v.code().equals(RuleCodes.REGION_LIMIT)).toList();

        assertThat(limits).as("%d regions, %d allowed", regions, maxRegions).hasSize(regions > maxRegions ? 1 : 0);
    }
}
