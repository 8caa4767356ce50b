package io.scmpush.internal.engine;

import io.scmpush.Credentials;
import io.scmpush.PushHistory;
import io.scmpush.PushListener;
import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.Endpoints;
import io.scmpush.rules.RuleEngine;
import io.scmpush.spi.PushProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ScmPush.Builder} collected, already checked argument by argument; {@link PushEngine#start}
 * turns it into a running engine.
 *
 * @param credentials asked for the credentials of each request; null: only providers that need none can connect
 * @param endpoint one base URI for every service and IAM, or null
 * @param providers the explicitly registered providers, in registration order
 * @param discoveryLoader where {@link java.util.ServiceLoader} looks for providers
 * @param httpClient the caller's client (never closed by us), or null to create our own
 * @param clock the rules' "now" only
 * @param shutdownTimeout how long {@code close()} lets running pushes finish
 */
public record EngineSettings(@Nullable Supplier<Credentials> credentials, @Nullable URI endpoint,
        Map<String, URI> serviceEndpoints, Map<Endpoints.RegionKey, URI> regionEndpoints, @Nullable URI iamEndpoint,
        Map<String, String> projectIds, List<PushProvider> providers, boolean discoverProviders, ClassLoader discoveryLoader, RuleEngine rules,
        PushHistory history, @Nullable HttpClient httpClient, RetryPolicy retry, Duration requestTimeout,
        int maxConcurrency, Clock clock, PushListener listener, Duration shutdownTimeout) {

    public EngineSettings {
        serviceEndpoints = Map.copyOf(serviceEndpoints);
        regionEndpoints = Map.copyOf(regionEndpoints);
        projectIds = Map.copyOf(projectIds);
        providers = List.copyOf(providers);
    }

    @Override
    public String toString() {
        // Credentials print their access key only; nothing here is secret, but keep it short.
        return "EngineSettings[credentials=" + (credentials != null ? "configured" : "none") + ", endpoint=" + endpoint + ", providers=" + providers
                + ", discoverProviders=" + discoverProviders + ", maxConcurrency=" + maxConcurrency + "]";
    }
}
