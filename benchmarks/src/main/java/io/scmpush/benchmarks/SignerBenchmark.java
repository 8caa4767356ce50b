package io.scmpush.benchmarks;

import io.scmpush.internal.http.AkSkSigner;
import io.scmpush.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SDK-HMAC-SHA256 signer alone, on the two requests a WAF push signs: the inventory read (GET with a
 * query, no body) and the create (POST with a JSON body carrying an RSA 2048 chain and its key, about
 * 4 KB, whose SHA-256 is part of the signature). The headers are those {@code HuaweiCloudHttp} signs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SignerBenchmark {
    private static final String PROJECT = "0b5ac55b5ee34b568cc5e5e3f2b3b1d6";
    private static final String CREATE_PATH = "/v1/" + PROJECT + "/waf/certificate";
    private static final byte[] NO_BODY = new byte[0];

    private final AkSkSigner signer = new AkSkSigner("FAKEHWCLOUDAK0000001", "fakeHuaweiCloudSecretKeyForScmPushTests0");
    private final List<Map.Entry<String, String>> listQuery = List.of(Map.entry("page", "1"),
            Map.entry("pagesize", "100"), Map.entry("name", "www.example.com-1a2b3c4d"));
    private Map<String, String> getHeaders = Map.of();
    private Map<String, String> postHeaders = Map.of();
    private byte[] createBody = new byte[0];

    @Setup
    public void setUp() {
        TestCertificates.Generated generated = TestCertificates.builder().domains("www.example.com").build();
        createBody = ("{\"name\":\"www.example.com-1a2b3c4d\",\"content\":\"" + jsonEscape(generated.certificatePem())
                + "\",\"key\":\"" + jsonEscape(generated.privateKeyPem()) + "\"}").getBytes(StandardCharsets.UTF_8);
        getHeaders = headers(false);
        postHeaders = headers(true);
    }

    private static Map<String, String> headers(boolean withBody) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Host", "waf.cn-north-4.myhuaweicloud.com");
        headers.put("User-Agent", "scm-push-java/0.1.0");
        headers.put("X-Sdk-Date", AkSkSigner.sdkDate(Instant.parse("2026-01-15T03:36:55Z")));
        headers.put("X-Project-Id", PROJECT);
        if (withBody) {
            headers.put("Content-Type", "application/json;charset=UTF-8");
        }
        return headers;
    }

    private static String jsonEscape(String pem) {
        return pem.replace("\n", "\\n");
    }

    /** The inventory read: {@code GET /v1/{project}/waf/certificate?page=1&pagesize=100&name=...}. */
    @Benchmark
    public String signGet() {
        return signer.authorization("GET", CREATE_PATH, listQuery, getHeaders, NO_BODY, false);
    }

    /** The create: {@code POST /v1/{project}/waf/certificate} with the chain and key in its body. */
    @Benchmark
    public String signPostWithCertificate() {
        return signer.authorization("POST", CREATE_PATH, List.of(), postHeaders, createBody, false);
    }
}
