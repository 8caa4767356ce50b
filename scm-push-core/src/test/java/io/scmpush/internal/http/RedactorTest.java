package io.scmpush.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeStatus;
import io.scmpush.TargetOutcome;
import io.scmpush.TestCertificates;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RedactorTest {
    static final String SK = "sk-3eZq9L0pVx7RmN2kYt5WcB8dQw1";
    static final String TOKEN = "gQpjbi1ub3J0aC00hjmU0a2VuLXdpdGgtbWFueS1jaGFyYWN0ZXJzLXRoYXQtZ29lcy1vbg==";
    static final String KEY = TestCertificates.builder().domains("www.example.com").build().toCertificate()
            .privateKeyPem().orElseThrow();
    static final String KEY_BASE64 = KEY.lines().filter(l -> !l.startsWith("-----")).collect(Collectors.joining());

    final Redactor redactor = Redactor.of(Credentials.temporary("AK", SK, TOKEN)).withKey(KEY);

    @Test
    void the_credentials_secrets_are_redacted_whole_and_in_pieces() {
        assertThat(redactor.scrub("token " + TOKEN + " and sk " + SK + ".", 1000))
                .isEqualTo("token [redacted] and sk [redacted].");
        assertThat(redactor.scrub(TOKEN.substring(0, 30) + "==", 1000)).isEqualTo("[redacted]==");
        assertThat(redactor.scrub("id=" + TOKEN.substring(5, 40), 1000)).isEqualTo("id=[redacted]");
        assertThat(redactor.scrub("x" + SK.substring(0, 20) + "y", 1000)).isEqualTo("[redacted]");
    }

    @Test
    void the_key_is_redacted_armored_bare_on_one_line_wrapped_or_in_pieces() {
        assertThat(redactor.scrub("echo " + KEY.strip() + " end", 10_000)).isEqualTo("echo [PEM redacted] end");
        assertThat(redactor.scrub("echo " + KEY_BASE64 + " end", 10_000)).isEqualTo("echo [redacted] end");
        String wrapped = String.join("\n", KEY.lines().filter(l -> !l.startsWith("-----")).toList());
        assertThat(redactor.scrub(wrapped, 10_000)).doesNotContainPattern("[A-Za-z0-9+/]{16}");
        assertThat(redactor.scrub("name " + KEY_BASE64.substring(100, 130), 1000)).isEqualTo("name [redacted]");
    }

    @Test
    void ordinary_ids_codes_and_messages_pass_unchanged() {
        for (String text : new String[] {"0123456789abcdef0123456789abcdef", "WAF.00011016", "APIG.0301",
                "GET http://127.0.0.1:8080/v1/0123456789abcdef0123456789abcdef/waf/certificate: HTTP 500",
                "c9b1e3a2-4f5d-4e6a-8b7c-1d2e3f4a5b6c", "The certificate name already exists"}) {
            assertThat(redactor.scrub(text, 1000)).isSameAs(text);
        }
    }

    @Test
    void a_long_field_is_cut_to_its_bound() {
        assertThat(redactor.scrub("E".repeat(1_000_000), Redactor.MAX_CODE)).hasSize(Redactor.MAX_CODE).endsWith("...");
        assertThat(redactor.scrub(null, 10)).isNull();
    }

    @Test
    void an_outcome_and_an_exception_are_scrubbed_field_by_field() {
        TargetOutcome outcome = new TargetOutcome("waf", "cn-north-4", OutcomeStatus.FAILED, TOKEN, "X".repeat(500),
                "failed: " + SK, "R".repeat(1000), 1, Duration.ZERO);

        TargetOutcome safe = redactor.scrub(outcome);

        assertThat(safe.remoteId()).isEqualTo("[redacted]");
        assertThat(safe.code()).hasSize(Redactor.MAX_CODE);
        assertThat(safe.message()).isEqualTo("failed: [redacted]");
        assertThat(safe.requestId()).hasSize(Redactor.MAX_REQUEST_ID);
        assertThat(safe.attempts()).isEqualTo(1);

        CloudServiceException e = redactor.scrub(CloudServiceException.builder(TOKEN, "m " + KEY_BASE64)
                .httpStatus(400).errorCode(TOKEN).requestId(SK).attempts(2).build());
        assertThat(e.code()).isEqualTo("[redacted]");
        assertThat(e.errorCode()).isEqualTo("[redacted]");
        assertThat(e.requestId()).isEqualTo("[redacted]");
        assertThat(e.getMessage()).isEqualTo("m [redacted]");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.attempts()).isEqualTo(2);
    }

    @Test
    void the_key_in_a_request_body_is_found_as_the_transport_sends_it() {
        for (String lineBreak : new String[] {"\\n", "\\r\\n"}) { // as JSON writers escape LF and CRLF
            String json = "{\"name\":\"n\",\"content\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\","
                    + "\"key\":\"" + KEY.replace("\n", lineBreak) + "\",\"after\":\"AAAA\"}";
            Redactor inBody = Redactor.of(Credentials.temporary("AK", SK, TOKEN)).withKeyIn(json);

            for (String echoed : new String[] {"echo " + KEY_BASE64 + " end", "name " + KEY_BASE64.substring(100, 130),
                    "x" + KEY_BASE64.substring(7, 40) + "y " + TOKEN, "id 3f2a9c0d1e8b4a7f9c6d5e4b3a2f1e0d"}) {
                assertThat(inBody.scrub(echoed, 10_000)).as(lineBreak + ": " + echoed)
                        .isEqualTo(redactor.scrub(echoed, 10_000));
            }
            assertThat(inBody.scrub("echo " + KEY_BASE64 + " end", 10_000)).isEqualTo("echo [redacted] end");
        }
        Redactor without = Redactor.of(Credentials.of("AK", SK));
        assertThat(without.withKeyIn("{\"name\":\"n\"}")).isSameAs(without);
        assertThat(without.withKeyIn(null)).isSameAs(without);
    }

    @Test
    void an_encrypted_key_s_headers_are_not_part_of_its_body() {
        String[] lines = KEY.strip().split("\n");
        String legacy = lines[0] + "\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n"
                + String.join("\n", java.util.Arrays.copyOfRange(lines, 1, lines.length)) + "\n";
        Redactor encrypted = Redactor.none().withKey(legacy);

        assertThat(encrypted.scrub("echo " + KEY_BASE64 + " end", 10_000)).isEqualTo("echo [redacted] end");
        assertThat(encrypted.scrub("DEK-Info: AES-128-CBC", 1000)).isEqualTo("DEK-Info: AES-128-CBC");
    }

    @Test
    void a_key_without_a_body_redacts_nothing_more() {
        Redactor empty = Redactor.none().withKey("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");

        assertThat(empty.scrub("nothing secret here", 1000)).isEqualTo("nothing secret here");
    }

    @Test
    void a_redactor_never_shows_its_secrets() {
        assertThat(redactor.toString()).doesNotContain(SK, TOKEN, KEY_BASE64.substring(0, 16));
    }
}
