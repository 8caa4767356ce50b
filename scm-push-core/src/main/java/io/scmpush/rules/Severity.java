package io.scmpush.rules;

/** An {@code ERROR} blocks the target it applies to; a {@code WARNING} is only reported. */
public enum Severity {
    /** The targets it applies to are {@code REJECTED}; nothing is written to them. */
    ERROR,
    /** Reported in the plan and the result; the push goes on. */
    WARNING
}
