package io.scmpush;

/** How one {@link Binding} of a push ended. */
public enum BindingStatus {
    /** The resource now serves the certificate; it served another one (or none) before. */
    BOUND,
    /** The resource served the certificate already: nothing was written to it. */
    ALREADY_BOUND,
    /** A binding rule forbids it (code: the rule's); nothing was written to the resource. */
    REJECTED,
    /** Reading or updating the resource failed (code: the failure's); the push itself may have succeeded. */
    FAILED,
    /** Its target's push did not succeed (code {@code PUSH_FAILED}): there was nothing to bind. */
    NOT_ATTEMPTED
}
