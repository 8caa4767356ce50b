package io.scmpush;

import io.scmpush.rules.Violation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PushRequest#execute()} would do for one (service, region).
 *
 * @param service the service id, e.g. {@code waf}
 * @param region null for a global service, or a regional target that names no region
 * @param action what would be done
 * @param violations the violations that apply to this target, errors and warnings
 */
public record PlannedAction(String service, @Nullable String region, Action action, List<Violation> violations) {

    /**
     * Copies the violations.
     *
     * @param service the service id, e.g. {@code waf}
     * @param region null for a global service, or a regional target that names no region
     * @param action what would be done
     * @param violations the violations that apply to this target, errors and warnings
     */
    public PlannedAction {
        violations = List.copyOf(violations);
    }

    /** The three things a push can do to a target. */
    public enum Action {
        /** Write the certificate. */
        CREATE,
        /** The target already holds it and the policy is {@link DuplicatePolicy#SKIP}: write nothing. */
        SKIP_PRESENT,
        /** A rule forbids the write. */
        REJECT
    }
}
