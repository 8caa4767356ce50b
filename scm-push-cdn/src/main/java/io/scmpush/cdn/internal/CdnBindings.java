package io.scmpush.cdn.internal;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import io.scmpush.PushTarget;
import io.scmpush.cdn.Cdn;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.support.RemotePem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * CDN acceleration domains as bindings ({@code Cdn.domain(name)}). CDN has no certificate store: the push
 * itself sets the certificate on its target's domains, so a binding mostly names a domain, checks it
 * (it must exist and be covered) and reports what it served before. A domain the push did not reach (the
 * request's CDN target names other domains) is set here, its settings kept as the push keeps them. A
 * certificate's id in CDN is its name.
 */
final class CdnBindings {
    static final List<BindingKind> KINDS = List.of(BindingKind.server(Cdn.DOMAIN));

    /** The API of the target's site. */
    private final Function<PushTarget, CdnApi> apis;
    private final Runnable awaitRateLimit;
    private final Function<PushTarget, @Nullable String> enterpriseProject;

    CdnBindings(Function<PushTarget, CdnApi> apis, Runnable awaitRateLimit,
            Function<PushTarget, @Nullable String> enterpriseProject) {
        this.apis = apis;
        this.awaitRateLimit = awaitRateLimit;
        this.enterpriseProject = enterpriseProject;
    }

    /** The push's target for domains bound without a CDN target: exactly those domains. */
    PushTarget target(List<Binding> bindings) {
        Set<String> domains = new LinkedHashSet<>();
        bindings.forEach(b -> domains.add(b.resource()));
        return Cdn.domains(domains.toArray(String[]::new));
    }

    Optional<BoundResource> read(PushTarget target, Binding binding) {
        String ep = enterpriseProject.apply(target);
        CdnApi api = apis.apply(target);
        Optional<String> domain = api.accelerationDomains(ep).stream()
                .filter(d -> d.equalsIgnoreCase(binding.resource())).findFirst();
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        List<CdnApi.HttpsBinding> https = api.httpsBindings(ep);
        return Optional.of(describe(domain.get(), https));
    }

    List<BoundResource> find(PushTarget target, @Nullable Set<String> certificateIds) {
        List<CdnApi.HttpsBinding> https = apis.apply(target).httpsBindings(enterpriseProject.apply(target));
        List<BoundResource> found = new ArrayList<>();
        for (CdnApi.HttpsBinding binding : https) {
            if (certificateIds == null || certificateIds.contains(binding.certificateName())) {
                found.add(describe(binding.domain(), https));
            }
        }
        return found;
    }

    /**
     * Sets the certificate on the binding's domain, under {@code certificateId} (a certificate's id in CDN is its
     * name: a rollback restores the name the domain had), unless the domain holds it already.
     *
     * @param certificate the certificate with its key; null when the engine has none at hand (a rollback whose
     *     replaced certificate was not given to {@code rollbackWith})
     * @throws CloudServiceException {@code ROLLBACK_NEEDS_CERTIFICATE} when it is null or has no key: CDN sets
     *     content, never returns a key, and has no reference to point back at
     */
    BindingChange bind(PushTarget target, Binding binding, @Nullable Certificate certificate, String certificateId) {
        String ep = enterpriseProject.apply(target);
        CdnApi api = apis.apply(target);
        String domain = binding.resource();
        CdnApi.HttpsBinding current = current(domain, api.httpsBindings(ep));
        if (current != null && current.certificateName().equals(certificateId)
                && (certificate == null || current.certificatePem() == null
                        || certificate.fingerprint().equals(RemotePem.leafFingerprint(current.certificatePem())))) {
            return BindingChange.unchanged(); // the push set it
        }
        if (certificate == null || certificate.privateKeyPem().isEmpty()) {
            throw CloudServiceException.builder(OutcomeCodes.ROLLBACK_NEEDS_CERTIFICATE, "CDN sets a domain's "
                    + "certificate by its content and key, and never returns a key, so " + domain + " cannot be pointed "
                    + "back at '" + certificateId + "' by reference: pass that certificate with its key to "
                    + "RotationRequest.rollbackWith(...) before executing the rotation, or push it again with "
                    + "push(certificate).to(Cdn.domains(\"" + domain + "\"))").build();
        }
        awaitRateLimit.run();
        CdnApi.BatchResult result = api.setCertificate(List.of(domain), api.settings(domain, ep), certificateId,
                certificate.certificatePem(), certificate.privateKeyPem().orElseThrow(),
                certificate.scmId().orElse(null), ep);
        if (!result.failures().isEmpty()) {
            CdnApi.DomainFailure failure = result.failures().get(0);
            String code = failure.errorCode() != null ? failure.errorCode() : CdnClient.DOMAIN_FAILED;
            throw CloudServiceException.builder(code, "CDN did not set certificate '" + certificateId + "' on "
                    + domain + ": " + failure.reason())
                    .httpStatus(200).errorCode(failure.errorCode()).requestId(result.requestId())
                    .attempts(result.attempts()).build();
        }
        return new BindingChange(true, current == null ? null : current.certificateName(), result.requestId(),
                result.attempts());
    }

    private static BoundResource describe(String domain, List<CdnApi.HttpsBinding> https) {
        CdnApi.HttpsBinding current = current(domain, https);
        List<BoundCertificate> references = new ArrayList<>();
        if (current != null) {
            BoundCertificate described = RemotePem.describe(current.certificateName(), current.certificateName(),
                    current.certificatePem());
            references.add(described.fingerprint() != null ? described : new BoundCertificate(
                    current.certificateName(), current.certificateName(), null, current.expiry(), List.of()));
        }
        return new BoundResource(Cdn.SERVICE, null, domain, List.of(domain), Map.of(Cdn.DOMAIN, references));
    }

    private static CdnApi.@Nullable HttpsBinding current(String domain, List<CdnApi.HttpsBinding> https) {
        String name = domain.toLowerCase(Locale.ROOT);
        for (CdnApi.HttpsBinding binding : https) {
            if (binding.domain().toLowerCase(Locale.ROOT).equals(name)) {
                return binding;
            }
        }
        return null;
    }
}
