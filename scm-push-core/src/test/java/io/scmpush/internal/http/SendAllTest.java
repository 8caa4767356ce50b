package io.scmpush.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CloudHttp#sendAll}: independent requests sent at once, answered in order, nothing left running. */
@Timeout(30)
class SendAllTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<Duration> sleeps = new ArrayList<>();

    @Test
    void the_requests_are_on_the_wire_together_and_the_answers_come_back_in_the_order_asked() throws Exception {
        // The server reads both requests before it answers either: sent one after the other, the first would
        // get no answer, and the server would give up waiting for the second.
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            CompletableFuture<List<String>> served = CompletableFuture.supplyAsync(() -> {
                try (Socket one = server.accept()) {
                    String first = requestPath(one);
                    try (Socket two = server.accept()) {
                        String second = requestPath(two);
                        answer(one, first);
                        answer(two, second);
                        return List.of(first, second);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            URI endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());

            List<CloudHttp.Response> responses = http(RetryPolicy.none()).sendAll(List.of(
                    CloudHttp.Request.builder("GET", endpoint, "/first").build(),
                    CloudHttp.Request.builder("GET", endpoint, "/second").build()));

            assertThat(served.get()).containsExactlyInAnyOrder("/first", "/second");
            assertThat(responses).extracting(CloudHttp.Response::body)
                    .containsExactly("{\"path\":\"/first\"}", "{\"path\":\"/second\"}");
            assertThat(responses).extracting(CloudHttp.Response::attempts).containsExactly(1, 1);
        }
    }

    @Test
    void a_failed_request_throws_after_the_others_ended_with_their_failures_suppressed_on_the_first() {
        wm.stubFor(get("/a").willReturn(okJson("{}")));
        wm.stubFor(get("/b").willReturn(aResponse().withStatus(404).withBody(
                "{\"error_code\":\"WAF.00014002\",\"error_msg\":\"no such thing\"}")));
        wm.stubFor(get("/c").willReturn(aResponse().withStatus(400).withBody(
                "{\"error_code\":\"WAF.00011001\",\"error_msg\":\"bad\"}")));

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> http(RetryPolicy.none()).sendAll(List.of(request("/a"), request("/b"), request("/c"))));

        assertThat(e.code()).isEqualTo("WAF.00014002");
        assertThat(e.getSuppressed()).singleElement().isInstanceOfSatisfying(CloudServiceException.class,
                c -> assertThat(c.code()).isEqualTo("WAF.00011001"));
        for (String path : List.of("/a", "/b", "/c")) {
            wm.verify(1, getRequestedFor(urlEqualTo(path)));
        }
    }

    @Test
    void a_request_that_fails_retryably_is_retried_as_send_retries_it_while_the_others_keep_their_answers() {
        wm.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed once"));
        wm.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(okJson("{\"ok\":true}")));
        wm.stubFor(get("/steady").willReturn(okJson("{\"steady\":true}")));

        List<CloudHttp.Response> responses = http(RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofMillis(10)))
                .sendAll(List.of(request("/flaky"), request("/steady")));

        assertThat(responses).extracting(CloudHttp.Response::attempts).containsExactly(2, 1);
        assertThat(responses.get(0).body()).isEqualTo("{\"ok\":true}");
        assertThat(sleeps).hasSize(1);
        wm.verify(2, getRequestedFor(urlEqualTo("/flaky")));
        wm.verify(1, getRequestedFor(urlEqualTo("/steady")));
    }

    @Test
    void after_the_push_s_deadline_none_is_sent() {
        PushScope passed = PushScope.within(Duration.ofNanos(1));
        while (!passed.expired()) {
            Thread.onSpinWait();
        }

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> passed.run(() -> http(RetryPolicy.defaults()).sendAll(List.of(request("/a"), request("/b")))));

        assertThat(e.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        assertThat(PushScope.notSent(e)).isTrue();
        assertThat(e.getSuppressed()).hasSize(1);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void the_default_sends_one_after_another_in_order() {
        List<String> sent = new ArrayList<>();
        CloudHttp sequential = request -> {
            sent.add(request.path());
            return new CloudHttp.Response(200, java.util.Map.of(), request.path(), null, 1);
        };

        List<CloudHttp.Response> responses = sequential.sendAll(List.of(request("/a"), request("/b")));

        assertThat(sent).containsExactly("/a", "/b");
        assertThat(responses).extracting(CloudHttp.Response::body).containsExactly("/a", "/b");
    }

    private static CloudHttp.Request request(String path) {
        return CloudHttp.Request.builder("GET", URI.create(wm.baseUrl()), path).build();
    }

    private HuaweiCloudHttp http(RetryPolicy retry) {
        return new HuaweiCloudHttp(Credentials.of("AK", "SK"),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), retry, Duration.ofSeconds(20),
                Clock.systemUTC(), sleeps::add);
    }

    /** Reads the request line and the headers (a GET has no body), and returns the path. */
    private static String requestPath(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1));
        String path = in.readLine().split(" ")[1];
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            // a header
        }
        return path;
    }

    private static void answer(Socket socket, String path) throws IOException {
        byte[] body = ("{\"path\":\"" + path + "\"}").getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
