package io.scmpush.elb;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.scmpush.Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The ELB v3 certificate API as WireMock stubs that match only the requests Huawei Cloud accepts:
 * exact path and query, signed with the test credentials, scoped to the project. Use with
 * {@code failOnUnmatchedRequests(true)} so any other request fails the test.
 */
public final class ElbApi {
    public static final String ACCESS_KEY = "AKTESTELB0000000000X";
    public static final String SECRET_KEY = "test-secret-key-for-elb-tests-0000000000";
    public static final String PROJECT = "0605767fc1d24c2c8bd5bbd4f2b7b7aa";
    public static final String OTHER_PROJECT = "7b1e2c3d4f5a6b7c8d9e0f1a2b3c4d5e";

    private static final DateTimeFormatter EXPIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ElbApi() {}

    public static String path(String project) {
        return "/v3/" + project + "/elb/certificates";
    }

    /** The first page of {@code GET /v3/{project}/elb/certificates?limit=100&name=..&type=..}, every enterprise project. */
    public static MappingBuilder firstPage(String project, String name, String type) {
        return firstPage(project, name, type, null);
    }

    /** The first page, in one enterprise project ({@code enterprise_project_id}); null: none sent. */
    public static MappingBuilder firstPage(String project, String name, String type,
            @Nullable String enterpriseProject) {
        return signed(get(urlPathEqualTo(path(project))), project)
                .withHeader("Content-Type", equalTo("application/json")) // ElbMeta: the list's content type
                .withQueryParam("limit", equalTo("100"))
                .withQueryParam("name", equalTo(name))
                .withQueryParam("type", equalTo(type))
                .withQueryParam("enterprise_project_id",
                        enterpriseProject == null ? absent() : equalTo(enterpriseProject))
                .withQueryParam("marker", absent());
    }

    /** A later page: the same query plus {@code marker}. */
    public static MappingBuilder pageAfter(String marker, String project, String name, String type) {
        return signed(get(urlPathEqualTo(path(project))), project)
                .withHeader("Content-Type", equalTo("application/json")) // ElbMeta: the list's content type
                .withQueryParam("limit", equalTo("100"))
                .withQueryParam("name", equalTo(name))
                .withQueryParam("type", equalTo(type))
                .withQueryParam("enterprise_project_id", absent())
                .withQueryParam("marker", equalTo(marker));
    }

    /** {@code POST /v3/{project}/elb/certificates} with no query and exactly this JSON body. */
    public static MappingBuilder create(String project, String json) {
        return signed(post(urlEqualTo(path(project))), project)
                .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
                .withRequestBody(equalToJson(json));
    }

    public static RequestPatternBuilder lists(String project) {
        return getRequestedFor(urlPathEqualTo(path(project)));
    }

    public static RequestPatternBuilder creates(String project) {
        return postRequestedFor(urlPathEqualTo(path(project)));
    }

    /** The body ELB must receive for a server certificate. */
    public static String serverBody(Certificate certificate, String domain) {
        ObjectNode fields = Json.object()
                .put("name", certificate.name())
                .put("certificate", certificate.certificatePem())
                .put("private_key", certificate.privateKeyPem().orElseThrow())
                .put("type", "server")
                .put("domain", domain);
        return wrap(fields);
    }

    /** The body ELB must receive for a CA certificate: no key, no domain. */
    public static String clientBody(Certificate certificate) {
        return wrap(Json.object()
                .put("name", certificate.name())
                .put("certificate", certificate.certificatePem())
                .put("type", "client"));
    }

    /** A list page; {@code nextMarker} null on the last page. */
    public static ResponseDefinitionBuilder page(@Nullable String nextMarker, ObjectNode... certificates) {
        ObjectNode body = Json.object().put("request_id", "list-" + certificates.length);
        ObjectNode pageInfo = body.putObject("page_info").put("current_count", certificates.length);
        if (nextMarker != null) {
            pageInfo.put("next_marker", nextMarker);
        }
        ArrayNode list = body.putArray("certificates");
        for (ObjectNode certificate : certificates) {
            list.add(certificate);
        }
        return json(200, body);
    }

    /** A list entry as ELB returns it. */
    public static ObjectNode entry(String id, String name, String pem, Instant expires, String type) {
        return Json.object()
                .put("id", id)
                .put("name", name)
                .put("type", type)
                .put("certificate", pem)
                .put("domain", "")
                .put("expire_time", EXPIRE_TIME.format(expires))
                .put("created_at", "2026-01-05T08:00:00Z")
                .put("fingerprint", "undocumented-format");
    }

    /** The entry our certificate becomes once uploaded. */
    public static ObjectNode entryOf(String id, Certificate certificate, String type) {
        return entry(id, certificate.name(), certificate.certificatePem(), certificate.notAfter(), type);
    }

    /** {@code expire_time} is to the second: what an inventory can report for {@code certificate}. */
    public static Instant expireTimeOf(Certificate certificate) {
        return certificate.notAfter().truncatedTo(ChronoUnit.SECONDS);
    }

    /** 201 with {@code {"request_id","certificate":{"id","name",...}}}. */
    public static ResponseDefinitionBuilder created(String id, String name, String requestId) {
        ObjectNode body = Json.object().put("request_id", requestId);
        body.putObject("certificate").put("id", id).put("name", name).put("type", "server")
                .put("project_id", PROJECT);
        return json(201, body);
    }

    /** ELB's error envelope. */
    public static ResponseDefinitionBuilder error(int status, String code, String message, String requestId) {
        return json(status, Json.object().put("error_msg", message).put("error_code", code)
                .put("request_id", requestId));
    }

    /** A server error whose body carries no error code, only the request id. */
    public static ResponseDefinitionBuilder serverError(int status, String requestId) {
        return json(status, Json.object().put("error_msg", "Internal Server Error").put("request_id", requestId));
    }

    private static ResponseDefinitionBuilder json(int status, ObjectNode body) {
        return WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(Json.write(body));
    }

    private static String wrap(ObjectNode fields) {
        ObjectNode body = Json.object();
        body.set("certificate", fields);
        return Json.write(body);
    }

    private static MappingBuilder signed(MappingBuilder request, String project) {
        return request
                .withHeader("X-Project-Id", equalTo(project))
                .withHeader("X-Sdk-Date", matching("\\d{8}T\\d{6}Z"))
                .withHeader("Authorization", matching("SDK-HMAC-SHA256 Access=" + ACCESS_KEY + ", SignedHeaders="
                        + "(?=[a-z0-9;-]*\\bhost\\b)(?=[a-z0-9;-]*\\bx-sdk-date\\b)(?=[a-z0-9;-]*\\bx-project-id\\b)"
                        + "[a-z0-9;-]+, Signature=[0-9a-f]{64}"));
    }
}
