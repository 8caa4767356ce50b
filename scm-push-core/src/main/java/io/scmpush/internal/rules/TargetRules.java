package io.scmpush.internal.rules;

import static io.scmpush.internal.rules.StandardRules.DUPLICATE_TARGET;
import static io.scmpush.internal.rules.StandardRules.PRIVATE_KEY_REQUIRED;
import static io.scmpush.internal.rules.StandardRules.REGION_LIMIT;
import static io.scmpush.internal.rules.StandardRules.REGION_NOT_APPLICABLE;
import static io.scmpush.internal.rules.StandardRules.REGION_REQUIRED;
import static io.scmpush.internal.rules.StandardRules.UNKNOWN_SERVICE;

import io.scmpush.PushTarget;
import io.scmpush.rules.RuleContext;
import io.scmpush.rules.Violation;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.Scope;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules about the request's targets, read against the providers' descriptors. Two targets may
 * produce the same violation; each is reported once, so the report does not depend on target order.
 */
final class TargetRules {
    // Our own providers, and the artifact that brings each.
    private static final Map<String, String> ARTIFACTS = Map.of(
            "waf", "io.scmpush:scm-push-waf",
            "elb", "io.scmpush:scm-push-elb",
            "cdn", "io.scmpush:scm-push-cdn");

    private TargetRules() {}

    static List<Violation> privateKeyRequired(RuleContext context) {
        if (context.certificate().hasPrivateKey()) {
            return List.of();
        }
        Set<Violation> found = new LinkedHashSet<>();
        for (PushTarget target : context.targets()) {
            Optional<ProviderDescriptor> descriptor = context.descriptor(target.service());
            if (descriptor.isEmpty() || !descriptor.get().requiresPrivateKey() || target.isCaCertificate()) {
                continue;
            }
            for (Destination destination : Destination.of(target, context::descriptor)) {
                found.add(Violation.error(PRIVATE_KEY_REQUIRED, destination.service(), destination.region(),
                        destination.describe(context) + " needs the private key of a server certificate, and"
                                + " certificate '" + context.certificate().name() + "' has none: build it with"
                                + " Certificate.builder().privateKeyPem(...)"));
            }
        }
        return List.copyOf(found);
    }

    static List<Violation> regionRequired(RuleContext context) {
        Set<Violation> found = new LinkedHashSet<>();
        for (PushTarget target : context.targets()) {
            scoped(context, target, Scope.REGIONAL).filter(d -> target.regions().isEmpty())
                    .ifPresent(d -> found.add(Violation.error(REGION_REQUIRED, target.service(), null,
                            d.displayName() + " is regional: name the regions to push to with"
                                    + " inRegions(\"cn-north-4\", ...)")));
        }
        return List.copyOf(found);
    }

    static List<Violation> regionLimit(RuleContext context) {
        Set<Violation> found = new LinkedHashSet<>();
        for (PushTarget target : context.targets()) {
            int count = target.regions().size();
            scoped(context, target, Scope.REGIONAL).filter(d -> count > d.maxRegions())
                    .ifPresent(d -> found.add(Violation.error(REGION_LIMIT, target.service(), null,
                            d.displayName() + " takes at most " + d.maxRegions() + " regions in one push, and a"
                                    + " target names " + count + ": split the regions over several pushes")));
        }
        return List.copyOf(found);
    }

    static List<Violation> regionNotApplicable(RuleContext context) {
        Set<Violation> found = new LinkedHashSet<>();
        for (PushTarget target : context.targets()) {
            scoped(context, target, Scope.GLOBAL).filter(d -> !target.regions().isEmpty())
                    .ifPresent(d -> found.add(Violation.error(REGION_NOT_APPLICABLE, target.service(), null,
                            d.displayName() + " is global and takes no region, but a target names "
                                    + target.regions() + ": remove the regions")));
        }
        return List.copyOf(found);
    }

    static List<Violation> unknownService(RuleContext context) {
        Set<Violation> found = new LinkedHashSet<>();
        for (PushTarget target : context.targets()) {
            String service = target.service();
            if (context.descriptor(service).isEmpty()) {
                String artifact = ARTIFACTS.get(service);
                String remedy = artifact != null ? "add the dependency " + artifact
                        : "add a provider for service '" + service + "' to the class path or module path";
                found.add(Violation.error(UNKNOWN_SERVICE, service, null, "No provider is installed for service '"
                        + service + "': " + remedy + ", or register one with ScmPush.builder().provider(...)"));
            }
        }
        return List.copyOf(found);
    }

    static List<Violation> duplicateTarget(RuleContext context) {
        Map<Destination, Integer> counts = new LinkedHashMap<>();
        for (PushTarget target : context.targets()) {
            for (Destination destination : Destination.of(target, context::descriptor)) {
                counts.merge(destination, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> Violation.error(DUPLICATE_TARGET, e.getKey().service(), e.getKey().region(),
                        e.getKey().describe(context) + " is named " + e.getValue() + " times in this request:"
                                + " name each service and region once"))
                .toList();
    }

    /** The target's descriptor when its provider is installed and has {@code scope}. */
    private static Optional<ProviderDescriptor> scoped(RuleContext context, PushTarget target, Scope scope) {
        return context.descriptor(target.service()).filter(d -> d.scope() == scope);
    }
}
