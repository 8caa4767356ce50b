package io.scmpush.internal.rules;

import io.scmpush.PushTarget;
import io.scmpush.rules.RuleContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.Scope;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One (service, region) of a request: where one outcome goes. A target of a global service, or one that
 * names no region, has a single destination with region null; any other target one per region.
 */
public record Destination(String service, @Nullable String region) {

    /** Every destination of the request, each once, in request order. */
    public static List<Destination> of(RuleContext context) {
        List<PushTarget> targets = context.targets();
        if (targets.size() == 1) {
            List<Destination> one = of(targets.get(0), context::descriptor);
            if (one.size() == 1) {
                return one; // the usual request: nothing to merge or de-duplicate
            }
        }
        Set<Destination> all = new LinkedHashSet<>();
        for (PushTarget target : targets) {
            all.addAll(of(target, context::descriptor));
        }
        return List.copyOf(all);
    }

    /**
     * The destinations of one target, in its region order, repeats included.
     *
     * @param descriptors the descriptor of the provider installed for a service; empty when none is
     */
    public static List<Destination> of(PushTarget target,
            Function<String, Optional<ProviderDescriptor>> descriptors) {
        Optional<ProviderDescriptor> descriptor = descriptors.apply(target.service());
        boolean global = descriptor.isPresent() && descriptor.get().scope() == Scope.GLOBAL;
        List<String> regions = target.regions();
        if (global || regions.isEmpty()) {
            return List.of(new Destination(target.service(), null));
        }
        if (regions.size() == 1) {
            return List.of(new Destination(target.service(), regions.get(0))); // the usual target: no array
        }
        // A loop, not a stream: this runs for every target several times a push.
        Destination[] destinations = new Destination[regions.size()];
        for (int i = 0; i < destinations.length; i++) {
            destinations[i] = new Destination(target.service(), regions.get(i));
        }
        return List.of(destinations);
    }

    /** For messages: {@code Huawei Cloud WAF in cn-north-4}, or {@code service 'x'} when no provider is installed. */
    public String describe(RuleContext context) {
        String name = context.descriptor(service).map(ProviderDescriptor::displayName)
                .orElse("service '" + service + "'");
        return region == null ? name : name + " in " + region;
    }
}
