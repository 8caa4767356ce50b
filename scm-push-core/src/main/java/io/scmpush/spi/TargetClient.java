package io.scmpush.spi;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.ConfigurationException;
import io.scmpush.PushTarget;
import io.scmpush.rules.RuleCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A connected provider. Called from many threads at once; every method is for one (target, region),
 * region null for a global service. Exceptions become FAILED outcomes: throw
 * {@link io.scmpush.CloudServiceException} for remote failures so the outcome carries their code.
 *
 * <h2>Binding (optional)</h2>
 * A provider whose service serves certificates from places that reference them — an HTTPS listener's
 * default certificate, a protected host — can point those places at a pushed certificate
 * ({@link io.scmpush.PushRequest#bind}) and find them again for a rotation. It implements:
 * <ul>
 * <li>{@link #bindingKinds()}: the kinds of {@link Binding} it makes;</li>
 * <li>{@link #boundResource}: reads one resource, writing nothing;</li>
 * <li>{@link #bind}: points one place of a resource at a certificate the service holds;</li>
 * <li>{@link #boundResources}: finds the resources that reference given certificates;</li>
 * <li>optionally {@link #bindingTarget}, when a binding needs more than a plain target.</li>
 * </ul>
 * The defaults make none: a client written before binding existed compiles and runs unchanged, and each
 * binding of its service ends {@code REJECTED} with code {@code BINDING_UNSUPPORTED}; its
 * {@link #boundResources} finds nothing. The engine judges the binding rules ({@code RESOURCE_NOT_FOUND},
 * {@code BINDING_TYPE}, {@code DOMAIN_NOT_COVERED}, {@code SNI_CONFLICT}) itself, from what
 * {@link #boundResource} returns, before anything is written; {@link #bind} is called only for a binding
 * that passed them, after the certificate was pushed, and for the bindings of one (service, region) one at
 * a time, in request order.
 */
public interface TargetClient extends AutoCloseable {

    /**
     * Reads what the target holds now. Writes nothing.
     *
     * @param certificate the certificate being pushed (for the names and domains to look for)
     * @param target the target, with its options
     * @param region the region to read; null for a global service
     * @return the certificates (and, for domain-based services, the domains) the target holds; an inventory
     *     with {@code serviceAvailable} false when the service is not enabled there
     */
    TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region);

    /**
     * Writes the certificate. Must not create a second copy after an ambiguous failure: re-read the
     * target before sending a create again.
     *
     * @param certificate the certificate to write, with its key when the service needs one
     * @param target the target, with its options
     * @param region the region to write to; null for a global service
     * @return where the certificate now lives and how many attempts the write took
     * @throws io.scmpush.InvalidCertificateException {@link io.scmpush.rules.RuleCodes#PRIVATE_KEY_REQUIRED} when
     *     the service needs the private key and the certificate has none (reached only when a user removed
     *     that rule): the same code in every provider
     */
    Deployment push(Certificate certificate, PushTarget target, @Nullable String region);

    /**
     * {@link #push(Certificate, PushTarget, String)}, given what this push's {@link #inventory} read of the
     * same target just before. A client that would list the same again before it writes may take it from
     * {@code read} instead, saving a round trip (CDN takes its domain list); what must be read afresh to write
     * at most once, it still reads. The engine calls this one whenever the unit was read. The default ignores
     * {@code read}.
     *
     * @param certificate the certificate to write, with its key when the service needs one
     * @param target the target, with its options
     * @param region the region to write to; null for a global service
     * @param read what {@link #inventory} returned for this certificate, target and region in this push
     * @return as {@link #push(Certificate, PushTarget, String)}
     */
    default Deployment push(Certificate certificate, PushTarget target, @Nullable String region,
            TargetInventory read) {
        return push(certificate, target, region);
    }

    /**
     * The kinds of {@link Binding} this client makes. Default: none.
     *
     * @return each kind once
     */
    default List<BindingKind> bindingKinds() {
        return List.of();
    }

    /**
     * The target to push to when a request binds these resources but names no target for their
     * (service, region). Called with the request's bindings of one (service, region), each of a kind this
     * client makes. Default: the service in that region, with option {@code certificate-type=ca} when every
     * binding's kind {@linkplain BindingKind#caCertificate() takes a CA certificate}. Override it when a
     * binding needs more, e.g. a CDN domain, which the push itself configures.
     *
     * @param bindings one or more bindings, all of one (service, region)
     * @return the target
     */
    default PushTarget bindingTarget(List<Binding> bindings) {
        Binding first = bindings.get(0);
        PushTarget target = PushTarget.of(first.service());
        if (first.region() != null) {
            target = target.inRegions(first.region());
        }
        List<String> caKinds = new ArrayList<>();
        for (BindingKind kind : bindingKinds()) {
            if (kind.caCertificate()) {
                caKinds.add(kind.kind());
            }
        }
        boolean allCa = bindings.stream().allMatch(b -> caKinds.contains(b.kind()));
        return allCa ? target.withOption(PushTarget.CERTIFICATE_TYPE, "ca") : target;
    }

    /**
     * Reads one bindable resource: the names it serves and what each of its places references now. Writes
     * nothing. Called for each binding of a request, in {@code plan()} too, before anything is written.
     *
     * @param target the request's target for the binding's (service, region), whose options (an enterprise
     *     project, ...) apply
     * @param binding the binding, of a kind this client makes; its kind says which kind of resource to read
     * @return the resource; empty when there is no such resource (the binding ends {@code REJECTED}
     *     {@code RESOURCE_NOT_FOUND})
     * @throws ConfigurationException {@code BINDING_UNSUPPORTED} by default
     */
    default Optional<BoundResource> boundResource(PushTarget target, Binding binding) {
        throw unsupported(binding);
    }

    /**
     * Points one place of a resource at a certificate the service holds, reading the resource first and
     * keeping everything else on it as it is. Must be safe to call again with the same arguments: when the
     * place references the certificate already, it writes nothing and answers
     * {@link BindingChange#unchanged()}. Must never leave a resource without a certificate it had.
     *
     * <p>A single reference (a default certificate, a host's certificate) is replaced. In a list (an SNI
     * list) the first entry that is one of {@code replacing} is replaced in place and any further such entry
     * is dropped; when none is, the certificate is appended; every other entry stays, in its order, and no
     * entry is ever repeated.
     *
     * @param target the request's target for the binding's (service, region)
     * @param binding the binding, of a kind this client makes, which passed the binding rules
     * @param certificate the certificate, for a service that sets content rather than a reference (a CDN
     *     domain); null when it is not at hand (pointing a binding back at an earlier certificate)
     * @param certificateId the certificate's id in the service, as a push returned or found it
     * @param replacing ids of certificates this binding replaces: entries of a list that give way to the
     *     certificate; empty when it is added
     * @return what was done
     * @throws io.scmpush.CloudServiceException when the service refuses or fails; the binding ends
     *     {@code FAILED} with its code
     * @throws ConfigurationException {@code BINDING_UNSUPPORTED} by default
     */
    default BindingChange bind(PushTarget target, Binding binding, @Nullable Certificate certificate,
            String certificateId, Set<String> replacing) {
        throw unsupported(binding);
    }

    /**
     * Finds the bindable resources of a target in one region that reference certificates: what a rotation
     * re-points. Uses the service's own filters where it has them. Writes nothing. Default: none.
     *
     * @param target the target to search, whose options apply
     * @param region one of its regions; null for a global service
     * @param certificateIds the certificates to look for: only resources that reference at least one of them
     *     in some place are returned; null for every resource that references any certificate
     * @return the resources, each with all its references (not only the matching ones)
     */
    default List<BoundResource> boundResources(PushTarget target, @Nullable String region,
            @Nullable Set<String> certificateIds) {
        return List.of();
    }

    /** Releases what {@link PushProvider#connect(ProviderContext)} acquired; by default nothing. */
    @Override
    default void close() {}

    private static ConfigurationException unsupported(Binding binding) {
        return new ConfigurationException(RuleCodes.BINDING_UNSUPPORTED, "The " + binding.service()
                + " provider makes no binding of kind '" + binding.kind() + "'");
    }
}
