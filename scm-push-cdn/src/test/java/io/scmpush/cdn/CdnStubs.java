package io.scmpush.cdn;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.scmpush.Certificate;
import java.util.List;
import java.util.Map;

/**
 * Huawei Cloud CDN as WireMock plays it: stubs that answer only requests of exactly the shape the real
 * service accepts (signed, scoped by domain, never by project), and builders of its response bodies.
 */
public final class CdnStubs {
    public static final String DOMAIN_ID = "0b5f8a1c2d3e4f5a6b7c8d9e0f1a2b3c";
    public static final String DOMAINS = "/v1.0/cdn/domains";
    public static final String HTTPS_INFO = "/v1.0/cdn/domains/https-certificate-info";
    public static final String CONFIG_HTTPS = "/v1.0/cdn/domains/config-https-info";
    /** {@code ShowDomainFullConfig}: this, the domain name, then {@code /configs}. */
    public static final String CONFIGS_PREFIX = "/v1.1/cdn/configuration/domains/";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** host, the account scope and the date signed; the signature itself is the transport's to test. */
    private static final String AUTHORIZATION = "SDK-HMAC-SHA256 Access=AK, SignedHeaders=(?:[a-z0-9-]+;)*host;"
            + "(?:[a-z0-9-]+;)*x-domain-id;(?:[a-z0-9-]+;)*x-sdk-date(?:;[a-z0-9-]+)*, Signature=[0-9a-f]{64}";

    private final WireMockExtension wiremock;

    public CdnStubs(WireMockExtension wiremock) {
        this.wiremock = wiremock;
    }

    /** Adds what every CDN request must carry to a stub. */
    public static MappingBuilder signed(MappingBuilder request) {
        return request.withHeader("Authorization", matching(AUTHORIZATION))
                .withHeader("Content-Type", equalTo("application/json")) // as CdnMeta defines every call
                .withHeader("X-Sdk-Date", matching("\\d{8}T\\d{6}Z"))
                .withHeader("X-Domain-Id", equalTo(DOMAIN_ID))
                .withHeader("X-Project-Id", absent());
    }

    /** Adds what every CDN request must carry to a verification. */
    public static RequestPatternBuilder signed(RequestPatternBuilder request) {
        return request.withHeader("Authorization", matching(AUTHORIZATION))
                .withHeader("X-Sdk-Date", matching("\\d{8}T\\d{6}Z"))
                .withHeader("X-Domain-Id", equalTo(DOMAIN_ID))
                .withHeader("X-Project-Id", absent());
    }

    /** A listing page request: the largest page size, the given page, no enterprise project. */
    public static MappingBuilder page(String path, int page) {
        return signed(get(urlPathEqualTo(path)))
                .withQueryParams(Map.of("page_size", equalTo("10000"), "page_number", equalTo(String.valueOf(page))))
                .withQueryParam("enterprise_project_id", absent());
    }

    /**
     * The account's acceleration domains, all online, in one page; each configured as a new domain is
     * (HTTP to the origin, no forced redirect, HTTP/2 off) unless {@link #settings} says otherwise.
     */
    public void onlineDomains(String... names) {
        ArrayNode domains = JSON.createArrayNode();
        for (String name : names) {
            domains.add(domain(name, "online"));
            settings(name, "http", "off", false);
        }
        domainsPage(1, names.length, domains);
    }

    /**
     * {@code ShowDomainFullConfig} of a domain: its origin protocol ({@code follow}, {@code http},
     * {@code https}), forced redirect ({@code off}, {@code http}, {@code https}) and HTTP/2.
     */
    public void settings(String domain, String originProtocol, String forceRedirect, boolean http2) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode configs = body.putObject("configs").put("origin_protocol", originProtocol);
        ObjectNode redirect = configs.putObject("force_redirect").put("status", forceRedirect.equals("off") ? "off" : "on");
        if (!forceRedirect.equals("off")) {
            redirect.put("type", forceRedirect).put("redirect_code", 301);
        }
        configs.putObject("https").put("https_status", "on").put("certificate_name", "old-cert")
                .put("http2_status", http2 ? "on" : "off").put("tls_version", "TLSv1.2,TLSv1.3");
        configs.putArray("sources").addObject().put("origin_addr", "origin." + domain).put("origin_type", "domain");
        wiremock.stubFor(signed(get(urlPathEqualTo(CONFIGS_PREFIX + domain + "/configs")))
                .withQueryParam("enterprise_project_id", absent())
                .willReturn(okJson(body.toString())));
    }

    public void domainsPage(int page, int total, ArrayNode domains) {
        ObjectNode body = JSON.createObjectNode().put("total", total);
        body.set("domains", domains);
        wiremock.stubFor(page(DOMAINS, page).willReturn(okJson(body.toString())));
    }

    /** The HTTPS certificates set on domains, in one page. */
    public void certificates(ObjectNode... bindings) {
        certificatesPage(1, bindings.length, List.of(bindings));
    }

    public void certificatesPage(int page, int total, List<ObjectNode> bindings) {
        ObjectNode body = JSON.createObjectNode().put("total", total);
        body.putArray("https").addAll(bindings);
        wiremock.stubFor(page(HTTPS_INFO, page).willReturn(okJson(body.toString())));
    }

    /** A {@code ListDomains} item as the service sends it. */
    public static ObjectNode domain(String name, String status) {
        return JSON.createObjectNode().put("id", "ff80808288d41e1b" + Math.abs(name.hashCode()))
                .put("domain_name", name).put("business_type", "web").put("domain_status", status)
                .put("cname", name + ".c.cdnhwc1.com").put("https_status", 0).put("disabled", 0).put("locked", 0)
                .put("service_area", "outside_mainland_china").put("create_time", 1_700_000_000_000L);
    }

    /** A {@code ShowCertificatesHttpsInfo} item: a domain and the certificate it has. */
    public static ObjectNode binding(String domain, String certificateName, long expirationMillis) {
        return JSON.createObjectNode().put("domain_id", "ff80808288d41e1b0001").put("domain_name", domain)
                .put("cert_name", certificateName).put("certificate_type", 0).put("expiration_time", expirationMillis)
                .put("https_status", 2).put("force_redirect_https", 0).put("http2", 0);
    }

    /** The exact {@code UpdateDomainMultiCertificates} body for these domains, configured as new domains are. */
    public static String configHttpsBody(Certificate certificate, String domains) {
        return configHttpsBody(certificate, domains, 2, "off", 0);
    }

    /**
     * The exact {@code UpdateDomainMultiCertificates} body for these domains, sending back their origin
     * protocol (1 follow, 2 http, 3 https), forced redirect ({@code off}, {@code http}, {@code https}) and
     * HTTP/2 (0, 1).
     */
    public static String configHttpsBody(Certificate certificate, String domains, int accessOriginWay,
            String forceRedirect, int http2) {
        ObjectNode https = JSON.createObjectNode().put("domain_name", domains).put("https_switch", 1)
                .put("access_origin_way", accessOriginWay);
        ObjectNode redirect = https.putObject("force_redirect_config").put("switch", forceRedirect.equals("off") ? 0 : 1);
        if (!forceRedirect.equals("off")) {
            redirect.put("redirect_type", forceRedirect);
        }
        https.put("http2", http2)
                .put("cert_name", certificate.name()).put("certificate", certificate.certificatePem())
                .put("private_key", certificate.privateKeyPem().orElseThrow());
        if (certificate.scmId().isPresent()) { // an SCM certificate: certificate_type 2 with its SCM id
            https.put("certificate_type", 2).put("scm_certificate_id", certificate.scmId().get());
        } else {
            https.put("certificate_type", 0);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("https", https);
        return body.toString();
    }

    /** A {@code UpdateDomainMultiCertificates} answer: every domain succeeded except those named in failed. */
    public static String configHttpsResult(String domains, Map<String, String> failed) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("https").put("domain_name", domains).put("https_switch", 1);
        body.put("status", failed.isEmpty() ? "success" : "fail");
        ArrayNode results = body.putArray("result");
        for (String domain : domains.split(",")) {
            String reason = failed.get(domain);
            results.addObject().put("domain_name", domain).put("status", reason == null ? "success" : "fail")
                    .put("reason", reason == null ? "" : reason);
        }
        return body.toString();
    }
}
