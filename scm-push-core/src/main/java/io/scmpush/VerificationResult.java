package io.scmpush;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Verification} found.
 *
 * @param verification the check
 * @param matches whether the expected certificate was served (on the last attempt)
 * @param servedFingerprint the SHA-256 fingerprint of the leaf served on the last attempt that completed a
 *     handshake (64 lowercase hex); null when none did
 * @param code null when it matches; else {@code MISMATCH} (another certificate is served), {@code TLS_ERROR}
 *     (the handshake failed) or {@code UNREACHABLE} (no connection: unknown host, refused, timed out)
 * @param message what was found, for a person
 * @param attempts how many handshakes were tried
 * @param elapsed how long the check took, retries included
 */
public record VerificationResult(Verification verification, boolean matches, @Nullable String servedFingerprint,
        @Nullable String code, String message, int attempts, Duration elapsed) {

    /**
     * Checks the values.
     *
     * @param verification the check
     * @param matches whether the expected certificate was served
     * @param servedFingerprint the SHA-256 fingerprint of the leaf served, where a handshake completed
     * @param code null when it matches, else {@code MISMATCH}, {@code TLS_ERROR} or {@code UNREACHABLE}
     * @param message what was found
     * @param attempts how many handshakes were tried
     * @param elapsed how long the check took
     * @throws NullPointerException when a non-null component is null
     * @throws IllegalArgumentException when {@code matches} and {@code code} disagree
     */
    public VerificationResult {
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(elapsed, "elapsed");
        if (matches != (code == null)) {
            throw new IllegalArgumentException("a result has a code exactly when it does not match");
        }
    }

    @Override
    public String toString() {
        return verification + " " + (matches ? "MATCHES" : code) + ": " + message + " (" + attempts
                + (attempts == 1 ? " attempt, " : " attempts, ") + elapsed.toMillis() + " ms)";
    }
}
