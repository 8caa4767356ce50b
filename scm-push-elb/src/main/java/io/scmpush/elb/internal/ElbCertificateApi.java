package io.scmpush.elb.internal;

import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.support.JsonListing;
import io.scmpush.spi.support.JsonObject;
import io.scmpush.spi.support.JsonValue;
import io.scmpush.spi.support.RemotePem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The ELB v3 certificate API, project-scoped ({@code X-Project-Id}): list by name (every page), list by id
 * (the certificates listeners reference), and create.
 */
final class ElbCertificateApi {
    /**
     * Certificates per page. ELB allows up to 2000, but every entry carries its PEM chain (up to 64 KiB,
     * and its key too where the account turned private-key echo on), so 100 keeps a page to a few
     * megabytes at worst; filtered by name, a second page is rare. A listing that goes on fails with
     * {@code TOO_MANY_PAGES}, one whose marker repeats with {@code PAGINATION_LOOP}.
     */
    static final int PAGE_SIZE = 100;
    /** Certificate ids per list call: each is a query parameter, and the URL must stay short. */
    static final int IDS_PER_CALL = 40;
    /** What a push reads of a list page: the rest of each certificate, and of the page, is skipped. */
    private static final List<String> LISTED_FIELDS = List.of("id", "name", "certificate", "expire_time");
    /** What a binding reads of a referenced certificate. */
    private static final List<String> REFERENCED_FIELDS = List.of("id", "name", "certificate", "expire_time",
            "domain", "subject_alternative_names");

    private final ElbCalls calls;

    ElbCertificateApi(ElbCalls calls) {
        this.calls = calls;
    }

    CloudHttp http() {
        return calls.http();
    }

    /**
     * {@code GET /v3/{project_id}/elb/certificates?limit&name&type[&enterprise_project_id]}, every page.
     * Fingerprints are computed from each returned PEM: the service's own {@code fingerprint} has no
     * documented format.
     */
    List<RemoteCertificate> list(String region, String name, String type, @Nullable String enterpriseProjectId) {
        List<RemoteCertificate> found = new ArrayList<>();
        calls.list("ELB list certificates in " + region, marker -> {
            CloudHttp.Request.Builder request = calls.request("GET", region, "certificates")
                    .query("limit", Integer.toString(PAGE_SIZE))
                    .query("name", name)
                    .query("type", type);
            if (enterpriseProjectId != null) {
                request.query("enterprise_project_id", enterpriseProjectId);
            }
            if (marker != null) {
                request.query("marker", marker);
            }
            return request.build();
        }, "ELB list certificates", "certificates", LISTED_FIELDS, certificate -> {
            String id = certificate.path("id").asText("");
            if (!id.isEmpty()) {
                found.add(new RemoteCertificate(id, certificate.path("name").asText(""),
                        RemotePem.leafFingerprint(certificate.path("certificate").asTextOrNull()),
                        ElbCalls.expiry(certificate.path("expire_time").asTextOrNull())));
            }
        });
        return found;
    }

    /**
     * The certificates of these ids, as ELB describes them ({@code GET /v3/{project_id}/elb/certificates?id=..}),
     * by id; an id ELB does not list is described by its id alone.
     */
    Map<String, BoundCertificate> byId(String region, Set<String> ids) {
        Map<String, BoundCertificate> found = new LinkedHashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_CALL) {
            CloudHttp.Request.Builder request = calls.request("GET", region, "certificates");
            List<String> chunk = all.subList(from, Math.min(from + IDS_PER_CALL, all.size()));
            request.query("limit", Integer.toString(chunk.size()));
            chunk.forEach(id -> request.query("id", id));
            JsonListing page = JsonListing.read(calls.http().send(request.build()).body(), "ELB list certificates",
                    "certificates", REFERENCED_FIELDS, List.of());
            for (JsonListing.Item item : page.items()) {
                String id = item.path("id").asText("");
                if (ids.contains(id)) {
                    found.put(id, new BoundCertificate(id, item.path("name").asTextOrNull(),
                            RemotePem.leafFingerprint(item.path("certificate").asTextOrNull()),
                            ElbCalls.expiry(item.path("expire_time").asTextOrNull()), domains(item)));
                }
            }
        }
        for (String id : all) {
            found.putIfAbsent(id, BoundCertificate.ofId(id));
        }
        return found;
    }

    /** {@code POST /v3/{project_id}/elb/certificates}, sent once (the transport retries only what is safe). */
    CloudHttp.Response create(String region, JsonObject body) {
        // The official definition of CreateCertificate says application/json;charset=UTF-8 (the others: application/json).
        return calls.http().send(calls.request("POST", region, "certificates").header("Content-Type", "application/json;charset=UTF-8")
                .jsonBody(body.toJson()).build());
    }

    /** The names ELB matches SNI on: its {@code domain} field, else the certificate's SANs. */
    private static List<String> domains(JsonListing.Item certificate) {
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
        for (JsonValue san : certificate.path("subject_alternative_names")) {
            domains.add(san.asText());
        }
        return domains;
    }
}
