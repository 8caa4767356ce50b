package io.scmpush.elb.internal;

import io.scmpush.Credentials;
import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.ProviderContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What ScmPush gives a provider, with the real signed transport pointed at one local endpoint; retries do not sleep. */
final class TestProviderContext implements ProviderContext {
    private final Credentials credentials;
    private final URI endpoint;
    private final Map<String, String> projects;
    private final CloudHttp http;

    TestProviderContext(Credentials credentials, URI endpoint, Map<String, String> projects, RetryPolicy retry,
            Duration requestTimeout) {
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.projects = Map.copyOf(projects);
        this.http = new HuaweiCloudHttp(credentials, HttpClient.newHttpClient(), retry, requestTimeout,
                Clock.systemUTC(), delay -> {});
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public CloudHttp http() {
        return http;
    }

    @Override
    public URI endpoint(String service, @Nullable String region) {
        return endpoint;
    }

    @Override
    public String projectId(String region) {
        String projectId = projects.get(region);
        if (projectId == null) {
            throw new IllegalArgumentException("no project configured for " + region);
        }
        return projectId;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Map<String, String> settings() {
        return Map.of();
    }
}
