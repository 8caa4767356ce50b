package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.spi.RemoteCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Dedicated ELB (v3) certificates, per region (Huawei Cloud ELB v3 API reference):
 * {@code /v3/{project_id}/elb/certificates[/{id}]}. Bodies are wrapped in {@code "certificate"}, every
 * answer carries {@code request_id}, private keys are never echoed (the account's private-key echo is
 * off), names need not be unique, and lists page with {@code marker} in creation order.
 */
final class ElbService implements EmulatedService {
    static final String EMPTY_BODY = "ELB.0002";
    static final String INVALID_PARAMETERS = "ELB.1001";
    static final String INVALID_QUERY = "ELB.1004";
    static final String INVALID_CERTIFICATE_OR_KEY = "ELB.1011";
    // Not in the published table: the emulator's choices.
    static final String NOT_FOUND = "ELB.8904";
    static final String INTERNAL_ERROR = "ELB.0001";

    static final int MAX_CERTIFICATE = 65_536;
    static final int MAX_PRIVATE_KEY = 8_192;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?([A-Za-z0-9-]{1,63}\\.)*[A-Za-z0-9-]{1,63}");
    private static final Set<String> TYPES = Set.of("server", "client");
    private static final Set<String> PROTECTION = Set.of("nonProtection", "consoleProtection");
    /** The list filters, each multi-valued, matched exactly against the field of the same name. */
    private static final List<String> FILTERS = List.of("id", "name", "description", "type", "domain", "fingerprint",
            "common_name", "scm_certificate_id", "source", "enterprise_project_id", "protection_status");

    private final Map<String, Map<String, ObjectNode>> regions = new ConcurrentHashMap<>();
    /** Keys by certificate id: kept apart from the views, which never show them. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return "elb";
    }

    @Override
    public ApiResponse handle(Call call) {
        Map<String, ObjectNode> store = store(call.region());
        synchronized (store) {
            List<String> resource = call.resource();
            if (resource.isEmpty()) {
                return switch (call.method()) {
                    case "GET" -> list(store, call);
                    case "POST" -> create(store, call);
                    default -> throw ApiError.noSuchApi();
                };
            }
            if (resource.size() == 1) {
                ObjectNode stored = store.get(resource.get(0));
                if (stored == null) {
                    throw error(404, NOT_FOUND, "Certificate " + resource.get(0) + " could not be found.");
                }
                return switch (call.method()) {
                    case "GET" -> answer(200, call, stored);
                    case "PUT" -> update(stored, call);
                    case "DELETE" -> {
                        store.remove(resource.get(0));
                        keys.remove(resource.get(0));
                        yield ApiResponse.noContent();
                    }
                    default -> throw ApiError.noSuchApi();
                };
            }
            throw ApiError.noSuchApi();
        }
    }

    private ApiResponse create(Map<String, ObjectNode> store, Call call) {
        return answer(201, call, createFrom(store, option(call), call.projectId(), call.now()));
    }

    /**
     * Stores a certificate SCM pushes: a server certificate named after the SCM one, recording its SCM id
     * ({@code source} {@code scm}), with the checks of a create.
     *
     * @return its id
     * @throws ApiError ELB's error when ELB would refuse the certificate
     */
    String importFromScm(String region, String name, String certificate, String privateKey, String scmId,
            Instant now) {
        Map<String, ObjectNode> store = store(region);
        ObjectNode option = Json.object().put("name", name).put("certificate", certificate)
                .put("private_key", privateKey).put("type", "server").put("scm_certificate_id", scmId)
                .put("source", "scm");
        synchronized (store) {
            return createFrom(store, option, Account.projectId(region).orElseThrow(), now).get("id").asText();
        }
    }

    private ObjectNode createFrom(Map<String, ObjectNode> store, JsonNode option, @Nullable String projectId,
            Instant at) {
        String type = textOr(option, "type", "server");
        if (!TYPES.contains(type)) {
            throw invalid("type must be server or client (server_sm is not emulated), was " + type);
        }
        String certificate = Call.text(option, "certificate");
        if (certificate == null) {
            throw invalid("certificate is required");
        }
        String privateKey = type.equals("server") ? Call.text(option, "private_key") : null;
        if (type.equals("server") && privateKey == null) {
            throw invalid("private_key is required for a server certificate");
        }
        checkSizes(certificate, privateKey);
        // The official definition: domain serves server certificates only; ELB ignores it on a CA certificate.
        String domain = type.equals("client") ? "" : textOr(option, "domain", "");
        String enterpriseProject = textOr(option, "enterprise_project_id", "0");
        if (enterpriseProject.isEmpty()) {
            throw invalid("enterprise_project_id must not be empty");
        }
        Pem.Chain chain = checkPair(certificate, privateKey);
        String now = TIME.format(at);
        ObjectNode stored = Json.object().put("id", Account.newId())
                .put("name", checkLength(textOr(option, "name", ""), "name"))
                .put("description", checkLength(textOr(option, "description", ""), "description"))
                .put("type", type).put("domain", checkDomains(domain)).put("certificate", certificate)
                .put("admin_state_up", true).put("created_at", now).put("updated_at", now)
                .put("project_id", projectId).put("enterprise_project_id", enterpriseProject)
                .put("scm_certificate_id", textOr(option, "scm_certificate_id", ""))
                .put("source", textOr(option, "source", option.hasNonNull("scm_certificate_id") ? "scm" : ""))
                .put("protection_status", checkProtection(textOr(option, "protection_status", "nonProtection")))
                .put("protection_reason", textOr(option, "protection_reason", ""));
        describe(stored, chain);
        store.put(stored.get("id").asText(), stored);
        if (privateKey != null) {
            keys.put(stored.get("id").asText(), privateKey);
        }
        return stored;
    }

    private ApiResponse update(ObjectNode stored, Call call) {
        JsonNode option = option(call);
        if (option.has("type")) {
            throw invalid("type cannot be updated");
        }
        String id = stored.get("id").asText();
        String certificate = Call.text(option, "certificate");
        String privateKey = Call.text(option, "private_key");
        checkSizes(certificate, privateKey);
        if (certificate != null || privateKey != null) {
            boolean server = stored.get("type").asText().equals("server");
            String newKey = server ? (privateKey != null ? privateKey : keys.get(id)) : null;
            Pem.Chain chain = checkPair(certificate != null ? certificate : stored.get("certificate").asText(), newKey);
            if (certificate != null) {
                stored.put("certificate", certificate);
            }
            if (newKey != null) {
                keys.put(id, newKey);
            }
            describe(stored, chain);
        }
        for (String field : List.of("name", "description")) {
            String value = Call.text(option, field);
            if (value != null) {
                stored.put(field, checkLength(value, field));
            }
        }
        String domain = Call.text(option, "domain");
        if (domain != null) {
            stored.put("domain", checkDomains(domain));
        }
        String protection = Call.text(option, "protection_status");
        if (protection != null) {
            stored.put("protection_status", checkProtection(protection));
        }
        for (String field : List.of("scm_certificate_id", "source", "protection_reason")) {
            String value = Call.text(option, field);
            if (value != null) {
                stored.put(field, value);
            }
        }
        stored.put("updated_at", TIME.format(call.now()));
        return answer(200, call, stored);
    }

    private static ApiResponse list(Map<String, ObjectNode> store, Call call) {
        int limit = call.intParam("limit", 2000, 0, 2000, () -> error(400, INVALID_QUERY,
                "Invalid query condition: limit must be a number from 0 to 2000"));
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode certificate : store.values()) {
            if (FILTERS.stream().allMatch(f -> call.params(f).isEmpty()
                    || call.params(f).contains(certificate.path(f).asText()))) {
                matching.add(certificate);
            }
        }
        boolean reverse = "true".equals(call.param("page_reverse"));
        String marker = call.param("marker");
        int from = 0;
        int to = matching.size();
        if (marker != null) {
            int at = indexOf(matching, marker);
            if (at < 0) {
                throw error(400, INVALID_QUERY, "Invalid query condition: marker " + marker + " not found");
            }
            if (reverse) {
                to = at;
            } else {
                from = at + 1;
            }
        }
        int size = limit == 0 ? to - from : Math.min(limit, to - from);
        List<ObjectNode> page = reverse ? matching.subList(to - size, to) : matching.subList(from, from + size);
        ObjectNode body = Json.object().put("request_id", call.requestId());
        ObjectNode pageInfo = body.putObject("page_info");
        if (!page.isEmpty()) {
            pageInfo.put("previous_marker", page.get(0).get("id").asText());
            boolean more = reverse ? to - size > 0 : from + size < matching.size();
            if (more) {
                pageInfo.put("next_marker", page.get(page.size() - 1).get("id").asText());
            }
        }
        pageInfo.put("current_count", page.size());
        ArrayNode certificates = body.putArray("certificates");
        page.forEach(c -> certificates.add(c.deepCopy()));
        return ApiResponse.json(200, body);
    }

    private static int indexOf(List<ObjectNode> certificates, String id) {
        for (int i = 0; i < certificates.size(); i++) {
            if (certificates.get(i).get("id").asText().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode option(Call call) {
        JsonNode option = call.jsonObject(() -> error(400, EMPTY_BODY,
                "RequestBody is null or empty,request is invalid.")).get("certificate");
        if (option == null || !option.isObject()) {
            throw invalid("the body must be {\"certificate\":{...}}");
        }
        return option;
    }

    /**
     * ELB's documented limits: {@code certificate} at most 65,536 characters, {@code private_key} at most
     * 8,192, and a key in PEM form. The code for breaking them is not documented: {@code ELB.1001} (invalid
     * parameters) is the emulator's choice.
     */
    private static void checkSizes(@Nullable String certificate, @Nullable String privateKey) {
        if (certificate != null && certificate.length() > MAX_CERTIFICATE) {
            throw invalid("certificate is longer than " + MAX_CERTIFICATE + " characters");
        }
        if (privateKey != null && privateKey.length() > MAX_PRIVATE_KEY) {
            throw invalid("private_key is longer than " + MAX_PRIVATE_KEY + " characters");
        }
        if (privateKey != null && !privateKey.strip().startsWith("-----BEGIN ")) {
            throw invalid("private_key must be a PEM private key");
        }
    }

    private static Pem.Chain checkPair(String certificate, @Nullable String privateKey) {
        Pem.Chain chain = Pem.chain(certificate);
        if (chain == null || chain.chainLength() > 11) {
            throw error(400, INVALID_CERTIFICATE_OR_KEY, "Private_key or certificate content is not valid.");
        }
        if (privateKey != null) {
            PrivateKey key = Pem.privateKey(privateKey);
            if (key == null || !Pem.matches(chain.leaf(), key)) {
                throw error(400, INVALID_CERTIFICATE_OR_KEY, "Private_key or certificate content is not valid.");
            }
        }
        return chain;
    }

    /** Sets what ELB derives from the certificate body. */
    private static void describe(ObjectNode stored, Pem.Chain chain) {
        stored.put("expire_time", TIME.format(chain.notAfter())).put("common_name", chain.commonName())
                .put("fingerprint", sha1Fingerprint(chain));
        ArrayNode sans = stored.putArray("subject_alternative_names");
        chain.dnsNames().forEach(sans::add);
    }

    /**
     * ELB's own fingerprint; its format is undocumented, so the emulator shows the familiar
     * colon-separated SHA-1, which no client can mistake for scm-push's SHA-256 fingerprint.
     */
    private static String sha1Fingerprint(Pem.Chain chain) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(chain.leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a parsed certificate", e);
        }
    }

    private static String checkDomains(String domain) {
        if (domain.isEmpty()) {
            return domain;
        }
        String[] names = domain.split(",", -1);
        if (names.length > 100 || domain.length() > 10000) {
            throw invalid("domain holds at most 100 names and 10000 characters");
        }
        for (String name : names) {
            if (!DOMAIN.matcher(name).matches()) {
                throw invalid("domain " + name + " is not a valid domain name");
            }
        }
        return domain;
    }

    private static String checkLength(String value, String field) {
        if (value.length() > 255) {
            throw invalid(field + " is longer than 255 characters");
        }
        return value;
    }

    private static String checkProtection(String value) {
        if (!PROTECTION.contains(value)) {
            throw invalid("protection_status must be nonProtection or consoleProtection");
        }
        return value;
    }

    private static String textOr(JsonNode object, String field, String absent) {
        String value = Call.text(object, field);
        return value != null ? value : absent;
    }

    private static ApiResponse answer(int status, Call call, ObjectNode certificate) {
        ObjectNode body = Json.object().put("request_id", call.requestId());
        body.set("certificate", certificate.deepCopy());
        return ApiResponse.json(status, body);
    }

    /** A region without dedicated ELB: the v3 API is not published there. */
    @Override
    public ApiError disabled(@Nullable String region) {
        return ApiError.noSuchApi();
    }

    @Override
    public ApiError failure(int status) {
        return switch (status) {
            case 401, 403 -> ApiError.gateway(status, "APIG.0302",
                    "The IAM user is not authorized to access the API");
            case 404 -> error(status, NOT_FOUND, "The resource could not be found.");
            default -> status >= 500 ? error(status, INTERNAL_ERROR, "Internal server error.")
                    : invalid("Request parameters invalid.");
        };
    }

    @Override
    public List<RemoteCertificate> certificates(@Nullable String region) {
        Map<String, ObjectNode> store = store(region);
        synchronized (store) {
            return store.values().stream().map(c -> {
                Pem.Chain chain = Pem.chain(c.get("certificate").asText());
                return new RemoteCertificate(c.get("id").asText(), c.get("name").asText(),
                        chain == null ? null : chain.fingerprint(), chain == null ? null : chain.notAfter());
            }).toList();
        }
    }

    /**
     * A certificate of {@code region} as ELB describes it (no key), for the listeners that reference it; null
     * when there is none. The caller holds no lock of this service.
     */
    @Nullable ObjectNode certificate(String region, String id) {
        Map<String, ObjectNode> store = store(region);
        synchronized (store) {
            ObjectNode stored = store.get(id);
            return stored == null ? null : stored.deepCopy();
        }
    }

    /** The private key of a server certificate, for a listener that serves it; null when there is none. */
    @Nullable String privateKey(String id) {
        return keys.get(id);
    }

    private Map<String, ObjectNode> store(@Nullable String region) {
        if (region == null) {
            throw new IllegalArgumentException("ELB is regional: name a region");
        }
        return regions.computeIfAbsent(region, r -> new LinkedHashMap<>());
    }

    private static ApiError invalid(String message) {
        return error(400, INVALID_PARAMETERS, message);
    }

    private static ApiError error(int status, String code, String message) {
        return new ApiError(status, ErrorStyle.FLAT_WITH_REQUEST_ID, code, message);
    }
}
