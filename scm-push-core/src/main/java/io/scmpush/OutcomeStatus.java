package io.scmpush;

/** How one (service, region) of a push ended. */
public enum OutcomeStatus {
    /** The certificate was written. */
    PUSHED,
    /** The target already held it and {@link DuplicatePolicy#SKIP} was asked for. */
    ALREADY_PRESENT,
    /** A rule forbade the write; nothing was sent. */
    REJECTED,
    /** The write or its inventory read failed. */
    FAILED
}
