package io.scmpush;

import io.scmpush.rules.RuleReport;
import java.util.List;

/** The dry run of a push: what would happen to each target, and the rule report. Nothing was written. */
public record PushPlan(Certificate certificate, List<PlannedAction> actions, RuleReport report) {

    public PushPlan {
        actions = List.copyOf(actions);
    }

    /** True when no action is {@link PlannedAction.Action#REJECT}. */
    public boolean allowed() {
        return actions.stream().noneMatch(a -> a.action() == PlannedAction.Action.REJECT);
    }
}
