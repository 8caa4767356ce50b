package io.scmpush.spi;

import io.scmpush.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Huawei Cloud transport every provider shares: it signs each request with SDK-HMAC-SHA256, adds
 * the scoping headers ({@code X-Project-Id} when the request names a project; {@code X-Domain-Id} on a
 * {@linkplain Request.Builder#domainScoped(String) domain-scoped} call, the account id looked up through
 * IAM when the credentials carry none, and on other calls when they carry one; {@code X-Security-Token}
 * for temporary credentials), applies the
 * timeout and the retry policy, and turns an error envelope into a
 * {@link io.scmpush.CloudServiceException}. Thread-safe.
 *
 * <p>Bodies are JSON text: providers build and read them with the JSON library of their choice.
 *
 * <p>Every exchange is bounded: the whole answer, body included, must arrive within the request timeout
 * (else {@code TIMEOUT}); a body over 16 MiB is not read further ({@code RESPONSE_TOO_LARGE}, not retried);
 * a redirect is never followed ({@code HTTP_3xx}, not retried), so a signed request, its token and a key
 * in its body reach the configured endpoint only.
 */
public interface CloudHttp {

    /**
     * Sends the request, retrying per policy, and returns its successful (2xx) response.
     *
     * <p>A request that is not {@linkplain Request#idempotent() idempotent} is retried only when the
     * failure proves the service did not act on it (throttled, or no connection made); after a timeout
     * or a lost reply the caller decides, typically by re-reading the target.
     *
     * @param request what to send; the transport adds the signature and scoping headers
     * @return the successful response, with how many attempts it took
     * @throws io.scmpush.CloudServiceException when the service answers with an error (also an error
     *     body in a 2xx response), or when no usable answer comes back
     */
    Response send(Request request);

    /**
     * Sends requests that do not depend on one another, each as {@link #send(Request)} sends it, and returns
     * their responses in the order given. The Huawei Cloud transport sends them at once, so reading two
     * listings takes the time of one exchange and needs no thread of the provider's own; the default sends
     * them one after another.
     *
     * <p>Nothing is left running: every request that was sent has ended when this returns or throws.
     *
     * @param requests what to send; their order is the order of the answers, not of the sending
     * @return the successful responses, in the order of {@code requests}
     * @throws io.scmpush.CloudServiceException the failure of the first request that failed, in the order
     *     given; the transport may still have sent the others (the Huawei Cloud transport does, and adds their
     *     failures to it as {@linkplain Throwable#getSuppressed() suppressed})
     */
    default List<Response> sendAll(List<Request> requests) {
        List<Response> responses = new ArrayList<>(requests.size());
        for (Request request : requests) {
            responses.add(send(request));
        }
        return List.copyOf(responses);
    }

    /**
     * The retry policy this transport sends with. Code that repeats a call at its own level, such as
     * {@link io.scmpush.spi.support.IdempotentCreate}, stays within the same budget.
     *
     * @return the policy given to {@code ScmPush.builder().retry(...)}; {@link RetryPolicy#defaults()} unless
     *     an implementation says otherwise
     */
    default RetryPolicy retryPolicy() {
        return RetryPolicy.defaults();
    }

    /**
     * Waits as this transport waits between retries. Code that paces its own repeated calls waits through
     * it, so that a test transport that does not wait makes those calls without waiting either.
     *
     * @param duration how long; zero or negative returns at once
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    default void sleep(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    }

    /** A request to Huawei Cloud. Build one with {@link #builder(String, URI, String)}. */
    final class Request {
        private final String method;
        private final URI endpoint;
        private final String path;
        private final List<Map.Entry<String, String>> query;
        private final Map<String, String> headers;
        private final @Nullable String jsonBody;
        private final @Nullable String projectId;
        private final boolean domainScoped;
        private final @Nullable String domainRegion;
        private final boolean idempotent;

        private Request(Builder b) {
            this.method = b.method;
            this.endpoint = b.endpoint;
            this.path = b.path;
            this.query = List.copyOf(b.query);
            this.headers = b.headers == null ? Map.of() : Map.copyOf(b.headers);
            this.jsonBody = b.jsonBody;
            this.projectId = b.projectId;
            this.domainScoped = b.domainScoped;
            this.domainRegion = b.domainRegion;
            this.idempotent = b.idempotent != null ? b.idempotent : !method.equals("POST");
        }

        /**
         * @param method GET, POST, PUT, DELETE, ...
         * @param endpoint the service's base URI, e.g. {@code https://waf.cn-north-4.myhuaweicloud.com}
         * @param path the unencoded path, e.g. {@code /v1/{project_id}/waf/certificate} with the id filled in
         * @return a builder for a request without query, headers or body
         */
        public static Builder builder(String method, URI endpoint, String path) {
            return new Builder(method, endpoint, path);
        }

        /** {@return the HTTP method, upper case} */
        public String method() {
            return method;
        }

        /** {@return the service's base URI} */
        public URI endpoint() {
            return endpoint;
        }

        /** {@return the unencoded path below the endpoint} */
        public String path() {
            return path;
        }

        /** {@return the query parameters, unencoded, in the order added; a key may repeat} */
        public List<Map.Entry<String, String>> query() {
            return query;
        }

        /** {@return the extra headers beyond those the transport adds} */
        public Map<String, String> headers() {
            return headers;
        }

        /** {@return the body, JSON text; null for a request without one} */
        public @Nullable String jsonBody() {
            return jsonBody;
        }

        /** {@return the project this call is scoped to (sent as {@code X-Project-Id}); null for a global call} */
        public @Nullable String projectId() {
            return projectId;
        }

        /**
         * Whether this is a call to a global service made as the account, always sent with
         * {@code X-Domain-Id}.
         *
         * @return true when built with {@link Builder#domainScoped(String)}
         */
        public boolean domainScoped() {
            return domainScoped;
        }

        /**
         * The region whose IAM endpoint a domain-scoped call looks the account id up at.
         *
         * @return the region given to {@link Builder#domainScoped(String)}; null for the global IAM endpoint
         */
        public @Nullable String domainRegion() {
            return domainRegion;
        }

        /** {@return whether sending twice does no harm; default: every method but POST} */
        public boolean idempotent() {
            return idempotent;
        }

        @Override
        public String toString() {
            // Never the body: it may hold a private key.
            return method + " " + endpoint + path;
        }

        /** Builds a {@link Request}. */
        public static final class Builder {
            private final String method;
            private final URI endpoint;
            private final String path;
            private final List<Map.Entry<String, String>> query = new ArrayList<>();
            private @Nullable Map<String, String> headers; // made by the first header(): providers seldom set one
            private @Nullable String jsonBody;
            private @Nullable String projectId;
            private boolean domainScoped;
            private @Nullable String domainRegion;
            private @Nullable Boolean idempotent;

            private Builder(String method, URI endpoint, String path) {
                this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
                this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
                this.path = Objects.requireNonNull(path, "path");
            }

            /**
             * Adds a query parameter; call again with the same key to repeat it.
             *
             * @param key the parameter's name, unencoded
             * @param value its value, unencoded
             * @return this builder
             */
            public Builder query(String key, String value) {
                query.add(Map.entry(key, value));
                return this;
            }

            /**
             * Sets an extra header; the transport's own headers (signature, date, scoping) win over it.
             *
             * @param name the header's name
             * @param value its value; it is signed with the rest
             * @return this builder
             */
            public Builder header(String name, String value) {
                if (headers == null) {
                    headers = new LinkedHashMap<>();
                }
                headers.put(name, value);
                return this;
            }

            /**
             * The body. Every call is sent with {@code Content-Type: application/json} (GETs too, as the
             * official SDK sends it) unless a {@code Content-Type} {@linkplain #header header} is set, as ELB's
             * create and update need ({@code application/json;charset=UTF-8}).
             *
             * @param json JSON text
             * @return this builder
             */
            public Builder jsonBody(String json) {
                this.jsonBody = json;
                return this;
            }

            /**
             * Scopes the call to a project (sent as {@code X-Project-Id}); WAF and ELB calls need it.
             *
             * @param projectId the account's project id in the call's region
             * @return this builder
             */
            public Builder projectId(String projectId) {
                this.projectId = projectId;
                return this;
            }

            /**
             * Makes this a call to a global service (CDN, SCM) made as the account, as the official SDK's
             * {@code GlobalCredentials} make it: it is always sent with {@code X-Domain-Id}. When the
             * credentials carry no domain id, the transport looks it up once through IAM
             * ({@code GET /v3/auth/domains}, signed) and reuses it; concurrent calls share one lookup.
             *
             * @param region the region the service is addressed in (e.g. {@code eu-west-101} for the EU
             *     site), whose IAM endpoint answers the lookup; null for the global IAM endpoint
             * @return this builder
             */
            public Builder domainScoped(@Nullable String region) {
                this.domainScoped = true;
                this.domainRegion = region;
                return this;
            }

            /**
             * Whether sending twice does no harm, which lets the transport retry it after a timeout.
             *
             * @param idempotent default: true for every method but POST
             * @return this builder
             */
            public Builder idempotent(boolean idempotent) {
                this.idempotent = idempotent;
                return this;
            }

            /** {@return the request, immutable} */
            public Request build() {
                return new Request(this);
            }
        }
    }

    /**
     * A successful response.
     *
     * @param status the HTTP status, 2xx
     * @param headers response headers, names lower-case
     * @param body the body text, "" when empty
     * @param requestId the {@code X-Request-Id} header, else the body's {@code request_id}
     * @param attempts how many times the request was sent, retries included
     */
    record Response(int status, Map<String, List<String>> headers, String body, @Nullable String requestId,
            int attempts) {

        /**
         * Copies the headers.
         *
         * @param status the HTTP status, 2xx
         * @param headers response headers, names lower-case
         * @param body the body text, "" when empty
         * @param requestId the body's {@code request_id}, else the {@code X-Request-Id} header
         * @param attempts how many times the request was sent, retries included
         */
        public Response {
            headers = Map.copyOf(headers);
        }
    }
}
