package io.scmpush.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A hostile network between an SDK and a service: a TCP proxy on a loopback port that passes HTTP/1.1
 * requests to an {@code http://} upstream (usually a {@link FakeHuaweiCloud}) and, for the requests a
 * fault is {@linkplain #inject injected} into, drips the answer's body, sends a body that never ends,
 * resets the connection, never answers, or answers in the service's place. Point the SDK at
 * {@link #endpoint()} instead of the upstream:
 *
 * <pre>{@code
 * try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
 *      ChaosProxy proxy = ChaosProxy.start(cloud.endpoint())) {
 *     proxy.inject("GET [^ ]+/waf/certificate", ChaosProxy.Fault.dripBody(Duration.ofMillis(100)));
 *     ScmPush scm = ScmPush.builder().credentials(cloud.credentials()).endpoint(proxy.endpoint())
 *             .requestTimeout(Duration.ofMillis(300)).build();
 *     // a push to WAF now ends FAILED TIMEOUT instead of waiting for the body
 * }
 * }</pre>
 *
 * <p>Every connection carries one request: the proxy answers with {@code Connection: close}. Requests pass
 * unchanged otherwise (a signed request stays valid). Thread-safe; {@link #close()} ends every connection.
 */
public final class ChaosProxy implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;

    private final URI upstream;
    private final ServerSocket server;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile boolean closed;

    private ChaosProxy(URI upstream, ServerSocket server) {
        this.upstream = upstream;
        this.server = server;
    }

    /**
     * Starts a proxy to {@code upstream} on a free loopback port.
     *
     * @param upstream where requests without a fault go: {@code http://host:port}, with an optional base path
     * @return the running proxy
     * @throws IllegalArgumentException when {@code upstream} is not an {@code http://} URI with a host
     */
    public static ChaosProxy start(URI upstream) {
        Objects.requireNonNull(upstream, "upstream");
        if (!"http".equalsIgnoreCase(upstream.getScheme()) || upstream.getHost() == null) {
            throw new IllegalArgumentException("ChaosProxy speaks cleartext HTTP to a host: http://host:port, was "
                    + upstream);
        }
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            ChaosProxy proxy = new ChaosProxy(upstream, server);
            Thread acceptor = new Thread(proxy::accept, "chaos-proxy-" + server.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a loopback port for the chaos proxy", e);
        }
    }

    /**
     * The proxy's address, with the upstream's base path: give it to the SDK as its endpoint.
     *
     * @return {@code http://127.0.0.1:port} plus the upstream's path
     */
    public URI endpoint() {
        String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + path);
    }

    /**
     * Applies {@code fault} to every later request whose request line (such as
     * {@code GET /v1/0123/waf/certificate?page=1 HTTP/1.1}) contains a match of {@code requestLine}, until
     * {@link #clear()}. When several faults match, the one injected first applies.
     *
     * @param requestLine a regular expression, searched for in the request line
     * @param fault what happens to those requests
     * @return this proxy
     */
    public ChaosProxy inject(String requestLine, Fault fault) {
        rules.add(new Rule(Pattern.compile(requestLine), Objects.requireNonNull(fault, "fault"), null));
        return this;
    }

    /**
     * Applies {@code fault} to the next request whose request line contains a match of {@code requestLine},
     * once; later requests pass as if it had never been injected.
     *
     * @param requestLine a regular expression, searched for in the request line
     * @param fault what happens to that request
     * @return this proxy
     */
    public ChaosProxy injectOnce(String requestLine, Fault fault) {
        rules.add(new Rule(Pattern.compile(requestLine), Objects.requireNonNull(fault, "fault"),
                new AtomicBoolean()));
        return this;
    }

    /** Removes every fault: later requests pass unchanged. Connections already faulted stay faulted. */
    public void clear() {
        rules.clear();
    }

    /**
     * The request lines received so far, in order, faulted or not.
     *
     * @return an immutable copy
     */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /**
     * How many bytes the proxy has written to its clients: with {@link Fault#endlessBody()}, how much of the
     * endless body a client read before it gave up (plus what the sockets' buffers held).
     *
     * @return the bytes written so far, over every connection
     */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Stops accepting and ends every connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.forEach(ChaosProxy::closeQuietly);
    }

    @Override
    public String toString() {
        return "ChaosProxy[" + endpoint() + " -> " + upstream + ", " + rules.size() + " faults]";
    }

    /** What happens to a faulted request. Immutable. */
    public static final class Fault {
        private final Kind kind;
        private final Duration pause;
        private final int status;
        private final Map<String, String> headers;
        private final Function<String, String> body;

        private enum Kind { DRIP, ENDLESS, RESET, STALL, RESPOND, ANSWER_LOST }

        private Fault(Kind kind, Duration pause, int status, Map<String, String> headers,
                Function<String, String> body) {
            this.kind = kind;
            this.pause = pause;
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        /**
         * The service's answer, with its headers at once and then its body one byte per {@code pause}: a
         * client that waits for the whole body waits for minutes.
         *
         * @param pause the wait before each byte of the body
         * @return the fault
         */
        public static Fault dripBody(Duration pause) {
            if (pause.isNegative()) {
                throw new IllegalArgumentException("pause must not be negative, was " + pause);
            }
            return new Fault(Kind.DRIP, pause, 0, Map.of(), line -> "");
        }

        /**
         * {@code 200} with JSON headers and no length, then a JSON body that never ends, as fast as the client
         * reads it; the service never sees the request.
         *
         * @return the fault
         */
        public static Fault endlessBody() {
            return new Fault(Kind.ENDLESS, Duration.ZERO, 200, Map.of(), line -> "");
        }

        /**
         * The request is read, then the connection is reset (TCP RST) without an answer; the service never
         * sees it.
         *
         * @return the fault
         */
        public static Fault reset() {
            return new Fault(Kind.RESET, Duration.ZERO, 0, Map.of(), line -> "");
        }

        /**
         * The request is passed to the service, which acts on it; its answer is dropped and the connection
         * reset (TCP RST): the ambiguous failure after which a client cannot know whether a create happened.
         *
         * @return the fault
         */
        public static Fault answerLost() {
            return new Fault(Kind.ANSWER_LOST, Duration.ZERO, 0, Map.of(), line -> "");
        }

        /**
         * The request is read and never answered; the connection stays open until the client or
         * {@link ChaosProxy#close()} ends it. The service never sees it.
         *
         * @return the fault
         */
        public static Fault stall() {
            return new Fault(Kind.STALL, Duration.ZERO, 0, Map.of(), line -> "");
        }

        /**
         * An answer in the service's place: {@code status}, {@code headers} and, as the body, what {@code body}
         * makes of the request line (sent with its {@code Content-Length}). Plays hostile services: redirects,
         * listings that never end, answers that echo secrets.
         *
         * @param status the HTTP status
         * @param headers extra headers, such as {@code Location} or {@code Content-Type}
         * @param body the body for a request line, UTF-8
         * @return the fault
         */
        public static Fault respond(int status, Map<String, String> headers, Function<String, String> body) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("status must have three digits, was " + status);
            }
            return new Fault(Kind.RESPOND, Duration.ZERO, status, Map.copyOf(headers),
                    Objects.requireNonNull(body, "body"));
        }

        @Override
        public String toString() {
            return "Fault[" + kind.name().toLowerCase(Locale.ROOT) + "]";
        }
    }

    /** A fault for matching requests; {@code spent} is set for a fault injected once. */
    private record Rule(Pattern requestLine, Fault fault, @Nullable AtomicBoolean spent) {
        boolean applies(String line) {
            return requestLine.matcher(line).find() && (spent == null || spent.compareAndSet(false, true));
        }
    }

    // ---- serving ----

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(client);
            Thread handler = new Thread(() -> {
                try {
                    serve(client);
                } catch (IOException | RuntimeException e) {
                    // the client went away, or the upstream did: the connection just ends
                } finally {
                    closeQuietly(client);
                    open.remove(client);
                }
            }, "chaos-proxy-connection");
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void serve(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        byte[] head = readHead(in);
        if (head == null) {
            return;
        }
        String headText = new String(head, StandardCharsets.ISO_8859_1);
        String requestLine = headText.substring(0, headText.indexOf("\r\n"));
        requestLines.add(requestLine);
        byte[] body = in.readNBytes(contentLength(headText));
        Fault fault = null;
        for (Rule rule : rules) {
            if (rule.applies(requestLine)) {
                fault = rule.fault();
                break;
            }
        }
        OutputStream out = client.getOutputStream();
        if (fault == null) {
            forward(headText, body, out, null);
            return;
        }
        switch (fault.kind) {
            case DRIP -> forward(headText, body, out, fault.pause);
            case ENDLESS -> endless(out);
            case RESET -> {
                client.setSoLinger(true, 0);
                client.close();
            }
            case ANSWER_LOST -> {
                forward(headText, body, OutputStream.nullOutputStream(), null);
                client.setSoLinger(true, 0);
                client.close();
            }
            case STALL -> {
                while (!closed && in.read() >= 0) {
                    // wait for the client to give up
                }
            }
            case RESPOND -> {
                byte[] answer = fault.body.apply(requestLine).getBytes(StandardCharsets.UTF_8);
                StringBuilder h = new StringBuilder("HTTP/1.1 ").append(fault.status).append(" Chaos\r\n");
                fault.headers.forEach((name, value) -> h.append(name).append(": ").append(value).append("\r\n"));
                h.append("Content-Length: ").append(answer.length).append("\r\nConnection: close\r\n\r\n");
                write(out, h.toString().getBytes(StandardCharsets.ISO_8859_1));
                write(out, answer);
                out.flush();
            }
        }
    }

    /** Passes the request upstream and its answer back, the body dripped when {@code pause} is set. */
    private void forward(String head, byte[] body, OutputStream out, @Nullable Duration pause) throws IOException {
        int port = upstream.getPort() == -1 ? 80 : upstream.getPort();
        try (Socket up = new Socket()) {
            open.add(up);
            try {
                up.connect(new InetSocketAddress(upstream.getHost(), port), 5_000);
                OutputStream upOut = up.getOutputStream();
                upOut.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
                upOut.write(body);
                upOut.flush();
                InputStream upIn = up.getInputStream();
                byte[] answerHead = readHead(upIn);
                if (answerHead == null) {
                    return;
                }
                write(out, withConnectionClose(new String(answerHead, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (pause == null) {
                    byte[] buffer = new byte[16 * 1024];
                    for (int n; (n = upIn.read(buffer)) >= 0; ) {
                        write(out, Arrays.copyOf(buffer, n));
                    }
                } else {
                    for (int b; (b = upIn.read()) >= 0; ) {
                        sleep(pause);
                        write(out, new byte[] {(byte) b});
                        out.flush();
                    }
                }
                out.flush();
            } finally {
                open.remove(up);
            }
        }
    }

    private void endless(OutputStream out) throws IOException {
        write(out, ("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\nConnection: close\r\n\r\n"
                + "{\"items\":[").getBytes(StandardCharsets.US_ASCII));
        byte[] item = "{\"id\":\"0123456789abcdef\",\"name\":\"endless\"},".getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[item.length * 1024];
        for (int i = 0; i < 1024; i++) {
            System.arraycopy(item, 0, chunk, i * item.length, item.length);
        }
        while (!closed) {
            write(out, chunk); // until the client closes: the write then fails
        }
    }

    private void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        bytesSent.addAndGet(bytes.length);
    }

    /** The head of a request or response up to and including its blank line; null at end of stream. */
    private static byte @Nullable [] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int last4 = 0;
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A) { // CR LF CR LF: the blank line
                return head.toByteArray();
            }
        }
        throw new IOException("a head longer than " + MAX_HEAD + " bytes");
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    /** The head with its {@code Connection} header replaced by {@code Connection: close}. */
    private static String withConnectionClose(String head) {
        List<String> lines = new ArrayList<>(Arrays.asList(head.split("\r\n")));
        lines.removeIf(line -> line.toLowerCase(Locale.ROOT).startsWith("connection:"));
        return String.join("\r\n", lines) + "\r\nConnection: close\r\n\r\n";
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
