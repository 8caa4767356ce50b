package io.scmpush.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.scmpush.hardening.RemoteModel.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.scmpush.Certificate;
import io.scmpush.elb.Elb;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Dedicated ELB v3: list by name and type (with each certificate's PEM), create wrapped in {@code certificate}. */
final class ElbModel implements RemoteModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v3/" + PROJECT + "/elb/certificates";
    private static final String ID = "0c5d1e2f3a4b4c5d8e9f0a1b2c3d4e5f";

    @Override
    public String service() {
        return Elb.SERVICE;
    }

    @Override
    public List<MappingBuilder> reads(Certificate certificate) {
        ObjectNode listed = page();
        listed.withArray("certificates").add(certificate(certificate));
        listed.with("page_info").put("current_count", 1);
        return List.of(
                get(urlPathEqualTo(PATH)).atPriority(5).willReturn(json(200, page().toString())),
                get(urlPathEqualTo(PATH)).atPriority(1).inScenario(SCENARIO).whenScenarioStateIs(STORED)
                        .willReturn(json(200, listed.toString())));
    }

    @Override
    public MappingBuilder write() {
        return post(urlPathEqualTo(PATH));
    }

    @Override
    public RequestPatternBuilder writes() {
        return postRequestedFor(urlPathEqualTo(PATH));
    }

    @Override
    public ResponseDefinitionBuilder accepted(Certificate certificate) {
        ObjectNode body = JSON.createObjectNode().put("request_id", "elb-create-request");
        body.set("certificate", certificate(certificate));
        return json(201, body.toString());
    }

    @Override
    public String serviceErrorCode() {
        return "ELB.0001";
    }

    @Override
    public ResponseDefinitionBuilder serviceError(int status) {
        return json(status, "{\"error_code\":\"" + serviceErrorCode() + "\",\"error_msg\":\"internal error\","
                + "\"request_id\":\"elb-error-request\"}");
    }

    @Override
    public int copies(int storingWrites) {
        return storingWrites; // names are not unique: every stored create is one more certificate
    }

    @Override
    public String toString() {
        return "ELB";
    }

    private static ObjectNode page() {
        ObjectNode page = JSON.createObjectNode().put("request_id", "elb-list-request");
        page.putObject("page_info").put("current_count", 0);
        page.putArray("certificates");
        return page;
    }

    /** A CertificateInfo as list and create return it: the chain, never the key. */
    private static ObjectNode certificate(Certificate certificate) {
        return JSON.createObjectNode().put("id", ID).put("name", certificate.name()).put("type", "server")
                .put("certificate", certificate.certificatePem()).put("domain", String.join(",", certificate.domains()))
                .put("expire_time", certificate.notAfter().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
