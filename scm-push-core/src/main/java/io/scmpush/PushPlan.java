package io.scmpush;

import io.scmpush.rules.RuleReport;
import java.util.List;

/**
 * The dry run of a push: what would happen to each target and each binding, and the rule report. Nothing
 * was written.
 *
 * @param certificate the certificate the plan is for
 * @param actions one per (service, region), in the order of the request's targets
 * @param report every rule violation found, warnings included
 * @param bindings what {@link PushRequest#execute()} would report for each binding, judged from what the
 *     resources reference now: {@code BOUND} (it would be pointed at the certificate; its
 *     {@code previousCertificateId} is what it references now), {@code ALREADY_BOUND}, {@code REJECTED} by
 *     a binding rule, {@code FAILED} when the resource could not be read, {@code NOT_ATTEMPTED} when its
 *     target would not be pushed
 */
public record PushPlan(Certificate certificate, List<PlannedAction> actions, RuleReport report,
        List<BindingOutcome> bindings) {

    /**
     * Copies the lists.
     *
     * @param certificate the certificate the plan is for
     * @param actions one per (service, region), in the order of the request's targets
     * @param report every rule violation found, warnings included
     * @param bindings one per distinct binding of the request, in the order bound
     */
    public PushPlan {
        actions = List.copyOf(actions);
        bindings = List.copyOf(bindings);
    }

    /**
     * A plan without bindings.
     *
     * @param certificate the certificate the plan is for
     * @param actions one per (service, region), in the order of the request's targets
     * @param report every rule violation found, warnings included
     */
    public PushPlan(Certificate certificate, List<PlannedAction> actions, RuleReport report) {
        this(certificate, actions, report, List.of());
    }

    /**
     * Whether the push may go ahead as asked.
     *
     * @return true when no action is {@link PlannedAction.Action#REJECT} and no binding would end
     *     {@code REJECTED}, {@code FAILED} or {@code NOT_ATTEMPTED}
     */
    public boolean allowed() {
        return actions.stream().noneMatch(a -> a.action() == PlannedAction.Action.REJECT)
                && bindings.stream().allMatch(BindingOutcome::succeeded);
    }
}
