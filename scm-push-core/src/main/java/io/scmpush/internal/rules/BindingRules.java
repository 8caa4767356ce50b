package io.scmpush.internal.rules;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.PushTarget;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The binding rules (DESIGN "Deploying"), pure functions of what was read: judged for each binding before
 * anything is written, by a push and by a rotation alike. The first that fires decides.
 */
public final class BindingRules {
    /** The provider makes no binding of the kind, or the resource takes none of it. */
    public static final String BINDING_UNSUPPORTED = RuleCodes.BINDING_UNSUPPORTED;
    /** A CA certificate for a place that takes a server certificate, or the reverse. */
    public static final String BINDING_TYPE = RuleCodes.BINDING_TYPE;
    /** No such listener, host or domain. */
    public static final String RESOURCE_NOT_FOUND = RuleCodes.RESOURCE_NOT_FOUND;
    /** The certificate covers none of the names the resource serves. */
    public static final String DOMAIN_NOT_COVERED = RuleCodes.DOMAIN_NOT_COVERED;
    /** Another entry of an SNI list serves one of the certificate's domains. */
    public static final String SNI_CONFLICT = RuleCodes.SNI_CONFLICT;

    private BindingRules() {}

    /**
     * A binding rule that fired.
     *
     * @param code the rule's code
     * @param message why, for a person
     */
    public record Refusal(String code, String message) {}

    /**
     * The rules that need no read: the provider makes the kind, and the target pushes the type of
     * certificate it takes.
     *
     * @param binding the binding
     * @param kind the provider's kind of that name; null when the provider makes none (or is not installed)
     * @param target the target the certificate is pushed with for the binding's (service, region)
     * @return the refusal, or null when both pass
     */
    public static @Nullable Refusal beforeReading(Binding binding, @Nullable BindingKind kind, PushTarget target) {
        if (kind == null) {
            return new Refusal(BINDING_UNSUPPORTED, "The " + binding.service() + " provider makes no binding of kind '"
                    + binding.kind() + "'");
        }
        if (kind.caCertificate() != target.isCaCertificate()) {
            return new Refusal(BINDING_TYPE, kind.caCertificate()
                    ? "A " + binding.kind() + " binding takes a CA certificate, but the " + binding.service()
                            + " target pushes a server certificate: push it as a CA certificate"
                    : "A " + binding.kind() + " binding takes a server certificate, but the " + binding.service()
                            + " target pushes a CA certificate (certificate-type=ca)");
        }
        return null;
    }

    /**
     * The rules on the resource as read.
     *
     * @param certificate the certificate to bind
     * @param binding the binding
     * @param kind the provider's kind of the binding
     * @param resource the resource; null when there is no such resource
     * @param replacing the certificates this binding replaces (a rotation's); empty for a push
     * @return the refusal, or null when every rule passes
     */
    public static @Nullable Refusal onResource(Certificate certificate, Binding binding, BindingKind kind,
            @Nullable BoundResource resource, Set<String> replacing) {
        if (resource == null) {
            return new Refusal(RESOURCE_NOT_FOUND, "There is no " + describe(binding));
        }
        if (!resource.kinds().contains(binding.kind())) {
            return new Refusal(BINDING_UNSUPPORTED, "The " + describe(binding) + " takes no certificate as "
                    + binding.kind() + (resource.kinds().isEmpty() ? " (it takes none)" : "; it takes "
                    + String.join(", ", resource.kinds())));
        }
        if (!resource.names().isEmpty() && resource.names().stream().noneMatch(name -> covered(certificate, name))) {
            return new Refusal(DOMAIN_NOT_COVERED, "The certificate (" + String.join(", ", certificate.domains())
                    + ") covers none of the names of the " + describe(binding) + ": "
                    + String.join(", ", resource.names()));
        }
        if (kind.sni()) {
            for (BoundCertificate entry : resource.references(binding.kind())) {
                if (replacing.contains(entry.id()) || certificate.fingerprint().equals(entry.fingerprint())) {
                    continue; // given way to this certificate, or this certificate itself
                }
                for (String domain : entry.domains()) {
                    if (servesName(certificate, domain)) {
                        return new Refusal(SNI_CONFLICT, "Certificate " + entry.id()
                                + (entry.name() != null ? " (" + entry.name() + ")" : "") + " in the SNI list of the "
                                + describe(binding) + " serves " + domain + " already; replace it with a rotation");
                    }
                }
            }
        }
        return null;
    }

    /**
     * The reference of a place that is this certificate already: the id it was pushed as (or found under),
     * or any copy with its fingerprint.
     *
     * @param certificate the certificate to bind
     * @param certificateId the certificate's id in the service, when known
     * @param references what the place references now
     * @return the matching reference, or null
     */
    public static @Nullable BoundCertificate alreadyBound(Certificate certificate, @Nullable String certificateId,
            List<BoundCertificate> references) {
        for (BoundCertificate reference : references) {
            if (reference.id().equals(certificateId) || certificate.fingerprint().equals(reference.fingerprint())) {
                return reference;
            }
        }
        return null;
    }

    /**
     * Whether a certificate name covers a host name: the same name, or a wildcard {@code *.example.com} and a
     * name exactly one label below it. Case-insensitive, as DNS is.
     *
     * @param certificateName a name the certificate holds, e.g. {@code *.example.com}
     * @param hostName the name served, e.g. {@code www.example.com}
     * @return whether the one covers the other
     */
    public static boolean covers(String certificateName, String hostName) {
        String name = certificateName.toLowerCase(Locale.ROOT);
        String host = hostName.toLowerCase(Locale.ROOT);
        if (name.equals(host)) {
            return true;
        }
        if (!name.startsWith("*.")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(name.substring(2));
    }

    private static boolean covered(Certificate certificate, String hostName) {
        for (String domain : certificate.domains()) {
            if (covers(domain, hostName)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an SNI entry's domain is one of the certificate's: SNI domains must not repeat in a list. */
    private static boolean servesName(Certificate certificate, String domain) {
        for (String own : certificate.domains()) {
            if (own.equalsIgnoreCase(domain)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Binding binding) {
        return binding.service() + " resource " + binding.resource()
                + (binding.region() != null ? " in " + binding.region() : "");
    }
}
