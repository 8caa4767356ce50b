package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.internal.provider.Json;
import io.scmpush.spi.RemoteCertificate;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * WAF v1 certificates, per region (Huawei Cloud WAF API reference): {@code /v1/{project_id}/waf/certificate[/{id}]}.
 * Names must be unique in a region, as the console enforces; {@code name} filters are case-sensitive
 * substring matches; lists are newest first. {@code host} filters as the official definition says:
 * {@code true} lists only the certificates bound to a protected domain, {@code false} (also when absent)
 * only the others. {@code POST .../certificate/{id}/apply-to-hosts} binds one; the emulator keeps no
 * protected hosts of its own, so a host id is taken as given and stands for its host name too.
 *
 * <p>Every call is scoped by the query's {@code enterprise_project_id}: {@code 0} (the default project)
 * when absent, {@code all_granted_eps} every project (reads only), else an id of at most 36 characters. A
 * certificate is created in the call's project and seen only by calls in it; names are unique per project
 * (the emulator's choice: the documentation does not say).
 */
final class WafService implements EmulatedService {
    // Published in WAF's error table (huawei-api.md §2.4).
    static final String BAD_REQUEST = "WAF.00011001";
    static final String BODY_ILLEGAL = "WAF.00011003";
    static final String NAME_ILLEGAL = "WAF.00011005";
    static final String NAME_DUPLICATE = "WAF.00011016";
    static final String PERMISSION_DENIED = "WAF.00012003";
    static final String NOT_SUBSCRIBED = "WAF.00012005";
    // Not in the published table: the emulator's choices, in the table's numbering (0001_1xxx bad input,
    // 0001_4xxx not found, 0001_0xxx internal).
    /** The emulator's choice: a bad {@code page} or {@code pagesize}. */
    static final String PAGE_ILLEGAL = "WAF.00011011";
    /** The emulator's choice: content or key unreadable, or not a pair. */
    static final String CERT_ILLEGAL = "WAF.00011019";
    /** The emulator's choice: the certificate has expired. */
    static final String CERT_EXPIRED = "WAF.00011021";
    /** The emulator's choice: no such certificate. */
    static final String NOT_FOUND = "WAF.00014002";
    /** The emulator's choice: an injected internal error. */
    static final String INTERNAL_ERROR = "WAF.00010001";

    private static final String ALL_PROJECTS = "all_granted_eps";
    /** Names: letters, digits, '-', '_' and '.'; at most 64 characters (the API page; the SDK says 256). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Duration EXPIRING = Duration.ofDays(30);

    private final Map<String, Map<String, Stored>> regions = new ConcurrentHashMap<>();
    /** The hosts that reference each certificate of a region ({@code bind_host} entries), by certificate id. */
    private volatile Function<String, Map<String, List<ObjectNode>>> boundHosts = region -> Map.of();

    /** Where {@code bind_host} comes from: the protected hosts, which reference certificates by id. */
    void boundHosts(Function<String, Map<String, List<ObjectNode>>> hosts) {
        this.boundHosts = hosts;
    }

    @Override
    public String id() {
        return "waf";
    }

    @Override
    public ApiResponse handle(Call call) {
        Map<String, Stored> store = store(call.region());
        // Read before this store's lock: a host update holds the hosts' lock and then takes this one.
        Map<String, List<ObjectNode>> hosts = boundHosts.apply(call.region());
        synchronized (store) {
            List<String> resource = call.resource();
            String method = call.method();
            String project = enterpriseProject(call);
            if (resource.isEmpty()) {
                return switch (method) {
                    case "GET" -> list(store, call, hosts);
                    case "POST" -> create(store, call, project);
                    default -> throw ApiError.noSuchApi();
                };
            }
            if (resource.size() == 1) {
                Stored stored = visible(store.get(resource.get(0)), project);
                if (stored == null) {
                    throw error(404, NOT_FOUND, "resource.not.found: certificate " + resource.get(0));
                }
                return switch (method) {
                    case "GET" -> ApiResponse.json(200, view(stored, call.now()).put("content", stored.content));
                    case "PUT" -> update(store, stored, call);
                    case "DELETE" -> {
                        store.remove(stored.id);
                        yield ApiResponse.json(200, view(stored, call.now()));
                    }
                    default -> throw ApiError.noSuchApi();
                };
            }
            if (resource.size() == 2 && resource.get(1).equals("apply-to-hosts") && method.equals("POST")) {
                Stored stored = visible(store.get(resource.get(0)), project);
                if (stored == null) {
                    throw error(404, NOT_FOUND, "resource.not.found: certificate " + resource.get(0));
                }
                return applyToHosts(stored, call);
            }
            throw ApiError.noSuchApi();
        }
    }

    /** The call's enterprise project: {@code 0} when absent. */
    private static String enterpriseProject(Call call) {
        String project = call.param("enterprise_project_id");
        if (project == null) {
            return "0";
        }
        if (project.isEmpty() || project.length() > 36) {
            throw error(400, BAD_REQUEST, "bad.request: enterprise_project_id is 0, all_granted_eps or an id");
        }
        return project;
    }

    /** The certificate when the call's enterprise project may see it; null otherwise. */
    private static @Nullable Stored visible(@Nullable Stored stored, String project) {
        return stored != null && (project.equals(ALL_PROJECTS) || stored.enterpriseProject.equals(project))
                ? stored : null;
    }

    /** {@code ApplyCertificateToHost}: binds the certificate to cloud and premium host ids. */
    private ApiResponse applyToHosts(Stored stored, Call call) {
        ObjectNode body = call.jsonObject(() -> error(400, BODY_ILLEGAL, "request.body.illegal: a JSON object is required"));
        for (String type : List.of("cloud", "premium")) {
            for (com.fasterxml.jackson.databind.JsonNode id : body.path(type + "_host_ids")) {
                if (!id.isTextual() || id.asText().isBlank()) {
                    throw error(400, BODY_ILLEGAL, "request.body.illegal: " + type + "_host_ids holds host ids");
                }
                stored.hosts.put(id.asText(), type);
            }
        }
        ObjectNode answer = Json.object().put("id", stored.id).put("name", stored.name)
                .put("timestamp", stored.timestamp).put("expire_time", stored.chain.notAfter().toEpochMilli());
        bindHosts(answer, stored);
        return ApiResponse.json(200, answer);
    }

    /** The hosts applied with {@code apply-to-hosts}, as {@code bind_host} entries. */
    private static void bindHosts(ObjectNode node, Stored stored) {
        var hosts = node.withArray("bind_host");
        stored.hosts.forEach((id, type) -> hosts.addObject().put("id", id).put("hostname", id).put("waf_type", type));
    }

    private ApiResponse list(Map<String, Stored> store, Call call, Map<String, List<ObjectNode>> hosts) {
        String project = enterpriseProject(call);
        int page = call.intParam("page", 1, 1, Integer.MAX_VALUE, () -> error(400, PAGE_ILLEGAL,
                "pageOrPageSize.illegal: page must be a number from 1"));
        int pageSize = call.intParam("pagesize", 10, 1, 100, () -> error(400, PAGE_ILLEGAL,
                "pageOrPageSize.illegal: pagesize must be a number from 1 to 100"));
        String name = call.param("name");
        String expStatus = call.param("exp_status");
        boolean bound = "true".equals(call.param("host")); // default false: the unbound ones only
        List<Stored> matching = new ArrayList<>();
        for (Stored stored : store.values()) {
            if ((name == null || stored.name.contains(name))
                    && (expStatus == null || expStatus.equals(String.valueOf(expStatus(stored, call.now()))))
                    && bound == (hosts.containsKey(stored.id) || !stored.hosts.isEmpty())
                    && visible(stored, project) != null) {
                matching.add(0, stored); // newest first
            }
        }
        ObjectNode body = Json.object();
        var items = body.putArray("items");
        long from = (long) (page - 1) * pageSize;
        for (int i = (int) Math.min(from, matching.size()); i < matching.size() && i < from + pageSize; i++) {
            ObjectNode item = view(matching.get(i), call.now());
            if (bound) { // bind_host is filled in when asked for with host=true
                hosts.getOrDefault(matching.get(i).id, List.of()).forEach(h -> item.withArray("bind_host").add(h));
                bindHosts(item, matching.get(i));
            }
            items.add(item);
        }
        body.put("total", matching.size());
        return ApiResponse.json(200, body);
    }

    private ApiResponse create(Map<String, Stored> store, Call call, String project) {
        if (project.equals(ALL_PROJECTS)) {
            throw error(400, BAD_REQUEST, "bad.request: a certificate is created in one enterprise project");
        }
        ObjectNode body = call.jsonObject(() -> error(400, BODY_ILLEGAL, "request.body.illegal: a JSON object is required"));
        String name = Call.text(body, "name");
        String content = Call.text(body, "content");
        String key = Call.text(body, "key");
        if (name == null || content == null || key == null) {
            throw error(400, BODY_ILLEGAL, "request.body.illegal: name, content and key are required");
        }
        checkName(store, name, null, project);
        Pem.Chain chain = checkPair(content, key, call.now());
        Stored stored = new Stored(Account.newId(), name, content, key, chain, call.now().toEpochMilli(),
                new LinkedHashMap<>(), project);
        store.put(stored.id, stored);
        return ApiResponse.json(200, view(stored, call.now()).put("content", content));
    }

    /**
     * Stores a certificate SCM pushes, named after the SCM one, with the checks of a create.
     *
     * @return its id
     * @throws ApiError WAF's error, e.g. {@code WAF.00011016} when the region holds that name already
     */
    String importFromScm(String region, String name, String content, String key, Instant now) {
        Map<String, Stored> store = store(region);
        synchronized (store) {
            // SCM's push lands in the default enterprise project (huawei-api.md §1.9).
            checkName(store, name, null, "0");
            Pem.Chain chain = checkPair(content, key, now);
            Stored stored = new Stored(Account.newId(), name, content, key, chain, now.toEpochMilli(),
                    new LinkedHashMap<>(), "0");
            store.put(stored.id, stored);
            return stored.id;
        }
    }

    private ApiResponse update(Map<String, Stored> store, Stored old, Call call) {
        ObjectNode body = call.jsonObject(() -> error(400, BODY_ILLEGAL, "request.body.illegal: a JSON object is required"));
        String name = Call.text(body, "name");
        String content = Call.text(body, "content");
        String key = Call.text(body, "key");
        if (name != null) {
            checkName(store, name, old.id, old.enterpriseProject);
        }
        String newContent = content != null ? content : old.content;
        String newKey = key != null ? key : old.key;
        Pem.Chain chain = content != null || key != null ? checkPair(newContent, newKey, call.now()) : old.chain;
        Stored updated = new Stored(old.id, name != null ? name : old.name, newContent, newKey, chain, old.timestamp,
                old.hosts, old.enterpriseProject);
        store.put(old.id, updated);
        ObjectNode answer = Json.object().put("id", updated.id).put("name", updated.name)
                .put("expire_time", updated.chain.notAfter().toEpochMilli()).put("timestamp", updated.timestamp);
        return ApiResponse.json(200, answer);
    }

    private static void checkName(Map<String, Stored> store, String name, @Nullable String exceptId, String project) {
        if (!NAME.matcher(name).matches()) {
            throw error(400, NAME_ILLEGAL, "name.illegal: 1 to 64 letters, digits, '-', '_' or '.'");
        }
        for (Stored stored : store.values()) {
            if (stored.name.equals(name) && !stored.id.equals(exceptId) && stored.enterpriseProject.equals(project)) {
                throw error(400, NAME_DUPLICATE, "name.duplicate: a certificate named " + name + " exists");
            }
        }
    }

    private static Pem.Chain checkPair(String content, String key, Instant now) {
        Pem.Chain chain = Pem.chain(content);
        if (chain == null) {
            throw error(400, CERT_ILLEGAL, "cert.illegal: content is not a PEM certificate");
        }
        PrivateKey privateKey = Pem.privateKey(key);
        if (privateKey == null) {
            throw error(400, CERT_ILLEGAL, "cert.illegal: key is not an unencrypted PEM private key");
        }
        if (!Pem.matches(chain.leaf(), privateKey)) {
            throw error(400, CERT_ILLEGAL, "cert.illegal: the key does not match the certificate");
        }
        if (chain.notAfter().isBefore(now)) {
            throw error(400, CERT_EXPIRED, "cert.expired: the certificate expired at " + chain.notAfter());
        }
        return chain;
    }

    private static ObjectNode view(Stored stored, Instant now) {
        ObjectNode node = Json.object().put("id", stored.id).put("name", stored.name)
                .put("expire_time", stored.chain.notAfter().toEpochMilli())
                .put("exp_status", expStatus(stored, now)).put("timestamp", stored.timestamp);
        node.putArray("bind_host");
        return node;
    }

    /** 0 valid, 1 expired, 2 expires within a month. */
    private static int expStatus(Stored stored, Instant now) {
        Instant notAfter = stored.chain.notAfter();
        return notAfter.isBefore(now) ? 1 : notAfter.isBefore(now.plus(EXPIRING)) ? 2 : 0;
    }

    @Override
    public ApiError disabled(@Nullable String region) {
        return error(403, NOT_SUBSCRIBED, "not.subscribe: WAF is not purchased in " + region);
    }

    @Override
    public ApiError failure(int status) {
        return switch (status) {
            case 401, 403 -> error(status, PERMISSION_DENIED, "permission.denied");
            case 404 -> error(status, NOT_FOUND, "resource.not.found");
            default -> status >= 500 ? error(status, INTERNAL_ERROR, "internal.error")
                    : error(status, BAD_REQUEST, "bad.request");
        };
    }

    @Override
    public List<RemoteCertificate> certificates(@Nullable String region) {
        Map<String, Stored> store = store(region);
        synchronized (store) {
            return store.values().stream()
                    .map(s -> new RemoteCertificate(s.id, s.name, s.chain.fingerprint(), s.chain.notAfter()))
                    .toList();
        }
    }

    /**
     * A certificate of {@code region}: {@code [name, content, key]}, for the hosts that reference it; null when
     * there is none. The caller holds no lock of this service.
     */
    String @Nullable [] certificate(String region, String id) {
        Map<String, Stored> store = store(region);
        synchronized (store) {
            Stored stored = store.get(id);
            return stored == null ? null : new String[] {stored.name, stored.content, stored.key};
        }
    }

    private Map<String, Stored> store(@Nullable String region) {
        if (region == null) {
            throw new IllegalArgumentException("WAF is regional: name a region");
        }
        return regions.computeIfAbsent(region, r -> new LinkedHashMap<>());
    }

    private static ApiError error(int status, String code, String message) {
        return new ApiError(status, ErrorStyle.FLAT, code, message);
    }

    /** A stored certificate; {@code hosts}: bound host ids and their WAF type, guarded by the region's lock. */
    private record Stored(String id, String name, String content, String key, Pem.Chain chain, long timestamp,
            Map<String, String> hosts, String enterpriseProject) {
        @Override
        public String toString() {
            return "Stored[" + id + ", " + name + "]"; // never the key
        }
    }
}
