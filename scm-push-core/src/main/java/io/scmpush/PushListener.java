package io.scmpush;

/**
 * Hears what a push does, for logging or metrics. Methods may be called from the push's worker
 * threads; an exception thrown here is logged and otherwise ignored.
 */
public interface PushListener {

    /** The rules were evaluated; the plan says what will be written. */
    default void onPlanned(PushPlan plan) {}

    /** One target is done. */
    default void onOutcome(TargetOutcome outcome) {}

    /** Every target is done. */
    default void onCompleted(PushResult result) {}
}
