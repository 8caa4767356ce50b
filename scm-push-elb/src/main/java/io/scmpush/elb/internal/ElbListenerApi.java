package io.scmpush.elb.internal;

import io.scmpush.CloudServiceException;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.support.JsonObject;
import io.scmpush.spi.support.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The ELB v3 listener calls a binding makes (huawei-api-wave2.md §1), project-scoped: ShowListener,
 * ListListeners and UpdateListener with {@code {"listener":{...}}}.
 */
final class ElbListenerApi {
    /** Listeners per page: ELB allows 2000, but a page of a few hundred stays small. */
    static final int PAGE_SIZE = 500;
    private static final List<String> LISTENER_FIELDS = List.of("id", "protocol", "default_tls_container_ref",
            "sni_container_refs", "client_ca_tls_container_ref");

    private final ElbCalls calls;

    ElbListenerApi(ElbCalls calls) {
        this.calls = calls;
    }

    CloudHttp http() {
        return calls.http();
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
            JsonValue listener = JsonValue.parse(http().send(request("GET", region, "/" + id).build()).body(),
                    "ELB ShowListener").path("listener");
            return Optional.of(listener(listener::path));
        } catch (CloudServiceException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code GET /v3/{project_id}/elb/listeners?protocol=...}, every page. */
    List<Listener> list(String region, List<String> protocols) {
        List<Listener> found = new ArrayList<>();
        calls.list("ELB ListListeners in " + region, marker -> {
            CloudHttp.Request.Builder request = request("GET", region, "").query("limit", Integer.toString(PAGE_SIZE));
            for (String protocol : protocols) {
                request.query("protocol", protocol);
            }
            if (marker != null) {
                request.query("marker", marker);
            }
            return request.build();
        }, "ELB ListListeners", "listeners", LISTENER_FIELDS, item -> {
            Listener listener = listener(item::path);
            if (!listener.id().isEmpty()) {
                found.add(listener);
            }
        });
        return found;
    }

    /** {@code PUT /v3/{project_id}/elb/listeners/{id}} with {@code {"listener": fields}}. */
    CloudHttp.Response update(String region, String id, JsonObject fields) {
        JsonObject body = JsonObject.create();
        body.put("listener", fields);
        // ElbMeta's UpdateListener: application/json;charset=UTF-8 (its reads: application/json).
        return http().send(request("PUT", region, "/" + id).header("Content-Type", "application/json;charset=UTF-8")
                .jsonBody(body.toJson()).build());
    }

    private CloudHttp.Request.Builder request(String method, String region, String tail) {
        return calls.request(method, region, "listeners" + tail);
    }

    private static Listener listener(Function<String, JsonValue> field) {
        List<String> sni = new ArrayList<>();
        for (JsonValue ref : field.apply("sni_container_refs")) {
            if (ref.isTextual() && !ref.asText().isEmpty()) {
                sni.add(ref.asText());
            }
        }
        return new Listener(field.apply("id").asText(""), field.apply("protocol").asText(""),
                text(field.apply("default_tls_container_ref")), sni, text(field.apply("client_ca_tls_container_ref")));
    }

    private static @Nullable String text(JsonValue node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
