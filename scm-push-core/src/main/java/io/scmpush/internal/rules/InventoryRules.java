package io.scmpush.internal.rules;

import static io.scmpush.internal.rules.StandardRules.ALREADY_PUSHED;
import static io.scmpush.internal.rules.StandardRules.NAME_CONFLICT;
import static io.scmpush.internal.rules.StandardRules.SERVICE_UNAVAILABLE;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.rules.RuleContext;
import io.scmpush.rules.Violation;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.TargetInventory;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules about what each destination already holds. A destination whose inventory was not read (a
 * plan before any read, or a read that failed) gives no violation here.
 */
final class InventoryRules {
    private InventoryRules() {}

    static List<Violation> alreadyPushed(RuleContext context) {
        if (context.duplicatePolicy() != DuplicatePolicy.FAIL) {
            return List.of(); // with SKIP the push engine reports ALREADY_PRESENT instead, through Duplicates
        }
        Certificate certificate = context.certificate();
        List<Violation> found = new ArrayList<>();
        for (Destination destination : Destination.of(context)) {
            TargetInventory inventory = inventory(context, destination);
            RemoteCertificate remote = inventory == null ? null : Duplicates.find(certificate, inventory).orElse(null);
            if (remote != null) {
                found.add(Violation.error(ALREADY_PUSHED, destination.service(), destination.region(),
                        destination.describe(context) + " already holds certificate '" + certificate.name()
                                + "' (as '" + remote.name() + "', id '" + remote.id() + "'): nothing to push; use"
                                + " onDuplicate(DuplicatePolicy.SKIP) to accept targets that already hold it"));
            }
        }
        return found;
    }

    static List<Violation> nameConflict(RuleContext context) {
        Certificate certificate = context.certificate();
        List<Violation> found = new ArrayList<>();
        for (Destination destination : Destination.of(context)) {
            ProviderDescriptor descriptor = context.descriptor(destination.service()).orElse(null);
            if (descriptor == null || !descriptor.uniqueNames()) {
                continue;
            }
            TargetInventory inventory = inventory(context, destination);
            RemoteCertificate remote = inventory == null ? null : namedAlike(certificate, inventory);
            if (remote != null) {
                found.add(Violation.error(NAME_CONFLICT, destination.service(), destination.region(),
                        destination.describe(context) + " already holds a different certificate named '"
                                + remote.name() + "' (id '" + remote.id() + "') and names are unique there: give"
                                + " this certificate another name with Certificate.builder().name(...), or delete"
                                + " the old one"));
            }
        }
        return found;
    }

    static List<Violation> serviceUnavailable(RuleContext context) {
        List<Violation> found = new ArrayList<>();
        for (Destination destination : Destination.of(context)) {
            TargetInventory inventory = inventory(context, destination);
            if (inventory != null && !inventory.serviceAvailable()) {
                String where = destination.region() == null ? "" : " there";
                found.add(Violation.error(SERVICE_UNAVAILABLE, destination.service(), destination.region(),
                        destination.describe(context) + " is not enabled for this account: enable (purchase) it" + where
                                + ", or remove it from the targets"));
            }
        }
        return found;
    }

    /** The first certificate of {@code inventory} that has the certificate's name but is another certificate. */
    private static @Nullable RemoteCertificate namedAlike(Certificate certificate, TargetInventory inventory) {
        for (RemoteCertificate remote : inventory.certificates()) {
            if (remote.name().equals(certificate.name()) && !Duplicates.isSame(certificate, remote)) {
                return remote;
            }
        }
        return null;
    }

    /** The inventory read for the destination; null when it was not read. */
    private static @Nullable TargetInventory inventory(RuleContext context, Destination destination) {
        return context.inventory(destination.service(), destination.region()).orElse(null);
    }
}
