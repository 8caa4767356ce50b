package io.scmpush.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.scmpush.CloudServiceException;
import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.OutcomeCodes;
import io.scmpush.spi.CloudHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Project ids per region: configured, else {@code GET /v3/projects?name={region}} on the region's IAM
 * endpoint ({@link Endpoints#iam(String)}), cached. Like the official SDK, a lookup must find exactly one
 * project: more than one is refused ({@code PROJECT_AMBIGUOUS}) rather than guessed.
 *
 * <p>Concurrent callers for one region share a single lookup; a failed lookup (an {@link Error} too)
 * is passed to every caller waiting for it and is not cached, so a later call tries again. Thread-safe.
 */
public final class ProjectResolver {
    private final CloudHttp http;
    private final Endpoints endpoints;
    private final Map<String, String> configured;
    private final SharedLookups<String, String> resolved = new SharedLookups<>();

    public ProjectResolver(CloudHttp http, Endpoints endpoints, Map<String, String> configured) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        Map<String, String> copy = new HashMap<>();
        configured.forEach((region, projectId) -> {
            if (projectId == null || projectId.isBlank()) {
                throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT, "The project id for " + region + " is empty");
            }
            copy.put(Endpoints.checkedId(region, "region"), projectId);
        });
        this.configured = Map.copyOf(copy);
    }

    /**
     * @throws io.scmpush.ConfigurationException {@code NO_PROJECT} when the account has no project in the
     *     region, {@code PROJECT_AMBIGUOUS} when IAM lists more than one, {@code INVALID_ARGUMENT} for a
     *     malformed region id
     * @throws io.scmpush.CloudServiceException when IAM cannot be asked
     */
    public String projectId(String region) {
        Endpoints.checkedId(region, "region");
        String known = configured.get(region);
        if (known != null) {
            return known;
        }
        return resolved.get(region, this::lookUp);
    }

    private String lookUp(String region) {
        CloudHttp.Response response = http.send(
                CloudHttp.Request.builder("GET", endpoints.iam(region), "/v3/projects").query("name", region).build());
        JsonNode projects;
        try {
            projects = ErrorEnvelope.JSON.readTree(response.body()).path("projects");
        } catch (IOException e) {
            throw CloudServiceException.builder(OutcomeCodes.PROJECT_LOOKUP_FAILED, "IAM answered GET /v3/projects?name=" + region + " with a body that is not JSON")
                    .httpStatus(response.status()).requestId(response.requestId()).attempts(response.attempts())
                    .cause(e).build();
        }
        List<String> ids = new ArrayList<>();
        boolean named = false;
        for (JsonNode project : projects) {
            if (!project.path("id").asText().isBlank()) {
                ids.add(project.path("id").asText());
                named = region.equals(project.path("name").asText());
            }
        }
        if (ids.size() > 1) {
            throw new ConfigurationException(OutcomeCodes.PROJECT_AMBIGUOUS, "IAM lists " + ids.size() + " projects named "
                    + region + " (" + String.join(", ", ids) + "): choose one with ScmPush.builder().projectId(\""
                    + region + "\", projectId)");
        }
        if (ids.size() == 1 && named) {
            return ids.get(0);
        }
        throw new ConfigurationException(OutcomeCodes.NO_PROJECT, "The account has no project in region " + region
                + ": check the region id, or that the region is enabled for the account, or set the id with "
                + "ScmPush.builder().projectId(\"" + region + "\", projectId)");
    }
}
