package io.scmpush;

/** What a push does when a target already holds the certificate. */
public enum DuplicatePolicy {
    /** Reject the target with {@code ALREADY_PUSHED}, as the certificate manager does. */
    FAIL,
    /** Write nothing and report {@code ALREADY_PRESENT}. */
    SKIP
}
