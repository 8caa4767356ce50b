/**
 * The push rules: an immutable {@link io.scmpush.rules.RuleEngine} of pure {@link io.scmpush.rules.PushRule}s
 * over a {@link io.scmpush.rules.RuleContext}, checked before anything is written.
 *
 * <pre>{@code
 * RuleEngine rules = RuleEngine.standard()
 *         .without(RuleCodes.CERT_EXPIRING_SOON)
 *         .with("NO_WILDCARD", context -> context.certificate().domains().stream().anyMatch(d -> d.startsWith("*."))
 *                 ? List.of(Violation.error("NO_WILDCARD", null, null, "Wildcard certificates are pushed by hand"))
 *                 : List.of());
 * ScmPush scm = ScmPush.builder().credentials(credentials).rules(rules).build();
 *
 * // A rule is a function of its context: test it without any I/O.
 * RuleReport report = rules.evaluate(RuleContext.builder()
 *         .certificate(certificate).target(Waf.inRegions("cn-north-4")).now(Instant.now()).build());
 * }</pre>
 */
@NullMarked
package io.scmpush.rules;

import org.jspecify.annotations.NullMarked;
