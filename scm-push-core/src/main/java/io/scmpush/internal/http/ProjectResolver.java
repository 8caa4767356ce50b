package io.scmpush.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.scmpush.CloudServiceException;
import io.scmpush.ConfigurationException;
import io.scmpush.spi.CloudHttp;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Project ids per region: configured, else {@code GET /v3/projects?name={region}} on IAM, cached.
 *
 * <p>Concurrent callers for one region share a single lookup; a failed lookup (an {@link Error} too)
 * is passed to every caller waiting for it and is not cached, so a later call tries again. Thread-safe.
 */
public final class ProjectResolver {
    private final CloudHttp http;
    private final Endpoints endpoints;
    private final Map<String, String> configured;
    private final ConcurrentHashMap<String, CompletableFuture<String>> resolved = new ConcurrentHashMap<>();

    public ProjectResolver(CloudHttp http, Endpoints endpoints, Map<String, String> configured) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        Map<String, String> copy = new HashMap<>();
        configured.forEach((region, projectId) -> {
            if (projectId == null || projectId.isBlank()) {
                throw new ConfigurationException("INVALID_ARGUMENT", "The project id for " + region + " is empty");
            }
            copy.put(Endpoints.checkedId(region, "region"), projectId);
        });
        this.configured = Map.copyOf(copy);
    }

    /**
     * @throws io.scmpush.ConfigurationException {@code NO_PROJECT} when the account has no project in the
     *     region, {@code INVALID_ARGUMENT} for a malformed region id
     * @throws io.scmpush.CloudServiceException when IAM cannot be asked
     */
    public String projectId(String region) {
        Endpoints.checkedId(region, "region");
        String known = configured.get(region);
        if (known != null) {
            return known;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> existing = resolved.putIfAbsent(region, mine);
        if (existing == null) {
            try {
                mine.complete(lookUp(region));
            } catch (RuntimeException | Error e) {
                // Waiters must hear of any failure, an Error too, or they would wait forever.
                resolved.remove(region, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return mine.join();
        }
        try {
            return existing.join();
        } catch (CompletionException e) {
            // Rethrow the lookup's own exception: its type and code are what the caller handles.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    private String lookUp(String region) {
        CloudHttp.Response response = http.send(
                CloudHttp.Request.builder("GET", endpoints.iam(), "/v3/projects").query("name", region).build());
        JsonNode projects;
        try {
            projects = ErrorEnvelope.JSON.readTree(response.body()).path("projects");
        } catch (IOException e) {
            throw new CloudServiceException("PROJECT_LOOKUP_FAILED", "IAM answered GET /v3/projects?name=" + region
                    + " with a body that is not JSON", response.status(), null, response.requestId(), false,
                    response.attempts(), null);
        }
        for (JsonNode project : projects) {
            if (region.equals(project.path("name").asText()) && !project.path("id").asText().isBlank()) {
                return project.path("id").asText();
            }
        }
        throw new ConfigurationException("NO_PROJECT", "The account has no project in region " + region
                + ": check the region id, or that the region is enabled for the account, or set the id with "
                + "ScmPush.builder().projectId(\"" + region + "\", projectId)");
    }
}
