package io.scmpush.internal.http;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where each (service, region) is: per-region override, else per-service override, else the
 * environment's {@code HUAWEICLOUD_SDK_REGION_<SERVICE>_<REGION>}, else the one-for-all endpoint,
 * else the default host. Non-loopback {@code http://} endpoints are refused ({@code INSECURE_ENDPOINT}).
 *
 * <p>Default hosts: {@code https://{service}.{region}.myhuaweicloud.com} (WAF in {@code cn-north-9}:
 * {@code waf.cn-north-9.myhuaweicloud.cn}); a global service (region null) {@code https://{service}.myhuaweicloud.com},
 * so CDN is {@code https://cdn.myhuaweicloud.com}; CDN of the EU site (region {@code eu-west-101})
 * {@code https://cdn.myhuaweicloud.eu}, as the official SDK's {@code CdnRegion} has it.
 *
 * <p>IAM: the configured IAM endpoint, else {@code HUAWEICLOUD_SDK_IAM_ENDPOINT}, else a per-region
 * override of service {@code iam}, else the one-for-all endpoint, else the regional IAM endpoint where the
 * official SDK has one (its {@code iam_endpoints.json}, 27 regions, and {@code IamRegion}'s EU site
 * {@code https://iam.eu-west-101.myhuaweicloud.eu}), else {@code https://iam.myhuaweicloud.com}.
 * Immutable and thread-safe.
 */
public final class Endpoints {
    static final String IAM_ENV = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
    static final String REGION_ENV_PREFIX = "HUAWEICLOUD_SDK_REGION_";
    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** More (service, region) pairs than any application pushes to; past it, endpoints are worked out afresh. */
    private static final int MAX_RESOLVED = 1024;

    private final @Nullable URI all;
    private final Map<String, URI> byService;
    private final Map<RegionKey, URI> byRegion;
    private final @Nullable URI iam;
    private final Map<String, String> environment;
    /** Every endpoint asked for so far: providers ask once or twice per push, and the answer never changes. */
    private final Map<Destination, URI> resolved = new ConcurrentHashMap<>();

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
        this.all = all == null ? null : checked(all, "the endpoint for every service");
        Map<String, URI> services = new HashMap<>();
        byService.forEach((service, uri) -> services.put(checkedId(service, "service"),
                checked(uri, "the " + service + " endpoint")));
        this.byService = Map.copyOf(services);
        Map<RegionKey, URI> regions = new HashMap<>();
        byRegion.forEach((key, uri) -> regions.put(
                new RegionKey(checkedId(key.service(), "service"), checkedId(key.region(), "region")),
                checked(uri, "the " + key.service() + " endpoint in " + key.region())));
        this.byRegion = Map.copyOf(regions);
        this.environment = Map.copyOf(environment);
        this.iam = resolveIam(iam);
    }

    /** The regions with their own IAM endpoint in the official SDK ({@code iam_endpoints.json}, release 3.1.212). */
    private static final List<String> REGIONAL_IAM = List.of("cn-north-2", "cn-north-4", "cn-north-1", "cn-east-2",
            "cn-east-3", "cn-south-1", "cn-south-2", "cn-southwest-2", "ap-southeast-1", "ap-southeast-2",
            "ap-southeast-3", "af-south-1", "sa-brazil-1", "la-south-2", "na-mexico-1", "la-north-2", "cn-north-9",
            "eu-west-0", "my-kualalumpur-1", "ru-moscow-1", "me-east-1", "ap-southeast-4", "ae-ad-1", "cn-east-4",
            "cn-east-5", "tr-west-1", "cn-north-12");
    /** The EU site, whose hosts end in {@code .eu}. */
    static final String EU_SITE = "eu-west-101";

    /** The defaults alone, with no override and no environment. */
    public static Endpoints defaults() {
        return new Endpoints(null, Map.of(), Map.of(), null, Map.of());
    }

    /**
     * The base URI of {@code service} in {@code region}; region null for a global service.
     *
     * @throws ConfigurationException {@code INVALID_ARGUMENT} for a malformed service or region id,
     *     {@code INSECURE_ENDPOINT} for a plain-HTTP remote endpoint taken from the environment
     */
    public URI endpoint(String service, @Nullable String region) {
        Destination destination = new Destination(service, region);
        URI uri = resolved.get(destination);
        if (uri == null) {
            uri = resolve(service, region);
            if (resolved.size() < MAX_RESOLVED) {
                resolved.put(destination, uri);
            }
        }
        return uri;
    }

    private URI resolve(String service, @Nullable String region) {
        String s = checkedId(service, "service");
        if (region != null) {
            checkedId(region, "region");
            URI perRegion = byRegion.get(new RegionKey(s, region));
            if (perRegion != null) {
                return perRegion;
            }
        }
        URI perService = byService.get(s);
        if (perService != null) {
            return perService;
        }
        if (region != null) {
            String variable = REGION_ENV_PREFIX + s.toUpperCase(Locale.ROOT).replace('-', '_') + "_"
                    + region.toUpperCase(Locale.ROOT).replace('-', '_');
            URI fromEnv = fromEnvironment(variable);
            if (fromEnv != null) {
                return fromEnv;
            }
        }
        if (all != null) {
            return all;
        }
        if (region == null) {
            return URI.create("https://" + s + ".myhuaweicloud.com");
        }
        if (s.equals("cdn")) { // global: one host per site
            return URI.create(region.equals(EU_SITE) ? "https://cdn.myhuaweicloud.eu" : "https://cdn.myhuaweicloud.com");
        }
        if (s.equals("waf") && region.equals("cn-north-9")) {
            return URI.create("https://waf.cn-north-9.myhuaweicloud.cn");
        }
        return URI.create("https://" + s + "." + region + ".myhuaweicloud.com");
    }

    /** The global IAM base URI (or the configured one). */
    public URI iam() {
        return iam(null);
    }

    /**
     * The IAM base URI to ask about {@code region}: see the class comment for the order.
     *
     * @param region a region id; null for the global IAM endpoint
     */
    public URI iam(@Nullable String region) {
        if (iam != null) {
            return iam;
        }
        if (region != null) {
            URI perRegion = byRegion.get(new RegionKey("iam", region));
            if (perRegion != null) {
                return perRegion;
            }
        }
        URI perService = byService.get("iam");
        if (perService != null) {
            return perService;
        }
        if (all != null) {
            return all;
        }
        if (region != null && region.equals(EU_SITE)) {
            return URI.create("https://iam.eu-west-101.myhuaweicloud.eu");
        }
        if (region != null && REGIONAL_IAM.contains(region)) {
            return URI.create("https://iam." + region + ".myhuaweicloud.com");
        }
        return URI.create("https://iam.myhuaweicloud.com");
    }

    /** A (service, region) pair. */
    public record RegionKey(String service, String region) {}

    /** A service, and its region unless it is global. */
    private record Destination(String service, @Nullable String region) {}

    /** The IAM endpoint every region shares: configured, else the environment's; null when neither says. */
    private @Nullable URI resolveIam(@Nullable URI configured) {
        if (configured != null) {
            return checked(configured, "the IAM endpoint");
        }
        return fromEnvironment(IAM_ENV);
    }

    /** The first of the variable's comma-separated endpoints, as the official SDK takes it. */
    private @Nullable URI fromEnvironment(String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return null;
        }
        String first = value.split(",", -1)[0].trim();
        if (first.isEmpty()) {
            return null;
        }
        if (!first.contains("://")) {
            first = "https://" + first;
        }
        try {
            return checked(new URI(first), "the endpoint in " + variable);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT,
                    "Environment variable " + variable + " is not a URI: " + e.getMessage(), e);
        }
    }

    /** Validates an endpoint: https, or http on a loopback address; a host; no query. Trailing '/' dropped. */
    public static URI checked(URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT,
                    what + " must be an absolute https:// URI with a host, was " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT,
                    what + " must be a base URI without user info, query or fragment, was " + uri.getScheme() + "://"
                            + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + uri.getRawPath());
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new ConfigurationException(ConfigurationCodes.INSECURE_ENDPOINT, what + " uses plain http:// on a remote host ("
                    + uri.getHost() + "): requests carry signed credentials and private keys, so use https://. "
                    + "Plain http:// is accepted on loopback addresses only (localhost, 127.0.0.0/8, ::1).");
        }
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }

    /** localhost, 127.0.0.0/8 or ::1, decided from the text: no name is resolved. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        if (IPV4.matcher(h).matches() && h.startsWith("127.")) {
            for (String octet : h.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    static String checkedId(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT, "A " + what + " id is lower-case letters, digits "
                    + "and '-' (e.g. " + (what.equals("region") ? "cn-north-4" : "waf") + "), was \"" + id + "\"");
        }
        return id;
    }
}
