package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chaos proxy passes what it is not told to spoil, and spoils what it is told to. */
@Timeout(10)
class ChaosProxyTest {
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void a_request_without_a_fault_reaches_the_service_unchanged_and_its_answer_comes_back() throws Exception {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start(); ChaosProxy proxy = ChaosProxy.start(cloud.endpoint())) {
            HttpResponse<String> response = get(proxy.endpoint().resolve("/v3/projects?name=cn-north-4"));

            // Unsigned: the emulator's gateway refuses it, as Huawei Cloud's would, through the proxy.
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("APIG.0301");
            assertThat(proxy.requestLines()).containsExactly("GET /v3/projects?name=cn-north-4 HTTP/1.1");
            assertThat(cloud.requests()).singleElement().extracting(FakeHuaweiCloud.RecordedRequest::path)
                    .isEqualTo("/v3/projects");
        }
    }

    @Test
    void an_answer_in_the_services_place_is_what_the_service_sees_none_of() throws Exception {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start(); ChaosProxy proxy = ChaosProxy.start(cloud.endpoint())) {
            proxy.inject("GET /redirect", ChaosProxy.Fault.respond(307, Map.of("Location", "https://elsewhere.example"),
                    line -> "moved: " + line));

            HttpResponse<String> response = get(proxy.endpoint().resolve("/redirect"));

            assertThat(response.statusCode()).isEqualTo(307);
            assertThat(response.headers().firstValue("location")).hasValue("https://elsewhere.example");
            assertThat(response.body()).isEqualTo("moved: GET /redirect HTTP/1.1");
            assertThat(cloud.requests()).isEmpty();
        }
    }

    @Test
    void a_dripped_body_arrives_after_its_headers_slower_than_a_client_waits() throws Exception {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start(); ChaosProxy proxy = ChaosProxy.start(cloud.endpoint())) {
            proxy.inject("/v3/projects", ChaosProxy.Fault.dripBody(Duration.ofMillis(200)));

            HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(
                    proxy.endpoint().resolve("/v3/projects")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());

            assertThat(response.statusCode()).as("the headers come at once").isEqualTo(401);
            try (var body = response.body()) {
                assertThat(body.read()).as("then one byte").isEqualTo('{');
            }
        }
    }

    @Test
    void a_reset_and_a_stall_end_the_exchange_without_an_answer() throws Exception {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start(); ChaosProxy proxy = ChaosProxy.start(cloud.endpoint())) {
            proxy.inject("GET /reset", ChaosProxy.Fault.reset()).inject("GET /stall", ChaosProxy.Fault.stall());

            assertThatThrownBy(() -> get(proxy.endpoint().resolve("/reset"))).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/stall"))
                    .timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            proxy.clear();
            assertThat(get(proxy.endpoint().resolve("/reset")).statusCode()).as("passes once cleared").isNotZero();
        }
    }

    @Test
    void a_lost_answer_reaches_the_service_and_a_fault_injected_once_spares_the_next_request() throws Exception {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start(); ChaosProxy proxy = ChaosProxy.start(cloud.endpoint())) {
            proxy.injectOnce("POST /v3/projects", ChaosProxy.Fault.answerLost());

            // A POST, which the JDK's client never sends again by itself after a reset.
            assertThatThrownBy(() -> post(proxy.endpoint().resolve("/v3/projects"))).isInstanceOf(IOException.class);
            assertThat(cloud.requests()).as("the service saw the request").hasSize(1);
            assertThat(post(proxy.endpoint().resolve("/v3/projects")).statusCode()).as("spent after once")
                    .isEqualTo(401);
            assertThat(cloud.requests()).hasSize(2);
        }
    }

    @Test
    void only_cleartext_upstreams_are_accepted() {
        assertThatThrownBy(() -> ChaosProxy.start(URI.create("https://waf.example.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> post(URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
