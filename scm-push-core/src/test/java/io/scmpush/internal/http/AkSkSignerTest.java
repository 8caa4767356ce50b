package io.scmpush.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.SharedContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AkSkSignerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> officialSdkVectors() throws IOException {
        Path file = SharedContract.resolve("signing-vectors.jsonl");
        List<Arguments> vectors = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode v = JSON.readTree(line);
                vectors.add(Arguments.of(v.get("name").asText(), v));
            }
        }
        assertThat(vectors).isNotEmpty();
        return vectors.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("officialSdkVectors")
    void reproduces_the_official_sdk_byte_for_byte(String name, JsonNode v) {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        v.get("query").forEach(pair -> query.add(Map.entry(pair.get(0).asText(), pair.get(1).asText())));
        Map<String, String> headers = new LinkedHashMap<>();
        v.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));

        AkSkSigner.Signature signature = new AkSkSigner(v.get("ak").asText(), v.get("sk").asText()).sign(
                v.get("method").asText(), v.get("path").asText(), query, headers,
                v.get("body").asText().getBytes(StandardCharsets.UTF_8), false);

        assertThat(signature.canonicalRequest()).isEqualTo(v.get("canonical_request").asText());
        assertThat(signature.stringToSign()).isEqualTo(v.get("string_to_sign").asText());
        assertThat(signature.authorization()).isEqualTo(v.get("authorization").asText());
    }

    @Test
    void reproduces_the_published_documentation_vector_when_content_type_is_signed() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "service.region.example.com");
        headers.put("Content-Type", "application/json");
        headers.put("X-Sdk-Date", "20191115T033655Z");

        AkSkSigner.Signature signature = new AkSkSigner("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc")
                .sign("GET", "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
                        List.of(Map.entry("limit", "2"), Map.entry("marker", "13551d6b-755d-4757-b956-536f674975c0")),
                        headers, new byte[0], true);

        assertThat(signature.canonicalRequest()).isEqualTo("""
                GET
                /v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/
                limit=2&marker=13551d6b-755d-4757-b956-536f674975c0
                content-type:application/json
                host:service.region.example.com
                x-sdk-date:20191115T033655Z

                content-type;host;x-sdk-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(signature.stringToSign()).isEqualTo("SDK-HMAC-SHA256\n20191115T033655Z\n"
                + "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
        assertThat(signature.authorization()).isEqualTo("SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
                + "SignedHeaders=content-type;host;x-sdk-date, "
                + "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
    }

    @Test
    void the_canonical_query_sorts_encoded_keys_and_keeps_repeated_keys_in_insertion_order() {
        String canonical = sign("/x", List.of(Map.entry("b", "2"), Map.entry("a", "z"), Map.entry("a", "y"),
                Map.entry("empty", ""), Map.entry("sp ace", "a b*~"))).canonicalRequest();

        assertThat(canonical.split("\n")[2]).isEqualTo("a=z&a=y&b=2&empty=&sp%20ace=a%20b%2A~");
    }

    @Test
    void the_canonical_uri_encodes_each_segment_like_the_sdk_and_always_ends_in_a_slash() {
        assertThat(sign("/", List.of()).canonicalRequest().split("\n")[1]).isEqualTo("/");
        assertThat(sign("/v1/a b/é/*.x~y/", List.of()).canonicalRequest().split("\n")[1])
                .isEqualTo("/v1/a%20b/%C3%A9/%2A.x~y/");
    }

    @Test
    void the_wire_path_keeps_the_asterisk_that_the_signature_encodes() {
        StringBuilder wire = new StringBuilder();
        AkSkSigner.appendWirePath(wire, "/v1.1/cdn/configuration/domains/*.example.com/configs");
        assertThat(wire).hasToString("/v1.1/cdn/configuration/domains/*.example.com/configs");
    }

    @Test
    void headers_with_an_underscore_and_content_type_are_not_signed() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "h");
        headers.put("X-Sdk-Date", "20260101T000000Z");
        headers.put("Content-Type", "application/json");
        headers.put("X_Custom", "v");
        headers.put("User-Agent", "ua");

        String auth = new AkSkSigner("AK", "SK").authorization("GET", "/", List.of(), headers, new byte[0], false);

        assertThat(auth).contains("SignedHeaders=host;user-agent;x-sdk-date,");
    }

    @Test
    void a_request_without_host_or_date_cannot_be_signed() {
        assertThatThrownBy(() -> new AkSkSigner("AK", "SK").authorization("GET", "/", List.of(),
                Map.of("X-Sdk-Date", "20260101T000000Z"), new byte[0], false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Host");
    }

    @Test
    void the_sdk_date_is_utc_in_the_compact_iso_form() {
        assertThat(AkSkSigner.sdkDate(Instant.parse("2019-11-15T03:36:55.123Z"))).isEqualTo("20191115T033655Z");
    }

    @Test
    void the_sdk_date_formatted_by_hand_is_what_the_formatter_gives_for_any_instant() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2000-02-29T23:59:59Z"),
                Instant.parse("2000-03-01T00:00:00Z"), Instant.parse("2100-02-28T12:00:00Z"),
                Instant.parse("2100-03-01T00:00:00Z"), Instant.parse("2024-12-31T23:59:59.999Z"),
                Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("1969-12-31T23:59:59Z")));
        java.util.Random random = new java.util.Random(6);
        for (int i = 0; i < 20_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(253_402_300_800L), random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(AkSkSigner.sdkDate(instant)).as("%s", instant).isEqualTo(AkSkSigner.DATE_FORMAT.format(instant));
        }
    }

    @Test
    void the_verifier_accepts_what_the_signer_produced_as_received_on_the_wire() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:8080");
        headers.put("X-Sdk-Date", "20260101T000000Z");
        headers.put("X-Project-Id", "p1");
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String auth = new AkSkSigner("AK", "SK").authorization("PUT", "/v1/*.example.com/x",
                List.of(Map.entry("name", "a b"), Map.entry("k", "*")), headers, body, false);

        Map<String, List<String>> received = new LinkedHashMap<>();
        received.put("Host", List.of("127.0.0.1:8080"));
        received.put("X-sdk-date", List.of("20260101T000000Z"));
        received.put("X-project-id", List.of("p1"));
        received.put("Content-type", List.of("application/json;charset=UTF-8"));
        received.put("Authorization", List.of(auth));

        assertThat(ReceivedSignature.verify("PUT", "/v1/*.example.com/x", "name=a%20b&k=%2A", received, body, "AK", "SK"))
                .isTrue();
        assertThat(ReceivedSignature.verify("PUT", "/v1/*.example.com/x", "name=a%20b&k=%2A", received, body, "AK", "other"))
                .isFalse();
        assertThat(ReceivedSignature.verify("PUT", "/v1/*.example.com/x", "name=a%20b&k=%2A", received,
                "{\"a\":2}".getBytes(StandardCharsets.UTF_8), "AK", "SK")).isFalse();
        assertThat(ReceivedSignature.verify("PUT", "/v1/*.example.com/x", "name=a%20b&k=%2A", received, body, "AK2", "SK"))
                .isFalse();
        received.put("X-project-id", List.of("p2"));
        assertThat(ReceivedSignature.verify("PUT", "/v1/*.example.com/x", "name=a%20b&k=%2A", received, body, "AK", "SK"))
                .isFalse();
    }

    private static AkSkSigner.Signature sign(String path, List<Map.Entry<String, String>> query) {
        return new AkSkSigner("AK", "SK").sign("GET", path, query,
                Map.of("Host", "h", "X-Sdk-Date", "20260101T000000Z"), new byte[0], false);
    }
}
