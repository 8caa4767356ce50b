package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.internal.provider.Json;
import io.scmpush.spi.RemoteCertificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * WAF protected hosts of one mode, per region (huawei-api-wave2.md §2): cloud mode at
 * {@code /v1/{project_id}/waf/instance[/{id}]} (ListHost, ShowHost, UpdateHost by {@code PATCH}), dedicated
 * mode at {@code /v1/{project_id}/premium-waf/host[/{id}]} (ListPremiumHost, ShowPremiumHost,
 * UpdatePremiumHost by {@code PUT}). List items carry no certificate; a host's detail carries
 * {@code certificateid} and {@code certificatename}. An update that sets one of them must set both, to a
 * certificate of the region's WAF store under its own name. Hosts are made by
 * {@code FakeHuaweiCloud.addWafHost}, not through the API.
 */
final class WafHostService implements EmulatedService {
    private static final Set<String> CLOUD_FIELDS = Set.of("certificateid", "certificatename", "proxy", "server",
            "tls", "cipher", "http2_enable", "ipv6_enable", "web_tag", "exclusive_ip", "paid_type", "block_page",
            "traffic_mark", "flag", "extend", "circuit_breaker", "timeout_config", "forward_header_map");
    private static final Set<String> PREMIUM_FIELDS = Set.of("certificateid", "certificatename", "proxy", "server",
            "tls", "cipher", "mode", "locked", "protect_status", "access_status", "timestamp", "pool_ids",
            "block_page", "traffic_mark", "circuit_breaker", "timeout_config", "flag", "forward_header_map");
    private static final List<String> CLOUD_LISTED = List.of("id", "hostid", "hostname", "region", "description",
            "server", "type", "proxy", "access_code", "policyid", "timestamp", "protect_status", "access_status",
            "exclusive_ip", "paid_type", "web_tag", "flag", "enterprise_project_id");
    private static final List<String> PREMIUM_LISTED = List.of("id", "hostname", "extend", "region", "flag",
            "description", "policyid", "protect_status", "access_status", "web_tag", "hostid",
            "enterprise_project_id", "pool_ids", "loadbalancer_id", "protocol_port");

    private final WafService certificates;
    private final boolean premium;
    private final Map<String, Map<String, ObjectNode>> regions = new ConcurrentHashMap<>();

    WafHostService(WafService certificates, boolean premium) {
        this.certificates = certificates;
        this.premium = premium;
    }

    @Override
    public String id() {
        return "waf";
    }

    /** Adds an HTTPS host with no certificate; its id. */
    String add(String region, String hostname, Instant now) {
        Map<String, ObjectNode> store = store(region);
        String id = Account.newId();
        ObjectNode host = Json.object().put("id", id).put("hostid", id).put("hostname", hostname)
                .put("region", region).put("description", "").put("policyid", Account.newId())
                .put("domainid", Account.DOMAIN_ID).put("projectid", Account.projectId(region).orElseThrow())
                .put("enterprise_project_id", "0").put("protocol", "HTTPS").put("proxy", false)
                .put("protect_status", 1).put("access_status", 0).put("timestamp", now.toEpochMilli())
                .putNull("certificateid").putNull("certificatename").put("tls", "TLS v1.2")
                .put("cipher", "cipher_default").put("web_tag", "").put("type", premium ? "premium" : "cloud");
        host.putObject("flag").put("pci_3ds", "false");
        host.putArray("server").addObject().put("front_protocol", "HTTPS").put("back_protocol", "HTTP")
                .put("address", "192.0.2.10").put("port", 80);
        if (premium) {
            host.put("mode", "elb").put("protocol_port", 443).put("loadbalancer_id", "").putArray("pool_ids");
        } else {
            host.put("access_code", id.substring(0, 16)).put("exclusive_ip", false).put("paid_type", "prePaid");
        }
        synchronized (store) {
            store.put(id, host);
        }
        return id;
    }

    /** The certificate a host references now; null when none. */
    @Nullable String certificateId(String region, String id) {
        Map<String, ObjectNode> store = store(region);
        synchronized (store) {
            ObjectNode host = store.get(id);
            if (host == null) {
                throw new IllegalArgumentException("FakeHuaweiCloud has no " + (premium ? "premium " : "")
                        + "WAF host " + id + " in " + region);
            }
            return host.path("certificateid").isTextual() ? host.path("certificateid").asText() : null;
        }
    }

    /** Each referenced certificate's {@code bind_host} entries for this mode's hosts in the region. */
    void addBoundHosts(@Nullable String region, Map<String, List<ObjectNode>> into) {
        if (region == null) {
            return;
        }
        Map<String, ObjectNode> store = store(region);
        synchronized (store) {
            for (ObjectNode host : store.values()) {
                if (host.path("certificateid").isTextual()) {
                    into.computeIfAbsent(host.path("certificateid").asText(), id -> new ArrayList<>())
                            .add(Json.object().put("id", host.path("id").asText())
                                    .put("hostname", host.path("hostname").asText())
                                    .put("waf_type", premium ? "premium" : "cloud"));
                }
            }
        }
    }

    /** Whether this service holds a host of that id in the region. */
    boolean has(String region, String id) {
        Map<String, ObjectNode> store = store(region);
        synchronized (store) {
            return store.containsKey(id);
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
                ObjectNode host = store.get(resource.get(0));
                String update = premium ? "PUT" : "PATCH";
                if (!call.method().equals("GET") && !call.method().equals(update)) {
                    throw ApiError.noSuchApi();
                }
                if (host == null) {
                    throw error(404, WafService.NOT_FOUND, "resource.not.found: host " + resource.get(0));
                }
                return call.method().equals("GET") ? ApiResponse.json(200, host.deepCopy()) : update(host, call);
            }
            throw ApiError.noSuchApi();
        }
    }

    private ApiResponse update(ObjectNode host, Call call) {
        ObjectNode body = call.jsonObject(() -> error(400, WafService.BODY_ILLEGAL,
                "request.body.illegal: a JSON object is required"));
        Set<String> fields = premium ? PREMIUM_FIELDS : CLOUD_FIELDS;
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw error(400, WafService.BODY_ILLEGAL, "request.body.illegal: " + name + " is not a field of "
                        + (premium ? "UpdatePremiumHostRequestBody" : "UpdateHostRequestBody"));
            }
        }
        String certificateId = Call.text(body, "certificateid");
        String certificateName = Call.text(body, "certificatename");
        if ((certificateId == null) != (certificateName == null)) {
            throw error(400, WafService.BAD_REQUEST, "params.error: certificateid and certificatename are both "
                    + "required for an HTTPS host");
        }
        if (certificateId != null) {
            String[] certificate = certificates.certificate(
                    java.util.Objects.requireNonNull(call.region(), "WAF calls name a region"), certificateId);
            if (certificate == null) {
                throw error(404, WafService.NOT_FOUND, "resource.not.found: certificate " + certificateId);
            }
            if (!certificate[0].equals(certificateName)) {
                throw error(400, WafService.BAD_REQUEST, "params.error: certificate " + certificateId + " is named "
                        + certificate[0] + ", not " + certificateName);
            }
            host.put("certificateid", certificateId).put("certificatename", certificateName);
        }
        for (String field : List.of("tls", "cipher")) {
            String value = Call.text(body, field);
            if (value != null) {
                host.put(field, value);
            }
        }
        host.put("timestamp", call.now().toEpochMilli());
        return ApiResponse.json(200, host.deepCopy());
    }

    private ApiResponse list(Map<String, ObjectNode> store, Call call) {
        int pageSize = call.intParam("pagesize", 10, -1, 100, () -> error(400, WafService.PAGE_ILLEGAL,
                "pageOrPageSize.illegal: pagesize must be -1 or a number from 1 to 100"));
        if (pageSize == 0) {
            throw error(400, WafService.PAGE_ILLEGAL, "pageOrPageSize.illegal: pagesize must not be 0");
        }
        int page = call.intParam("page", 1, 1, Integer.MAX_VALUE, () -> error(400, WafService.PAGE_ILLEGAL,
                "pageOrPageSize.illegal: page must be a number from 1"));
        String hostname = call.param("hostname");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode host : store.values()) {
            if (hostname == null || host.path("hostname").asText().contains(hostname)) {
                matching.add(host);
            }
        }
        ObjectNode body = Json.object().put("total", matching.size());
        ArrayNode items = body.putArray("items");
        long from = pageSize < 0 ? 0 : (long) (page - 1) * pageSize;
        long to = pageSize < 0 ? matching.size() : Math.min(matching.size(), from + pageSize);
        for (long i = Math.min(from, matching.size()); i < to; i++) {
            ObjectNode host = matching.get((int) i);
            ObjectNode item = items.addObject();
            for (String field : premium ? PREMIUM_LISTED : CLOUD_LISTED) {
                JsonNode value = host.get(field);
                if (value != null) {
                    item.set(field, value.deepCopy());
                }
            }
        }
        return ApiResponse.json(200, body);
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
            throw new IllegalArgumentException("WAF is regional: name a region");
        }
        return regions.computeIfAbsent(region, r -> new LinkedHashMap<>());
    }

    private static ApiError error(int status, String code, String message) {
        return new ApiError(status, ErrorStyle.FLAT, code, message);
    }
}
