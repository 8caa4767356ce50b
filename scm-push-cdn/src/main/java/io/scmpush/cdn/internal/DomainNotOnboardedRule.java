package io.scmpush.cdn.internal;

import io.scmpush.PushTarget;
import io.scmpush.cdn.Cdn;
import io.scmpush.rules.PushRule;
import io.scmpush.rules.RuleCodes;
import io.scmpush.rules.RuleContext;
import io.scmpush.rules.Violation;
import io.scmpush.spi.TargetInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code DOMAIN_NOT_ONBOARDED} (ERROR): a CDN target cannot be pushed because none of the certificate's
 * domains is an acceleration domain, or because a domain named with {@link Cdn#domains(String...)} is not
 * covered by the certificate or is not an acceleration domain. Silent while the CDN inventory is unread.
 */
final class DomainNotOnboardedRule implements PushRule {
    static final String CODE = RuleCodes.DOMAIN_NOT_ONBOARDED;

    @Override
    public List<Violation> check(RuleContext context) {
        Optional<TargetInventory> inventory = context.inventory(Cdn.SERVICE, null);
        if (inventory.isEmpty()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        for (PushTarget target : context.targets()) {
            if (!target.service().equals(Cdn.SERVICE)) {
                continue;
            }
            DomainSelection selection = DomainSelection.of(context.certificate().domains(), target,
                    inventory.get().domains());
            if (!selection.problems().isEmpty()) {
                violations.add(Violation.error(CODE, Cdn.SERVICE, null,
                        "CDN: " + String.join("; ", selection.problems())));
            }
        }
        return violations;
    }
}
