package io.scmpush.waf;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import io.scmpush.Certificate;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The real WAF certificate API's request and response shapes, as WireMock stubs. A stub matches only a
 * request of exactly the documented shape (path, query, signature and scoping headers, body), so with
 * {@code failOnUnmatchedRequests} any other request fails the test.
 */
final class WafStubs {
    static final String REGION = "cn-north-4";
    static final String PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String PATH = "/v1/" + PROJECT + "/waf/certificate";
    /** A signed, project-scoped call: host, X-Project-Id and X-Sdk-Date are among the signed headers. */
    static final String AUTHORIZATION = "SDK-HMAC-SHA256 Access=AK, "
            + "SignedHeaders=(?=[a-z0-9;-]*\\bhost\\b)(?=[a-z0-9;-]*x-project-id)(?=[a-z0-9;-]*x-sdk-date)[a-z0-9;-]+, "
            + "Signature=[0-9a-f]{64}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WafStubs() {}

    /**
     * {@code GET /v1/{project_id}/waf/certificate?page=N&pagesize=100&name=...&host=...}, the same answer
     * for the bound ({@code host=true}) and the unbound ({@code host=false}) certificates; a client that
     * reads both keeps one of each id.
     */
    static MappingBuilder list(int page, String name, @Nullable String enterpriseProject) {
        return signed(get(urlPathEqualTo(PATH)), enterpriseProject)
                .withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("pagesize", equalTo("100"))
                .withQueryParam("name", equalTo(name))
                .withQueryParam("host", matching("true|false"));
    }

    /** {@link #list(int, String, String)} of only the bound ({@code host=true}) or unbound certificates. */
    static MappingBuilder list(int page, String name, @Nullable String enterpriseProject, boolean bound) {
        return signed(get(urlPathEqualTo(PATH)), enterpriseProject)
                .withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("pagesize", equalTo("100"))
                .withQueryParam("name", equalTo(name))
                .withQueryParam("host", equalTo(Boolean.toString(bound)));
    }

    /** {@code GET /v1/{project_id}/waf/certificate/{id}}. */
    static MappingBuilder show(String id, @Nullable String enterpriseProject) {
        return signed(get(urlPathEqualTo(PATH + "/" + id)), enterpriseProject);
    }

    /** {@code POST /v1/{project_id}/waf/certificate} with exactly {@code {name, content, key}}. */
    static MappingBuilder create(Certificate certificate, @Nullable String enterpriseProject) {
        ObjectNode body = JSON.createObjectNode()
                .put("name", certificate.name())
                .put("content", certificate.certificatePem())
                .put("key", certificate.privateKeyPem().orElseThrow());
        return signed(post(urlPathEqualTo(PATH)), enterpriseProject)
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(body.toString()));
    }

    /** A list page: {@code {"items":[...],"total":N}}. */
    static ResponseDefinitionBuilder listPage(long total, Listed... items) {
        ObjectNode body = JSON.createObjectNode().put("total", total);
        ArrayNode array = body.putArray("items");
        for (Listed item : items) {
            array.addObject()
                    .put("id", item.id())
                    .put("name", item.name())
                    .put("expire_time", item.expireTime().toEpochMilli())
                    .put("exp_status", 0)
                    .put("timestamp", 1_700_000_000_000L)
                    .putArray("bind_host");
        }
        return json(200, body);
    }

    /** ShowCertificate: the certificate with the body (leaf + chain) WAF holds. */
    static ResponseDefinitionBuilder shown(String id, String name, String content) {
        return json(200, JSON.createObjectNode().put("id", id).put("name", name).put("content", content)
                .put("exp_status", 0).put("timestamp", 1_700_000_000_000L));
    }

    /** CreateCertificate's 200: the new certificate. */
    static ResponseDefinitionBuilder created(String id, Certificate certificate) {
        return json(200, JSON.createObjectNode().put("id", id).put("name", certificate.name())
                .put("expire_time", certificate.notAfter().toEpochMilli()).put("exp_status", 0)
                .put("timestamp", 1_700_000_000_000L));
    }

    /** WAF's error envelope. */
    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return json(status, JSON.createObjectNode().put("error_code", code).put("error_msg", message));
    }

    /** A certificate in a list page. */
    record Listed(String id, String name, Instant expireTime) {}

    private static ResponseDefinitionBuilder json(int status, ObjectNode body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf8")
                .withHeader("X-Request-Id", "req-" + status)
                .withBody(body.toString());
    }

    private static MappingBuilder signed(MappingBuilder request, @Nullable String enterpriseProject) {
        StringValuePattern ep = enterpriseProject == null ? absent() : equalTo(enterpriseProject);
        return request
                .withHeader("Content-Type", equalTo("application/json")) // as WafMeta defines every call
                .withHeader("X-Project-Id", equalTo(PROJECT))
                .withHeader("X-Sdk-Date", matching("\\d{8}T\\d{6}Z"))
                .withHeader("Authorization", matching(AUTHORIZATION))
                .withQueryParam("enterprise_project_id", ep);
    }
}
