package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.spi.RemoteCertificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Dedicated ELB (v3) listeners, per region (huawei-api-wave2.md §1): {@code /v3/{project_id}/elb/listeners}
 * (ListListeners, paged with {@code marker}, filtered by the multi-valued {@code id}, {@code protocol},
 * {@code default_tls_container_ref}, {@code client_ca_tls_container_ref}) and
 * {@code /v3/{project_id}/elb/listeners/{id}} (ShowListener, UpdateListener with {@code {"listener":{...}}}).
 * Listeners are made by {@code FakeHuaweiCloud.addElbListener}, not through the API.
 *
 * <p>What UpdateListener accepts, from the UpdateListenerOption definitions: certificates only on HTTPS,
 * TERMINATED_HTTPS and QUIC listeners; a default certificate of type {@code server}, which an HTTPS listener
 * cannot be left without; SNI certificates of type {@code server}, each with a domain, no domain repeated
 * across the list, at most {@value #MAX_SNI_CERTIFICATES} certificates and {@value #MAX_SNI_DOMAINS}
 * domains; a client CA of type {@code client}, not on QUIC. A certificate that is not in the region is
 * refused as not found.
 */
final class ElbListenerService implements EmulatedService {
    static final int MAX_SNI_CERTIFICATES = 50;
    static final int MAX_SNI_DOMAINS = 200;
    static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "HTTP", "HTTPS", "TERMINATED_HTTPS", "QUIC", "TLS", "IP");
    /** Protocols whose listeners take certificates. */
    private static final Set<String> TLS_PROTOCOLS = Set.of("HTTPS", "TERMINATED_HTTPS", "QUIC");
    private static final Set<String> UPDATABLE = Set.of("admin_state_up", "default_pool_id", "description",
            "http2_enable", "insert_headers", "name", "tls_ciphers_policy", "security_policy_id",
            "enable_member_retry", "member_timeout", "client_timeout", "keepalive_timeout", "ipgroup",
            "transparent_client_ip_enable", "proxy_protocol_enable", "enhance_l7policy_enable", "quic_config",
            "protection_status", "protection_reason", "gzip_enable", "ssl_early_data_enable", "cps", "connection",
            "nat64_enable", "default_tls_container_ref", "sni_container_refs", "sni_match_algo",
            "client_ca_tls_container_ref");
    private static final List<String> FILTERS = List.of("id", "protocol", "name", "default_tls_container_ref",
            "client_ca_tls_container_ref", "enterprise_project_id");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ElbService certificates;
    private final Map<String, Map<String, ObjectNode>> regions = new ConcurrentHashMap<>();

    ElbListenerService(ElbService certificates) {
        this.certificates = certificates;
    }

    @Override
    public String id() {
        return "elb";
    }

    /** Adds a listener with no certificate; its id. */
    String add(String region, String protocol, Instant now) {
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("ELB listener protocols are " + PROTOCOLS + ", not " + protocol);
        }
        Map<String, ObjectNode> store = store(region);
        String id = Account.newId();
        ObjectNode listener = Json.object().put("id", id).put("name", "listener-" + id.substring(0, 8))
                .put("description", "").put("protocol", protocol)
                .put("protocol_port", protocol.contains("HTTPS") || protocol.equals("QUIC") ? 443 : 80)
                .put("admin_state_up", true).put("project_id", Account.projectId(region).orElseThrow())
                .put("enterprise_project_id", "0").put("http2_enable", false)
                .putNull("default_tls_container_ref").put("sni_match_algo", "wildcard")
                .putNull("client_ca_tls_container_ref").put("created_at", TIME.format(now))
                .put("updated_at", TIME.format(now));
        listener.putArray("sni_container_refs");
        listener.putArray("loadbalancers").addObject().put("id", Account.newId());
        synchronized (store) {
            store.put(id, listener);
        }
        return id;
    }

    /**
     * What a listener references now, by field: {@code default_tls_container_ref},
     * {@code sni_container_refs} (in order), {@code client_ca_tls_container_ref}.
     *
     * @throws IllegalArgumentException when the region has no such listener
     */
    Map<String, List<String>> references(String region, String id) {
        Map<String, ObjectNode> store = store(region);
        synchronized (store) {
            ObjectNode listener = store.get(id);
            if (listener == null) {
                throw new IllegalArgumentException("FakeHuaweiCloud has no ELB listener " + id + " in " + region);
            }
            Map<String, List<String>> references = new LinkedHashMap<>();
            references.put("default_tls_container_ref", textList(listener.path("default_tls_container_ref")));
            references.put("sni_container_refs", textList(listener.path("sni_container_refs")));
            references.put("client_ca_tls_container_ref", textList(listener.path("client_ca_tls_container_ref")));
            return references;
        }
    }

    @Override
    public ApiResponse handle(Call call) {
        Map<String, ObjectNode> store = store(call.region());
        synchronized (store) {
            List<String> resource = call.resource();
            if (resource.isEmpty()) {
                if (call.method().equals("GET")) {
                    return list(store, call);
                }
                throw ApiError.noSuchApi();
            }
            if (resource.size() == 1) {
                ObjectNode listener = store.get(resource.get(0));
                if (listener == null) {
                    throw error(404, ElbService.NOT_FOUND, "Listener " + resource.get(0) + " could not be found.");
                }
                return switch (call.method()) {
                    case "GET" -> answer(call, listener);
                    case "PUT" -> update(listener, call);
                    default -> throw ApiError.noSuchApi();
                };
            }
            throw ApiError.noSuchApi();
        }
    }

    private ApiResponse update(ObjectNode listener, Call call) {
        JsonNode option = call.jsonObject(() -> error(400, ElbService.EMPTY_BODY,
                "RequestBody is null or empty,request is invalid.")).get("listener");
        if (option == null || !option.isObject()) {
            throw invalid("the body must be {\"listener\":{...}}");
        }
        for (var fields = option.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!UPDATABLE.contains(field)) {
                throw invalid("listener." + field + " is not a field of UpdateListenerOption");
            }
        }
        String protocol = listener.get("protocol").asText();
        boolean takesCertificates = TLS_PROTOCOLS.contains(protocol);
        ObjectNode next = listener.deepCopy();
        String region = call.region();
        if (option.has("default_tls_container_ref")) {
            JsonNode ref = option.get("default_tls_container_ref");
            if (!takesCertificates && !ref.isNull()) {
                throw invalid("a " + protocol + " listener takes no default_tls_container_ref");
            }
            if (ref.isNull() || ref.asText().isEmpty()) {
                if (takesCertificates) {
                    throw invalid("default_tls_container_ref is required for a " + protocol + " listener");
                }
                next.putNull("default_tls_container_ref");
            } else {
                requireType(region, ref.asText(), "server", "default_tls_container_ref");
                next.put("default_tls_container_ref", ref.asText());
            }
        }
        if (option.has("sni_container_refs")) {
            JsonNode refs = option.get("sni_container_refs");
            if (!refs.isArray()) {
                throw invalid("sni_container_refs must be a list of certificate ids");
            }
            if (!takesCertificates && !refs.isEmpty()) {
                throw invalid("a " + protocol + " listener takes no sni_container_refs");
            }
            checkSni(region, refs);
            next.set("sni_container_refs", refs.deepCopy());
        }
        if (option.has("sni_match_algo")) {
            String algo = option.get("sni_match_algo").asText();
            if (!algo.equals("wildcard") && !algo.equals("longest_suffix")) {
                throw invalid("sni_match_algo must be wildcard or longest_suffix");
            }
            next.put("sni_match_algo", algo);
        }
        if (option.has("client_ca_tls_container_ref")) {
            JsonNode ref = option.get("client_ca_tls_container_ref");
            if (ref.isNull() || ref.asText().isEmpty()) {
                next.putNull("client_ca_tls_container_ref");
            } else {
                if (!takesCertificates || protocol.equals("QUIC")) {
                    throw invalid("a " + protocol + " listener takes no client_ca_tls_container_ref");
                }
                requireType(region, ref.asText(), "client", "client_ca_tls_container_ref");
                next.put("client_ca_tls_container_ref", ref.asText());
            }
        }
        if (!next.path("sni_container_refs").isEmpty() && next.path("default_tls_container_ref").isNull()
                && takesCertificates) {
            throw invalid("a listener with SNI certificates needs a default certificate");
        }
        for (String field : List.of("name", "description")) {
            String value = Call.text(option, field);
            if (value != null) {
                next.put(field, value);
            }
        }
        next.put("updated_at", TIME.format(call.now()));
        listener.setAll(next);
        return answer(call, listener);
    }

    private void checkSni(@Nullable String region, JsonNode refs) {
        if (refs.size() > MAX_SNI_CERTIFICATES) {
            throw invalid("sni_container_refs holds at most " + MAX_SNI_CERTIFICATES + " certificates");
        }
        Set<String> ids = new HashSet<>();
        Set<String> domains = new HashSet<>();
        for (JsonNode ref : refs) {
            String id = ref.asText();
            if (!ids.add(id)) {
                throw invalid("certificate " + id + " is repeated in sni_container_refs");
            }
            ObjectNode certificate = requireType(region, id, "server", "sni_container_refs");
            String domain = certificate.path("domain").asText("");
            if (domain.isEmpty()) {
                throw invalid("SNI certificate " + id + " has no domain");
            }
            for (String name : domain.split(",")) {
                if (!domains.add(name.toLowerCase(Locale.ROOT))) {
                    throw invalid("SNI domain " + name + " is repeated in sni_container_refs");
                }
            }
        }
        if (domains.size() > MAX_SNI_DOMAINS) {
            throw invalid("the SNI certificates hold more than " + MAX_SNI_DOMAINS + " domains");
        }
    }

    private ObjectNode requireType(@Nullable String region, String id, String type, String field) {
        ObjectNode certificate = region == null ? null : certificates.certificate(region, id);
        if (certificate == null) {
            throw error(404, ElbService.NOT_FOUND, "Certificate " + id + " could not be found.");
        }
        if (!certificate.path("type").asText().equals(type)) {
            throw invalid(field + " takes a certificate of type " + type + "; " + id + " is of type "
                    + certificate.path("type").asText());
        }
        return certificate;
    }

    private static ApiResponse list(Map<String, ObjectNode> store, Call call) {
        int limit = call.intParam("limit", 2000, 0, 2000, () -> error(400, ElbService.INVALID_QUERY,
                "Invalid query condition: limit must be a number from 0 to 2000"));
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode listener : store.values()) {
            if (FILTERS.stream().allMatch(f -> call.params(f).isEmpty()
                    || call.params(f).contains(listener.path(f).asText()))) {
                matching.add(listener);
            }
        }
        String marker = call.param("marker");
        int from = 0;
        if (marker != null) {
            int at = -1;
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).get("id").asText().equals(marker)) {
                    at = i;
                }
            }
            if (at < 0) {
                throw error(400, ElbService.INVALID_QUERY, "Invalid query condition: marker " + marker + " not found");
            }
            from = at + 1;
        }
        int size = limit == 0 ? matching.size() - from : Math.min(limit, matching.size() - from);
        List<ObjectNode> page = matching.subList(from, from + size);
        ObjectNode body = Json.object().put("request_id", call.requestId());
        ObjectNode pageInfo = body.putObject("page_info");
        if (!page.isEmpty()) {
            pageInfo.put("previous_marker", page.get(0).get("id").asText());
            if (from + size < matching.size()) {
                pageInfo.put("next_marker", page.get(page.size() - 1).get("id").asText());
            }
        }
        pageInfo.put("current_count", page.size());
        ArrayNode listeners = body.putArray("listeners");
        page.forEach(l -> listeners.add(l.deepCopy()));
        return ApiResponse.json(200, body);
    }

    private static ApiResponse answer(Call call, ObjectNode listener) {
        ObjectNode body = Json.object().put("request_id", call.requestId());
        body.set("listener", listener.deepCopy());
        return ApiResponse.json(200, body);
    }

    private static List<String> textList(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (node.isTextual() && !node.asText().isEmpty()) {
            texts.add(node.asText());
        }
        return texts;
    }

    @Override
    public ApiError disabled(@Nullable String region) {
        return certificates.disabled(region);
    }

    @Override
    public ApiError failure(int status) {
        return certificates.failure(status);
    }

    @Override
    public List<RemoteCertificate> certificates(@Nullable String region) {
        return certificates.certificates(region);
    }

    private Map<String, ObjectNode> store(@Nullable String region) {
        if (region == null) {
            throw new IllegalArgumentException("ELB is regional: name a region");
        }
        return regions.computeIfAbsent(region, r -> new LinkedHashMap<>());
    }

    private static ApiError invalid(String message) {
        return error(400, ElbService.INVALID_PARAMETERS, message);
    }

    private static ApiError error(int status, String code, String message) {
        return new ApiError(status, ErrorStyle.FLAT_WITH_REQUEST_ID, code, message);
    }
}
