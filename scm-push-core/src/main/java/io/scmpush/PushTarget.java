package io.scmpush;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where to push: a service id ({@code waf}, {@code elb}, {@code cdn}, or a plugin's), its regions
 * (none for a global service) and service-specific options. Immutable; the instance methods return
 * new targets.
 *
 * @param service the provider's service id
 * @param regions region ids such as {@code cn-north-4}, in the order given
 * @param options provider options, e.g. {@code certificate-type=ca}
 */
public record PushTarget(String service, List<String> regions, Map<String, String> options) {

    /** The well-known option that selects a server certificate ({@code server}, default) or a CA certificate ({@code ca}). */
    public static final String CERTIFICATE_TYPE = "certificate-type";

    /**
     * Copies the regions and options.
     *
     * @param service the provider's service id
     * @param regions region ids such as {@code cn-north-4}, in the order given
     * @param options provider options, e.g. {@code certificate-type=ca}
     */
    public PushTarget {
        Objects.requireNonNull(service, "service");
        regions = List.copyOf(regions);
        options = Map.copyOf(options);
    }

    /**
     * A target of a service, with no region and no option.
     *
     * @param service the provider's service id; the typed helpers ({@code Waf.inRegions(...)}) say it for you
     * @return the target
     */
    public static PushTarget of(String service) {
        return new PushTarget(service, List.of(), Map.of());
    }

    /**
     * This target in more regions.
     *
     * @param regions region ids, added after the ones it already names
     * @return a new target
     */
    public PushTarget inRegions(String... regions) {
        List<String> all = new ArrayList<>(this.regions);
        all.addAll(Arrays.asList(regions));
        return new PushTarget(service, all, options);
    }

    /**
     * This target with an option set.
     *
     * @param key the option's name, such as {@link #CERTIFICATE_TYPE}
     * @param value its value; replaces an earlier one of that name
     * @return a new target
     */
    public PushTarget withOption(String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(options);
        all.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new PushTarget(service, regions, all);
    }

    /** {@return whether this target pushes a CA certificate (option {@code certificate-type=ca}), which needs no key} */
    public boolean isCaCertificate() {
        return "ca".equals(options.get(CERTIFICATE_TYPE));
    }
}
