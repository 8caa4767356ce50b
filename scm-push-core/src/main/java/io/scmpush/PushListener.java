package io.scmpush;

/**
 * Hears what a push does, for logging or metrics. Methods may be called from the push's worker
 * threads; an exception thrown here is logged and otherwise ignored.
 */
public interface PushListener {

    /**
     * The rules were evaluated; the plan says what will be written. Called once per {@code execute()},
     * before any write; never by {@code plan()}.
     *
     * @param plan what will happen to each target
     */
    default void onPlanned(PushPlan plan) {}

    /**
     * One target is done, after its outcome was recorded in the history.
     *
     * @param outcome the target's outcome
     */
    default void onOutcome(TargetOutcome outcome) {}

    /**
     * Every target is done; called just before {@code execute()} returns the same result.
     *
     * @param result every outcome
     */
    default void onCompleted(PushResult result) {}
}
