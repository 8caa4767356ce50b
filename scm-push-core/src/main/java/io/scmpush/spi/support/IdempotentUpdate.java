package io.scmpush.spi.support;

import io.scmpush.CloudServiceException;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.CloudHttp;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Points a resource at a certificate by read-then-update, safely repeated: every provider's binding goes
 * through {@link #run}. Each round re-reads the resource and decides afresh; when it references the
 * certificate already, nothing is sent. An update whose fate is unknown (no answer, 500/502/503/504) is
 * followed by a backoff and another round, while the sends stay within the transport's
 * {@link RetryPolicy#maxAttempts()}: the re-read shows whether the update took effect, and the next update is
 * computed from what the resource holds then (an SNI entry added by a lost reply is not added twice). Any
 * other failure (a 4xx) is rethrown at once, its {@code attempts} counting every send.
 */
public final class IdempotentUpdate {

    private IdempotentUpdate() {}

    /**
     * An update decided on a fresh read.
     *
     * @param previousCertificateId what the place referenced before: the single reference, or the list entry
     *     that gives way; null when none
     * @param send sends the update once (through the transport, which retries what is safe to retry)
     */
    public record Update(@Nullable String previousCertificateId, Supplier<CloudHttp.Response> send) {}

    /**
     * Reads, decides and updates, in rounds, until the place references the certificate or a failure is final.
     *
     * @param http the transport: its retry policy bounds the sends and its waits pace the rounds
     * @param decide reads the resource and decides: null when it references the certificate already
     * @return what was done; {@code changed} when an update was sent in some round
     * @throws CloudServiceException the update's last failure, or a read's
     */
    public static BindingChange run(CloudHttp http, Supplier<@Nullable Update> decide) {
        RetryPolicy retry = http.retryPolicy();
        int sent = 0;
        boolean firstRound = true;
        String previous = null;
        CloudServiceException failure = null;
        for (int round = 1; ; round++) {
            Update update = decide.get();
            if (update == null) {
                // Referenced already: from the start, or since an update whose answer was lost.
                return failure == null ? BindingChange.unchanged()
                        : new BindingChange(true, previous, failure.requestId(), sent);
            }
            if (firstRound) {
                previous = update.previousCertificateId();
                firstRound = false;
            }
            try {
                CloudHttp.Response response = update.send().get();
                sent += response.attempts();
                return new BindingChange(true, previous, response.requestId(), sent);
            } catch (CloudServiceException e) {
                sent += e.attempts();
                failure = e;
            }
            if (!IdempotentCreate.isAmbiguous(failure) || sent >= retry.maxAttempts()
                    || !retry.retryPredicate().test(failure)) {
                throw withAttempts(failure, sent);
            }
            try {
                http.sleep(retry.backoff(round));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw withAttempts(failure, sent);
            }
        }
    }

    private static CloudServiceException withAttempts(CloudServiceException e, int attempts) {
        return CloudServiceException.builder(e.code(), String.valueOf(e.getMessage())).httpStatus(e.httpStatus())
                .errorCode(e.errorCode()).requestId(e.requestId()).retryable(e.retryable()).attempts(attempts)
                .cause(e.getCause()).build();
    }
}
