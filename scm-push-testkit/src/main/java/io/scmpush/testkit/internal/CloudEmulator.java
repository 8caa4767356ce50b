package io.scmpush.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.FakeHuaweiCloud.CdnSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The emulator behind {@code FakeHuaweiCloud}: one loopback HTTP server for IAM, WAF, ELB and CDN, routed
 * by path. Every request is recorded, delayed by the injected latency, routed (unknown API: 404
 * {@code APIG.0101}), authenticated as API Gateway does (401 {@code APIG.0301}; project scoping 403
 * {@code APIG.0302}), then failed if a failure is queued for it or its service is disabled, else answered
 * by its service. Every answer carries {@code X-Request-Id}.
 */
public final class CloudEmulator implements AutoCloseable {
    /** How far {@code X-Sdk-Date} may be from the emulator's clock. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    /** Handler threads: enough for a wide parallel fan-out to overlap its injected latency. */
    static final int THREADS = 64;

    private static final System.Logger LOG = System.getLogger(CloudEmulator.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ACCESS = Pattern.compile("^SDK-HMAC-SHA256 Access=([^,]*),");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Thread> threads;
    private final URI endpoint;
    private final Clock clock;
    private final IamService iam;
    private final WafService waf = new WafService();
    private final ElbService elb = new ElbService();
    private final CdnService cdn = new CdnService();
    private final BindableResources bindable = new BindableResources(elb, waf, cdn);
    private final ScmService scm = new ScmService(this::deployFromScm);
    private final Map<String, EmulatedService> services;
    private final Faults faults = new Faults();
    /** Disabled "service/region" pairs; "service/*" for every region, "cdn/" for CDN. */
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final List<ReceivedRequest> log = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Duration latency = Duration.ZERO;

    private CloudEmulator(HttpServer server, ExecutorService executor, List<Thread> threads, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.threads = threads;
        this.clock = clock;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.iam = new IamService(() -> endpoint);
        this.services = Map.of("iam", iam, "waf", waf, "elb", elb, "cdn", cdn, "scm", scm);
    }

    /**
     * jdk.httpserver reads these once, when its first server starts, unless the user set them. Without
     * no-delay every response waits ~40 ms for the client's delayed ACK; past 200 idle connections it
     * closes live ones, which a parallel fan-out sees as failed requests.
     */
    private static void tuneHttpServer() {
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        System.getProperties().putIfAbsent("sun.net.httpserver.maxIdleConnections", "100000");
    }

    /**
     * Starts an emulator on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static CloudEmulator start(int port, Clock clock) {
        tuneHttpServer();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("FakeHuaweiCloud cannot listen on 127.0.0.1:" + port, e);
        }
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, threadFactory(threads));
        CloudEmulator emulator = new CloudEmulator(server, executor, threads, clock);
        server.setExecutor(executor);
        server.createContext("/", emulator::exchange);
        server.start();
        return emulator;
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * The listeners, hosts and domains that serve certificates.
     *
     * @return them
     */
    public BindableResources bindable() {
        return bindable;
    }

    /**
     * The emulator's clock: when resources are made.
     *
     * @return the time now
     */
    public Instant now() {
        return clock.instant();
    }

    public void addCdnDomain(String domain, String enterpriseProject) {
        cdn.addDomain(domain, enterpriseProject, clock.instant());
    }

    /**
     * Adds a certificate to SCM.
     *
     * @param status SCM's status text, e.g. {@code ISSUED} or {@code UPLOAD}
     * @param key null: one applied for with a manually generated CSR
     * @return its SCM id
     */
    public String addScmCertificate(String name, String status, String chainPem, @Nullable String key) {
        return scm.add(name, status, chainPem, key, clock.instant());
    }

    /** What an SCM push does in the target service, which answers as it would to a create there. */
    private String deployFromScm(String service, @Nullable String region, ScmService.Held held, Instant now) {
        if (region != null && Account.projectId(region).isEmpty()) {
            throw ApiError.gateway(400, "SCM.0005", "Unknown region " + region);
        }
        if (disabled.contains(service + "/" + (region == null ? "" : region))
                || (region != null && disabled.contains(service + "/*"))) {
            throw java.util.Objects.requireNonNull(services.get(service), service).disabled(region);
        }
        String key = java.util.Objects.requireNonNull(held.key(), "a pushed certificate has a key");
        return switch (service) {
            case "waf" -> waf.importFromScm(java.util.Objects.requireNonNull(region), held.name(), held.pem(), key, now);
            case "elb" -> elb.importFromScm(java.util.Objects.requireNonNull(region), held.name(), held.pem(), key,
                    held.id(), now);
            case "cdn" -> cdn.importFromScm(held.name(), held.pem(), held.id(), now);
            default -> throw new IllegalArgumentException("SCM pushes to waf, elb and cdn only: " + service);
        };
    }

    public void configureCdnDomain(String domain, CdnSettings settings) {
        cdn.configure(domain, settings);
    }

    public CdnSettings cdnSettings(String domain) {
        return cdn.settings(domain);
    }

    public String addProject(String region) {
        return iam.addProject(region);
    }

    /** @param region null: every region of a regional service, or the global CDN */
    public void disableService(String service, @Nullable String region) {
        if (!Set.of("waf", "elb", "cdn").contains(service)) {
            throw new IllegalArgumentException("no such service: " + service + " (waf, elb or cdn)");
        }
        if (service.equals("cdn") && region != null) {
            throw new IllegalArgumentException("CDN is global: pass no region");
        }
        disabled.add(service + "/" + (region == null ? (service.equals("cdn") ? "" : "*") : region));
    }

    public List<RemoteCertificate> certificates(String service, @Nullable String region) {
        EmulatedService s = services.get(service);
        if (s == null) {
            throw new IllegalArgumentException("no such service: " + service + " (waf, elb, cdn or scm)");
        }
        return s.certificates(region);
    }

    /** Queues a failure: 429 is API Gateway's throttling, 502/503/504 its backend errors, else the service's. */
    public void fail(String service, @Nullable String region, int status) {
        if (!services.containsKey(service)) {
            throw new IllegalArgumentException("no such service: " + service + " (iam, waf, elb, cdn or scm)");
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a failure has a 4xx or 5xx status, not " + status);
        }
        faults.add(service, region, status);
    }

    public void latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
    }

    /** Every request received so far, in arrival order. */
    public List<ReceivedRequest> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Stops listening and ends every handler thread, waiting up to five seconds for them. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    LOG.log(System.Logger.Level.WARNING, "FakeHuaweiCloud thread {0} did not stop within 5 s",
                            thread.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            ReceivedRequest request = receive(exchange);
            synchronized (log) {
                log.add(request);
            }
            if (!pause()) {
                return; // closing
            }
            String requestId = UUID.randomUUID().toString().replace("-", "");
            ApiResponse response = answer(request, requestId);
            LOG.log(System.Logger.Level.DEBUG, "{0} -> {1}", request, response.status());
            send(exchange, response, requestId);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "FakeHuaweiCloud lost a connection: {0}", e.toString());
        }
    }

    private ApiResponse answer(ReceivedRequest request, String requestId) {
        EmulatedService service = null;
        try {
            List<String> segments = decodePath(request.rawPath());
            Route route = route(segments);
            service = route.service;
            String region = route.projectId == null ? null : Account.regionOf(route.projectId).orElse(null);
            authenticate(request, route, region);
            injectFailure(service, region);
            if (disabled.contains(service.id() + "/" + (region == null ? "" : region))
                    || (region != null && disabled.contains(service.id() + "/*"))) {
                throw service.disabled(region);
            }
            Call call = new Call(request, requestId, region, route.projectId, route.resource,
                    decodeQuery(request.rawQuery()), clock.instant());
            return service.handle(call);
        } catch (ApiError e) {
            return e.response(requestId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "FakeHuaweiCloud failed on " + request, e);
            ApiError error = service != null ? service.failure(500)
                    : ApiError.gateway(500, "APIG.0203", "Internal error of the emulator");
            return error.response(requestId);
        }
    }

    /** A routed call: its service, the project of a project-scoped call, the path after the collection. */
    private record Route(EmulatedService service, @Nullable String projectId, List<String> resource) {}

    private Route route(List<String> s) {
        if (s.size() >= 2 && s.get(0).equals("v3") && (s.get(1).equals("projects") || s.get(1).equals("auth"))) {
            return new Route(iam, null, s.subList(1, s.size()));
        }
        if (s.size() >= 4 && s.get(0).equals("v1") && s.get(2).equals("waf") && s.get(3).equals("certificate")) {
            return new Route(waf, s.get(1), s.subList(4, s.size()));
        }
        if (s.size() >= 4 && s.get(0).equals("v3") && s.get(2).equals("elb") && s.get(3).equals("certificates")) {
            return new Route(elb, s.get(1), s.subList(4, s.size()));
        }
        if (s.size() >= 4 && s.get(0).equals("v3") && s.get(2).equals("elb") && s.get(3).equals("listeners")) {
            return new Route(bindable.listeners, s.get(1), s.subList(4, s.size()));
        }
        if (s.size() >= 4 && s.get(0).equals("v1") && s.get(2).equals("waf") && s.get(3).equals("instance")) {
            return new Route(bindable.cloudHosts, s.get(1), s.subList(4, s.size()));
        }
        if (s.size() >= 4 && s.get(0).equals("v1") && s.get(2).equals("premium-waf") && s.get(3).equals("host")) {
            return new Route(bindable.premiumHosts, s.get(1), s.subList(4, s.size()));
        }
        if (s.size() >= 3 && s.get(0).equals("v3") && s.get(1).equals("scm") && s.get(2).equals("certificates")) {
            return new Route(scm, null, s.subList(3, s.size()));
        }
        if (s.size() >= 3 && s.get(0).equals("v1.0") && s.get(1).equals("cdn") && s.get(2).equals("domains")) {
            return new Route(cdn, null, s.subList(3, s.size()));
        }
        if (s.size() >= 3 && s.get(0).equals("v1.1") && s.get(1).equals("cdn") && s.get(2).equals("configuration")) {
            return new Route(cdn, null, s.subList(2, s.size()));
        }
        throw ApiError.noSuchApi();
    }

    /** API Gateway's AK/SK (SDK-HMAC-SHA256) check, then the scoping headers. */
    private void authenticate(ReceivedRequest request, Route route, @Nullable String region) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            throw unauthenticated("Authorization header is missing", "verify aksk signature fail");
        }
        Matcher access = ACCESS.matcher(authorization);
        if (!access.find()) {
            throw unauthenticated("Authorization is not SDK-HMAC-SHA256", "verify aksk signature fail");
        }
        if (!access.group(1).equals(Account.ACCESS_KEY)) {
            throw unauthenticated("unknown access key " + access.group(1),
                    "get secretKey failed,ak:" + access.group(1) + ",err:ak not exist");
        }
        Instant signedAt = sdkDate(request.header("X-Sdk-Date"));
        if (signedAt == null) {
            throw unauthenticated("X-Sdk-Date is missing or not yyyyMMdd'T'HHmmss'Z'", "verify aksk signature fail");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw unauthenticated("X-Sdk-Date " + request.header("X-Sdk-Date") + " is more than 15 minutes off",
                    "verify aksk signature fail");
        }
        if (!SignatureCheck.verify(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                request.body(), Account.ACCESS_KEY, Account.SECRET_KEY)) {
            throw unauthenticated("the signature does not match the request", "verify aksk signature fail");
        }
        List<String> signed = signedHeaders(authorization);
        if (route.projectId != null) {
            if (region == null) {
                throw forbidden("project " + route.projectId + " is not a project of this account");
            }
            if (!route.projectId.equals(request.header("X-Project-Id")) || !signed.contains("x-project-id")) {
                throw forbidden("a project-scoped call needs a signed X-Project-Id equal to the project in its path");
            }
        } else {
            String domainId = request.header("X-Domain-Id");
            if (domainId == null && route.service == cdn) {
                // The emulator's choice: the gateway finds a global call's account by X-Domain-Id, which the
                // official SDK always sends; the documentation gives no code for a call without it.
                throw unauthenticated("a CDN call without X-Domain-Id",
                        "the account (X-Domain-Id) of a global service call is missing");
            }
            if (domainId != null && (!domainId.equals(Account.DOMAIN_ID) || !signed.contains("x-domain-id"))) {
                throw forbidden("X-Domain-Id must be signed and name this account, " + Account.DOMAIN_ID);
            }
        }
    }

    private void injectFailure(EmulatedService service, @Nullable String region) {
        int status = faults.take(service.id(), region);
        if (status == 0) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "injecting {0} into {1} {2}", status, service.id(), region);
        throw switch (status) {
            case Faults.THROTTLE -> ApiError.gateway(429, "APIG.0308",
                    "The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 minute");
            case 401 -> unauthenticated("injected", "verify aksk signature fail");
            case 502, 503 -> ApiError.gateway(status, "APIG.0202", "Backend unavailable");
            case 504 -> ApiError.gateway(504, "APIG.0201", "Backend timeout");
            default -> service.failure(status);
        };
    }

    private static ApiError unauthenticated(String why, String message) {
        LOG.log(System.Logger.Level.DEBUG, "401 APIG.0301: {0}", why);
        return ApiError.gateway(401, "APIG.0301", "Incorrect IAM authentication information: " + message);
    }

    private static ApiError forbidden(String why) {
        return ApiError.gateway(403, "APIG.0302", "The IAM user is not authorized to access the API: " + why);
    }

    private static List<String> signedHeaders(String authorization) {
        for (String part : authorization.split(", ")) {
            if (part.startsWith("SignedHeaders=")) {
                return Arrays.asList(part.substring("SignedHeaders=".length()).split(";"));
            }
        }
        return List.of();
    }

    private static @Nullable Instant sdkDate(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return SignatureCheck.DATE_FORMAT.parse(value, Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Sleeps the injected latency; false when interrupted by {@link #close()}. */
    private boolean pause() {
        Duration delay = latency;
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ReceivedRequest receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = exchange.getRequestURI();
        return new ReceivedRequest(exchange.getRequestMethod(), Objects.requireNonNullElse(uri.getRawPath(), "/"),
                Objects.requireNonNullElse(uri.getRawQuery(), ""), exchange.getRequestHeaders(), body);
    }

    private static void send(HttpExchange exchange, ApiResponse response, String requestId) throws IOException {
        byte[] bytes = null;
        if (response.body() != null) {
            try {
                bytes = MAPPER.writeValueAsBytes(response.body());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a JSON tree", e);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        }
        exchange.getResponseHeaders().set("X-Request-Id", requestId);
        exchange.sendResponseHeaders(response.status(), bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The path's segments, percent-decoded; empty segments (doubled or trailing slashes) dropped. */
    private static List<String> decodePath(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment));
            }
        }
        return segments;
    }

    private static Map<String, List<String>> decodeQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    /** Percent-decodes; '+' is a plus (the SDK encodes spaces as %20); a malformed escape stays as sent. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** Daemon threads named after the emulator, remembered so that {@link #close()} can wait for them. */
    private static ThreadFactory threadFactory(List<Thread> created) {
        int instance = INSTANCES.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "fake-huawei-cloud-" + instance + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        };
    }
}
