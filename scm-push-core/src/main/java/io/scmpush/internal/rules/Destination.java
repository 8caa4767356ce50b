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
        Set<Destination> all = new LinkedHashSet<>();
        for (PushTarget target : context.targets()) {
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
        boolean global = descriptors.apply(target.service()).map(d -> d.scope() == Scope.GLOBAL).orElse(false);
        if (global || target.regions().isEmpty()) {
            return List.of(new Destination(target.service(), null));
        }
        return target.regions().stream().map(region -> new Destination(target.service(), region)).toList();
    }

    /** For messages: {@code Huawei Cloud WAF in cn-north-4}, or {@code service 'x'} when no provider is installed. */
    public String describe(RuleContext context) {
        String name = context.descriptor(service).map(ProviderDescriptor::displayName)
                .orElse("service '" + service + "'");
        return region == null ? name : name + " in " + region;
    }
}
