package io.scmpush;

import io.scmpush.rules.RuleReport;
import java.util.List;

/**
 * The dry run of a push: what would happen to each target, and the rule report. Nothing was written.
 *
 * @param certificate the certificate the plan is for
 * @param actions one per (service, region), in the order of the request's targets
 * @param report every rule violation found, warnings included
 */
public record PushPlan(Certificate certificate, List<PlannedAction> actions, RuleReport report) {

    /**
     * Copies the actions.
     *
     * @param certificate the certificate the plan is for
     * @param actions one per (service, region), in the order of the request's targets
     * @param report every rule violation found, warnings included
     */
    public PushPlan {
        actions = List.copyOf(actions);
    }

    /** {@return whether no action is {@link PlannedAction.Action#REJECT}} */
    public boolean allowed() {
        return actions.stream().noneMatch(a -> a.action() == PlannedAction.Action.REJECT);
    }
}
