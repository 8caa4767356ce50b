package io.scmpush.benchmarks;

import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.AkSkSigner;
import io.scmpush.internal.http.CredentialSecrets;
import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.internal.http.Sleeper;
import io.scmpush.spi.CloudHttp;
import io.scmpush.testkit.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where a request's allocation goes: the same ELB request sent by the JDK's {@code HttpClient} alone
 * ({@code client=jdk}: the request built from headers signed once in set-up, body as bytes, response read
 * as bytes) and by our transport ({@code client=scm-push}: {@code HuaweiCloudHttp.send}, which signs,
 * scopes, times out and reads the envelope), against the out-of-process emulator; run side by side,
 * {@code -prof gc}. {@code GET} lists certificates by name ({@code {"certificates":[]}}); {@code POST}
 * creates one from an RSA 2048 chain and key (ELB allows repeated names), about 3.7 KB up, 3 KB back.
 * Both use one HTTP/1.1 {@code HttpClient}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 3, time = 4)
public class TransportBenchmark {
    private static final String REGION = "cn-north-4";

    @Param({"jdk", "scm-push"})
    public String client;

    @Param({"GET", "POST"})
    public String method;

    private EmulatorProcess cloud;
    private HttpClient http;
    private HuaweiCloudHttp transport;
    private String projectId;
    private String path;
    private String jsonBody;
    private byte[] body;
    private URI uri;
    private Map<String, String> signedHeaders;

    @Setup
    public void setUp() {
        cloud = EmulatorProcess.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .build();
        transport = new HuaweiCloudHttp(cloud.credentials(), http, RetryPolicy.none(), Duration.ofSeconds(30),
                Clock.systemUTC(), Sleeper.SYSTEM);
        String projects = transport.send(CloudHttp.Request.builder("GET", cloud.endpoint(), "/v3/projects")
                .query("name", REGION).build()).body();
        projectId = projects.replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f]{32})\".*", "$1");
        path = "/v3/" + projectId + "/elb/certificates";
        TestCertificates.Generated chain = Fixtures.rsaChain();
        jsonBody = "{\"certificate\":{\"name\":\"bench\",\"certificate\":\"" + jsonText(chain.certificatePem())
                + "\",\"private_key\":\"" + jsonText(chain.privateKeyPem()) + "\",\"type\":\"server\"}}";
        body = method.equals("POST") ? jsonBody.getBytes(StandardCharsets.UTF_8) : new byte[0];
        uri = URI.create(cloud.endpoint() + path + (method.equals("GET") ? "?limit=100&name=bench&type=server" : ""));
        signedHeaders = signOnce();
    }

    /** The headers our transport would send now, signed: valid for the emulator's 15 minutes of clock skew. */
    private Map<String, String> signOnce() {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Host", uri.getHost() + ":" + uri.getPort());
        headers.put("User-Agent", "scm-push-java/bench");
        headers.put("X-Sdk-Date", AkSkSigner.sdkDate(Clock.systemUTC().instant()));
        headers.put("X-Project-Id", projectId);
        if (body.length > 0) {
            headers.put("Content-Type", "application/json;charset=UTF-8");
        }
        List<Map.Entry<String, String>> query = method.equals("GET")
                ? List.of(Map.entry("limit", "100"), Map.entry("name", "bench"), Map.entry("type", "server"))
                : List.of();
        String authorization = new AkSkSigner(cloud.credentials().accessKey(),
                CredentialSecrets.secretKey(cloud.credentials())).authorization(method, path, query, headers, body, false);
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.remove("Host");
        sent.put("Authorization", authorization);
        return sent;
    }

    private static String jsonText(String pem) {
        return pem.replace("\n", "\\n");
    }

    @Benchmark
    public Object send() throws IOException, InterruptedException {
        if (client.equals("jdk")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            signedHeaders.forEach(request::header);
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the emulator answered " + response.statusCode());
            }
            return response;
        }
        CloudHttp.Request.Builder request = CloudHttp.Request.builder(method, cloud.endpoint(), path)
                .projectId(projectId);
        if (method.equals("GET")) {
            request.query("limit", "100").query("name", "bench").query("type", "server");
        } else {
            request.jsonBody(jsonBody);
        }
        return transport.send(request.build());
    }

    @TearDown
    public void tearDown() {
        cloud.close();
    }
}
