package io.scmpush.spi.support;

import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.internal.http.PushScope;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.RemoteCertificate;
import java.time.Duration;
import java.util.List;
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
 *       {@link RetryPolicy#maxAttempts()}, its {@linkplain RetryPolicy#retryPredicate() retry predicate}
 *       accepts the failure, and the push was neither interrupted nor cancelled;</li>
 *   <li>if the re-read itself fails, it is tried again, up to {@link RetryPolicy#maxAttempts()} re-reads
 *       (a refusal such as {@code AUTH_FAILED} ends them at once); when no re-read succeeds the outcome is
 *       {@value OutcomeCodes#OUTCOME_UNKNOWN}: the certificate may or may not be stored.</li>
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
    private static final System.Logger LOG = System.getLogger(IdempotentCreate.class.getName());

    private IdempotentCreate() {}

    /**
     * Our certificate among those the target lists, for {@link #run}'s {@code findExisting}: the first with the
     * certificate's fingerprint. A listed certificate whose fingerprint is unknown (null) is never taken for
     * ours.
     *
     * @param certificate the certificate being pushed
     * @param listed what the target holds, e.g. every certificate named like it
     * @return that one as a deployment (no request id, no attempts: {@link #run} counts the create's); empty
     *     when none matches
     */
    public static Optional<Deployment> ourCopy(Certificate certificate, List<RemoteCertificate> listed) {
        for (RemoteCertificate remote : listed) {
            if (certificate.fingerprint().equals(remote.fingerprint())) {
                return Optional.of(new Deployment(remote.id(), remote.name(), null, 0));
            }
        }
        return Optional.empty();
    }

    /**
     * Creates the certificate at most once: sends the create, and after an ambiguous failure re-reads the
     * target before sending it again.
     *
     * @param http the transport the create is sent through: its {@linkplain CloudHttp#retryPolicy() retry
     *     policy} bounds the sends and its {@linkplain CloudHttp#sleep(Duration) waits} pace the re-reads
     * @param findExisting re-reads the target; the certificate just pushed, if the service holds it
     * @param create sends the create once (through {@code http}, which may retry what is safe to retry)
     * @param created reads the create's successful response
     * @return the deployment: what {@code created} read, or what {@code findExisting} found; its
     *     {@code attempts} count every send of the create
     * @throws CloudServiceException the create's last failure when it did not succeed; code
     *     {@value OutcomeCodes#OUTCOME_UNKNOWN} when it was sent and no re-read could tell whether it was stored
     */
    public static Deployment run(CloudHttp http, Supplier<Optional<Deployment>> findExisting,
            Supplier<CloudHttp.Response> create, Function<CloudHttp.Response, Deployment> created) {
        RetryPolicy retry = http.retryPolicy();
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
            Reread reread = reread(http, findExisting, retry, round, retryAfter);
            if (reread.found() != null) {
                Deployment d = reread.found();
                LOG.log(System.Logger.Level.INFO, "A create with no clear answer ({0}) did store the certificate, "
                        + "as {1}", failure.code(), d.remoteId());
                return new Deployment(d.remoteId(), d.remoteName(),
                        d.requestId() != null ? d.requestId() : failure.requestId(), sent);
            }
            if (reread.failure() != null) {
                // Past the deadline the push's outcome is TIMEOUT, as for every target it leaves unfinished.
                String code = reread.failure() instanceof CloudServiceException read && PushScope.notSent(read)
                        ? read.code() : OutcomeCodes.OUTCOME_UNKNOWN;
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
            if (sent >= retry.maxAttempts() || !retry.retryPredicate().test(failure)) {
                throw withAttempts(failure, sent, "; the certificate is not on the target, and no attempt is left");
            }
        }
    }

    /**
     * Reads what a create's successful answer describes, for {@link #run}'s {@code created}: the {@code id} and
     * {@code name} of the certificate, at the top level of the body or in one object member of it. The body is
     * read as a stream, so a certificate (or key) the answer echoes never becomes a string.
     *
     * <pre>{@code
     * response -> IdempotentCreate.created(response, "ELB create certificate in " + region, "certificate",
     *         certificate.name())                             // {"certificate":{"id":..., "name":...}}
     * }</pre>
     *
     * @param response the create's 2xx response
     * @param what names the call in the error, e.g. {@code "WAF CreateCertificate in cn-north-4"}
     * @param member the top-level field whose object describes the certificate; null when the body itself does
     * @param name the name sent: the deployment's name when the answer gives none
     * @return the deployment, with the response's request id and attempts
     * @throws CloudServiceException {@code MALFORMED_RESPONSE} when the body is not JSON or names no id; the
     *     certificate may still have been stored, which {@link #run} then finds out by re-reading
     */
    public static Deployment created(CloudHttp.Response response, String what, @Nullable String member,
            String name) {
        List<@Nullable String> created = JsonValue.texts(response.body(), what, member, "id", "name");
        String id = created.get(0);
        if (id == null || id.isEmpty()) {
            throw CloudServiceException.builder(OutcomeCodes.MALFORMED_RESPONSE, what + " answered HTTP "
                    + response.status() + " without a certificate id").httpStatus(response.status())
                    .requestId(response.requestId()).attempts(response.attempts()).build();
        }
        String createdName = created.get(1);
        return new Deployment(id, createdName != null ? createdName : name, response.requestId(),
                response.attempts());
    }

    /**
     * Re-reads the target after an ambiguous create, again after a failed re-read, up to the retry policy's
     * attempts. An interrupt (set before or during) is cleared for the reads, which must find out what
     * happened, and set again after them.
     */
    private static Reread reread(CloudHttp http, Supplier<Optional<Deployment>> findExisting, RetryPolicy retry,
            int round, @Nullable Duration retryAfter) {
        boolean interrupted = Thread.interrupted();
        RuntimeException last = null;
        try {
            for (int read = 0; read < retry.maxAttempts(); read++) {
                if (!interrupted) {
                    try {
                        Duration wait = retry.backoff(round + read);
                        if (read == 0 && retryAfter != null && retryAfter.compareTo(wait) > 0) {
                            wait = retryAfter; // the service asked for this long
                        }
                        http.sleep(wait);
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
