package io.scmpush.waf.internal;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.InvalidCertificateException;
import io.scmpush.PushTarget;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import io.scmpush.spi.support.EnterpriseProject;
import io.scmpush.spi.support.IdempotentCreate;
import io.scmpush.spi.support.RemotePem;
import io.scmpush.waf.Waf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads and writes the certificates of WAF in one region at a time. Stateless, so thread-safe. */
final class WafTargetClient implements TargetClient {

    /** 403 {@code not.subscribe}: WAF is not purchased in that region. */
    static final String NOT_SUBSCRIBED = "WAF.00012005";
    /** 400 {@code name.duplicate}: another certificate already has the name. */
    static final String NAME_DUPLICATE = "WAF.00011016";

    private final ProviderContext context;
    private final WafBindings bindings;

    WafTargetClient(ProviderContext context) {
        this.context = context;
        this.bindings = new WafBindings(context);
    }

    @Override
    public TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region) {
        try {
            return new TargetInventory(true, sameNamed(api(target, region), certificate), List.of());
        } catch (CloudServiceException e) {
            if (NOT_SUBSCRIBED.equals(e.errorCode())) {
                return TargetInventory.unavailable();
            }
            throw e;
        }
    }

    @Override
    public Deployment push(Certificate certificate, PushTarget target, @Nullable String region) {
        WafCertificateApi api = api(target, region);
        String key = certificate.privateKeyPem().orElseThrow(() -> new InvalidCertificateException(
                RuleCodes.PRIVATE_KEY_REQUIRED, "WAF needs the certificate's private key: build the Certificate with "
                        + "privateKeyPem(...)"));
        try {
            // After a timeout or a 5xx the create may have happened: re-read before sending it again.
            return IdempotentCreate.run(context.http(), () -> ourCopy(api, certificate),
                    () -> api.create(certificate.name(), certificate.certificatePem(), key),
                    response -> IdempotentCreate.created(response, "WAF CreateCertificate in " + api.region(), null,
                            certificate.name()));
        } catch (CloudServiceException e) {
            if (!NAME_DUPLICATE.equals(e.errorCode())) {
                throw e;
            }
            // The name is taken: by this very certificate (another process pushed it, or a resent create
            // collided with its own first send, which the re-read did not see yet), or by a different one.
            Optional<Deployment> same = ourCopy(api, certificate);
            if (same.isEmpty()) {
                throw nameTaken(e, certificate, api.region());
            }
            Deployment d = same.get();
            return e.attempts() > 1 // an earlier send of ours may have stored it
                    ? new Deployment(d.remoteId(), d.remoteName(), e.requestId(), e.attempts())
                    : Deployment.alreadyPresent(d.remoteId(), d.remoteName(), e.requestId(), e.attempts());
        }
    }

    /** Protected hosts, cloud and dedicated mode. */
    @Override
    public List<BindingKind> bindingKinds() {
        return WafBindings.KINDS;
    }

    @Override
    public Optional<BoundResource> boundResource(PushTarget target, Binding binding) {
        return bindings.read(target, binding);
    }

    /** Reads the host, then sets {@code certificateid} and {@code certificatename}; see {@link WafBindings}. */
    @Override
    public BindingChange bind(PushTarget target, Binding binding, @Nullable Certificate certificate,
            String certificateId, Set<String> replacing) {
        return bindings.bind(target, binding, certificateId);
    }

    /** Lists the hosts of both modes and reads each: the list items carry no certificate. */
    @Override
    public List<BoundResource> boundResources(PushTarget target, @Nullable String region,
            @Nullable Set<String> certificateIds) {
        if (region == null) {
            throw new IllegalArgumentException("WAF is regional: a region is required");
        }
        return bindings.find(target, region, certificateIds);
    }

    /**
     * The certificates named exactly like ours. WAF does not list bodies, so each is fetched to
     * fingerprint it, but only when its expiry matches ours: a different expiry is a different certificate.
     */
    private static List<RemoteCertificate> sameNamed(WafCertificateApi api, Certificate certificate) {
        long ourExpiry = certificate.notAfter().getEpochSecond();
        List<RemoteCertificate> found = new ArrayList<>();
        for (WafCertificateApi.Listed listed : api.listNamed(certificate.name())) {
            if (!listed.name().equals(certificate.name())) {
                continue; // the name filter is fuzzy
            }
            Instant expiry = listed.expireTime();
            boolean mayBeOurs = expiry == null || expiry.getEpochSecond() == ourExpiry;
            String fingerprint = mayBeOurs ? RemotePem.leafFingerprint(api.content(listed.id())) : null;
            found.add(new RemoteCertificate(listed.id(), listed.name(), fingerprint, expiry));
        }
        return found;
    }

    /** Our certificate (same fingerprint), if WAF holds it: what a create with no clear answer, or another process, left. */
    private static Optional<Deployment> ourCopy(WafCertificateApi api, Certificate certificate) {
        return IdempotentCreate.ourCopy(certificate, sameNamed(api, certificate));
    }

    private static CloudServiceException nameTaken(CloudServiceException e, Certificate certificate, String region) {
        return CloudServiceException.builder(e.code(), "WAF in " + region + " already has a certificate named " + certificate.name() + " with different content; rename via Certificate.builder().name(...)")
                .httpStatus(e.httpStatus()).errorCode(e.errorCode()).requestId(e.requestId()).attempts(e.attempts())
                .cause(e).build();
    }

    private WafCertificateApi api(PushTarget target, @Nullable String region) {
        if (region == null) {
            throw new IllegalArgumentException("WAF is regional: a region is required");
        }
        if (target.isCaCertificate()) {
            throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT, "WAF holds server certificates only: remove option "
                    + PushTarget.CERTIFICATE_TYPE + "=ca from the WAF target");
        }
        String enterpriseProject = EnterpriseProject.of(target, "WAF");
        return new WafCertificateApi(context.http(), context.endpoint(Waf.SERVICE, region),
                context.projectId(region), region, enterpriseProject);
    }
}
