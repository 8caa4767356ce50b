package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.internal.provider.Json;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.FakeHuaweiCloud.CdnSettings;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * CDN acceleration domains and their HTTPS configuration, for the whole account (huawei-api.md §4,
 * huawei-api-wave2.md §3): {@code GET /v1.0/cdn/domains}, {@code GET /v1.0/cdn/domains/https-certificate-info},
 * {@code GET /v1.1/cdn/configuration/domains/{domain}/configs} and
 * {@code PUT /v1.0/cdn/domains/config-https-info}.
 *
 * <p>Each domain keeps its origin protocol, forced redirect and HTTP/2 setting. {@code config-https-info}
 * applies the official defaults to what a call omits (huawei-api-wave2.md §3.5): no
 * {@code access_origin_way} means HTTP pulls, no {@code force_redirect_config} (nor the deprecated
 * {@code force_redirect_https}) means no redirect, no {@code http2} means HTTP/2 off; so a client that
 * does not send a domain's settings back changes them, as the real service does.
 */
final class CdnService implements EmulatedService {
    static final String INVALID_PARAMETER = "CDN.0002"; // the emulator's choice: no published code
    static final String OBJECT_NOT_FOUND = "CDN.0003";
    static final String INSUFFICIENT_PERMISSION = "CDN.0004";
    static final String LIMIT_EXCEEDED = "CDN.0005";
    static final String DOMAIN_NOT_FOUND = "CDN.0105";
    static final String SYSTEM_ERROR = "CDN.0001"; // the emulator's choice
    static final int MAX_DOMAINS_PER_CALL = 50;

    private final Map<String, Domain> domains = new LinkedHashMap<>();

    @Override
    public String id() {
        return "cdn";
    }

    /** Adds an online web acceleration domain without HTTPS, in an enterprise project ({@code 0}: the default). */
    synchronized void addDomain(String name, String enterpriseProject, Instant now) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!domains.containsKey(key)) {
            domains.put(key, new Domain(Account.newId(), key, now.toEpochMilli(), enterpriseProject));
        }
    }

    /**
     * Whether a call's {@code enterprise_project_id} lets it see the domain: absent or {@code all} sees every
     * project (an account owner's call), else only that project.
     */
    private static boolean inScope(Call call, Domain domain) {
        String project = call.param("enterprise_project_id");
        return project == null || project.equals("all") || project.equals(domain.enterpriseProject);
    }

    @Override
    public synchronized ApiResponse handle(Call call) {
        List<String> resource = call.resource();
        if (resource.isEmpty() && call.method().equals("GET")) {
            return listDomains(call);
        }
        if (resource.equals(List.of("https-certificate-info")) && call.method().equals("GET")) {
            return httpsInfo(call);
        }
        if (resource.equals(List.of("config-https-info")) && call.method().equals("PUT")) {
            return configureHttps(call);
        }
        if (resource.size() == 4 && resource.get(0).equals("configuration") && resource.get(1).equals("domains")
                && resource.get(3).equals("configs") && call.method().equals("GET")) {
            return fullConfig(resource.get(2), call);
        }
        throw ApiError.noSuchApi();
    }

    private ApiResponse listDomains(Call call) {
        int pageSize = call.intParam("page_size", 30, 1, 10000, () -> invalid("page_size must be 1 to 10000"));
        int pageNumber = call.intParam("page_number", 1, 1, Integer.MAX_VALUE, () -> invalid("page_number must be 1 or more"));
        String name = call.param("domain_name");
        boolean exact = "true".equals(call.param("exact_match"));
        String businessType = call.param("business_type");
        String status = call.param("domain_status");
        List<Domain> matching = new ArrayList<>();
        for (Domain d : domains.values()) {
            boolean nameMatches = name == null || (exact ? d.name.equals(name) : d.name.contains(name));
            if (nameMatches && inScope(call, d) && (businessType == null || businessType.equals("web"))
                    && (status == null || status.equals("online"))) {
                matching.add(d);
            }
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("domains");
        page(matching, pageNumber, pageSize).forEach(d -> items.add(d.view()));
        body.put("total", matching.size());
        return ApiResponse.json(200, body);
    }

    /** {@code ShowCertificatesHttpsInfo}: {@code page_size} 1–10000 (default 30), {@code page_number} 1–65535. */
    private ApiResponse httpsInfo(Call call) {
        int pageSize = call.intParam("page_size", 30, 1, 10000, () -> invalid("page_size must be 1 to 10000"));
        int pageNumber = call.intParam("page_number", 1, 1, 65_535, () -> invalid("page_number must be 1 to 65535"));
        String name = call.param("domain_name");
        List<Domain> matching = new ArrayList<>();
        for (Domain d : domains.values()) {
            if ((name == null || d.name.contains(name)) && inScope(call, d)) {
                matching.add(d);
            }
        }
        ObjectNode body = Json.object().put("total", matching.size());
        ArrayNode https = body.putArray("https");
        page(matching, pageNumber, pageSize).forEach(d -> https.add(d.httpsView()));
        return ApiResponse.json(200, body);
    }

    /** {@code ShowDomainFullConfig}: the domain's configuration; no private key. */
    private ApiResponse fullConfig(String name, Call call) {
        Domain domain = domains.get(name.toLowerCase(Locale.ROOT));
        if (domain == null || !inScope(call, domain)) {
            throw error(404, DOMAIN_NOT_FOUND, "The acceleration domain name does not exist.");
        }
        ObjectNode body = Json.object();
        ObjectNode configs = body.putObject("configs");
        configs.put("origin_protocol", domain.originProtocol);
        ObjectNode redirect = configs.putObject("force_redirect").put("status", domain.forceRedirect == null ? "off" : "on");
        if (domain.forceRedirect != null) {
            redirect.put("type", domain.forceRedirect).put("redirect_code", 301);
        }
        ObjectNode https = configs.putObject("https").put("https_status", domain.https == null ? "off" : "on");
        if (domain.https != null) {
            https.put("certificate_name", domain.https.name).put("certificate_value", domain.https.pem)
                    .put("certificate_source", 0).put("certificate_type", "server")
                    .put("expire_time", domain.https.chain.notAfter().toEpochMilli());
        }
        https.put("http2_status", domain.http2 ? "on" : "off").put("tls_version", "TLSv1.1,TLSv1.2,TLSv1.3")
                .put("ocsp_stapling_status", "off");
        configs.putArray("sources").addObject().put("origin_addr", "origin." + domain.name)
                .put("origin_type", "domain").put("priority", 70);
        return ApiResponse.json(200, body);
    }

    private ApiResponse configureHttps(Call call) {
        JsonNode https = call.jsonObject(() -> invalid("the body must be {\"https\":{...}}")).get("https");
        if (https == null || !https.isObject()) {
            throw invalid("the body must be {\"https\":{...}}");
        }
        String domainList = Call.text(https, "domain_name");
        if (domainList == null || domainList.isBlank()) {
            throw invalid("domain_name is required");
        }
        List<String> names = new ArrayList<>();
        for (String name : domainList.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        if (names.size() > MAX_DOMAINS_PER_CALL) {
            throw error(400, LIMIT_EXCEEDED, "The upper limit is exceeded. domain_name holds at most "
                    + MAX_DOMAINS_PER_CALL + " domains, was " + names.size());
        }
        JsonNode switchNode = https.get("https_switch");
        if (switchNode == null || !switchNode.isInt() || (switchNode.asInt() != 0 && switchNode.asInt() != 1)) {
            throw invalid("https_switch must be 0 (off) or 1 (set the certificate)");
        }
        boolean on = switchNode.asInt() == 1;
        Certificate certificate = on ? certificate(https, call.now()) : null;
        String originProtocol = originProtocol(https);
        String forceRedirect = forceRedirect(https);
        boolean http2 = flag(https, "http2");

        ArrayNode results = Json.object().arrayNode();
        boolean allSucceeded = true;
        for (String name : names) {
            Domain domain = domains.get(name);
            String reason = domain == null || !inScope(call, domain) ? "The acceleration domain name does not exist."
                    : certificate != null && !certificate.chain.covers(name)
                            ? "The certificate does not match the domain name."
                            : null;
            if (reason == null && domain != null) {
                domain.https = certificate;
                if (on) { // omitted settings take their defaults: HTTP pulls, no redirect, HTTP/2 off
                    domain.originProtocol = originProtocol;
                    domain.forceRedirect = forceRedirect;
                    domain.http2 = http2;
                }
                domain.modified = call.now().toEpochMilli();
            }
            allSucceeded &= reason == null;
            ObjectNode result = results.addObject().put("domain_name", name)
                    .put("status", reason == null ? "success" : "fail");
            result.put("reason", reason == null ? "" : reason);
        }
        ObjectNode body = Json.object();
        ObjectNode echo = body.putObject("https").put("domain_name", domainList).put("https_switch", on ? 1 : 0)
                .put("access_origin_way", https.path("access_origin_way").asInt(2))
                .put("force_redirect_https", https.path("force_redirect_https").asInt(0))
                .put("http2", https.path("http2").asInt(0));
        if (certificate != null) {
            echo.put("cert_name", certificate.name).put("certificate", certificate.pem)
                    .put("certificate_type", certificate.type)
                    .put("expiration_time", certificate.chain.notAfter().toEpochMilli());
        }
        body.put("status", allSucceeded ? "success" : "fail");
        body.set("result", results);
        return ApiResponse.json(200, body);
    }

    /** {@code access_origin_way}: 1 follow, 2 HTTP (also when absent), 3 HTTPS. */
    private static String originProtocol(JsonNode https) {
        JsonNode way = https.get("access_origin_way");
        if (way == null || way.isNull()) {
            return "http";
        }
        return switch (way.isInt() ? way.asInt() : 0) {
            case 1 -> "follow";
            case 2 -> "http";
            case 3 -> "https";
            default -> throw invalid("access_origin_way must be 1 (follow), 2 (http) or 3 (https)");
        };
    }

    /**
     * The forced redirect a call asks for: {@code force_redirect_config} ({@code switch} 0/1,
     * {@code redirect_type} http|https, default https), else the deprecated {@code force_redirect_https}
     * (1: to HTTPS), else none.
     */
    private static @Nullable String forceRedirect(JsonNode https) {
        JsonNode config = https.get("force_redirect_config");
        if (config != null && config.isObject()) {
            if (!flag(config, "switch")) {
                return null;
            }
            String type = config.path("redirect_type").asText("https");
            if (!type.equals("http") && !type.equals("https")) {
                throw invalid("force_redirect_config.redirect_type must be http or https");
            }
            return type;
        }
        return flag(https, "force_redirect_https") ? "https" : null;
    }

    /** An integer switch: 1 on; 0 or absent off. */
    private static boolean flag(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isInt() || (value.asInt() != 0 && value.asInt() != 1)) {
            throw invalid(field + " must be 0 or 1");
        }
        return value.asInt() == 1;
    }

    /** Sets a domain's origin protocol, forced redirect and HTTP/2, as its console would. */
    synchronized void configure(String name, CdnSettings settings) {
        Domain domain = domain(name);
        domain.originProtocol = settings.originProtocol();
        domain.forceRedirect = settings.forceRedirect().equals("off") ? null : settings.forceRedirect();
        domain.http2 = settings.http2();
    }

    /** A domain's origin protocol, forced redirect and HTTP/2 now. */
    synchronized CdnSettings settings(String name) {
        Domain domain = domain(name);
        return new CdnSettings(domain.originProtocol, domain.forceRedirect == null ? "off" : domain.forceRedirect,
                domain.http2);
    }

    private Domain domain(String name) {
        Domain domain = domains.get(name.toLowerCase(Locale.ROOT));
        if (domain == null) {
            throw new IllegalArgumentException("no CDN domain " + name + ": add it with addCdnDomain first");
        }
        return domain;
    }

    /**
     * The certificate of a request that switches HTTPS on: an own one ({@code certificate_type} 0) or an SCM
     * one (2, with {@code scm_certificate_id}); both with {@code certificate} and {@code private_key}.
     */
    private static Certificate certificate(JsonNode https, Instant now) {
        int type = https.path("certificate_type").asInt(0);
        if (type != 0 && type != 2) {
            throw invalid("certificate_type " + type + " is not emulated: send 0 (own certificate) or 2 (SCM "
                    + "certificate, with scm_certificate_id), with certificate and private_key");
        }
        String scmId = Call.text(https, "scm_certificate_id");
        if (type == 2 && (scmId == null || scmId.isBlank())) {
            throw invalid("certificate_type 2 (an SCM certificate) needs scm_certificate_id");
        }
        String name = Call.text(https, "cert_name");
        if (name == null || name.length() < 3 || name.length() > 64) {
            throw invalid("cert_name of 3 to 64 characters is required");
        }
        String pem = Call.text(https, "certificate");
        Pem.Chain chain = Pem.chain(pem);
        if (pem == null || chain == null) {
            throw invalid("certificate is not a PEM certificate");
        }
        PrivateKey key = Pem.privateKey(Call.text(https, "private_key"));
        if (key == null || !Pem.matches(chain.leaf(), key)) {
            throw invalid("private_key is missing, unreadable or does not match the certificate");
        }
        if (chain.notAfter().isBefore(now)) {
            throw invalid("the certificate expired at " + chain.notAfter());
        }
        return new Certificate(name, pem, chain, type, type == 2 ? scmId : null,
                Call.text(https, "private_key"));
    }

    /**
     * Sets a certificate SCM pushes ({@code certificate_type} 2) on every acceleration domain it covers.
     *
     * @return the certificate's name, CDN's handle for it
     * @throws ApiError when it covers no acceleration domain, or has expired
     */
    synchronized String importFromScm(String name, String pem, String scmId, Instant now) {
        Pem.Chain chain = Pem.chain(pem);
        if (chain == null) {
            throw invalid("certificate is not a PEM certificate");
        }
        if (chain.notAfter().isBefore(now)) {
            throw invalid("the certificate expired at " + chain.notAfter());
        }
        Certificate certificate = new Certificate(name, pem, chain, 2, scmId, null);
        boolean set = false;
        for (Domain domain : domains.values()) {
            if (chain.covers(domain.name)) {
                domain.https = certificate;
                domain.modified = now.toEpochMilli();
                set = true;
            }
        }
        if (!set) {
            throw error(400, DOMAIN_NOT_FOUND, "The certificate covers no acceleration domain name of this account.");
        }
        return name;
    }

    private static <T> List<T> page(List<T> all, int number, int size) {
        long from = (long) (number - 1) * size;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + size));
    }

    @Override
    public ApiError disabled(@Nullable String region) {
        return error(403, INSUFFICIENT_PERMISSION, "Insufficient permission. CDN is not enabled for this account.");
    }

    @Override
    public ApiError failure(int status) {
        return switch (status) {
            case 401, 403 -> error(status, INSUFFICIENT_PERMISSION, "Insufficient permission.");
            case 404 -> error(status, OBJECT_NOT_FOUND, "The object does not exist.");
            default -> status >= 500 ? error(status, SYSTEM_ERROR, "System error.") : invalid("Invalid parameter.");
        };
    }

    /** One entry per domain with HTTPS on: id = the domain name, name = the certificate name. */
    @Override
    public synchronized List<RemoteCertificate> certificates(@Nullable String region) {
        if (region != null) {
            throw new IllegalArgumentException("CDN is global: pass no region");
        }
        List<RemoteCertificate> all = new ArrayList<>();
        for (Domain d : domains.values()) {
            if (d.https != null) {
                all.add(new RemoteCertificate(d.name, d.https.name, d.https.chain.fingerprint(), d.https.chain.notAfter()));
            }
        }
        return all;
    }

    private static ApiError invalid(String message) {
        return error(400, INVALID_PARAMETER, message);
    }

    private static ApiError error(int status, String code, String message) {
        return new ApiError(status, ErrorStyle.NESTED, code, message);
    }

    /**
     * The certificate set on a domain. The key is never answered (no CDN call returns it); it is kept only so
     * that the emulator can serve the domain over TLS ({@code FakeHuaweiCloud.serve}).
     *
     * @param type {@code certificate_type}: 0 own, 2 SCM
     * @param scmId {@code scm_certificate_id} of an SCM certificate
     * @param privateKeyPem the key sent with it; null for one SCM pushed, whose key stays in SCM
     */
    private record Certificate(String name, String pem, Pem.Chain chain, int type, @Nullable String scmId,
            @Nullable String privateKeyPem) {
        @Override
        public String toString() {
            return "Certificate[" + name + "]"; // never the key
        }
    }

    /**
     * What a domain serves over HTTPS now, with the key to serve it: {certificate name, chain PEM, key PEM or
     * null}; null when the domain is unknown or has HTTPS off.
     */
    synchronized @Nullable String @Nullable [] served(String domain) {
        for (Domain d : domains.values()) {
            if (d.name.equalsIgnoreCase(domain) && d.https != null) {
                return new String[] {d.https.name, d.https.pem, d.https.privateKeyPem};
            }
        }
        return null;
    }

    /** An acceleration domain; guarded by the service's lock. */
    private static final class Domain {
        final String id;
        final String name;
        final long created;
        long modified;
        @Nullable Certificate https;
        String originProtocol = "http";
        /** {@code http} or {@code https}; null: no forced redirect. */
        @Nullable String forceRedirect;
        boolean http2;

        final String enterpriseProject;

        Domain(String id, String name, long created, String enterpriseProject) {
            this.id = id;
            this.name = name;
            this.created = created;
            this.modified = created;
            this.enterpriseProject = enterpriseProject;
        }

        ObjectNode view() {
            ObjectNode node = Json.object().put("id", id).put("domain_name", name).put("business_type", "web")
                    .put("domain_status", "online").put("cname", name + ".c.cdnhwc1.com");
            node.putArray("sources").addObject().put("domain_id", id).put("ip_or_domain", "origin." + name)
                    .put("origin_type", "domain").put("active_standby", 1);
            return node.put("https_status", https == null ? 0 : 2).put("create_time", created)
                    .put("modify_time", modified).put("disabled", 0).put("locked", 0).put("auto_refresh_preheat", 0)
                    .put("service_area", "mainland_china").put("range_status", "off").put("follow_status", "off")
                    .put("origin_status", "on").put("enterprise_project_id", enterpriseProject);
        }

        /**
         * A {@code ShowCertificatesHttpsInfo} item. {@code https_status}: 0 off, 1 HTTPS following the
         * client's protocol to the origin, 2 HTTPS with HTTP to the origin; the model documents no value for
         * HTTPS to the origin, and the emulator answers 3 for it (its own choice).
         */
        ObjectNode httpsView() {
            ObjectNode node = Json.object().put("domain_id", id).put("domain_name", name);
            if (https != null) {
                node.put("cert_name", https.name).put("certificate", https.pem).put("certificate_type", https.type)
                        .put("expiration_time", https.chain.notAfter().toEpochMilli());
            }
            int status = https == null ? 0 : switch (originProtocol) {
                case "follow" -> 1;
                case "https" -> 3;
                default -> 2;
            };
            node.put("https_status", status)
                    .put("force_redirect_https", "https".equals(forceRedirect) ? 1 : 0);
            ObjectNode redirect = node.putObject("force_redirect_config").put("switch", forceRedirect == null ? 0 : 1);
            if (forceRedirect != null) {
                redirect.put("redirect_type", forceRedirect);
            }
            return node.put("http2", http2 ? 1 : 0);
        }
    }
}
