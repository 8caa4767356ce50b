package io.scmpush.elb.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import io.scmpush.elb.Elb;
import io.scmpush.internal.provider.Json;
import io.scmpush.internal.provider.PageGuard;
import io.scmpush.internal.provider.RemotePem;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.RemoteCertificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The ELB v3 certificate API, project-scoped ({@code X-Project-Id}): list every page, and create. */
final class ElbCertificateApi {
    /**
     * Certificates per page. ELB allows up to 2000, but every entry carries its PEM chain (up to 64 KiB,
     * and its key too where the account turned private-key echo on), so 100 keeps a page to a few
     * megabytes at worst; filtered by name, a second page is rare.
     */
    static final int PAGE_SIZE = 100;
    /**
     * The most pages read: 10,000 certificates named like the one pushed, far beyond any project. A listing
     * that goes on fails with {@code TOO_MANY_PAGES}, one whose marker repeats with {@code PAGINATION_LOOP}.
     */
    static final int MAX_PAGES = 100;
    /** What a push reads of a list page: the rest of each certificate, and of the page, is skipped. */
    private static final List<String> LISTED_FIELDS = List.of("id", "name", "certificate", "expire_time");
    private static final List<String> PAGE_INFO = List.of("page_info");

    private final ProviderContext context;

    ElbCertificateApi(ProviderContext context) {
        this.context = context;
    }

    /**
     * {@code GET /v3/{project_id}/elb/certificates?limit&name&type[&enterprise_project_id]}, following
     * {@code page_info.next_marker} until it is absent or a page comes back empty, within {@link PageGuard}'s
     * bounds. Fingerprints are
     * computed from each returned PEM: the service's own {@code fingerprint} has no documented format.
     */
    List<RemoteCertificate> list(String region, String name, String type, @Nullable String enterpriseProjectId) {
        List<RemoteCertificate> found = new ArrayList<>();
        PageGuard pages = new PageGuard("ELB list certificates in " + region, MAX_PAGES);
        String marker = null;
        do {
            CloudHttp.Request.Builder request = request("GET", region)
                    .query("limit", Integer.toString(PAGE_SIZE))
                    .query("name", name)
                    .query("type", type);
            if (enterpriseProjectId != null) {
                request.query("enterprise_project_id", enterpriseProjectId);
            }
            if (marker != null) {
                request.query("marker", marker);
            }
            Json.Listing page = Json.readListing(http().send(request.build()).body(), "ELB list certificates",
                    "certificates", LISTED_FIELDS, PAGE_INFO);
            for (Json.Fields certificate : page.items()) {
                String id = certificate.path("id").asText("");
                if (!id.isEmpty()) {
                    found.add(new RemoteCertificate(id, certificate.path("name").asText(""),
                            RemotePem.leafFingerprint(certificate.path("certificate").asText(null)),
                            expiry(certificate.path("expire_time").asText(null))));
                }
            }
            marker = pages.nextMarker(page.items().size(),
                    page.top().path("page_info").path("next_marker").asText(null));
        } while (marker != null);
        return found;
    }

    /** {@code POST /v3/{project_id}/elb/certificates}, sent once (the transport retries only what is safe). */
    CloudHttp.Response create(String region, ObjectNode body) {
        // The official definition of CreateCertificate says application/json;charset=UTF-8 (the others: application/json).
        return http().send(request("POST", region).header("Content-Type", "application/json;charset=UTF-8")
                .jsonBody(Json.write(body)).build());
    }

    /** Reads ELB's answer to a create, 201 (or 200) with {@code {"request_id","certificate":{"id","name",...}}}. */
    static Deployment created(CloudHttp.Response response, String name) {
        // Read as a stream: the answer echoes the certificate's PEM, and only its id and name are needed.
        @Nullable String[] created = Json.readTexts(response.body(), "ELB create certificate", "certificate", "id",
                "name");
        String id = created[0];
        if (id == null || id.isEmpty()) {
            throw CloudServiceException.builder(OutcomeCodes.MALFORMED_RESPONSE, "ELB create certificate answered " + response.status() + " without a certificate id")
                    .httpStatus(response.status()).requestId(response.requestId()).attempts(response.attempts())
                    .build();
        }
        return new Deployment(id, created[1] != null ? created[1] : name, response.requestId(), response.attempts());
    }

    CloudHttp http() {
        return context.http();
    }

    private CloudHttp.Request.Builder request(String method, String region) {
        String projectId = context.projectId(region);
        return CloudHttp.Request.builder(method, context.endpoint(Elb.SERVICE, region),
                "/v3/" + projectId + "/elb/certificates").projectId(projectId);
    }

    /** {@code expire_time} is {@code yyyy-MM-dd'T'HH:mm:ss'Z'} (UTC); anything else is an unknown expiry. */
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
