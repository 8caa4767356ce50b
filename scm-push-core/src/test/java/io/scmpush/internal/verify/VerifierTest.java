package io.scmpush.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.OutcomeCodes;
import io.scmpush.Verification;
import io.scmpush.VerificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How the verifier reports servers that do not present a certificate: nothing listening, not TLS, stalled.
 * The servers that do present one are in the test kit's {@code VerifyTest}, which can make them.
 */
@Timeout(10)
class VerifierTest {
    private static final String EXPECTED = "0".repeat(64);

    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final Verifier verifier = new Verifier(pauses::add);
    private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (ServerSocket server : servers) {
            server.close();
        }
    }

    @Test
    void a_port_nobody_listens_on_is_unreachable() throws IOException {
        VerificationResult result;
        int port;
        try (Socket held = portNobodyListensOn()) {
            port = held.getLocalPort();
            result = verifier.verify(EXPECTED, check(port), null);
        }

        assertThat(result.matches()).isFalse();
        assertThat(result.code()).isEqualTo(OutcomeCodes.UNREACHABLE);
        assertThat(result.servedFingerprint()).isNull();
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.message()).startsWith("127.0.0.1:" + port + " (SNI www.example.com): ");
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_server_that_answers_something_else_than_tls_is_a_tls_error() throws IOException {
        int port = serve(socket -> {
            try (socket; OutputStream out = socket.getOutputStream()) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the client left
            }
        });

        VerificationResult result = verifier.verify(EXPECTED, check(port), null);

        assertThat(result.code()).isEqualTo(OutcomeCodes.TLS_ERROR);
        assertThat(result.servedFingerprint()).isNull();
    }

    @Test
    void a_server_that_accepts_and_stalls_is_a_tls_error_once_the_attempt_runs_out() throws IOException {
        int port = serve(socket -> {
            try (socket; InputStream in = socket.getInputStream()) {
                in.readAllBytes(); // says nothing until the client gives up
            } catch (IOException e) {
                // the client left
            }
        });

        // No time left in the caller's deadline: one attempt with the shortest timeouts (1 s).
        VerificationResult result = verifier.verify(EXPECTED, check(port).within(Duration.ofMinutes(5)), Duration.ZERO);

        assertThat(result.code()).isEqualTo(OutcomeCodes.TLS_ERROR);
        assertThat(result.message()).contains("did not finish within 1000 ms");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_failing_check_is_tried_again_with_growing_pauses_until_within_has_passed() throws IOException {
        VerificationResult result;
        try (Socket held = portNobodyListensOn()) {
            // The recorded pauses take no time, so the check tries until the real clock passes within.
            result = verifier.verify(EXPECTED, check(held.getLocalPort()).within(Duration.ofMillis(300)), null);
        }

        assertThat(result.code()).isEqualTo(OutcomeCodes.UNREACHABLE);
        assertThat(result.attempts()).isEqualTo(pauses.size() + 1).isGreaterThan(1);
        assertThat(pauses.get(0)).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThat(pauses).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(Duration.ofMillis(300)));
    }

    /**
     * A loopback port held by a bound socket that does not listen: a connection to it is refused. A port merely
     * closed is not enough: another process may listen on it next, or a connection from that very port to itself
     * (TCP simultaneous open) answers the client's own hello — both seen as TLS errors on a busy machine.
     */
    static Socket portNobodyListensOn() throws IOException {
        Socket held = new Socket();
        held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return held;
    }

    private static Verification check(int port) {
        return Verification.of("www.example.com").at("127.0.0.1", port);
    }

    /** A plain TCP server on loopback that hands each connection to {@code connection} on its own thread. */
    private int serve(Consumer<Socket> connection) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread handler = new Thread(() -> connection.accept(socket));
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }
}
