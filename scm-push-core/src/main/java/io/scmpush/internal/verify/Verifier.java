package io.scmpush.internal.verify;

import io.scmpush.OutcomeCodes;
import io.scmpush.Verification;
import io.scmpush.VerificationResult;
import io.scmpush.internal.http.Sleeper;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link Verification}: handshakes until the expected certificate is served or its
 * {@code within} has passed, pausing 200 ms, then twice as long each time up to 5 s, between attempts.
 * Thread-safe.
 */
public final class Verifier {
    /** Another certificate is served. */
    public static final String MISMATCH = OutcomeCodes.MISMATCH;
    /** The handshake failed or did not finish. */
    public static final String TLS_ERROR = OutcomeCodes.TLS_ERROR;
    /** No connection: unknown host, refused, timed out. */
    public static final String UNREACHABLE = OutcomeCodes.UNREACHABLE;

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** However little time is left, an attempt gets this long: less would fail for no reason of the server's. */
    private static final Duration SHORTEST_ATTEMPT = Duration.ofSeconds(1);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    /** Longer than anyone waits, short enough for nanosecond arithmetic. */
    private static final Duration FOREVER = Duration.ofDays(365);

    private final Sleeper sleeper;

    /**
     * A verifier that waits with {@code sleeper} between attempts.
     *
     * @param sleeper how to wait between attempts
     */
    public Verifier(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Runs {@code check} against {@code expectedFingerprint}.
     *
     * @param expectedFingerprint SHA-256 of the expected leaf, 64 lowercase hex
     * @param check what to check
     * @param cap when not null, stop trying after this long even if {@code within} is longer (the caller's
     *     deadline); one attempt is made however short it is
     * @return the result of the last attempt
     */
    public VerificationResult verify(String expectedFingerprint, Verification check, @Nullable Duration cap) {
        long started = System.nanoTime();
        Duration budget = min(check.within(), cap != null ? cap : FOREVER);
        long end = started + min(budget, FOREVER).toNanos();
        Duration pause = FIRST_PAUSE;
        int attempts = 0;
        while (true) {
            Duration left = Duration.ofNanos(end - System.nanoTime());
            Duration floor = left.compareTo(SHORTEST_ATTEMPT) < 0 ? SHORTEST_ATTEMPT : left;
            TlsProbe.Attempt attempt = TlsProbe.probe(check.serverName(), check.host(), check.port(),
                    min(CONNECT_TIMEOUT, floor), min(HANDSHAKE_TIMEOUT, floor));
            attempts++;
            boolean matches = expectedFingerprint.equals(attempt.fingerprint());
            long now = System.nanoTime();
            if (matches || now - end >= 0 || Thread.currentThread().isInterrupted()) {
                return result(expectedFingerprint, check, attempt, attempts, Duration.ofNanos(now - started));
            }
            Duration wait = min(pause, Duration.ofNanos(end - now));
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller gave up: report what was seen so far
                return result(expectedFingerprint, check, attempt, attempts, Duration.ofNanos(System.nanoTime() - started));
            }
            pause = min(pause.multipliedBy(2), LONGEST_PAUSE);
        }
    }

    private static VerificationResult result(String expected, Verification check, TlsProbe.Attempt attempt,
            int attempts, Duration elapsed) {
        String served = attempt.fingerprint();
        X509Certificate leaf = attempt.leaf();
        if (served == null || leaf == null) {
            return new VerificationResult(check, false, null, Objects.requireNonNull(attempt.failureCode()),
                    check.host() + ":" + check.port() + " (SNI " + check.serverName() + "): " + attempt.failure(),
                    attempts, elapsed);
        }
        if (served.equals(expected)) {
            return new VerificationResult(check, true, served, null, "Serves the expected certificate, "
                    + describe(leaf, served), attempts, elapsed);
        }
        return new VerificationResult(check, false, served, MISMATCH, "Serves " + describe(leaf, served)
                + ", not the expected sha256 " + abbreviate(expected), attempts, elapsed);
    }

    private static String describe(X509Certificate leaf, String fingerprint) {
        return leaf.getSubjectX500Principal().getName() + " (sha256 " + abbreviate(fingerprint) + ", expires "
                + leaf.getNotAfter().toInstant() + ")";
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint.substring(0, Math.min(16, fingerprint.length())) + "…";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
