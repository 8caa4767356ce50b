package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.spi.RemoteCertificate;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * IAM's project list, {@code GET /v3/projects[?name={region}]}: the account has one project per region,
 * named after it (IAM's KeystoneListProjects), plus any added with {@link #addProject}. An unknown name gives
 * an empty list, as IAM does. And {@code GET /v3/auth/domains} (KeystoneListAuthDomains): the account the
 * caller's key belongs to.
 */
final class IamService implements EmulatedService {
    private final Supplier<URI> endpoint;

    /** @param endpoint the emulator's base URI, for the {@code links} IAM puts in its answers */
    IamService(Supplier<URI> endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String id() {
        return "iam";
    }

    /** Further projects named after a region, by region: their ids. */
    private final Map<String, List<String>> extraProjects = new ConcurrentHashMap<>();

    /** Adds another project named {@code region}: a lookup by that name then lists two. */
    String addProject(String region) {
        if (Account.projectId(region).isEmpty()) {
            throw new IllegalArgumentException("FakeHuaweiCloud has no region " + region);
        }
        String id = Account.newId();
        extraProjects.computeIfAbsent(region, r -> new CopyOnWriteArrayList<>()).add(id);
        return id;
    }

    @Override
    public ApiResponse handle(Call call) {
        if (!call.method().equals("GET")) {
            throw ApiError.noSuchApi();
        }
        if (call.resource().equals(List.of("auth", "domains"))) {
            return domains();
        }
        if (!call.resource().equals(List.of("projects"))) {
            throw ApiError.noSuchApi();
        }
        String name = call.param("name");
        String self = endpoint.get() + "/v3/projects";
        ObjectNode body = Json.object();
        ArrayNode projects = body.putArray("projects");
        for (String region : Account.REGIONS) {
            if (name == null || name.equals(region)) {
                List<String> ids = new ArrayList<>();
                ids.add(Account.projectId(region).orElseThrow());
                ids.addAll(extraProjects.getOrDefault(region, List.of()));
                for (String id : ids) {
                    ObjectNode project = projects.addObject().put("id", id).put("name", region)
                            .put("domain_id", Account.DOMAIN_ID).put("parent_id", Account.DOMAIN_ID)
                            .put("is_domain", false).put("enabled", true).put("description", "");
                    project.putObject("links").put("self", self + "/" + id);
                }
            }
        }
        body.putObject("links").put("self", self).putNull("next").putNull("previous");
        return ApiResponse.json(200, body);
    }

    /** {@code GET /v3/auth/domains}: the one account, as {@code KeystoneListAuthDomainsResponse} has it. */
    private ApiResponse domains() {
        ObjectNode body = Json.object();
        String self = endpoint.get() + "/v3/auth/domains";
        ObjectNode domain = body.putArray("domains").addObject().put("id", Account.DOMAIN_ID)
                .put("name", "fake-huawei-cloud-account").put("enabled", true).put("description", "");
        domain.putObject("links").put("self", endpoint.get() + "/v3/domains/" + Account.DOMAIN_ID);
        body.putObject("links").put("self", self).putNull("next").putNull("previous");
        return ApiResponse.json(200, body);
    }

    @Override
    public ApiError disabled(@Nullable String region) {
        throw new IllegalArgumentException("IAM cannot be disabled");
    }

    @Override
    public ApiError failure(int status) {
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
        return new ApiError(status, ErrorStyle.KEYSTONE, title, "The request could not be completed.");
    }

    @Override
    public List<RemoteCertificate> certificates(@Nullable String region) {
        throw new IllegalArgumentException("IAM holds no certificates");
    }
}
