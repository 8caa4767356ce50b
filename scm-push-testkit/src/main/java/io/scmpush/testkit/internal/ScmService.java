package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.spi.RemoteCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The certificate manager's SSL certificates, v3 (huawei-api-wave2.md §4, huawei-api.md §1), global to the
 * account: {@code GET /v3/scm/certificates[/{id}]}, {@code POST .../{id}/export}, {@code POST .../{id}/push}
 * (204) and {@code POST .../{id}/batch-push}. A push really creates the certificate in the emulated WAF,
 * ELB or CDN, through the {@link Deployer} the emulator gives; a region where that fails gets a result
 * without {@code cert_id} whose {@code message} starts with the target service's error code.
 *
 * <p>The emulator's choices where SCM documents none: times are {@code yyyy-MM-dd HH:mm:ss.S} in UTC (the
 * documented example's form); {@code sans} lists the domains after the first, comma-separated;
 * {@code push_support} is {@code ON} or {@code OFF}; {@code offset} counts certificates; the list is most
 * recently added first; an unknown id is 400 {@code SCM.0008}; exporting or pushing a certificate that is
 * not issued or hosted is 400 {@code SCM.0010}; pushing one without a key (manual CSR) is 400
 * {@code SCM.0010} too; a bad parameter is 400 {@code SCM.0005}; an unknown target service is 400
 * {@code SCM.0030}. The copy in WAF and ELB is named after the SCM certificate.
 */
final class ScmService implements EmulatedService {
    static final String BAD_PARAMETER = "SCM.0005";
    static final String BAD_ID = "SCM.0008";
    static final String NOT_ALLOWED = "SCM.0010";
    static final String PUSH_ERROR = "SCM.0028";
    static final String UNSUPPORTED_SERVICE = "SCM.0030";
    static final String INTERNAL_ERROR = "SCM.0001"; // the emulator's choice

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<Integer> LIMITS = Set.of(10, 20, 50);
    private static final Set<String> STATUSES = Set.of("ALL", "PAID", "ISSUED", "CHECKING", "CANCELCHECKING",
            "UNPASSED", "EXPIRED", "REVOKING", "REVOKED", "UPLOAD", "CHECKING_ORG", "ISSUING", "SUPPLEMENTCHECKING");
    private static final Set<String> TARGETS = Set.of("CDN", "WAF", "ELB");
    private static final Set<String> PUSHABLE = Set.of("ISSUED", "UPLOAD");

    /** Creates a pushed certificate in a target service; throws that service's {@link ApiError} when it cannot. */
    interface Deployer {
        /**
         * @param service {@code waf}, {@code elb} or {@code cdn}
         * @param region the region of WAF or ELB; null for CDN
         * @return the id of the certificate in the target service (CDN: its name)
         */
        String deploy(String service, @Nullable String region, Held certificate, Instant now);
    }

    /** A certificate SCM holds; {@code key} null for one applied for with a manually generated CSR. */
    record Held(String id, String name, String status, String pem, Pem.Chain chain, @Nullable String key,
            long added) {
        @Override
        public String toString() {
            return "Held[" + id + ", " + name + ", " + status + "]"; // never the key
        }
    }

    private final Map<String, Held> certificates = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(1554192131150L);
    private final Deployer deployer;

    ScmService(Deployer deployer) {
        this.deployer = deployer;
    }

    @Override
    public String id() {
        return "scm";
    }

    /**
     * Adds a certificate as SCM holds it after an upload or an issue.
     *
     * @param status SCM's status text, e.g. {@code ISSUED} or {@code UPLOAD}
     * @param key null: applied for with a manual CSR
     * @return its id, {@code scs} and 13 digits
     */
    synchronized String add(String name, String status, String pem, @Nullable String key, Instant now) {
        Pem.Chain chain = Pem.chain(pem);
        if (chain == null) {
            throw new IllegalArgumentException("not a PEM certificate chain");
        }
        String id = "scs" + ids.getAndIncrement();
        certificates.put(id, new Held(id, name, status, pem, chain, key, now.toEpochMilli()));
        return id;
    }

    @Override
    public ApiResponse handle(Call call) {
        List<String> resource = call.resource();
        String method = call.method();
        if (resource.isEmpty() && method.equals("GET")) {
            return list(call);
        }
        if (resource.size() == 1 && method.equals("GET")) {
            return ApiResponse.json(200, show(held(resource.get(0)), call.now()));
        }
        if (resource.size() == 2 && method.equals("POST")) {
            Held held = held(resource.get(0));
            return switch (resource.get(1)) {
                case "export" -> export(held);
                case "push" -> push(held, call);
                case "batch-push" -> batchPush(held, call);
                default -> throw ApiError.noSuchApi();
            };
        }
        throw ApiError.noSuchApi();
    }

    private synchronized ApiResponse list(Call call) {
        int limit = call.intParam("limit", 10, 10, 50, () -> invalid("limit must be 10, 20 or 50"));
        if (!LIMITS.contains(limit)) {
            throw invalid("limit must be 10, 20 or 50");
        }
        int offset = call.intParam("offset", 0, 0, 100, () -> invalid("offset must be 0 to 100"));
        int expiredDaysSince = call.intParam("expired_days_since", -1, 0, 1095,
                () -> invalid("expired_days_since must be 0 to 1095"));
        String status = call.param("status");
        if (status != null && !STATUSES.contains(status)) {
            throw invalid("status " + status + " is not a certificate status");
        }
        String project = call.param("enterprise_project_id");
        String content = call.param("content");
        for (String flag : List.of("deploy_support", "owned_by_self")) {
            String value = call.param(flag);
            if (value != null && !value.equals("true") && !value.equals("false")) {
                throw invalid(flag + " must be true or false");
            }
        }
        boolean deployable = "true".equals(call.param("deploy_support"));
        List<Held> matching = new ArrayList<>();
        for (Held held : certificates.values()) {
            boolean statusMatches = status == null || status.equals("ALL") || status.equals(held.status);
            boolean projectMatches = project == null || project.equals("all") || project.equals("0");
            boolean contentMatches = content == null || held.name.toLowerCase(Locale.ROOT)
                    .contains(content.toLowerCase(Locale.ROOT)) || String.join(",", held.chain.dnsNames())
                    .toLowerCase(Locale.ROOT).contains(content.toLowerCase(Locale.ROOT));
            boolean expiryMatches = expiredDaysSince < 0
                    || held.chain.notAfter().isAfter(call.now().minus(Duration.ofDays(expiredDaysSince)));
            if (statusMatches && projectMatches && contentMatches && expiryMatches && (!deployable || pushable(held))) {
                matching.add(0, held); // most recently added first
            }
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("certificates");
        for (int i = offset; i < matching.size() && i < offset + limit; i++) {
            items.add(detail(matching.get(i)));
        }
        body.put("total_count", matching.size());
        return ApiResponse.json(200, body);
    }

    private ObjectNode detail(Held held) {
        ObjectNode node = Json.object().put("id", held.id).put("name", held.name)
                .put("domain", held.chain.dnsNames().get(0)).put("sans", sans(held))
                .put("signature_algorithm", held.chain.leaf().getSigAlgName().toUpperCase(Locale.ROOT))
                .put("deploy_support", pushable(held)).put("type", "DV_SSL_CERT").put("brand", "GLOBALSIGN")
                .put("expire_time", TIME.format(held.chain.notAfter()))
                .put("domain_type", held.chain.dnsNames().size() > 1 ? "MULTI_DOMAIN" : "SINGLE_DOMAIN")
                .put("validity_period", 12).put("status", held.status)
                .put("domain_count", held.chain.dnsNames().size()).put("wildcard_count", 0).put("description", "")
                .put("domain_id", Account.DOMAIN_ID).put("enterprise_project_id", "0");
        return node;
    }

    private ObjectNode show(Held held, Instant now) {
        ObjectNode node = Json.object().put("id", held.id).put("status", held.status).put("order_id", "")
                .put("name", held.name).put("type", "DV_SSL_CERT").put("brand", "GLOBALSIGN")
                .put("push_support", pushable(held) ? "ON" : "OFF").putNull("revoke_reason")
                .put("signature_algorithm", held.chain.leaf().getSigAlgName().toUpperCase(Locale.ROOT))
                .put("issue_time", TIME.format(held.chain.leaf().getNotBefore().toInstant()))
                .put("not_before", TIME.format(held.chain.leaf().getNotBefore().toInstant()))
                .put("not_after", TIME.format(held.chain.notAfter())).put("validity_period", 12)
                .put("validation_method", "DNS")
                .put("domain_type", held.chain.dnsNames().size() > 1 ? "MULTI_DOMAIN" : "SINGLE_DOMAIN")
                .putNull("multi_domain_type").put("domain", held.chain.dnsNames().get(0)).put("sans", sans(held))
                .put("domain_count", held.chain.dnsNames().size()).put("wildcard_count", 0)
                .put("fingerprint", sha1(held)).put("shared", false).put("description", "")
                .put("enterprise_project_id", "0");
        node.putArray("authentification");
        return node;
    }

    private static ApiResponse export(Held held) {
        if (!PUSHABLE.contains(held.status) && !held.status.equals("EXPIRED") && !held.status.equals("REVOKED")) {
            throw error(400, NOT_ALLOWED, "The certificate in status " + held.status + " cannot be exported.");
        }
        Pem.Split split = Pem.split(held.pem);
        ObjectNode body = Json.object().put("entire_certificate", held.pem).put("certificate", split.leaf())
                .put("certificate_chain", split.rest());
        if (held.key != null) {
            body.put("private_key", held.key);
        }
        return ApiResponse.json(200, body);
    }

    private ApiResponse push(Held held, Call call) {
        ObjectNode body = call.jsonObject(() -> invalid("the body must be {\"target_project\",\"target_service\"}"));
        String service = target(body);
        String project = Call.text(body, "target_project");
        if (!service.equals("CDN") && (project == null || project.isBlank())) {
            throw invalid("target_project is required for " + service);
        }
        checkPushable(held);
        try {
            deployer.deploy(service.toLowerCase(Locale.ROOT), service.equals("CDN") ? null : project, held, call.now());
        } catch (ApiError e) {
            throw error(400, PUSH_ERROR, "Push failed: " + e.code() + " " + e.getMessage());
        }
        return ApiResponse.noContent();
    }

    private ApiResponse batchPush(Held held, Call call) {
        ObjectNode body = call.jsonObject(() -> invalid("the body must be {\"target_projects\",\"target_service\"}"));
        String service = target(body);
        JsonNode projects = body.get("target_projects");
        if (projects == null || !projects.isArray() || projects.isEmpty() || projects.size() > 10) {
            throw invalid("target_projects must hold 1 to 10 regions");
        }
        List<String> regions = new ArrayList<>();
        for (JsonNode project : projects) {
            if (!project.isTextual() || project.asText().isEmpty() || project.asText().length() > 32) {
                throw invalid("each of target_projects is a region id of 1 to 32 characters");
            }
            regions.add(project.asText());
        }
        checkPushable(held);
        ObjectNode answer = Json.object();
        ArrayNode results = answer.putArray("results");
        for (String region : regions) {
            ObjectNode result = results.addObject().put("project_name", region);
            try {
                String id = deployer.deploy(service.toLowerCase(Locale.ROOT), service.equals("CDN") ? null : region,
                        held, call.now());
                result.put("cert_id", id).put("message", "success");
            } catch (ApiError e) {
                result.put("message", e.code() + " " + e.getMessage());
            }
        }
        return ApiResponse.json(200, answer);
    }

    private static String target(ObjectNode body) {
        String service = Call.text(body, "target_service");
        if (service == null || service.isEmpty() || service.length() > 64) {
            throw invalid("target_service is required");
        }
        String upper = service.toUpperCase(Locale.ROOT);
        if (!TARGETS.contains(upper)) {
            throw error(400, UNSUPPORTED_SERVICE, "The push target service " + service + " is not supported.");
        }
        return upper;
    }

    private static void checkPushable(Held held) {
        if (!PUSHABLE.contains(held.status)) {
            throw error(400, NOT_ALLOWED, "A certificate in status " + held.status + " cannot be pushed.");
        }
        if (held.key == null) {
            throw error(400, NOT_ALLOWED, "A certificate applied for with your own CSR cannot be pushed.");
        }
    }

    private static boolean pushable(Held held) {
        return PUSHABLE.contains(held.status) && held.key != null;
    }

    private synchronized Held held(String id) {
        Held held = certificates.get(id);
        if (held == null) {
            throw error(400, BAD_ID, "Invalid certificate ID: " + id);
        }
        return held;
    }

    private static String sans(Held held) {
        List<String> names = held.chain.dnsNames();
        return String.join(",", names.subList(1, names.size()));
    }

    private static String sha1(Held held) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(held.chain.leaf().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a parsed certificate", e);
        }
    }

    @Override
    public ApiError disabled(@Nullable String region) {
        throw new IllegalArgumentException("SCM cannot be disabled");
    }

    @Override
    public ApiError failure(int status) {
        return switch (status) {
            case 401, 403 -> error(status, "SCM.0002", "Authentication failed.");
            default -> status >= 500 ? error(status, INTERNAL_ERROR, "Internal error.") : invalid("Bad request.");
        };
    }

    /** The certificates SCM holds, with their SHA-256 fingerprints; region is ignored (SCM is global). */
    @Override
    public synchronized List<RemoteCertificate> certificates(@Nullable String region) {
        return certificates.values().stream()
                .map(h -> new RemoteCertificate(h.id, h.name, h.chain.fingerprint(), h.chain.notAfter())).toList();
    }

    private static ApiError invalid(String message) {
        return error(400, BAD_PARAMETER, message);
    }

    private static ApiError error(int status, String code, String message) {
        return new ApiError(status, ErrorStyle.FLAT, code, message);
    }
}
