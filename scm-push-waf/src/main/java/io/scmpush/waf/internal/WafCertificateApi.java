package io.scmpush.waf.internal;

import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.CloudHttp.Request;
import io.scmpush.spi.CloudHttp.Response;
import io.scmpush.spi.support.JsonListing;
import io.scmpush.spi.support.JsonObject;
import io.scmpush.spi.support.JsonValue;
import io.scmpush.spi.support.PageGuard;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The wire format of WAF's certificate API ({@code /v1/{project_id}/waf/certificate}) for one region,
 * project and enterprise project. Every call is project-scoped ({@code X-Project-Id}).
 */
final class WafCertificateApi {
    /** The largest page WAF serves. */
    static final int PAGE_SIZE = 100;
    /**
     * The most pages read: 10,000 certificates whose name contains the one pushed, far beyond any account.
     * A listing that goes on (a {@code total} that keeps growing) fails with {@code TOO_MANY_PAGES}.
     */
    static final int MAX_PAGES = 100;
    /** What a push reads of a list page: the rest of each item, and of the page, is skipped. */
    private static final List<String> LISTED_FIELDS = List.of("id", "name", "expire_time");
    private static final List<String> TOTAL = List.of("total");

    private final CloudHttp http;
    private final URI endpoint;
    private final String projectId;
    private final String region;
    private final @Nullable String enterpriseProjectId;

    WafCertificateApi(CloudHttp http, URI endpoint, String projectId, String region,
            @Nullable String enterpriseProjectId) {
        this.http = http;
        this.endpoint = endpoint;
        this.projectId = projectId;
        this.region = region;
        this.enterpriseProjectId = enterpriseProjectId;
    }

    String region() {
        return region;
    }

    /** A certificate as the list returns it: no body. */
    record Listed(String id, String name, @Nullable Instant expireTime) {}

    /**
     * Every certificate whose name contains {@code name}: WAF's {@code name} filter is a fuzzy match,
     * so the caller keeps the exact ones. Reads all pages, twice: {@code ListCertificates} answers
     * {@code host=false} (also its default) with the certificates bound to no protected domain only and
     * {@code host=true} with the bound ones only, so a copy is missed unless both are read.
     */
    List<Listed> listNamed(String name) {
        Map<String, Listed> all = new LinkedHashMap<>();
        List<String> hostValues = List.of("false", "true");
        // Both listings' first pages at once: a name seldom fills a page, so a push usually reads no more.
        List<Response> firstPages = http.sendAll(hostValues.stream().map(host -> page(name, host, 1)).toList());
        for (int listing = 0; listing < hostValues.size(); listing++) {
            String host = hostValues.get(listing);
            PageGuard pages = new PageGuard("WAF ListCertificates (host=" + host + ") in " + region, MAX_PAGES);
            for (int page = 1; ; page++) {
                Response response = page == 1 ? firstPages.get(listing) : http.send(page(name, host, page));
                JsonListing body = JsonListing.read(response.body(), "WAF ListCertificates", "items", LISTED_FIELDS,
                        TOTAL);
                List<JsonListing.Item> items = body.items();
                for (JsonListing.Item item : items) {
                    String id = item.path("id").asText("");
                    if (!id.isEmpty()) {
                        all.putIfAbsent(id, new Listed(id, item.path("name").asText(""),
                                epochMillis(item.path("expire_time"))));
                    }
                }
                // "total" counts every match; without it a short page is the last one.
                JsonValue total = body.top().path("total");
                boolean more = total.isNumber() ? (long) page * PAGE_SIZE < total.asLong() : items.size() >= PAGE_SIZE;
                if (!pages.more(items.size(), more)) {
                    break;
                }
            }
        }
        return new ArrayList<>(all.values());
    }

    private Request page(String name, String host, int page) {
        return scoped(request("GET", collection())
                .query("page", Integer.toString(page))
                .query("pagesize", Integer.toString(PAGE_SIZE))
                .query("name", name)
                .query("host", host));
    }

    /** The certificate body (leaf + chain PEM) WAF holds under {@code id}; null when it returns none. */
    @Nullable String content(String id) {
        Response response = http.send(scoped(request("GET", collection() + "/" + id)));
        JsonValue content = JsonValue.parse(response.body(), "WAF ShowCertificate").path("content");
        return content.isTextual() ? content.asText() : null;
    }

    /**
     * Sends the create once (the transport resends it only when it surely did not arrive); the body is
     * exactly {@code {name, content, key}}.
     */
    Response create(String name, String content, String key) {
        JsonObject body = JsonObject.create().put("name", name).put("content", content).put("key", key);
        return http.send(scoped(request("POST", collection()).jsonBody(body.toJson())));
    }

    private String collection() {
        return "/v1/" + projectId + "/waf/certificate";
    }

    private Request.Builder request(String method, String path) {
        return Request.builder(method, endpoint, path).projectId(projectId);
    }

    private Request scoped(Request.Builder request) {
        if (enterpriseProjectId != null) {
            request.query("enterprise_project_id", enterpriseProjectId);
        }
        return request.build();
    }

    private static @Nullable Instant epochMillis(JsonValue node) {
        return node.isIntegralNumber() ? Instant.ofEpochMilli(node.asLong()) : null; // epoch milliseconds
    }
}
