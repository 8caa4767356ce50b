package io.scmpush.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The emulator's signature check, against Huawei's published example of an SDK-HMAC-SHA256 request. */
class SignatureCheckTest {
    static final String AK = "QTWAOYTTINDUT2QVKYUC";
    static final String SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
    static final String PATH = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs";
    static final String QUERY = "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";
    static final String AUTHORIZATION = "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
            + "SignedHeaders=content-type;host;x-sdk-date, "
            + "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe";

    @Test
    void the_published_example_request_is_accepted() {
        assertThat(SignatureCheck.expectedAuthorization("GET", PATH, QUERY, received(), new byte[0], SK))
                .isEqualTo(AUTHORIZATION);
        assertThat(SignatureCheck.verify("GET", PATH, QUERY, received(), new byte[0], AK, SK)).isTrue();
    }

    @Test
    void any_change_to_what_was_signed_is_refused() {
        Map<String, List<String>> otherDate = received();
        otherDate.put("X-Sdk-Date", List.of("20191115T033656Z"));

        assertThat(SignatureCheck.verify("GET", PATH, QUERY, received(), new byte[0], AK, "wrong")).isFalse();
        assertThat(SignatureCheck.verify("GET", PATH, QUERY, received(), new byte[0], "OTHERAK", SK)).isFalse();
        assertThat(SignatureCheck.verify("POST", PATH, QUERY, received(), new byte[0], AK, SK)).isFalse();
        assertThat(SignatureCheck.verify("GET", PATH + "x", QUERY, received(), new byte[0], AK, SK)).isFalse();
        assertThat(SignatureCheck.verify("GET", PATH, "limit=3", received(), new byte[0], AK, SK)).isFalse();
        assertThat(SignatureCheck.verify("GET", PATH, QUERY, received(), new byte[] {1}, AK, SK)).isFalse();
        assertThat(SignatureCheck.verify("GET", PATH, QUERY, otherDate, new byte[0], AK, SK)).isFalse();
    }

    @Test
    void a_request_that_does_not_sign_the_host_or_lacks_a_listed_header_is_refused() {
        Map<String, List<String>> noHost = received();
        noHost.put("Authorization", List.of(AUTHORIZATION.replace("content-type;host;x-sdk-date",
                "content-type;x-sdk-date")));
        Map<String, List<String>> missing = received();
        missing.remove("Content-Type");

        assertThat(SignatureCheck.expectedAuthorization("GET", PATH, QUERY, noHost, new byte[0], SK)).isNull();
        assertThat(SignatureCheck.expectedAuthorization("GET", PATH, QUERY, missing, new byte[0], SK)).isNull();
        assertThat(SignatureCheck.expectedAuthorization("GET", PATH + "%zz", QUERY, received(), new byte[0], SK))
                .isNull();
    }

    /** The example as a server receives it: header names in any case. */
    private static Map<String, List<String>> received() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("service.region.example.com"));
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Sdk-Date", List.of("20191115T033655Z"));
        headers.put("Authorization", List.of(AUTHORIZATION));
        return headers;
    }
}
