package io.scmpush.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.scmpush.CloudServiceException;
import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * {@link CloudHttp} on {@link HttpClient}: signs, scopes, times out, retries, maps error envelopes.
 *
 * <p>Each attempt is signed afresh (a new {@code X-Sdk-Date}). The signed headers are those the
 * official SDK signs: {@code host}, {@code user-agent}, {@code x-sdk-date} and the scoping headers
 * ({@code x-project-id} or {@code x-domain-id}, {@code x-security-token}); {@code Content-Type} is
 * sent but not signed.
 *
 * <p>Retries follow the {@link RetryPolicy}: full-jitter exponential backoff, or the service's
 * {@code Retry-After} when it sends one (up to {@link #MAX_RETRY_AFTER}; a longer wait ends the
 * retries). Throttling (429, {@code APIG.0308}) and failures to connect are retried for every
 * request; 502/503/504, timeouts and other I/O errors only for idempotent ones, because a create
 * that may have reached the service must not be sent twice blindly (see {@link io.scmpush.spi.support.IdempotentCreate}).
 * Authentication failures are never retried: five of them lock the access key for five minutes; nor are
 * a failed TLS handshake and a host name that does not resolve, which no resend mends.
 *
 * <p>Every call carries {@code Content-Type: application/json}, GETs included, as the official SDK sends
 * it, unless the request sets its own. A response's request id is its {@code X-Request-Id} header, else
 * the body's {@code request_id}, as the official SDK reads it.
 *
 * <p>Within a push ({@link PushScope#current()}), each attempt's timeout shrinks to the time left before
 * the push's deadline, no attempt starts after it (code {@code TIMEOUT}), a wait that would end after it
 * ends the retries, and a write (any method but GET and HEAD) does not start once the push stopped
 * writing (code {@code CANCELLED} or {@code TIMEOUT}). The credentials are asked for once per request, so
 * a supplier can hand out refreshed temporary keys.
 */
public final class HuaweiCloudHttp implements CloudHttp {
    /**
     * The {@code Retry-After} of the failures that carried one, for {@link io.scmpush.spi.support.IdempotentCreate}, which resends a
     * create the transport would not: weak keys, so a failure nobody holds is forgotten.
     */
    private static final Map<CloudServiceException, Duration> RETRY_AFTER =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** The longest {@code Retry-After} honoured; beyond it the failure goes to the caller. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    static final String USER_AGENT = "scm-push-java/" + version();
    /**
     * The longest response body read, 16 MiB: far above any listing page the providers ask for (a page of 100
     * ELB certificates with 64 KiB chains is 6.4 MiB). A longer answer ends the call with
     * {@code RESPONSE_TOO_LARGE}; what was read of it is dropped.
     */
    public static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    /** The code of a call whose answer exceeded {@link #MAX_RESPONSE_BYTES}. */
    public static final String RESPONSE_TOO_LARGE = OutcomeCodes.RESPONSE_TOO_LARGE;

    private static final System.Logger LOG = System.getLogger("io.scmpush.http");
    private static final int MAX_MESSAGE = 500;

    private final Supplier<Credentials> credentials;
    /** The signing of the latest credentials: a supplier usually returns the same instance many times. */
    private volatile @Nullable Signing signing;
    /** Null once {@link #release()}d. */
    private volatile @Nullable HttpClient client;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AccountIds accountIds;
    /**
     * Ends a body that arrives too slowly: the JDK's own timeout ends at the response headers (Java 17). One
     * thread, started by the first request, gone after 30 s without one and at {@link #release()}.
     */
    private final ScheduledThreadPoolExecutor bodyTimer = bodyTimer();
    /** What each endpoint contributes to a request, worked out once: an application uses a few dozen at most. */
    private final Map<URI, Base> endpoints = new ConcurrentHashMap<>();

    /** A transport that looks account ids up at the default IAM endpoints ({@link Endpoints#defaults()}). */
    public HuaweiCloudHttp(Credentials credentials, HttpClient client, RetryPolicy retry, Duration requestTimeout,
            Clock clock, Sleeper sleeper) {
        this(credentials, client, retry, requestTimeout, clock, sleeper, Endpoints.defaults()::iam);
    }

    /**
     * @param iamEndpoints the IAM endpoint of a region (null: the global one), where a
     *     {@linkplain CloudHttp.Request#domainScoped() domain-scoped} call looks up the account id when the
     *     credentials carry none
     */
    public HuaweiCloudHttp(Credentials credentials, HttpClient client, RetryPolicy retry, Duration requestTimeout,
            Clock clock, Sleeper sleeper, Function<@Nullable String, URI> iamEndpoints) {
        this(fixed(Objects.requireNonNull(credentials, "credentials")), client, retry, requestTimeout, clock, sleeper,
                iamEndpoints);
        this.signing = Signing.of(credentials);
    }

    /**
     * @param credentials asked once per request; null or a throw fails that request
     * @param clock the signing time ({@code X-Sdk-Date}) and what an HTTP-date {@code Retry-After} is measured from
     */
    public HuaweiCloudHttp(Supplier<Credentials> credentials, HttpClient client, RetryPolicy retry,
            Duration requestTimeout, Clock clock, Sleeper sleeper) {
        this(credentials, client, retry, requestTimeout, clock, sleeper, Endpoints.defaults()::iam);
    }

    /**
     * @param credentials asked once per request; null or a throw fails that request
     * @param clock the signing time ({@code X-Sdk-Date}) and what an HTTP-date {@code Retry-After} is measured from
     * @param iamEndpoints the IAM endpoint of a region (null: the global one), where a domain-scoped call looks
     *     up the account id when the credentials carry none
     */
    public HuaweiCloudHttp(Supplier<Credentials> credentials, HttpClient client, RetryPolicy retry,
            Duration requestTimeout, Clock clock, Sleeper sleeper, Function<@Nullable String, URI> iamEndpoints) {
        this.accountIds = new AccountIds(Objects.requireNonNull(iamEndpoints, "iamEndpoints"));
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.client = Objects.requireNonNull(client, "client");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
    }

    /**
     * Sends on this thread with the JDK's blocking {@code send}: its {@code sendAsync} completes every exchange
     * through the common pool, which on a machine of two CPUs or fewer is a new thread per request.
     */
    @Override
    public Response send(Request request) {
        Call call = new Call(request);
        return call.complete(call.attempt());
    }

    /**
     * Starts the first attempt of every request but the last before it waits for any answer, and makes the last
     * one on this thread, so the requests take the time of the slowest, not of all together. A retry is then
     * made as {@link #send} makes it, one request at a time; the deadline and the write gate of a push apply to
     * each request as they do there.
     */
    @Override
    public List<Response> sendAll(List<Request> requests) {
        if (requests.size() == 1) {
            return List.of(send(requests.get(0)));
        }
        List<Call> calls = new ArrayList<>(requests.size());
        for (Request request : requests) {
            calls.add(new Call(Objects.requireNonNull(request, "request"))); // signing, account id: before any send
        }
        int last = calls.size() - 1;
        // How each first attempt ends: awaited later, made here (the last), or why it did not start.
        List<Supplier<Outcome>> firstAttempts = new ArrayList<>(calls.size());
        for (int i = 0; i <= last; i++) {
            Call call = calls.get(i);
            try {
                if (i < last) {
                    Exchange exchange = call.start();
                    firstAttempts.add(() -> call.await(exchange));
                } else {
                    Outcome outcome = call.attempt();
                    firstAttempts.add(() -> outcome);
                }
            } catch (RuntimeException e) {
                firstAttempts.add(() -> {
                    throw e;
                });
            }
        }
        List<Response> responses = new ArrayList<>(calls.size());
        RuntimeException failed = null;
        for (int i = 0; i <= last; i++) {
            try {
                responses.add(calls.get(i).complete(firstAttempts.get(i).get()));
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return List.copyOf(responses);
    }

    /** One request across its attempts, with what they share worked out once. */
    private final class Call {
        private final Request request;
        private final Target target;
        private final byte[] body;
        private final @Nullable PushScope scope;
        private final Signing signing;
        private final @Nullable String domainId;
        private final Redactor redactor;
        private final boolean write;
        private int attempt = 1;

        Call(Request request) {
            this.request = request;
            this.target = Target.of(request, endpoints.computeIfAbsent(request.endpoint(), Base::of));
            this.body = request.jsonBody() == null ? new byte[0]
                    : request.jsonBody().getBytes(StandardCharsets.UTF_8);
            this.scope = PushScope.current();
            this.signing = signing();
            // A global call is made as the account: the official SDK's GlobalCredentials always send its id.
            String domainId = signing.credentials().domainId().orElse(null);
            if (domainId == null && request.domainScoped()) {
                domainId = accountIds.domainId(HuaweiCloudHttp.this, request.domainRegion());
            }
            this.domainId = domainId;
            this.redactor = signing.redactor().withKeyIn(request.jsonBody());
            this.write = !request.method().equals("GET") && !request.method().equals("HEAD");
        }

        /** The current attempt's timeout, unless the push's deadline has passed or it stopped writing. */
        private Duration admit() {
            if (scope != null && (scope.expired() || write && !scope.beginWrite())) {
                String code = scope.expired() ? PushScope.TIMEOUT : Objects.requireNonNull(scope.stoppedBy());
                throw PushScope.notSent(code, target.describe(request), attempt - 1);
            }
            return scope != null ? scope.attemptTimeout(requestTimeout) : requestTimeout;
        }

        /** Starts the current attempt and returns without waiting for it ({@link #await} does). */
        Exchange start() {
            return exchange(admit());
        }

        /**
         * Retries per policy after the first attempt ended with {@code first}: the successful response, or the
         * failure. Every later attempt is made on this thread.
         */
        Response complete(Outcome first) {
            for (Outcome outcome = first; ; outcome = attempt()) {
                // Everything the service said, scrubbed before it is logged, retried on, returned or thrown.
                outcome = scrubbed(outcome, redactor);
                if (outcome instanceof Success success) {
                    return success.response();
                }
                Failure failure = (Failure) outcome;
                if (!failure.retry() || attempt >= retry.maxAttempts()
                        || !retry.retryPredicate().test(failure.exception())) {
                    throw failure.exception();
                }
                Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(retry, attempt);
                Duration left = scope != null ? scope.remaining() : null;
                if (left != null && wait.compareTo(left) >= 0) {
                    throw afterDeadline(failure.exception(), wait);
                }
                int next = ++attempt;
                LOG.log(System.Logger.Level.DEBUG, () -> "Retrying " + target.describe(request) + " (attempt " + next
                        + " of " + retry.maxAttempts() + ") in " + wait.toMillis() + " ms after "
                        + failure.exception().code());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure.exception();
                }
            }
        }

        /**
         * Makes the current attempt on this thread. The JDK's own timeout ends at the response headers (Java 17);
         * a guard on the body timer holds the body to the same bound, aborting it when the time is up.
         */
        Outcome attempt() {
            Duration timeout = admit();
            HttpClient client = openClient();
            HttpRequest sent = httpRequest(request, target, body, signing, domainId, timeout); // a bad one throws
            long started = System.nanoTime();
            AtomicReference<@Nullable BoundedBody> reading = new AtomicReference<>();
            ScheduledFuture<?> guard;
            try {
                guard = bodyTimer.schedule(() -> {
                    BoundedBody body = reading.get();
                    if (body != null) {
                        body.abort(late(timeout));
                    }
                }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) { // released since openClient()
                throw closed();
            }
            try {
                HttpResponse<byte[]> response = client.send(sent, info -> bounded(info, reading));
                LOG.log(System.Logger.Level.DEBUG, () -> target.describe(request) + " -> HTTP "
                        + response.statusCode() + " in " + millisSince(started) + " ms");
                return interpret(request, target, response, attempt, signing);
            } catch (IOException | IllegalArgumentException | SecurityException e) {
                boolean late = guard.isDone() && !guard.isCancelled();
                return failed(e, late ? late(timeout) : null, started, timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the JDK has cancelled the exchange
                throw interrupted(e);
            } finally {
                guard.cancel(false);
            }
        }

        /** How an attempt that threw {@code e} ended; {@code late} when its time was up. */
        private Outcome failed(Throwable e, @Nullable HttpTimeoutException late, long started, Duration timeout) {
            LOG.log(System.Logger.Level.DEBUG, () -> target.describe(request) + " failed after "
                    + millisSince(started) + " ms: " + e.getClass().getSimpleName());
            if (late != null) {
                return ioFailure(request, target, late, timeout, attempt, signing);
            }
            BoundedBody.TooLarge tooLarge = find(e, BoundedBody.TooLarge.class);
            if (tooLarge != null) {
                return tooLarge(request, target, tooLarge, attempt);
            }
            IOException io = find(e, IOException.class);
            return ioFailure(request, target, io != null ? io : new IOException(String.valueOf(e), e), timeout,
                    attempt, signing);
        }

        private CloudServiceException interrupted(InterruptedException e) {
            return CloudServiceException.builder(PushScope.CANCELLED, "Interrupted while sending "
                    + target.describe(request) + (request.idempotent() ? ""
                    : "; the request may have reached the service")).attempts(attempt).cause(e).build();
        }

        private HttpClient openClient() {
            HttpClient client = HuaweiCloudHttp.this.client;
            if (client == null) {
                throw closed();
            }
            return client;
        }

        private CloudServiceException closed() {
            return CloudServiceException.builder(OutcomeCodes.IO_ERROR, "Not sent, the ScmPush is closed: "
                    + target.describe(request)).attempts(attempt - 1).build();
        }

        /** Puts the current attempt on the wire. */
        private Exchange exchange(Duration timeout) {
            HttpClient client = openClient();
            long started = System.nanoTime();
            AtomicReference<@Nullable BoundedBody> reading = new AtomicReference<>();
            CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(
                    httpRequest(request, target, body, signing, domainId, timeout), info -> bounded(info, reading));
            return new Exchange(future, reading, started, timeout);
        }

        /**
         * How a started attempt ended, waiting at most until its timeout has passed since it started: the whole
         * answer, body included, must arrive within it.
         */
        Outcome await(Exchange exchange) {
            long started = exchange.startedNanos();
            Duration timeout = exchange.timeout();
            try {
                HttpResponse<byte[]> response = exchange.future().get(
                        timeout.toNanos() - (System.nanoTime() - started), TimeUnit.NANOSECONDS);
                LOG.log(System.Logger.Level.DEBUG, () -> target.describe(request) + " -> HTTP "
                        + response.statusCode() + " in " + millisSince(started) + " ms");
                return interpret(request, target, response, attempt, signing);
            } catch (TimeoutException e) {
                HttpTimeoutException late = late(timeout);
                stop(exchange, late);
                return failed(e, late, started, timeout);
            } catch (ExecutionException e) {
                return failed(e.getCause() != null ? e.getCause() : e, null, started, timeout);
            } catch (InterruptedException e) {
                stop(exchange, new InterruptedIOException("interrupted"));
                Thread.currentThread().interrupt();
                throw interrupted(e);
            }
        }
    }

    /** The body of an answer, read up to {@link #MAX_RESPONSE_BYTES} into a subscriber {@code reading} holds. */
    private static BoundedBody bounded(HttpResponse.ResponseInfo info, AtomicReference<@Nullable BoundedBody> reading) {
        BoundedBody body = new BoundedBody(info.headers().firstValueAsLong("content-length").orElse(-1),
                MAX_RESPONSE_BYTES, info.statusCode());
        reading.set(body);
        return body;
    }

    private static ScheduledThreadPoolExecutor bodyTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "scm-push-http-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(30, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    private static HttpTimeoutException late(Duration timeout) {
        return new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
    }

    /** A retry that the push's deadline leaves no time for: TIMEOUT, with the failure it would have retried. */
    private static CloudServiceException afterDeadline(CloudServiceException last, Duration wait) {
        return CloudServiceException.builder(PushScope.TIMEOUT, last.getMessage() + "; not retried: the push's deadline " + "passes within the " + wait.toMillis() + " ms wait")
                .httpStatus(last.httpStatus()).errorCode(last.errorCode()).requestId(last.requestId())
                .attempts(last.attempts()).cause(last).build();
    }

    /** The signing of the credentials the supplier gives now; made again only when they change. */
    private Signing signing() {
        Credentials now = credentials.get();
        if (now == null) {
            throw new ConfigurationException(ConfigurationCodes.NO_CREDENTIALS,
                    "The credentials supplier returned null: it must return the credentials to sign with");
        }
        Signing known = signing;
        if (known != null && known.credentials() == now) {
            return known;
        }
        Signing fresh = Signing.of(now);
        signing = fresh;
        return fresh;
    }

    private static Supplier<Credentials> fixed(Credentials credentials) {
        return () -> credentials;
    }

    /** One credentials' signer and the secrets to scrub from what the service says. */
    private record Signing(Credentials credentials, AkSkSigner signer, String secretKey,
            @Nullable String securityToken, Redactor redactor) {

        static Signing of(Credentials credentials) {
            String secretKey = CredentialSecrets.secretKey(credentials);
            return new Signing(credentials, new AkSkSigner(credentials.accessKey(), secretKey), secretKey,
                    CredentialSecrets.securityToken(credentials), Redactor.of(credentials));
        }

        @Override
        public String toString() {
            return "Signing[" + credentials + "]"; // never the secrets
        }
    }

    /**
     * Lets go of the {@link HttpClient}, so that whoever still holds this transport does not keep the client
     * alive (before Java 21 a client cannot be closed: its selector thread ends once it is unreachable).
     * Every later send fails with {@code IO_ERROR} without sending anything. Ends the body timer's thread.
     */
    public void release() {
        client = null;
        bodyTimer.shutdownNow();
    }

    /** One attempt on the wire: the JDK's exchange, the body it reads into, when and for how long. */
    private record Exchange(CompletableFuture<HttpResponse<byte[]>> future, AtomicReference<@Nullable BoundedBody> body,
            long startedNanos, Duration timeout) {}

    /** Ends an exchange that is still running: the JDK aborts it, and its body stops reading. */
    private static void stop(Exchange exchange, IOException why) {
        exchange.future().cancel(true);
        BoundedBody body = exchange.body().get();
        if (body != null) {
            body.abort(why);
        }
    }

    private static <T extends Throwable> @Nullable T find(@Nullable Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    // ---- building the request ----

    private HttpRequest httpRequest(Request request, Target target, byte[] body, Signing signing,
            @Nullable String domainId, Duration timeout) {
        // Case-insensitive, so that the transport's own headers replace a caller's of the same name.
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.put("Host", target.host);
        headers.put("User-Agent", USER_AGENT);
        headers.put("X-Sdk-Date", AkSkSigner.sdkDate(clock.instant()));
        if (request.projectId() != null) {
            headers.put("X-Project-Id", request.projectId());
        } else if (domainId != null) {
            headers.put("X-Domain-Id", domainId);
        }
        if (signing.securityToken() != null) {
            headers.put("X-Security-Token", signing.securityToken());
        }
        // As the official SDK: every call, GETs included, says application/json unless the API's definition
        // says otherwise (ELB's create and update: application/json;charset=UTF-8, set by the caller).
        headers.putIfAbsent("Content-Type", "application/json");
        headers.remove("Authorization");
        String authorization = signing.signer().authorization(request.method(), target.signedPath, request.query(), headers,
                body, false);

        HttpClient current = client; // null once closed: the send that follows fails then
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.uri)
                .timeout(timeout)
                // Cleartext is loopback only (INSECURE_ENDPOINT): an emulator or a local proxy, none of which
                // speaks h2c. Asking for HTTP/2 there adds an Upgrade offer to every request, for nothing.
                .version(target.cleartext() || current == null ? HttpClient.Version.HTTP_1_1 : current.version())
                .method(request.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : new ByteArrayBody(body));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Host")) { // the JDK sends it itself, as target.host
                builder.header(h.getKey(), h.getValue());
            }
        }
        return builder.header("Authorization", authorization).build();
    }

    /**
     * An endpoint's part of every request to it: {@code scheme://authority/base-path} as sent, the base path
     * as signed (decoded), the {@code Host} the JDK will send, and whether it is cleartext.
     */
    private record Base(String wirePrefix, String decodedPath, String host, boolean cleartext) {

        static Base of(URI endpoint) {
            if (endpoint.getRawUserInfo() != null || endpoint.getHost() == null) {
                throw new IllegalArgumentException("an endpoint is scheme://host[:port][/base-path], was "
                        + endpoint.getScheme() + "://" + endpoint.getHost() + "...");
            }
            String basePath = stripTrailingSlash(endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
            String decodedBase = stripTrailingSlash(endpoint.getPath() == null ? "" : endpoint.getPath());
            return new Base(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + basePath, decodedBase,
                    hostHeader(endpoint), "http".equalsIgnoreCase(endpoint.getScheme()));
        }

        /** What the JDK's client sends as {@code Host}: the host, with the port unless it is the scheme's default. */
        static String hostHeader(URI endpoint) {
            int port = endpoint.getPort();
            boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
            boolean defaultPort = port == -1 || port == (https ? 443 : 80);
            return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
        }

        private static String stripTrailingSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** Where a request goes: the URI sent, the path signed and the {@code Host} the JDK will send. */
    private record Target(URI uri, String signedPath, String host, String display, boolean cleartext) {

        static Target of(Request request, Base base) {
            String path = request.path().startsWith("/") ? request.path() : "/" + request.path();
            StringBuilder uri = new StringBuilder(128).append(base.wirePrefix());
            AkSkSigner.appendWirePath(uri, path);
            String display = uri.toString();
            if (!request.query().isEmpty()) {
                char sep = '?';
                for (Map.Entry<String, String> q : request.query()) {
                    uri.append(sep);
                    AkSkSigner.appendEncoded(uri, q.getKey(), false);
                    uri.append('=');
                    AkSkSigner.appendEncoded(uri, q.getValue(), false);
                    sep = '&';
                }
            }
            String signedPath = base.decodedPath().isEmpty() ? path : base.decodedPath() + path;
            return new Target(URI.create(uri.toString()), signedPath, base.host(), display, base.cleartext());
        }

        String describe(Request request) {
            return request.method() + " " + display;
        }
    }

    // ---- reading the response ----

    /** How one attempt ended. */
    private sealed interface Outcome permits Success, Failure {}

    private record Success(Response response) implements Outcome {}

    /** What went wrong with one attempt; whether to try again, after the service's Retry-After or a backoff. */
    private record Failure(CloudServiceException exception, boolean retry, @Nullable Duration retryAfter)
            implements Outcome {}

    private Outcome interpret(Request request, Target target, HttpResponse<byte[]> response, int attempt,
            Signing signing) {
        int status = response.statusCode();
        Map<String, List<String>> headers = lowerCase(response.headers().map());
        String headerRequestId = first(headers, "x-request-id");
        ErrorEnvelope error;
        JsonNode json;
        if (status >= 200 && status < 300) {
            ErrorEnvelope.TopLevel top = ErrorEnvelope.scan(response.body());
            if (!top.mayCarryError()) { // the usual case: no tree to build
                return new Success(new Response(status, headers, new String(response.body(), StandardCharsets.UTF_8),
                        headerRequestId != null ? headerRequestId : top.requestId(), attempt));
            }
            json = ErrorEnvelope.parse(response.body());
            error = ErrorEnvelope.ofSuccess(json, headerRequestId);
            if (error == null) {
                return new Success(new Response(status, headers, new String(response.body(), StandardCharsets.UTF_8),
                        ErrorEnvelope.requestId(json, headerRequestId), attempt));
            }
        } else if (status >= 300 && status < 400) {
            return redirected(request, target, status, headers, headerRequestId, attempt);
        } else {
            json = ErrorEnvelope.parse(response.body());
            error = ErrorEnvelope.ofFailure(json, headerRequestId);
        }
        String errorCode = error.code();
        boolean auth = status == 401 || isApigCode(errorCode, "0301")
                || (status == 403 && (errorCode == null || errorCode.startsWith("APIG")));
        boolean throttled = !auth && (status == 429 || isApigCode(errorCode, "0308"));
        boolean unavailable = status == 502 || status == 503 || status == 504;
        boolean retryable = throttled || unavailable;
        String code = auth ? OutcomeCodes.AUTH_FAILED : throttled ? OutcomeCodes.THROTTLED
                : errorCode != null ? errorCode : OutcomeCodes.httpStatus(status);

        Duration retryAfter = throttled || unavailable ? retryAfter(first(headers, "retry-after")) : null;
        Duration tooLong = retryAfter != null && retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? retryAfter : null;
        boolean retryAfterTooLong = tooLong != null;
        StringBuilder message = new StringBuilder();
        message.append(error.message() != null ? scrub(error.message(), signing)
                : defaultMessage(status, json, response))
                .append(" (").append(target.describe(request)).append(": HTTP ").append(status);
        if (errorCode != null && !errorCode.equals(code)) {
            // the service's code is shown where it is not the exception's own (AUTH_FAILED, THROTTLED)
            message.append(' ').append(scrub(errorCode, signing));
        }
        if (error.requestId() != null) {
            message.append(", request id ").append(error.requestId());
        }
        if (tooLong != null) {
            message.append(", the service asks to retry after ").append(tooLong.toSeconds()).append(" s");
        }
        message.append(')');
        if (auth) {
            message.append(". Check the access key and secret key (and the security token's expiry), and that the "
                    + "system clock is within 15 minutes of the service's");
        } else if (unavailable && !request.idempotent()) {
            message.append("; the request may have reached the service");
        }
        CloudServiceException exception = CloudServiceException.builder(code, message.toString()).httpStatus(status)
                .errorCode(errorCode).requestId(error.requestId()).retryable(retryable).attempts(attempt).build();
        if (retryAfter != null) {
            RETRY_AFTER.put(exception, retryAfter);
        }

        boolean retry = !auth && (throttled || (unavailable && request.idempotent())) && !retryAfterTooLong;
        return new Failure(exception, retry, retryAfter);
    }

    private Failure ioFailure(Request request, Target target, IOException e, Duration limit, int attempt,
            Signing signing) {
        if (isPermanent(e)) {
            // Sending again cannot help: the name does not resolve, or TLS refuses the peer (or we it).
            String what = e instanceof SSLException ? "the TLS handshake failed" : "the host name does not resolve";
            return new Failure(CloudServiceException.builder(OutcomeCodes.IO_ERROR, "Not sent to " + target.describe(request) + ": " + what + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + scrub(e.getMessage(), signing)) + ")")
                    .attempts(attempt).cause(e).build(), false, null);
        }
        // A failure to connect proves the request never left: safe to resend even a create.
        boolean nothingSent = e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
        boolean timeout = e instanceof HttpTimeoutException;
        String what = timeout ? (e instanceof HttpConnectTimeoutException ? "connecting timed out"
                : "no complete response within " + limit.toMillis() + " ms")
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + scrub(e.getMessage(), signing));
        String message = "No usable response from " + target.describe(request) + ": " + what
                + (nothingSent || request.idempotent() ? "" : "; the request may have reached the service");
        CloudServiceException exception = CloudServiceException.builder(timeout ? OutcomeCodes.TIMEOUT : OutcomeCodes.IO_ERROR, message)
                .retryable(true).attempts(attempt).cause(e).build();
        return new Failure(exception, nothingSent || request.idempotent(), null);
    }

    /** A TLS failure or an unknown host, anywhere in the cause chain: the JDK wraps them in other exceptions. */
    private static boolean isPermanent(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof UnknownHostException
                    || t instanceof java.nio.channels.UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A redirect, which is never followed (our client does not, and a caller's client that would is refused
     * when the {@code ScmPush} is built): the signed request, its security token and a private key in its body
     * go to the configured endpoint only. Not retried.
     */
    private Failure redirected(Request request, Target target, int status, Map<String, List<String>> headers,
            @Nullable String requestId, int attempt) {
        String location = first(headers, "location");
        String where = "";
        if (location != null) {
            try {
                URI to = target.uri().resolve(location.trim());
                where = " to " + scrubHeader(to.getScheme() + "://" + to.getRawAuthority());
            } catch (IllegalArgumentException unreadable) {
                where = " to an unreadable location";
            }
        }
        String message = "The service answered " + target.describe(request) + " with a redirect (HTTP " + status
                + where + "), which scm-push never follows: check the endpoint";
        return new Failure(CloudServiceException.builder(OutcomeCodes.httpStatus(status), message).httpStatus(status)
                .requestId(requestId).attempts(attempt).build(), false, null);
    }

    /**
     * An answer over {@link #MAX_RESPONSE_BYTES}: never retried (the same question gets the same answer). Its
     * status is kept, so that a create answered 2xx counts as accepted but unreadable.
     */
    private Failure tooLarge(Request request, Target target, BoundedBody.TooLarge e, int attempt) {
        String message = "The answer to " + target.describe(request) + " (HTTP " + e.status() + ") is too large: "
                + e.getMessage() + (request.idempotent() ? "" : "; the request may have reached the service");
        return new Failure(CloudServiceException.builder(RESPONSE_TOO_LARGE, message).httpStatus(e.status())
                .attempts(attempt).build(), false, null);
    }

    private static String defaultMessage(int status, @Nullable JsonNode json, HttpResponse<byte[]> response) {
        // Never the body itself: a proxy's error page could echo anything.
        if (json == null && response.body().length > 0) {
            String type = response.headers().firstValue("content-type").orElse("unknown type");
            return "The service answered with a non-JSON body (" + scrubHeader(type) + ", " + response.body().length
                    + " bytes)";
        }
        return status >= 200 && status < 300 ? "The service reported an error" : "The service answered HTTP " + status;
    }

    private static boolean isApigCode(@Nullable String code, String number) {
        return code != null && (code.equals("APIG." + number) || code.equals("APIGW." + number));
    }

    /** The {@code Retry-After} the service sent with this failure; null when it sent none. */
    public static @Nullable Duration retryAfter(CloudServiceException failure) {
        return RETRY_AFTER.get(failure);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retry;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
    }

    /** The wait before retry number {@code attempt}: see {@link RetryPolicy#backoff(int)}. */
    static Duration backoff(RetryPolicy retry, int attempt) {
        return retry.backoff(attempt);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    private @Nullable Duration retryAfter(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(clock.instant(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** A service message made safe to show: no PEM block, no secret of these credentials, not too long. */
    private static String scrub(String text, Signing signing) {
        return Objects.requireNonNull(signing.redactor().scrub(text, MAX_MESSAGE));
    }

    private static Outcome scrubbed(Outcome outcome, Redactor redactor) {
        if (outcome instanceof Success success) {
            Response r = success.response();
            String requestId = redactor.scrub(r.requestId(), Redactor.MAX_REQUEST_ID);
            return Objects.equals(requestId, r.requestId()) ? outcome
                    : new Success(new Response(r.status(), r.headers(), r.body(), requestId, r.attempts()));
        }
        Failure failure = (Failure) outcome;
        CloudServiceException e = redactor.scrub(failure.exception());
        return e == failure.exception() ? failure : new Failure(e, failure.retry(), failure.retryAfter());
    }

    private static String scrubHeader(String value) {
        return value.length() > 100 ? value.substring(0, 100) : value;
    }

    /**
     * The headers with lower-case names, as the immutable map {@link Response} keeps (so that it does not copy
     * them again). The JDK's names are unique ignoring case; the merge is for a map whose names are not.
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
    private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map.Entry<String, List<String>>[] entries = new Map.Entry[headers.size()];
        int n = 0;
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            for (int j = 0; j < n; j++) {
                if (entries[j].getKey().equals(name)) {
                    return mergedLowerCase(headers);
                }
            }
            entries[n++] = Map.entry(name, List.copyOf(h.getValue()));
        }
        return Map.ofEntries(entries);
    }

    private static Map<String, List<String>> mergedLowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> {
                    List<String> merged = new java.util.ArrayList<>(a);
                    merged.addAll(b);
                    return List.copyOf(merged);
                }));
        return Map.copyOf(out);
    }

    private static @Nullable String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String version() {
        try (InputStream in = HuaweiCloudHttp.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through to the manifest
        }
        String v = HuaweiCloudHttp.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
