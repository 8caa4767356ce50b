package io.scmpush.internal.http;

import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.Deployment;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Creates a remote certificate at most once although the create call itself is not idempotent.
 *
 * <p>{@link CloudHttp} does not resend a POST whose fate is unknown (a timeout, a reset connection, a
 * 500/502/504, an interrupt): the service may have stored the certificate. Every provider's push therefore
 * goes through {@link #run}: after such an <em>ambiguous</em> failure it waits a backoff, re-reads the
 * target with {@code findExisting} (e.g. list the certificates by name and match the fingerprint or
 * expiry), and
 * <ul>
 *   <li>if the certificate is there, the push succeeded: that {@link Deployment} is returned;</li>
 *   <li>if it is not, the create is sent again, while the sends so far stay within the transport's
 *       {@link RetryPolicy#maxAttempts()} (and the push was neither interrupted nor cancelled);</li>
 *   <li>if the re-read itself fails, it is tried again, up to {@link RetryPolicy#maxAttempts()} re-reads
 *       (a refusal such as {@code AUTH_FAILED} ends them at once); when no re-read succeeds the outcome is
 *       {@value #OUTCOME_UNKNOWN}: the certificate may or may not be stored.</li>
 * </ul>
 * A 2xx reply that {@code created} cannot read (no id, not JSON) is ambiguous too, but more likely
 * stored: the target is re-read the same way, and when it does not list the certificate the failure is
 * rethrown without sending the create again.
 * Any other failure (a 4xx, an exhausted throttle, a create the push's scope did not let start) is
 * rethrown at once. An interrupt does not stop the re-reads (what happened must be found out); it stops
 * the backoffs and any further create, and stays set. The returned deployment's and the rethrown
 * exception's {@code attempts} count every send of the create, the transport's own retries included;
 * re-reads are not counted.
 *
 * <pre>{@code
 * Deployment d = IdempotentCreate.run(context.http(),
 *         () -> findByName(region, certificate),           // Optional<Deployment>
 *         () -> http.send(createRequest),                  // CloudHttp.Response
 *         response -> new Deployment(idOf(response), name, response.requestId(), response.attempts()));
 * }</pre>
 */
public final class IdempotentCreate {
    /** The code of a create that was sent and whose effect could not be established. */
    public static final String OUTCOME_UNKNOWN = OutcomeCodes.OUTCOME_UNKNOWN;

    private IdempotentCreate() {}

    /**
     * @param http the transport the create is sent through: its retry policy bounds the sends and its
     *     sleeper paces the re-reads (for another {@link CloudHttp}, {@link RetryPolicy#defaults()})
     * @param findExisting re-reads the target; the certificate just pushed, if the service holds it
     * @param create sends the create once (through {@code http}, which may retry what is safe to retry)
     * @param created reads the create's successful response
     * @throws CloudServiceException the create's last failure when it did not succeed; code
     *     {@value #OUTCOME_UNKNOWN} when it was sent and no re-read could tell whether it was stored
     */
    public static Deployment run(CloudHttp http, Supplier<Optional<Deployment>> findExisting,
            Supplier<CloudHttp.Response> create, Function<CloudHttp.Response, Deployment> created) {
        RetryPolicy retry = http instanceof HuaweiCloudHttp h ? h.retryPolicy() : RetryPolicy.defaults();
        Sleeper sleeper = http instanceof HuaweiCloudHttp h ? h.sleeper() : Sleeper.SYSTEM;
        int sent = 0;
        for (int round = 1; ; round++) {
            CloudServiceException failure;
            boolean accepted = false;
            try {
                CloudHttp.Response response = create.get();
                sent += response.attempts();
                try {
                    Deployment d = created.apply(response);
                    return new Deployment(d.remoteId(), d.remoteName(), d.requestId(), sent);
                } catch (RuntimeException unreadable) {
                    // The service said yes, so the certificate probably exists: find it rather than fail.
                    failure = unreadableReply(response, unreadable);
                    accepted = true;
                }
            } catch (CloudServiceException e) {
                sent += e.attempts();
                failure = e;
                // A yes too long to read: stored, most likely, like a yes that cannot be read.
                accepted = e.code().equals(HuaweiCloudHttp.RESPONSE_TOO_LARGE) && e.httpStatus() / 100 == 2;
            }
            if (!accepted && (!isAmbiguous(failure) || PushScope.notSent(failure))) {
                throw withAttempts(failure, sent, "");
            }
            // The service's Retry-After (a 503's, say) holds for the resend too; the transport left it to us.
            Duration retryAfter = HuaweiCloudHttp.retryAfter(failure);
            if (retryAfter != null && retryAfter.compareTo(HuaweiCloudHttp.MAX_RETRY_AFTER) > 0) {
                throw withAttempts(failure, sent, "");
            }
            Reread reread = reread(findExisting, retry, sleeper, round, retryAfter);
            if (reread.found() != null) {
                Deployment d = reread.found();
                return new Deployment(d.remoteId(), d.remoteName(),
                        d.requestId() != null ? d.requestId() : failure.requestId(), sent);
            }
            if (reread.failure() != null) {
                // Past the deadline the push's outcome is TIMEOUT, as for every target it leaves unfinished.
                String code = reread.failure() instanceof CloudServiceException read && PushScope.notSent(read)
                        ? read.code() : OUTCOME_UNKNOWN;
                CloudServiceException e = CloudServiceException.builder(code, failure.getMessage() + "; re-reading the target to see whether it was stored failed too, so it may or may not " + "hold the certificate: check it before pushing again")
                        .httpStatus(failure.httpStatus()).errorCode(failure.errorCode())
                        .requestId(failure.requestId()).attempts(sent).cause(failure).build();
                e.addSuppressed(reread.failure());
                throw e;
            }
            if (accepted) {
                throw withAttempts(failure, sent, "; the service accepted the create but does not list the "
                        + "certificate, so it was not sent again: check the target before pushing again");
            }
            if (reread.interrupted()) {
                throw CloudServiceException.builder(PushScope.CANCELLED, failure.getMessage() + "; interrupted, and the " + "certificate is not on the target")
                        .httpStatus(failure.httpStatus()).errorCode(failure.errorCode())
                        .requestId(failure.requestId()).attempts(sent).cause(failure).build();
            }
            if (sent >= retry.maxAttempts()) {
                throw withAttempts(failure, sent, "; the certificate is not on the target, and no attempt is left");
            }
        }
    }

    /**
     * Re-reads the target after an ambiguous create, again after a failed re-read, up to the retry policy's
     * attempts. An interrupt (set before or during) is cleared for the reads, which must find out what
     * happened, and set again after them.
     */
    private static Reread reread(Supplier<Optional<Deployment>> findExisting, RetryPolicy retry, Sleeper sleeper,
            int round, @Nullable Duration retryAfter) {
        boolean interrupted = Thread.interrupted();
        RuntimeException last = null;
        try {
            for (int read = 0; read < retry.maxAttempts(); read++) {
                if (!interrupted) {
                    try {
                        Duration wait = HuaweiCloudHttp.backoff(retry, round + read);
                        if (read == 0 && retryAfter != null && retryAfter.compareTo(wait) > 0) {
                            wait = retryAfter; // the service asked for this long
                        }
                        sleeper.sleep(wait);
                    } catch (InterruptedException e) {
                        interrupted = true; // no more waiting, but still find out
                    }
                }
                try {
                    return new Reread(findExisting.get().orElse(null), null, interrupted);
                } catch (RuntimeException e) {
                    if (last != null) {
                        e.addSuppressed(last);
                    }
                    last = e;
                    if (e instanceof CloudServiceException cloud && (refused(cloud) || PushScope.notSent(cloud))) {
                        break; // asking again cannot help (refused, deadline passed)
                    }
                }
            }
            return new Reread(null, last, interrupted);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A 4xx (authentication, permission, a bad request): reading again would be refused again. */
    private static boolean refused(CloudServiceException e) {
        return e.httpStatus() >= 400 && e.httpStatus() < 500 && !e.retryable();
    }

    /** What re-reading found: the certificate, or nothing; or a failure when no read succeeded. */
    private record Reread(@Nullable Deployment found, @Nullable RuntimeException failure, boolean interrupted) {}

    /**
     * A failure after which the service may or may not have acted: no response, or a 500/502/503/504. The
     * transport does not resend a create after a 503 either (it "may have reached the service"), so a 503
     * is re-read here like the others rather than ending the push at its first send.
     */
    static boolean isAmbiguous(CloudServiceException e) {
        int status = e.httpStatus();
        return status == 0 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** The failure a 2xx reply that {@code created} could not read stands for; never quotes the reply. */
    private static CloudServiceException unreadableReply(CloudHttp.Response response, RuntimeException e) {
        if (e instanceof CloudServiceException cloud) {
            return cloud;
        }
        return CloudServiceException.builder(OutcomeCodes.MALFORMED_RESPONSE, "The service accepted the create (HTTP " + response.status() + ") but its reply could not be read (" + e.getClass().getSimpleName() + ")")
                .httpStatus(response.status()).requestId(response.requestId()).attempts(response.attempts()).build();
    }

    private static CloudServiceException withAttempts(CloudServiceException e, int attempts, String note) {
        return CloudServiceException.builder(e.code(), e.getMessage() + note).httpStatus(e.httpStatus())
                .errorCode(e.errorCode()).requestId(e.requestId()).retryable(e.retryable()).attempts(attempts)
                .cause(e.getCause()).build();
    }
}
