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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
        List<Violation> found = new ArrayList<>();
        for (PushTarget target : context.targets()) {
            ProviderDescriptor descriptor = context.descriptor(target.service()).orElse(null);
            if (descriptor == null || !descriptor.requiresPrivateKey() || target.isCaCertificate()) {
                continue;
            }
            for (Destination destination : Destination.of(target, context::descriptor)) {
                addOnce(found, Violation.error(PRIVATE_KEY_REQUIRED, destination.service(), destination.region(),
                        destination.describe(context) + " needs the private key of a server certificate, and"
                                + " certificate '" + context.certificate().name() + "' has none: build it with"
                                + " Certificate.builder().privateKeyPem(...)"));
            }
        }
        return found;
    }

    static List<Violation> regionRequired(RuleContext context) {
        List<Violation> found = new ArrayList<>();
        for (PushTarget target : context.targets()) {
            ProviderDescriptor regional = scoped(context, target, Scope.REGIONAL);
            if (regional != null && target.regions().isEmpty()) {
                addOnce(found, Violation.error(REGION_REQUIRED, target.service(), null, regional.displayName()
                        + " is regional: name the regions to push to with inRegions(\"cn-north-4\", ...)"));
            }
            if (regional != null) {
                for (String region : target.regions()) {
                    if (region.isBlank()) { // judged here, before any I/O, not by the endpoint it cannot make
                        addOnce(found, Violation.error(REGION_REQUIRED, target.service(), region,
                                regional.displayName() + " is regional and a target names an empty region id: "
                                        + "name a region such as \"cn-north-4\""));
                    }
                }
            }
        }
        return found;
    }

    static List<Violation> regionLimit(RuleContext context) {
        List<Violation> found = new ArrayList<>();
        for (PushTarget target : context.targets()) {
            int count = target.regions().size();
            ProviderDescriptor regional = scoped(context, target, Scope.REGIONAL);
            if (regional != null && count > regional.maxRegions()) {
                addOnce(found, Violation.error(REGION_LIMIT, target.service(), null, regional.displayName()
                        + " takes at most " + regional.maxRegions() + " regions in one push, and a target names "
                        + count + ": split the regions over several pushes"));
            }
        }
        return found;
    }

    static List<Violation> regionNotApplicable(RuleContext context) {
        List<Violation> found = new ArrayList<>();
        for (PushTarget target : context.targets()) {
            ProviderDescriptor global = scoped(context, target, Scope.GLOBAL);
            if (global != null && !target.regions().isEmpty()) {
                addOnce(found, Violation.error(REGION_NOT_APPLICABLE, target.service(), null, global.displayName()
                        + " is global and takes no region, but a target names " + target.regions()
                        + ": remove the regions"));
            }
        }
        return found;
    }

    static List<Violation> unknownService(RuleContext context) {
        List<Violation> found = new ArrayList<>();
        for (PushTarget target : context.targets()) {
            String service = target.service();
            if (context.descriptor(service).isEmpty()) {
                String artifact = ARTIFACTS.get(service);
                String remedy = artifact != null ? "add the dependency " + artifact
                        : "add a provider for service '" + service + "' to the class path or module path";
                addOnce(found, Violation.error(UNKNOWN_SERVICE, service, null, "No provider is installed for service '"
                        + service + "': " + remedy + ", or register one with ScmPush.builder().provider(...)"));
            }
        }
        return found;
    }

    /** One violation per destination named more than once, in the order of first mention. */
    static List<Violation> duplicateTarget(RuleContext context) {
        List<PushTarget> targets = context.targets();
        if (targets.size() == 1 && Destination.of(targets.get(0), context::descriptor).size() == 1) {
            return List.of(); // the usual request: one destination cannot repeat
        }
        Map<Destination, Integer> counts = new LinkedHashMap<>();
        for (PushTarget target : targets) {
            for (Destination destination : Destination.of(target, context::descriptor)) {
                counts.merge(destination, 1, Integer::sum);
            }
        }
        List<Violation> found = new ArrayList<>();
        counts.forEach((destination, times) -> {
            if (times > 1) {
                found.add(Violation.error(DUPLICATE_TARGET, destination.service(), destination.region(),
                        destination.describe(context) + " is named " + times + " times in this request:"
                                + " name each service and region once"));
            }
        });
        return found;
    }

    /**
     * Adds {@code violation} unless an equal one is there already. A list, not a set: a rule finds few,
     * and an empty list costs no table.
     */
    private static void addOnce(List<Violation> found, Violation violation) {
        if (!found.contains(violation)) {
            found.add(violation);
        }
    }

    /** The target's descriptor when its provider is installed and has {@code scope}, else null. */
    private static @Nullable ProviderDescriptor scoped(RuleContext context, PushTarget target, Scope scope) {
        ProviderDescriptor descriptor = context.descriptor(target.service()).orElse(null);
        return descriptor != null && descriptor.scope() == scope ? descriptor : null;
    }
}
