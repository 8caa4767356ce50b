package io.scmpush.internal.http;

import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where each (service, region) is: per-region override, else per-service override, else the
 * environment's {@code HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>}, else the one-for-all endpoint,
 * else the default host. Non-loopback {@code http://} endpoints are refused ({@code INSECURE_ENDPOINT}).
 */
public final class Endpoints {

    /**
     * @param all one base URI for every service and IAM (an emulator), or null
     * @param byService per-service overrides
     * @param byRegion per-(service, region) overrides
     * @param iam the IAM endpoint override, or null
     * @param environment the process environment (for the official SDK's override variables)
     * @throws io.scmpush.ConfigurationException {@code INSECURE_ENDPOINT}
     */
    public Endpoints(@Nullable URI all, Map<String, URI> byService, Map<RegionKey, URI> byRegion, @Nullable URI iam,
            Map<String, String> environment) {
        // TODO(transport)
    }

    /** The base URI of {@code service} in {@code region}; region null for a global service. */
    public URI endpoint(String service, @Nullable String region) {
        throw new UnsupportedOperationException("TODO(transport)");
    }

    /** The IAM base URI. */
    public URI iam() {
        throw new UnsupportedOperationException("TODO(transport)");
    }

    /** A (service, region) pair. */
    public record RegionKey(String service, String region) {}
}
