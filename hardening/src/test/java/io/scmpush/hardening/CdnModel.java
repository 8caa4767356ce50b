package io.scmpush.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.scmpush.hardening.RemoteModel.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.scmpush.Certificate;
import io.scmpush.cdn.Cdn;
import java.util.List;

/**
 * CDN: the account's acceleration domains, the certificate each has, and the HTTPS update that sets ours
 * on the domains it covers. An update overwrites, so a resent one leaves one certificate, not two.
 */
final class CdnModel implements RemoteModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOMAINS = "/v1.0/cdn/domains";
    private static final String HTTPS_INFO = "/v1.0/cdn/domains/https-certificate-info";
    private static final String CONFIG_HTTPS = "/v1.0/cdn/domains/config-https-info";
    private static final String CONFIGS_PREFIX = "/v1.1/cdn/configuration/domains/";

    @Override
    public String service() {
        return Cdn.SERVICE;
    }

    @Override
    public List<MappingBuilder> reads(Certificate certificate) {
        ObjectNode domains = JSON.createObjectNode().put("total", 1);
        domains.putArray("domains").addObject().put("id", "ff80808288d41e1b0001")
                .put("domain_name", domain(certificate)).put("business_type", "web").put("domain_status", "online")
                .put("https_status", 0).put("disabled", 0).put("locked", 0);
        ObjectNode bound = JSON.createObjectNode().put("total", 1);
        bound.putArray("https").addObject().put("domain_name", domain(certificate))
                .put("cert_name", certificate.name()).put("certificate_type", 0)
                .put("expiration_time", certificate.notAfter().toEpochMilli()).put("https_status", 2);
        return List.of(
                get(urlPathEqualTo(DOMAINS)).willReturn(json(200, domains.toString())),
                get(urlPathEqualTo(CONFIGS_PREFIX + domain(certificate) + "/configs"))
                        .willReturn(json(200, "{\"configs\":{\"origin_protocol\":\"http\"}}")),
                get(urlPathEqualTo(HTTPS_INFO)).atPriority(5).willReturn(json(200, "{\"total\":0,\"https\":[]}")),
                get(urlPathEqualTo(HTTPS_INFO)).atPriority(1).inScenario(SCENARIO).whenScenarioStateIs(STORED)
                        .willReturn(json(200, bound.toString())));
    }

    @Override
    public MappingBuilder write() {
        return put(urlPathEqualTo(CONFIG_HTTPS));
    }

    @Override
    public RequestPatternBuilder writes() {
        return putRequestedFor(urlPathEqualTo(CONFIG_HTTPS));
    }

    @Override
    public ResponseDefinitionBuilder accepted(Certificate certificate) {
        ObjectNode body = JSON.createObjectNode().put("status", "success");
        body.putObject("https").put("domain_name", domain(certificate)).put("https_switch", 1);
        body.putArray("result").addObject().put("domain_name", domain(certificate)).put("status", "success")
                .put("reason", "");
        return json(200, body.toString());
    }

    @Override
    public String serviceErrorCode() {
        return "CDN.0001";
    }

    @Override
    public ResponseDefinitionBuilder serviceError(int status) {
        return json(status, "{\"error\":{\"error_code\":\"" + serviceErrorCode()
                + "\",\"error_msg\":\"internal error\"}}");
    }

    @Override
    public int copies(int storingWrites) {
        return Math.min(storingWrites, 1); // the update overwrites the domain's certificate
    }

    @Override
    public String toString() {
        return "CDN";
    }

    private static String domain(Certificate certificate) {
        return certificate.domains().get(0);
    }
}
