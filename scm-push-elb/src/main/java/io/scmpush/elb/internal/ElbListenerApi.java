package io.scmpush.elb.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.CloudServiceException;
import io.scmpush.elb.Elb;
import io.scmpush.internal.provider.Json;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.support.PageGuard;
import io.scmpush.spi.support.RemotePem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The ELB v3 listener calls a binding makes (huawei-api-wave2.md §1), project-scoped: ShowListener,
 * ListListeners, UpdateListener with {@code {"listener":{...}}}, and the certificates listeners reference,
 * listed by id.
 */
final class ElbListenerApi {
    /** Listeners per page: ELB allows 2000, but a page of a few hundred stays small. */
    static final int PAGE_SIZE = 500;
    /** The most pages a listing reads: 50 000 listeners, far past any account's quota. */
    static final int MAX_PAGES = 100;
    /** Certificate ids per list call: each is a query parameter, and the URL must stay short. */
    static final int IDS_PER_CALL = 40;
    private static final List<String> LISTENER_FIELDS = List.of("id", "protocol", "default_tls_container_ref",
            "sni_container_refs", "client_ca_tls_container_ref");
    private static final List<String> CERTIFICATE_FIELDS = List.of("id", "name", "certificate", "expire_time",
            "domain", "subject_alternative_names");
    private static final List<String> PAGE_INFO = List.of("page_info");

    private final ProviderContext context;

    ElbListenerApi(ProviderContext context) {
        this.context = context;
    }

    CloudHttp http() {
        return context.http();
    }

    /** A listener, as far as binding is concerned. */
    record Listener(String id, String protocol, @Nullable String defaultRef, List<String> sniRefs,
            @Nullable String clientCaRef) {

        /** Every certificate it references, each once. */
        Set<String> references() {
            Set<String> all = new LinkedHashSet<>();
            if (defaultRef != null) {
                all.add(defaultRef);
            }
            all.addAll(sniRefs);
            if (clientCaRef != null) {
                all.add(clientCaRef);
            }
            return all;
        }
    }

    /** {@code GET /v3/{project_id}/elb/listeners/{id}}; empty on 404. */
    Optional<Listener> show(String region, String id) {
        try {
            JsonNode listener = Json.read(http().send(request("GET", region, "/" + id).build()).body(),
                    "ELB ShowListener").path("listener");
            return Optional.of(listener(listener::path));
        } catch (CloudServiceException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code GET /v3/{project_id}/elb/listeners?protocol=...}, every page, within {@link PageGuard}'s bounds. */
    List<Listener> list(String region, List<String> protocols) {
        List<Listener> found = new ArrayList<>();
        PageGuard pages = new PageGuard("ELB ListListeners in " + region, MAX_PAGES);
        String marker = null;
        do {
            CloudHttp.Request.Builder request = request("GET", region, "").query("limit", Integer.toString(PAGE_SIZE));
            for (String protocol : protocols) {
                request.query("protocol", protocol);
            }
            if (marker != null) {
                request.query("marker", marker);
            }
            Json.Listing page = Json.readListing(http().send(request.build()).body(), "ELB ListListeners",
                    "listeners", LISTENER_FIELDS, PAGE_INFO);
            for (Json.Fields item : page.items()) {
                Listener listener = listener(item::path);
                if (!listener.id().isEmpty()) {
                    found.add(listener);
                }
            }
            marker = pages.nextMarker(page.items().size(), page.top().path("page_info").path("next_marker")
                    .asText(null));
        } while (marker != null);
        return found;
    }

    /** {@code PUT /v3/{project_id}/elb/listeners/{id}} with {@code {"listener": fields}}. */
    CloudHttp.Response update(String region, String id, ObjectNode fields) {
        ObjectNode body = Json.object();
        body.set("listener", fields);
        // ElbMeta's UpdateListener: application/json;charset=UTF-8 (its reads: application/json).
        return http().send(request("PUT", region, "/" + id).header("Content-Type", "application/json;charset=UTF-8")
                .jsonBody(Json.write(body)).build());
    }

    /**
     * The certificates of these ids, as ELB describes them ({@code GET /v3/{project_id}/elb/certificates?id=..}),
     * by id; an id ELB does not list is described by its id alone.
     */
    Map<String, BoundCertificate> certificates(String region, Set<String> ids) {
        Map<String, BoundCertificate> found = new LinkedHashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_CALL) {
            CloudHttp.Request.Builder request = CloudHttp.Request.builder("GET", context.endpoint(Elb.SERVICE, region),
                    "/v3/" + context.projectId(region) + "/elb/certificates").projectId(context.projectId(region));
            List<String> chunk = all.subList(from, Math.min(from + IDS_PER_CALL, all.size()));
            request.query("limit", Integer.toString(chunk.size()));
            chunk.forEach(id -> request.query("id", id));
            Json.Listing page = Json.readListing(http().send(request.build()).body(), "ELB list certificates",
                    "certificates", CERTIFICATE_FIELDS, List.of());
            for (Json.Fields item : page.items()) {
                String id = item.path("id").asText("");
                if (ids.contains(id)) {
                    found.put(id, new BoundCertificate(id, item.path("name").asText(null),
                            RemotePem.leafFingerprint(item.path("certificate").asText(null)),
                            expiry(item.path("expire_time").asText(null)), domains(item)));
                }
            }
        }
        for (String id : all) {
            found.putIfAbsent(id, BoundCertificate.ofId(id));
        }
        return found;
    }

    private CloudHttp.Request.Builder request(String method, String region, String tail) {
        String projectId = context.projectId(region);
        return CloudHttp.Request.builder(method, context.endpoint(Elb.SERVICE, region),
                "/v3/" + projectId + "/elb/listeners" + tail).projectId(projectId);
    }

    private static Listener listener(Function<String, JsonNode> field) {
        List<String> sni = new ArrayList<>();
        for (JsonNode ref : field.apply("sni_container_refs")) {
            if (ref.isTextual() && !ref.asText().isEmpty()) {
                sni.add(ref.asText());
            }
        }
        return new Listener(field.apply("id").asText(""), field.apply("protocol").asText(""),
                text(field.apply("default_tls_container_ref")), sni, text(field.apply("client_ca_tls_container_ref")));
    }

    /** The names ELB matches SNI on: its {@code domain} field, else the certificate's SANs. */
    private static List<String> domains(Json.Fields certificate) {
        List<String> domains = new ArrayList<>();
        String domain = certificate.path("domain").asText("");
        if (!domain.isBlank()) {
            for (String name : domain.split(",")) {
                if (!name.isBlank()) {
                    domains.add(name.trim());
                }
            }
            return domains;
        }
        for (JsonNode san : certificate.path("subject_alternative_names")) {
            domains.add(san.asText());
        }
        return domains;
    }

    private static @Nullable String text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static @Nullable Instant expiry(@Nullable String expireTime) {
        if (expireTime == null) {
            return null;
        }
        try {
            return Instant.parse(expireTime);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
