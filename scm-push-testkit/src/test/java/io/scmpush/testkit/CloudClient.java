package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.AkSkSigner;
import io.scmpush.internal.http.CredentialSecrets;
import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.internal.http.Sleeper;
import io.scmpush.spi.CloudHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Calls the emulator as scm-push does, through the real signed transport ({@link HuaweiCloudHttp}), or
 * byte by byte ({@link #raw}) to tamper with a signature or read an error envelope as sent.
 */
final class CloudClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final FakeHuaweiCloud cloud;
    private final CloudHttp http;

    CloudClient(FakeHuaweiCloud cloud) {
        this(cloud, cloud.credentials(), Clock.systemUTC());
    }

    CloudClient(FakeHuaweiCloud cloud, Credentials credentials, Clock clock) {
        this.cloud = cloud;
        this.http = new HuaweiCloudHttp(credentials, HTTP, RetryPolicy.none(), Duration.ofSeconds(10), clock,
                Sleeper.SYSTEM);
    }

    /** Sends a call scoped to the project of {@code region} (null: a global call); query as key, value pairs. */
    CloudHttp.Response send(String method, String path, @Nullable String region, @Nullable String json,
            String... query) {
        CloudHttp.Request.Builder request = CloudHttp.Request.builder(method, cloud.endpoint(), path);
        for (int i = 0; i < query.length; i += 2) {
            request.query(query[i], query[i + 1]);
        }
        if (region != null) {
            request.projectId(cloud.projectId(region));
        }
        if (json != null) {
            request.jsonBody(json);
        }
        return http.send(request.build());
    }

    JsonNode sendJson(String method, String path, @Nullable String region, @Nullable String json, String... query) {
        return read(send(method, path, region, json, query).body());
    }

    CloudServiceException failure(String method, String path, @Nullable String region, @Nullable String json,
            String... query) {
        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> send(method, path, region, json, query));
        if (e == null) {
            throw new AssertionError(method + " " + path + " succeeded, expected a failure");
        }
        return e;
    }

    /** What the emulator answered to a request sent as is. */
    record Reply(int status, Map<String, List<String>> headers, JsonNode json) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of("")).get(0);
        }
    }

    /**
     * Signs a request with {@code credentials} like the official SDK (host, user-agent, x-sdk-date and
     * the scoping header), lets {@code tamper} change its headers, and sends it unchanged otherwise.
     */
    Reply raw(String method, String pathAndQuery, @Nullable String region, String body, Credentials credentials,
            String secretKey, UnaryOperator<Map<String, String>> tamper) {
        return raw(method, pathAndQuery, region, body, body, credentials, secretKey, tamper);
    }

    /** {@link #raw(String, String, String, String, Credentials, String, UnaryOperator)}, sending another body than the one signed. */
    Reply raw(String method, String pathAndQuery, @Nullable String region, String body, String sentBody,
            Credentials credentials, String secretKey, UnaryOperator<Map<String, String>> tamper) {
        URI uri = URI.create(cloud.endpoint() + pathAndQuery);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", uri.getRawAuthority());
        headers.put("User-Agent", "scm-push-test");
        headers.put("X-Sdk-Date", AkSkSigner.sdkDate(java.time.Instant.now()));
        if (region != null) {
            headers.put("X-Project-Id", cloud.projectId(region));
        } else {
            credentials.domainId().ifPresent(id -> headers.put("X-Domain-Id", id));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> query = new java.util.ArrayList<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.add(Map.entry(kv[0], kv.length > 1 ? kv[1] : ""));
            }
        }
        headers.put("Authorization", new AkSkSigner(credentials.accessKey(), secretKey)
                .authorization(method, uri.getPath(), query, headers, bytes, false));
        Map<String, String> sent = tamper.apply(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, sentBody.isEmpty()
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(sentBody));
        sent.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> lower = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
            return new Reply(response.statusCode(), lower, read(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link #raw} with the emulator's own credentials and no tampering. */
    Reply raw(String method, String pathAndQuery, @Nullable String region, String body) {
        return raw(method, pathAndQuery, region, body, cloud.credentials(),
                CredentialSecrets.secretKey(cloud.credentials()),
                h -> h);
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static String json(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
