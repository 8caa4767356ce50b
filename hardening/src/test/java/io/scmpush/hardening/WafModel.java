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
import io.scmpush.waf.Waf;
import java.util.List;

/** WAF v1: list by name (no bodies), show one for its content, create with {@code {name, content, key}}. */
final class WafModel implements RemoteModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/" + PROJECT + "/waf/certificate";
    private static final String ID = "6b3f0c2a9d8e4f1a8b7c6d5e4f3a2b1c";

    @Override
    public String service() {
        return Waf.SERVICE;
    }

    @Override
    public List<MappingBuilder> reads(Certificate certificate) {
        ObjectNode listed = JSON.createObjectNode().put("total", 1);
        listed.putArray("items").addObject().put("id", ID).put("name", certificate.name())
                .put("expire_time", certificate.notAfter().toEpochMilli()).put("exp_status", 0)
                .put("timestamp", 1_700_000_000_000L).putArray("bind_host");
        ObjectNode shown = JSON.createObjectNode().put("id", ID).put("name", certificate.name())
                .put("content", certificate.certificatePem()).put("exp_status", 0);
        return List.of(
                get(urlPathEqualTo(PATH)).atPriority(5).willReturn(json(200, "{\"items\":[],\"total\":0}")),
                get(urlPathEqualTo(PATH)).atPriority(1).inScenario(SCENARIO).whenScenarioStateIs(STORED)
                        .willReturn(json(200, listed.toString())),
                get(urlPathEqualTo(PATH + "/" + ID)).willReturn(json(200, shown.toString())));
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
        return json(200, JSON.createObjectNode().put("id", ID).put("name", certificate.name())
                .put("expire_time", certificate.notAfter().toEpochMilli()).put("exp_status", 0).toString());
    }

    @Override
    public String serviceErrorCode() {
        return "WAF.00010001";
    }

    @Override
    public ResponseDefinitionBuilder serviceError(int status) {
        return json(status, "{\"error_code\":\"" + serviceErrorCode() + "\",\"error_msg\":\"internal error\"}");
    }

    @Override
    public int copies(int storingWrites) {
        return storingWrites; // names are not unique: every stored create is one more certificate
    }

    @Override
    public String toString() {
        return "WAF";
    }
}
