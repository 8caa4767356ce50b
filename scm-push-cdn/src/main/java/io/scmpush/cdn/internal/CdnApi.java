package io.scmpush.cdn.internal;

import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.support.JsonListing;
import io.scmpush.spi.support.JsonObject;
import io.scmpush.spi.support.JsonValue;
import io.scmpush.spi.support.PageGuard;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The Huawei Cloud CDN calls a push needs (huawei-api.md §4, huawei-api-wave2.md §3), global and unscoped
 * by project: {@code ListDomains}, {@code ShowCertificatesHttpsInfo}, {@code ShowDomainFullConfig} and
 * {@code UpdateDomainMultiCertificates}.
 * Error envelopes, in error statuses or in a 200 body, are the transport's: they arrive here as
 * {@link io.scmpush.CloudServiceException}.
 */
final class CdnApi {
    /** The largest page both listings accept. */
    static final int PAGE_SIZE = 10_000;
    /** The most domains one {@code UpdateDomainMultiCertificates} call accepts. */
    static final int MAX_DOMAINS_PER_CALL = 50;
    /**
     * The most domain settings read at once: over HTTP/1.1 each is a connection of its own, so a push to many
     * domains opens a handful, not hundreds.
     */
    static final int SETTINGS_AT_ONCE = 8;
    private static final String DOMAINS = "/v1.0/cdn/domains";
    private static final String HTTPS_INFO = "/v1.0/cdn/domains/https-certificate-info";

    /**
     * The most pages read: a million domains, far beyond any account (page_number itself may go to 65,535).
     * A listing that goes on (a {@code total} that keeps growing) fails with {@code TOO_MANY_PAGES}.
     */
    static final int MAX_PAGES = 100;
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
    private final @Nullable String siteRegion;

    /**
     * @param siteRegion the region id of the site ({@code eu-west-101} for the EU site); null for the
     *     international one. Every call is domain-scoped: it carries the account id, looked up at that site's
     *     IAM when the credentials have none.
     */
    CdnApi(CloudHttp http, URI endpoint, @Nullable String siteRegion) {
        this.http = http;
        this.endpoint = endpoint;
        this.siteRegion = siteRegion;
    }

    /** A domain's current HTTPS certificate, as {@code ShowCertificatesHttpsInfo} lists it. */
    record HttpsBinding(String domain, String certificateName, @Nullable String certificatePem,
            @Nullable Instant expiry) {}

    /**
     * The settings {@code UpdateDomainMultiCertificates} resets to its defaults when a call omits them
     * (huawei-api-wave2.md §3.5: origin protocol HTTP, no forced redirect, no HTTP/2), as the call
     * spells them. Domains with equal settings share a call.
     *
     * @param accessOriginWay 1 follow the client's protocol, 2 HTTP, 3 HTTPS
     * @param forceRedirect 1 on, 0 off
     * @param redirectType {@code http} or {@code https} when the redirect is on; null when off
     * @param http2 1 on, 0 off
     */
    record HttpsSettings(int accessOriginWay, int forceRedirect, @Nullable String redirectType, int http2) {}

    /** A domain {@code UpdateDomainMultiCertificates} did not configure, and the service's reason. */
    record DomainFailure(String domain, String reason, @Nullable String errorCode) {}

    /** What one {@code UpdateDomainMultiCertificates} call did. */
    record BatchResult(List<DomainFailure> failures, @Nullable String requestId, int attempts) {}

    /** The usable acceleration domains and each domain's certificate, as one moment's two listings show them. */
    record Listings(List<String> domains, List<HttpsBinding> bindings) {}

    /** {@link #accelerationDomains} and {@link #httpsBindings}, their first pages read at once. */
    Listings listings(@Nullable String enterpriseProjectId) {
        List<CloudHttp.Response> first = http.sendAll(List.of(page(DOMAINS, 1, enterpriseProjectId),
                page(HTTPS_INFO, 1, enterpriseProjectId)));
        return new Listings(accelerationDomains(first.get(0), enterpriseProjectId),
                httpsBindings(first.get(1), enterpriseProjectId));
    }

    /** {@code GET /v1.0/cdn/domains}, every page: the names of the usable acceleration domains. */
    List<String> accelerationDomains(@Nullable String enterpriseProjectId) {
        return accelerationDomains(null, enterpriseProjectId);
    }

    private List<String> accelerationDomains(CloudHttp.@Nullable Response firstPage,
            @Nullable String enterpriseProjectId) {
        List<String> domains = new ArrayList<>();
        forEachItem(DOMAINS, "domains", DOMAIN_FIELDS, enterpriseProjectId, firstPage, domain -> {
            String name = domain.path("domain_name").asText("");
            if (!name.isBlank() && isUsable(domain)) {
                domains.add(name);
            }
        });
        return domains;
    }

    /** {@code GET /v1.0/cdn/domains/https-certificate-info}, every page: each domain's certificate. */
    List<HttpsBinding> httpsBindings(@Nullable String enterpriseProjectId) {
        return httpsBindings(null, enterpriseProjectId);
    }

    private List<HttpsBinding> httpsBindings(CloudHttp.@Nullable Response firstPage,
            @Nullable String enterpriseProjectId) {
        List<HttpsBinding> bindings = new ArrayList<>();
        forEachItem(HTTPS_INFO, "https", HTTPS_FIELDS, enterpriseProjectId, firstPage, https -> {
            String name = https.path("cert_name").asText("");
            if (!name.isBlank()) {
                bindings.add(new HttpsBinding(https.path("domain_name").asText(""), name,
                        textOrNull(https.path("certificate")), epoch(https.path("expiration_time"))));
            }
        });
        return bindings;
    }

    /**
     * Each domain's certificate, and the answers to reading the settings of {@code domains}: the two reads a
     * write makes once it knows its domains, sent together. With {@link #SETTINGS_AT_ONCE} domains or more,
     * only the certificates are read, and {@code settingsAnswers} is empty.
     */
    record BeforeWrite(List<HttpsBinding> bindings, Map<String, CloudHttp.Response> settingsAnswers) {}

    /** See {@link BeforeWrite}. */
    BeforeWrite beforeWrite(List<String> domains, @Nullable String enterpriseProjectId) {
        if (domains.size() >= SETTINGS_AT_ONCE) {
            return new BeforeWrite(httpsBindings(enterpriseProjectId), Map.of());
        }
        List<CloudHttp.Request> requests = new ArrayList<>(domains.size() + 1);
        requests.add(page(HTTPS_INFO, 1, enterpriseProjectId));
        domains.forEach(domain -> requests.add(settingsRequest(domain, enterpriseProjectId)));
        List<CloudHttp.Response> responses = http.sendAll(requests);
        Map<String, CloudHttp.Response> settingsAnswers = new HashMap<>();
        for (int i = 0; i < domains.size(); i++) {
            settingsAnswers.put(domains.get(i), responses.get(i + 1));
        }
        return new BeforeWrite(httpsBindings(responses.get(0), enterpriseProjectId), settingsAnswers);
    }

    /**
     * {@link #settings(String, String)} of several domains: from {@code answered} where it holds the domain's
     * answer, else read, up to {@link #SETTINGS_AT_ONCE} at once.
     *
     * @return each domain's settings, in the order of {@code domains}
     */
    List<HttpsSettings> settings(List<String> domains, @Nullable String enterpriseProjectId,
            Map<String, CloudHttp.Response> answered) {
        List<String> toRead = domains.stream().filter(domain -> !answered.containsKey(domain)).toList();
        Map<String, CloudHttp.Response> answers = new HashMap<>(answered);
        for (int from = 0; from < toRead.size(); from += SETTINGS_AT_ONCE) {
            List<String> group = toRead.subList(from, Math.min(from + SETTINGS_AT_ONCE, toRead.size()));
            List<CloudHttp.Response> responses = http.sendAll(group.stream()
                    .map(domain -> settingsRequest(domain, enterpriseProjectId)).toList());
            for (int i = 0; i < group.size(); i++) {
                answers.put(group.get(i), responses.get(i));
            }
        }
        return domains.stream().map(domain -> settings(domain, Objects.requireNonNull(answers.get(domain))))
                .toList();
    }

    /**
     * {@code GET /v1.1/cdn/configuration/domains/{domain_name}/configs} ({@code ShowDomainFullConfig}):
     * the domain's origin protocol ({@code configs.origin_protocol}, default {@code http}), forced redirect
     * ({@code configs.force_redirect}, default off) and HTTP/2 ({@code configs.https.http2_status}, default
     * off), as {@code UpdateDomainMultiCertificates} spells them.
     *
     * @throws CloudServiceException {@code CDN_SETTINGS_UNREADABLE} when a value is one the call cannot
     *     express (an unknown origin protocol or redirect type, a redirect code other than 301): the domain is
     *     then left alone rather than changed
     */
    HttpsSettings settings(String domain, @Nullable String enterpriseProjectId) {
        return settings(domain, http.send(settingsRequest(domain, enterpriseProjectId)));
    }

    private CloudHttp.Request settingsRequest(String domain, @Nullable String enterpriseProjectId) {
        CloudHttp.Request.Builder request = CloudHttp.Request.builder("GET", endpoint,
                "/v1.1/cdn/configuration/domains/" + domain + "/configs").domainScoped(siteRegion);
        if (enterpriseProjectId != null) {
            request.query("enterprise_project_id", enterpriseProjectId);
        }
        return request.build();
    }

    private static HttpsSettings settings(String domain, CloudHttp.Response response) {
        JsonValue configs = JsonValue.parse(response.body(), "CDN ShowDomainFullConfig").path("configs");
        String origin = configs.path("origin_protocol").asText("http");
        int accessOriginWay = switch (origin) {
            case "follow" -> 1;
            case "http", "" -> 2;
            case "https" -> 3;
            default -> throw unreadable(domain, "origin_protocol '" + origin + "'", response);
        };
        JsonValue redirect = configs.path("force_redirect");
        int forceRedirect = 0;
        String redirectType = null;
        if ("on".equals(redirect.path("status").asText("off"))) {
            redirectType = redirect.path("type").asText("");
            if (!redirectType.equals("http") && !redirectType.equals("https")) {
                throw unreadable(domain, "force_redirect type '" + redirectType + "'", response);
            }
            // The write's force_redirect_config has no redirect code: only the default, 301, is provably kept.
            int code = redirect.path("redirect_code").asInt(301);
            if (code != 301) {
                throw unreadable(domain, "a forced redirect with code " + code, response);
            }
            forceRedirect = 1;
        }
        int http2 = "on".equals(configs.path("https").path("http2_status").asText("off")) ? 1 : 0;
        return new HttpsSettings(accessOriginWay, forceRedirect, redirectType, http2);
    }

    private static CloudServiceException unreadable(String domain, String what, CloudHttp.Response response) {
        return CloudServiceException.builder(OutcomeCodes.CDN_SETTINGS_UNREADABLE, "CDN domain " + domain + " has " + what + ", which setting a certificate cannot keep; nothing was written to it")
                .httpStatus(response.status()).requestId(response.requestId()).attempts(response.attempts()).build();
    }

    /**
     * {@code PUT /v1.0/cdn/domains/config-https-info}: sets an own (not SCM-hosted) certificate on at
     * most {@link #MAX_DOMAINS_PER_CALL} domains and turns HTTPS on. Overwrites their current
     * certificate, so sending it again is harmless.
     *
     * <p>The call resets what it is not sent: an omitted {@code access_origin_way} means HTTP pulls, an
     * omitted {@code force_redirect_config} no redirect, an omitted {@code http2} HTTP/2 off
     * (huawei-api-wave2.md §3.5). So every call sends all three, with the values the domains have now
     * ({@link #settings}): the only way this call provably leaves them as they are. The deprecated
     * {@code force_redirect_https} is not sent; {@code force_redirect_config} replaces it.
     */
    BatchResult setCertificate(List<String> domains, HttpsSettings settings, String certificateName,
            String certificatePem, String privateKeyPem, @Nullable String scmCertificateId,
            @Nullable String enterpriseProjectId) {
        if (domains.isEmpty() || domains.size() > MAX_DOMAINS_PER_CALL) {
            throw new IllegalArgumentException("1 to " + MAX_DOMAINS_PER_CALL + " domains per call, was " + domains.size());
        }
        JsonObject https = JsonObject.create();
        https.put("domain_name", String.join(",", domains));
        https.put("https_switch", 1);
        https.put("access_origin_way", settings.accessOriginWay());
        JsonObject redirect = https.putObject("force_redirect_config").put("switch", settings.forceRedirect());
        if (settings.redirectType() != null) {
            redirect.put("redirect_type", settings.redirectType());
        }
        https.put("http2", settings.http2());
        https.put("cert_name", certificateName);
        https.put("certificate", certificatePem);
        https.put("private_key", privateKeyPem);
        if (scmCertificateId != null) {
            // An SCM certificate (certificate_type 2) names its SCM id; CDN still needs the content and key.
            https.put("certificate_type", 2);
            https.put("scm_certificate_id", scmCertificateId);
        } else {
            https.put("certificate_type", 0);
        }
        JsonObject body = JsonObject.create();
        body.put("https", https);
        CloudHttp.Request.Builder request = CloudHttp.Request.builder("PUT", endpoint,
                "/v1.0/cdn/domains/config-https-info").jsonBody(body.toJson()).idempotent(true)
                .domainScoped(siteRegion);
        if (enterpriseProjectId != null) {
            request.query("enterprise_project_id", enterpriseProjectId);
        }
        CloudHttp.Response response = http.send(request.build());
        // Read as a stream: the answer may echo the certificate's PEM, and only the results are needed.
        JsonListing answer = JsonListing.read(response.body(), "CDN UpdateDomainMultiCertificates", "result",
                RESULT_FIELDS, STATUS);
        return new BatchResult(failures(answer, domains), response.requestId(), response.attempts());
    }

    /**
     * The domains the response reports as failed: each {@code result} entry whose {@code status} is not
     * {@code success}; or, when the call as a whole says {@code fail} without naming any, every domain.
     */
    private static List<DomainFailure> failures(JsonListing response, List<String> domains) {
        List<DomainFailure> failures = new ArrayList<>();
        for (JsonListing.Item result : response.items()) {
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

    /**
     * Reads every page of a listing: {@code page_size} at its largest, {@code page_number} from 1.
     *
     * @param firstPage page 1 when it has been read already, else null
     */
    private void forEachItem(String path, String itemsField, List<String> itemFields,
            @Nullable String enterpriseProjectId, CloudHttp.@Nullable Response firstPage,
            Consumer<JsonListing.Item> each) {
        int seen = 0;
        PageGuard pages = new PageGuard("CDN " + path, MAX_PAGES);
        for (int page = 1; ; page++) {
            CloudHttp.Response response = page == 1 && firstPage != null ? firstPage
                    : http.send(page(path, page, enterpriseProjectId));
            JsonListing body = JsonListing.read(response.body(), "CDN " + path, itemsField, itemFields, TOTAL);
            List<JsonListing.Item> items = body.items();
            items.forEach(each);
            seen += items.size();
            // The last page: nothing on it, all of `total` seen, or (without a total) a short page.
            JsonValue total = body.top().path("total");
            boolean more = total.canConvertToInt() ? seen < total.asInt() : items.size() == PAGE_SIZE;
            if (!pages.more(items.size(), more)) {
                return;
            }
        }
    }

    private CloudHttp.Request page(String path, int page, @Nullable String enterpriseProjectId) {
        CloudHttp.Request.Builder request = CloudHttp.Request.builder("GET", endpoint, path)
                .domainScoped(siteRegion)
                .query("page_size", String.valueOf(PAGE_SIZE))
                .query("page_number", String.valueOf(page));
        if (enterpriseProjectId != null) {
            request.query("enterprise_project_id", enterpriseProjectId);
        }
        return request.build();
    }

    private static boolean isUsable(JsonListing.Item domain) {
        return USABLE_STATUSES.contains(domain.path("domain_status").asText(""))
                && domain.path("disabled").asInt(0) != 1 && domain.path("locked").asInt(0) != 1;
    }

    /**
     * An epoch time as the service sends it: milliseconds (its convention elsewhere, e.g. a domain's
     * {@code create_time}); a value too small to be milliseconds of this era is read as seconds.
     */
    private static @Nullable Instant epoch(JsonValue value) {
        if (!(value.isNumber() || value.isTextual()) || value.asLong(0) <= 0) {
            return null;
        }
        long time = value.asLong();
        return time < 100_000_000_000L ? Instant.ofEpochSecond(time) : Instant.ofEpochMilli(time);
    }

    private static @Nullable String textOrNull(JsonValue value) {
        return value.isMissing() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
