package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.internal.provider.Json;
import io.scmpush.spi.RemoteCertificate;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * IAM's project list, {@code GET /v3/projects[?name={region}]}: the account has one project per region,
 * named after it (IAM's KeystoneListProjects). An unknown name gives an empty list, as IAM does.
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

    @Override
    public ApiResponse handle(Call call) {
        if (!call.resource().isEmpty() || !call.method().equals("GET")) {
            throw ApiError.noSuchApi();
        }
        String name = call.param("name");
        String self = endpoint.get() + "/v3/projects";
        ObjectNode body = Json.object();
        ArrayNode projects = body.putArray("projects");
        for (String region : Account.REGIONS) {
            if (name == null || name.equals(region)) {
                String id = Account.projectId(region).orElseThrow();
                ObjectNode project = projects.addObject().put("id", id).put("name", region)
                        .put("domain_id", Account.DOMAIN_ID).put("parent_id", Account.DOMAIN_ID)
                        .put("is_domain", false).put("enabled", true).put("description", "");
                project.putObject("links").put("self", self + "/" + id);
            }
        }
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
