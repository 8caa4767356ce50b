package io.scmpush.rules;

/** An {@code ERROR} blocks the target it applies to; a {@code WARNING} is only reported. */
public enum Severity {
    ERROR,
    WARNING
}
