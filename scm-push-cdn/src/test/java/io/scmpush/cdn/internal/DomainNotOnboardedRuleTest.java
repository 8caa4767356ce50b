package io.scmpush.cdn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.PushTarget;
import io.scmpush.cdn.Cdn;
import io.scmpush.rules.PushRule;
import io.scmpush.rules.RuleCodes;
import io.scmpush.rules.RuleContext;
import io.scmpush.rules.Severity;
import io.scmpush.rules.Violation;
import io.scmpush.spi.TargetInventory;
import io.scmpush.testkit.TestCertificates;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainNotOnboardedRuleTest {
    private static final Certificate WILDCARD =
            TestCertificates.builder().domains("example.com", "*.example.com").build().toCertificate();

    private final PushRule rule = new CdnProvider().descriptor().rules().get(RuleCodes.DOMAIN_NOT_ONBOARDED);

    @Test
    void fires_when_none_of_the_certificate_domains_is_an_acceleration_domain() {
        List<Violation> violations = rule.check(context(Cdn.matchingDomains(), "a.b.example.com", "www.other.org"));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(RuleCodes.DOMAIN_NOT_ONBOARDED);
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isEqualTo("cdn");
            assertThat(v.region()).isNull();
            assertThat(v.message()).contains("none of the certificate's domains [example.com, *.example.com]");
        });
    }

    @Test
    void is_silent_when_a_wildcard_covers_an_acceleration_domain_one_label_deep() {
        assertThat(rule.check(context(Cdn.matchingDomains(), "a.b.example.com", "img.example.com"))).isEmpty();
    }

    @Test
    void fires_for_each_named_domain_the_certificate_does_not_cover_or_cdn_does_not_serve() {
        List<Violation> violations = rule.check(context(
                Cdn.domains("www.example.com", "a.b.example.com", "new.example.com"),
                "www.example.com", "a.b.example.com"));

        assertThat(violations).singleElement().extracting(Violation::message).asString()
                .contains("a.b.example.com is not covered by the certificate")
                .contains("new.example.com is not a usable acceleration domain")
                .doesNotContain("www.example.com is");
    }

    @Test
    void is_silent_when_every_named_domain_is_covered_and_onboarded() {
        assertThat(rule.check(context(Cdn.domains("example.com", "www.example.com"), "www.example.com",
                "example.com", "img.example.com"))).isEmpty();
    }

    @Test
    void is_silent_until_the_cdn_inventory_is_read() {
        RuleContext unread = RuleContext.builder().certificate(WILDCARD).now(Instant.now())
                .descriptor(new CdnProvider().descriptor()).target(Cdn.matchingDomains()).build();

        assertThat(rule.check(unread)).isEmpty();
    }

    @Test
    void looks_at_cdn_targets_only() {
        RuleContext context = RuleContext.builder().certificate(WILDCARD).now(Instant.now())
                .descriptor(new CdnProvider().descriptor()).target(PushTarget.of("waf").inRegions("cn-north-4"))
                .inventory("cdn", null, new TargetInventory(true, List.of(), List.of())).build();

        assertThat(rule.check(context)).isEmpty();
    }

    private static RuleContext context(PushTarget target, String... accelerationDomains) {
        return RuleContext.builder().certificate(WILDCARD).now(Instant.now())
                .descriptor(new CdnProvider().descriptor()).target(target)
                .inventory("cdn", null, new TargetInventory(true, List.of(), List.of(accelerationDomains))).build();
    }
}
