package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.internal.http.CredentialSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What API Gateway does before any service sees a request: signature, clock, scoping, routing. */
class FakeHuaweiCloudGatewayTest {
    private static final String WAF_LIST = "/v1/%s/waf/certificate";

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final CloudClient client = new CloudClient(cloud);

    @AfterEach
    void close() {
        cloud.close();
    }

    private String wafList(String region) {
        return WAF_LIST.formatted(cloud.projectId(region));
    }

    @Test
    void a_request_signed_with_the_fake_credentials_passes() {
        CloudClient.Reply reply = client.raw("GET", wafList("cn-north-4"), "cn-north-4", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("total").asInt()).isZero();
    }

    @Test
    void a_signature_off_by_one_character_is_refused_with_APIG_0301() {
        CloudClient.Reply reply = client.raw("GET", wafList("cn-north-4"), "cn-north-4", "",
                cloud.credentials(), secretKey(), headers -> {
                    String auth = headers.get("Authorization");
                    char last = auth.charAt(auth.length() - 1);
                    headers.put("Authorization", auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0'));
                    return headers;
                });

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error_code").asText()).isEqualTo("APIG.0301");
        assertThat(reply.json().get("error_msg").asText())
                .isEqualTo("Incorrect IAM authentication information: verify aksk signature fail");
        assertThat(reply.json().get("request_id").asText()).isEqualTo(reply.header("X-Request-Id")).isNotEmpty();
    }

    @Test
    void a_header_changed_after_signing_breaks_the_signature() {
        CloudClient.Reply reply = client.raw("GET", wafList("cn-north-4"), "cn-north-4", "",
                cloud.credentials(), secretKey(), headers -> {
                    headers.put("User-Agent", "someone-else");
                    return headers;
                });

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void a_body_changed_after_signing_breaks_the_signature() {
        String signed = "{\"name\":\"a\",\"content\":\"x\",\"key\":\"y\"}";
        CloudClient.Reply reply = client.raw("POST", wafList("cn-north-4"), "cn-north-4", signed,
                signed.replace("\"a\"", "\"b\""), cloud.credentials(), secretKey(), h -> h);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error_code").asText()).isEqualTo("APIG.0301");
    }

    @Test
    void an_unknown_access_key_is_refused() {
        Credentials stranger = Credentials.of("UNKNOWNAK00000000000", "whatever-secret");
        CloudClient.Reply reply = client.raw("GET", wafList("cn-north-4"), "cn-north-4", "", stranger,
                "whatever-secret", h -> h);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error_code").asText()).isEqualTo("APIG.0301");
        assertThat(reply.json().get("error_msg").asText()).contains("ak not exist");
    }

    @Test
    void a_wrong_secret_key_fails_as_AUTH_FAILED_through_the_transport() {
        Credentials wrong = Credentials.of(cloud.credentials().accessKey(), "not-the-secret");
        CloudServiceException e = new CloudClient(cloud, wrong, Clock.systemUTC())
                .failure("GET", wafList("cn-north-4"), "cn-north-4", null);

        assertThat(e.code()).isEqualTo(OutcomeCodes.AUTH_FAILED);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.errorCode()).isEqualTo("APIG.0301");
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void a_request_signed_sixteen_minutes_ago_is_refused_and_fourteen_minutes_passes() {
        Instant now = Instant.now();
        CloudClient late = new CloudClient(cloud, cloud.credentials(),
                Clock.fixed(now.minus(Duration.ofMinutes(16)), ZoneOffset.UTC));
        CloudClient early = new CloudClient(cloud, cloud.credentials(),
                Clock.fixed(now.plus(Duration.ofMinutes(14)), ZoneOffset.UTC));

        assertThat(late.failure("GET", wafList("cn-north-4"), "cn-north-4", null).errorCode())
                .isEqualTo("APIG.0301");
        assertThat(early.send("GET", wafList("cn-north-4"), "cn-north-4", null).status()).isEqualTo(200);
    }

    @Test
    void an_unsigned_request_is_refused() {
        CloudClient.Reply reply = client.raw("GET", wafList("cn-north-4"), "cn-north-4", "", cloud.credentials(),
                secretKey(), headers -> {
                    headers.remove("Authorization");
                    return headers;
                });

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error_code").asText()).isEqualTo("APIG.0301");
    }

    @Test
    void a_project_scoped_call_needs_the_signed_project_of_its_path() {
        CloudClient.Reply withoutHeader = client.raw("GET", wafList("cn-north-4"), null, "");
        CloudClient.Reply otherProject = client.raw("GET", wafList("cn-north-4"), "ap-southeast-1", "");
        CloudClient.Reply foreignProject = client.raw("GET", WAF_LIST.formatted("0".repeat(32)), null, "");

        assertThat(withoutHeader.status()).isEqualTo(403);
        assertThat(withoutHeader.json().get("error_code").asText()).isEqualTo("APIG.0302");
        assertThat(otherProject.status()).isEqualTo(403);
        assertThat(foreignProject.status()).isEqualTo(403);
    }

    @Test
    void a_cdn_call_without_the_account_id_is_refused_with_APIG_0301() {
        CloudClient.Reply reply = client.raw("GET", "/v1.0/cdn/domains", null, "", cloud.credentialsWithoutDomainId(),
                secretKey(), headers -> headers);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error_code").asText()).isEqualTo("APIG.0301");
        assertThat(reply.json().get("error_msg").asText()).contains("X-Domain-Id");
    }

    @Test
    void iam_names_the_account_a_key_belongs_to() {
        CloudClient.Reply reply = client.raw("GET", "/v3/auth/domains", null, "", cloud.credentialsWithoutDomainId(),
                secretKey(), headers -> headers);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("domains")).singleElement().satisfies(domain -> {
            assertThat(domain.get("id").asText()).isEqualTo(cloud.credentials().domainId().orElseThrow());
            assertThat(domain.get("enabled").asBoolean()).isTrue();
        });
    }

    @Test
    void an_unknown_path_or_method_is_APIG_0101() {
        CloudClient.Reply unknownPath = client.raw("GET", "/v2/nothing/here", null, "");
        CloudClient.Reply unknownMethod = client.raw("DELETE", wafList("cn-north-4"), "cn-north-4", "");

        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.json().get("error_code").asText()).isEqualTo("APIG.0101");
        assertThat(unknownMethod.status()).isEqualTo(404);
    }

    @Test
    void every_answer_carries_a_request_id() {
        assertThat(client.raw("GET", wafList("cn-north-4"), "cn-north-4", "").header("X-Request-Id"))
                .matches("[0-9a-f]{32}");
        assertThat(client.raw("GET", "/nowhere", null, "").header("X-Request-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void throttling_is_API_Gateways_429_APIG_0308_once() {
        cloud.throttleNext("waf", "cn-north-4");

        CloudClient.Reply throttled = client.raw("GET", wafList("cn-north-4"), "cn-north-4", "");
        CloudClient.Reply next = client.raw("GET", wafList("cn-north-4"), "cn-north-4", "");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("error_code").asText()).isEqualTo("APIG.0308");
        assertThat(next.status()).isEqualTo(200);
    }

    @Test
    void a_failure_queued_without_region_hits_the_next_call_in_any_region() {
        cloud.failNext("waf", null, 503);

        CloudClient.Reply failed = client.raw("GET", wafList("ap-southeast-1"), "ap-southeast-1", "");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().get("error_code").asText()).isEqualTo("APIG.0202");
        assertThat(client.raw("GET", wafList("ap-southeast-1"), "ap-southeast-1", "").status()).isEqualTo(200);
    }

    @Test
    void a_failure_queued_for_one_region_leaves_the_others_alone() {
        cloud.failNext("waf", "cn-north-4", 500);

        assertThat(client.raw("GET", wafList("ap-southeast-1"), "ap-southeast-1", "").status()).isEqualTo(200);
        assertThat(client.raw("GET", wafList("cn-north-4"), "cn-north-4", "").status()).isEqualTo(500);
    }

    @Test
    void a_path_with_encoded_characters_is_verified_as_sent() {
        // '*' is sent as is and signed as %2A; an id segment with it reaches WAF as an unknown id.
        CloudClient.Reply reply = client.raw("GET", wafList("cn-north-4") + "/*.example.com", "cn-north-4", "");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error_code").asText()).isEqualTo("WAF.00014002");
    }

    private String secretKey() {
        return CredentialSecrets.secretKey(cloud.credentials());
    }
}
