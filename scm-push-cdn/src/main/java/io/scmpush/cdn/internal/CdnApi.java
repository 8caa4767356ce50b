package io.scmpush.cdn.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.internal.provider.Json;
import io.scmpush.spi.CloudHttp;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The three Huawei Cloud CDN calls a push needs (Huawei Cloud CDN API reference), global and unscoped by project:
 * {@code ListDomains}, {@code ShowCertificatesHttpsInfo} and {@code UpdateDomainMultiCertificates}.
 * Error envelopes, in error statuses or in a 200 body, are the transport's: they arrive here as
 * {@link io.scmpush.CloudServiceException}.
 */
final class CdnApi {
    /** The largest page both listings accept. */
    static final int PAGE_SIZE = 10_000;
    /** The most domains one {@code UpdateDomainMultiCertificates} call accepts. */
    static final int MAX_DOMAINS_PER_CALL = 50;

    private static final int MAX_PAGES = 65_535; // page_number's upper bound
    /**
     * Statuses in which CDN lets a domain's configuration change (its console guide: "online" or
     * "configuring", and neither locked nor banned); a domain is {@code configuring} for a few minutes
     * after every change, our own push included. Not usable: {@code offline} (disabled),
     * {@code configure_failed}, {@code checking}, {@code check_failed}, {@code deleting}; nor a domain
     * that is banned ({@code disabled=1}) or locked ({@code locked=1}).
     */
    private static final Set<String> USABLE_STATUSES = Set.of("online", "configuring");

    /** What a push reads of each listing and answer: the rest is skipped. */
    private static final List<String> DOMAIN_FIELDS = List.of("domain_name", "domain_status", "disabled", "locked");
    private static final List<String> HTTPS_FIELDS = List.of("domain_name", "cert_name", "certificate",
            "expiration_time");
    private static final List<String> RESULT_FIELDS = List.of("domain_name", "status", "reason", "error_code");
    private static final List<String> TOTAL = List.of("total");
    private static final List<String> STATUS = List.of("status");

    private final CloudHttp http;
    private final URI endpoint;

    CdnApi(CloudHttp http, URI endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    /** A domain's current HTTPS certificate, as {@code ShowCertificatesHttpsInfo} lists it. */
    record HttpsBinding(String domain, String certificateName, @Nullable String certificatePem,
            @Nullable Instant expiry) {}

    /** A domain {@code UpdateDomainMultiCertificates} did not configure, and the service's reason. */
    record DomainFailure(String domain, String reason, @Nullable String errorCode) {}

    /** What one {@code UpdateDomainMultiCertificates} call did. */
    record BatchResult(List<DomainFailure> failures, @Nullable String requestId, int attempts) {}

    /** {@code GET /v1.0/cdn/domains}, every page: the names of the usable acceleration domains. */
    List<String> accelerationDomains(@Nullable String enterpriseProjectId) {
        List<String> domains = new ArrayList<>();
        forEachItem("/v1.0/cdn/domains", "domains", DOMAIN_FIELDS, enterpriseProjectId, domain -> {
            String name = domain.path("domain_name").asText("");
            if (!name.isBlank() && isUsable(domain)) {
                domains.add(name);
            }
        });
        return domains;
    }

    /** {@code GET /v1.0/cdn/domains/https-certificate-info}, every page: each domain's certificate. */
    List<HttpsBinding> httpsBindings(@Nullable String enterpriseProjectId) {
        List<HttpsBinding> bindings = new ArrayList<>();
        String path = "/v1.0/cdn/domains/https-certificate-info";
        forEachItem(path, "https", HTTPS_FIELDS, enterpriseProjectId, https -> {
            String name = https.path("cert_name").asText("");
            if (!name.isBlank()) {
                bindings.add(new HttpsBinding(https.path("domain_name").asText(""), name,
                        textOrNull(https.path("certificate")), epoch(https.path("expiration_time"))));
            }
        });
        return bindings;
    }

    /**
     * {@code PUT /v1.0/cdn/domains/config-https-info}: sets an own (not SCM-hosted) certificate on at
     * most {@link #MAX_DOMAINS_PER_CALL} domains and turns HTTPS on. Overwrites their current
     * certificate, so sending it again is harmless.
     */
    BatchResult setCertificate(List<String> domains, String certificateName, String certificatePem,
            String privateKeyPem, @Nullable String enterpriseProjectId) {
        if (domains.isEmpty() || domains.size() > MAX_DOMAINS_PER_CALL) {
            throw new IllegalArgumentException("1 to " + MAX_DOMAINS_PER_CALL + " domains per call, was " + domains.size());
        }
        ObjectNode https = Json.object();
        https.put("domain_name", String.join(",", domains));
        https.put("https_switch", 1);
        https.put("cert_name", certificateName);
        https.put("certificate", certificatePem);
        https.put("private_key", privateKeyPem);
        https.put("certificate_type", 0);
        ObjectNode body = Json.object();
        body.set("https", https);
        CloudHttp.Request.Builder request = CloudHttp.Request.builder("PUT", endpoint,
                "/v1.0/cdn/domains/config-https-info").jsonBody(Json.write(body)).idempotent(true);
        if (enterpriseProjectId != null) {
            request.query("enterprise_project_id", enterpriseProjectId);
        }
        CloudHttp.Response response = http.send(request.build());
        // Read as a stream: the answer may echo the certificate's PEM, and only the results are needed.
        Json.Listing answer = Json.readListing(response.body(), "CDN UpdateDomainMultiCertificates", "result",
                RESULT_FIELDS, STATUS);
        return new BatchResult(failures(answer, domains), response.requestId(), response.attempts());
    }

    /**
     * The domains the response reports as failed: each {@code result} entry whose {@code status} is not
     * {@code success}; or, when the call as a whole says {@code fail} without naming any, every domain.
     */
    private static List<DomainFailure> failures(Json.Listing response, List<String> domains) {
        List<DomainFailure> failures = new ArrayList<>();
        for (Json.Fields result : response.items()) {
            if (!"success".equalsIgnoreCase(result.path("status").asText("success"))) {
                failures.add(new DomainFailure(result.path("domain_name").asText("?"),
                        result.path("reason").asText("no reason given"), textOrNull(result.path("error_code"))));
            }
        }
        if (failures.isEmpty() && "fail".equalsIgnoreCase(response.top().path("status").asText(""))) {
            domains.forEach(domain -> failures.add(new DomainFailure(domain, "the call reported status 'fail'", null)));
        }
        return failures;
    }

    /** Reads every page of a listing: {@code page_size} at its largest, {@code page_number} from 1. */
    private void forEachItem(String path, String itemsField, List<String> itemFields,
            @Nullable String enterpriseProjectId, Consumer<Json.Fields> each) {
        int seen = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            CloudHttp.Request.Builder request = CloudHttp.Request.builder("GET", endpoint, path)
                    .query("page_size", String.valueOf(PAGE_SIZE))
                    .query("page_number", String.valueOf(page));
            if (enterpriseProjectId != null) {
                request.query("enterprise_project_id", enterpriseProjectId);
            }
            Json.Listing body = Json.readListing(http.send(request.build()).body(), "CDN " + path, itemsField,
                    itemFields, TOTAL);
            List<Json.Fields> items = body.items();
            items.forEach(each);
            seen += items.size();
            // The last page: nothing on it, all of `total` seen, or (without a total) a short page.
            JsonNode total = body.top().path("total");
            boolean more = total.canConvertToInt() ? seen < total.asInt() : items.size() == PAGE_SIZE;
            if (items.isEmpty() || !more) {
                return;
            }
        }
    }

    private static boolean isUsable(Json.Fields domain) {
        return USABLE_STATUSES.contains(domain.path("domain_status").asText(""))
                && domain.path("disabled").asInt(0) != 1 && domain.path("locked").asInt(0) != 1;
    }

    /**
     * An epoch time as the service sends it: milliseconds (its convention elsewhere, e.g. a domain's
     * {@code create_time}); a value too small to be milliseconds of this era is read as seconds.
     */
    private static @Nullable Instant epoch(JsonNode value) {
        if (!(value.isNumber() || value.isTextual()) || value.asLong(0) <= 0) {
            return null;
        }
        long time = value.asLong();
        return time < 100_000_000_000L ? Instant.ofEpochSecond(time) : Instant.ofEpochMilli(time);
    }

    private static @Nullable String textOrNull(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
