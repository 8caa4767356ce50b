package io.scmpush.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.TestCertificates;
import io.scmpush.spi.CloudHttp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The secret key, the security token and a private key sent in a body never show in an exception or a log line. */
class SecretsNeverLeakTest {
    static final String SK = "SK-zq8Jx1-never-shown";
    static final String TOKEN = "TOKEN-pp71-never-shown";
    static final String PATH = "/v1/p/waf/certificate";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    // Strong reference: JUL holds loggers weakly.
    private final Logger julLogger = Logger.getLogger("io.scmpush.http");
    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(new java.util.logging.SimpleFormatter().format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = julLogger.getLevel();
        julLogger.setLevel(Level.ALL);
        julLogger.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        julLogger.removeHandler(capture);
        julLogger.setLevel(previousLevel);
    }

    @Test
    void no_failure_or_log_line_carries_the_sk_the_token_or_the_private_key() throws IOException {
        String privateKey = TestCertificates.builder().ec().build().privateKeyPem();
        String keyBase64 = privateKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        String body = "{\"name\":\"c\",\"key\":\"" + privateKey.replace("\n", "\\n") + "\"}";
        String echo = "invalid key " + privateKey.replace("\n", "\\n") + " for sk " + SK + " token " + TOKEN;
        List<ResponseDefinitionBuilder> replies = List.of(
                json(400, "{\"error_code\":\"WAF.00011005\",\"error_msg\":\"" + echo + "\"}"),
                json(401, "{\"error_code\":\"APIG.0301\",\"error_msg\":\"" + echo + "\"}"),
                json(200, "{\"error\":{\"code\":\"CDN.0001\",\"message\":\"" + echo + "\"}}"),
                aResponse().withStatus(500).withHeader("Content-Type", "text/plain").withBody(body),
                json(429, "{\"error_code\":\"APIG.0308\",\"error_msg\":\"" + echo + "\"}"),
                aResponse().withStatus(503).withBody(echo),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson("{}").withFixedDelay(3000),
                okJson("{\"echo\":\"" + echo + "\"}"));
        HuaweiCloudHttp http = new HuaweiCloudHttp(Credentials.temporary("AK", SK, TOKEN).withDomainId("d"),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                RetryPolicy.of(2, Duration.ZERO, Duration.ZERO), Duration.ofMillis(1000), Clock.systemUTC(), d -> { });
        List<String> shown = new ArrayList<>();
        // WireMock's first JSON request loads its JSON handling, which can outlast the 300 ms timeout on a busy
        // machine: pay it once before anything is measured.
        wm.stubFor(post(PATH).willReturn(okJson("{}")));
        new HuaweiCloudHttp(Credentials.of("AK", "SK-warm-up"), HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).build(), RetryPolicy.none(), Duration.ofSeconds(10),
                Clock.systemUTC(), d -> { }).send(CloudHttp.Request.builder("POST", URI.create(wm.baseUrl()), PATH)
                .projectId("p").jsonBody("{}").build());

        for (ResponseDefinitionBuilder reply : replies) {
            wm.resetAll();
            wm.stubFor(post(PATH).willReturn(reply));
            for (boolean idempotent : new boolean[] {false, true}) {
                sendAndRecord(http, URI.create(wm.baseUrl()), body, idempotent, shown);
            }
        }
        try (Socket held = new Socket()) { // bound, not listening: the connection is refused
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            sendAndRecord(http, URI.create("http://127.0.0.1:" + held.getLocalPort()), body, false, shown);
        }
        shown.add(Credentials.temporary("AK", SK, TOKEN).toString());
        shown.addAll(logLines);

        assertThat(shown).hasSizeGreaterThan(20);
        assertThat(logLines).isNotEmpty();
        assertThat(String.join("\n", shown)).doesNotContain(SK).doesNotContain(TOKEN).doesNotContain(keyBase64)
                .doesNotContain("PRIVATE KEY");
        assertThat(String.join("\n", shown)).contains("WAF.00011005").contains(OutcomeCodes.AUTH_FAILED).contains("CDN.0001")
                .contains("HTTP_500").contains(OutcomeCodes.TIMEOUT).contains(OutcomeCodes.IO_ERROR).contains("Retrying");
    }

    private static void sendAndRecord(CloudHttp http, URI endpoint, String body, boolean idempotent,
            List<String> shown) {
        try {
            CloudHttp.Request request = CloudHttp.Request.builder("POST", endpoint, PATH).projectId("p")
                    .jsonBody(body).idempotent(idempotent).build();
            shown.add(request.toString());
            http.send(request);
        } catch (CloudServiceException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            shown.add(e.code() + " " + trace);
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
