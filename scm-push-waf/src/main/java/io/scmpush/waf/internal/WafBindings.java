package io.scmpush.waf.internal;

import io.scmpush.Binding;
import io.scmpush.CloudServiceException;
import io.scmpush.PushTarget;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.CloudHttp.Request;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.support.EnterpriseProject;
import io.scmpush.spi.support.IdempotentUpdate;
import io.scmpush.spi.support.JsonListing;
import io.scmpush.spi.support.JsonObject;
import io.scmpush.spi.support.JsonValue;
import io.scmpush.spi.support.PageGuard;
import io.scmpush.spi.support.RemotePem;
import io.scmpush.waf.Waf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds certificates to WAF protected hosts (huawei-api-wave2.md §2): cloud mode by
 * {@code PATCH /v1/{project_id}/waf/instance/{id}}, dedicated mode by
 * {@code PUT /v1/{project_id}/premium-waf/host/{id}}, each with exactly {@code certificateid} and
 * {@code certificatename} (WAF wants both for an HTTPS host). A host is read first (ShowHost,
 * ShowPremiumHost: the list items carry no certificate), and the certificate's name is read from the
 * certificate itself. Every call takes the target's enterprise project, when it names one.
 */
final class WafBindings {
    static final List<BindingKind> KINDS = List.of(BindingKind.server(Waf.HOST), BindingKind.server(Waf.PREMIUM_HOST));
    /** Hosts per list page: WAF's largest. */
    static final int PAGE_SIZE = 100;
    /** The most pages a host listing reads: 10 000 hosts, past any WAF edition's domain quota. */
    static final int MAX_PAGES = 100;
    private static final List<String> LISTED = List.of("id");
    private static final List<String> TOTAL = List.of("total");

    private final ProviderContext context;

    WafBindings(ProviderContext context) {
        this.context = context;
    }

    /** A host, as far as binding is concerned. */
    private record Host(String id, String hostname, @Nullable String certificateId, @Nullable String certificateName) {}

    Optional<BoundResource> read(PushTarget target, Binding binding) {
        String region = requireRegion(binding.region());
        boolean premium = binding.kind().equals(Waf.PREMIUM_HOST);
        return show(target, region, premium, binding.resource())
                .map(host -> describe(region, premium, host, certificates(target, region, List.of(host))));
    }

    List<BoundResource> find(PushTarget target, String region, @Nullable Set<String> certificateIds) {
        List<BoundResource> found = new ArrayList<>();
        for (boolean premium : new boolean[] {false, true}) {
            List<Host> matching = new ArrayList<>();
            for (String id : list(target, region, premium)) {
                Optional<Host> host = show(target, region, premium, id);
                if (host.isPresent() && host.get().certificateId() != null
                        && (certificateIds == null || certificateIds.contains(host.get().certificateId()))) {
                    matching.add(host.get());
                }
            }
            Map<String, BoundCertificate> certificates = certificates(target, region, matching);
            for (Host host : matching) {
                found.add(describe(region, premium, host, certificates));
            }
        }
        return found;
    }

    BindingChange bind(PushTarget target, Binding binding, String certificateId) {
        String region = requireRegion(binding.region());
        boolean premium = binding.kind().equals(Waf.PREMIUM_HOST);
        String name = certificate(target, region, certificateId).name();
        if (name == null) {
            throw CloudServiceException.builder(RuleCodes.RESOURCE_NOT_FOUND, "WAF in " + region + " shows certificate " + certificateId + " without a name")
                    .httpStatus(200).build();
        }
        return IdempotentUpdate.run(context.http(), () -> {
            Host host = show(target, region, premium, binding.resource()).orElseThrow(() ->
                    CloudServiceException.builder(RuleCodes.RESOURCE_NOT_FOUND, "WAF host " + binding.resource() + " in " + region + " no longer exists")
                            .httpStatus(404).build());
            if (certificateId.equals(host.certificateId())) {
                return null;
            }
            String body = JsonObject.create().put("certificateid", certificateId).put("certificatename", name)
                    .toJson();
            return new IdempotentUpdate.Update(host.certificateId(), () -> context.http().send(scoped(target,
                    request(premium ? "PUT" : "PATCH", region, hostPath(region, premium) + "/" + host.id()))
                    .jsonBody(body).build()));
        });
    }

    private Optional<Host> show(PushTarget target, String region, boolean premium, String id) {
        try {
            CloudHttp.Response response = context.http().send(scoped(target,
                    request("GET", region, hostPath(region, premium) + "/" + id)).build());
            JsonValue host = JsonValue.parse(response.body(), premium ? "WAF ShowPremiumHost" : "WAF ShowHost");
            return Optional.of(new Host(host.path("id").asText(id), host.path("hostname").asText(""),
                    text(host.path("certificateid")), text(host.path("certificatename"))));
        } catch (CloudServiceException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The ids of every host of one mode, every page, within {@link PageGuard}'s bounds. */
    private List<String> list(PushTarget target, String region, boolean premium) {
        List<String> ids = new ArrayList<>();
        PageGuard pages = new PageGuard((premium ? "WAF ListPremiumHost in " : "WAF ListHost in ") + region,
                MAX_PAGES);
        for (int page = 1; ; page++) {
            Request.Builder request = request("GET", region, hostPath(region, premium))
                    .query("page", Integer.toString(page)).query("pagesize", Integer.toString(PAGE_SIZE));
            JsonListing listing = JsonListing.read(context.http().send(scoped(target, request).build()).body(),
                    premium ? "WAF ListPremiumHost" : "WAF ListHost", "items", LISTED, TOTAL);
            for (JsonListing.Item item : listing.items()) {
                String id = item.path("id").asText("");
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
            JsonValue total = listing.top().path("total");
            boolean last = total.isNumber() ? (long) page * PAGE_SIZE >= total.asLong()
                    : listing.items().size() < PAGE_SIZE;
            if (!pages.more(listing.items().size(), !last)) {
                return ids;
            }
        }
    }

    /** {@code GET /v1/{project_id}/waf/certificate/{id}}: its name and body. */
    private BoundCertificate certificate(PushTarget target, String region, String id) {
        try {
            JsonValue certificate = JsonValue.parse(context.http().send(scoped(target,
                    request("GET", region, "/v1/" + context.projectId(region) + "/waf/certificate/" + id)).build())
                    .body(), "WAF ShowCertificate");
            return RemotePem.describe(id, text(certificate.path("name")), text(certificate.path("content")));
        } catch (CloudServiceException e) {
            if (e.httpStatus() == 404) {
                return BoundCertificate.ofId(id);
            }
            throw e;
        }
    }

    private Map<String, BoundCertificate> certificates(PushTarget target, String region, List<Host> hosts) {
        Map<String, BoundCertificate> certificates = new HashMap<>();
        for (Host host : hosts) {
            String id = host.certificateId();
            if (id != null && !certificates.containsKey(id)) {
                certificates.put(id, certificate(target, region, id));
            }
        }
        return certificates;
    }

    private static BoundResource describe(String region, boolean premium, Host host,
            Map<String, BoundCertificate> certificates) {
        Map<String, List<BoundCertificate>> references = new LinkedHashMap<>();
        String id = host.certificateId();
        references.put(premium ? Waf.PREMIUM_HOST : Waf.HOST, id == null ? List.of()
                : List.of(certificates.getOrDefault(id, new BoundCertificate(id, host.certificateName(), null, null,
                        List.of()))));
        return new BoundResource(Waf.SERVICE, region, host.id(), host.hostname().isEmpty() ? List.of()
                : List.of(host.hostname()), references);
    }

    private String hostPath(String region, boolean premium) {
        return "/v1/" + context.projectId(region) + (premium ? "/premium-waf/host" : "/waf/instance");
    }

    private Request.Builder request(String method, String region, String path) {
        return Request.builder(method, context.endpoint(Waf.SERVICE, region), path)
                .projectId(context.projectId(region));
    }

    private static Request.Builder scoped(PushTarget target, Request.Builder request) {
        String enterpriseProject = EnterpriseProject.of(target, "WAF"); // checked as the push checks it
        if (enterpriseProject != null) {
            request.query("enterprise_project_id", enterpriseProject);
        }
        return request;
    }

    private static @Nullable String text(JsonValue node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static String requireRegion(@Nullable String region) {
        if (region == null) {
            throw new IllegalArgumentException("WAF is regional: a binding needs a region, e.g. "
                    + "Waf.host(\"cn-north-4\", hostId)");
        }
        return region;
    }
}
