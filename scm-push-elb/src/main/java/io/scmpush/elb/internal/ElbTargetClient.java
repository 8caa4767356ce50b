package io.scmpush.elb.internal;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.PushTarget;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import io.scmpush.spi.support.EnterpriseProject;
import io.scmpush.spi.support.IdempotentCreate;
import io.scmpush.spi.support.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the certificates of dedicated ELB (v3) in one region per call.
 *
 * <p>Service availability: ELB certificates need no subscription, so the only "not there" answer is
 * API Gateway's 404 {@code APIG.0101} for the list call (the region does not publish the v3 API), reported
 * as {@link TargetInventory#unavailable()}. Any other 404 (ELB's own, e.g. for a project id that is not the
 * account's) stays a failure, so that a wrong id never looks like a disabled service. A 401/403 stays a failure ({@code AUTH_FAILED}, or ELB's own
 * code): it means the credentials lack {@code elb:certificates:list} or the account is frozen, which
 * the user must fix, not a service to enable.
 */
final class ElbTargetClient implements TargetClient {
    /** ELB's code for a certificate or key it cannot read, or a pair that does not match. */
    static final String INVALID_CERTIFICATE_OR_KEY = "ELB.1011";

    private static final System.Logger LOG = System.getLogger(ElbTargetClient.class.getName());

    private final ElbCertificateApi api;
    private final ElbBindings bindings;

    ElbTargetClient(ElbCertificateApi api, ElbBindings bindings) {
        this.api = api;
        this.bindings = bindings;
    }

    @Override
    public TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region) {
        String in = requireRegion(region);
        try {
            return new TargetInventory(true, api.list(in, certificate.name(), type(target),
                    EnterpriseProject.of(target, "ELB")), List.of());
        } catch (CloudServiceException e) {
            if (e.httpStatus() != 404 || !isApiNotPublished(e.errorCode())) {
                throw e; // a 404 of ELB itself (a wrong project id, say) is a failure, not a disabled service
            }
            LOG.log(System.Logger.Level.INFO, "ELB v3 certificates are not served in {0} ({1}): {2}", in, e.code(),
                    e.getMessage());
            return TargetInventory.unavailable();
        }
    }

    /**
     * Creates the certificate once: after a create whose fate is unknown (no answer, 500/502/504) the
     * shared {@link IdempotentCreate} re-reads the list, and if our certificate is there its id is the
     * result; the create is sent again only when it is not.
     */
    @Override
    public Deployment push(Certificate certificate, PushTarget target, @Nullable String region) {
        String in = requireRegion(region);
        String enterpriseProject = EnterpriseProject.of(target, "ELB");
        JsonObject body = target.isCaCertificate()
                ? CreateCertificateBody.ca(certificate, enterpriseProject)
                : CreateCertificateBody.server(certificate, enterpriseProject);
        try {
            return IdempotentCreate.run(api.http(), () -> existing(certificate, target, in),
                    () -> api.create(in, body), response -> IdempotentCreate.created(response,
                            "ELB create certificate in " + in, "certificate", certificate.name()));
        } catch (CloudServiceException e) {
            if (INVALID_CERTIFICATE_OR_KEY.equals(e.errorCode())) {
                throw CloudServiceException.builder(e.code(), "ELB refused the upload: certificate and private key do " + "not match or are invalid (" + e.getMessage() + ")")
                        .httpStatus(e.httpStatus()).errorCode(e.errorCode()).requestId(e.requestId())
                        .attempts(e.attempts()).cause(e).build();
            }
            throw e;
        }
    }

    /** Listeners: the default certificate, the SNI list, the client CA. */
    @Override
    public List<BindingKind> bindingKinds() {
        return ElbBindings.KINDS;
    }

    @Override
    public Optional<BoundResource> boundResource(PushTarget target, Binding binding) {
        return bindings.read(binding);
    }

    /** Reads the listener, then updates the one field that changes; see {@link ElbBindings}. */
    @Override
    public BindingChange bind(PushTarget target, Binding binding, @Nullable Certificate certificate,
            String certificateId, Set<String> replacing) {
        return bindings.bind(binding, certificateId, replacing);
    }

    /** Lists the region's HTTPS, TERMINATED_HTTPS and QUIC listeners: SNI references have no filter. */
    @Override
    public List<BoundResource> boundResources(PushTarget target, @Nullable String region,
            @Nullable Set<String> certificateIds) {
        return bindings.find(requireRegion(region), certificateIds);
    }

    private Optional<Deployment> existing(Certificate certificate, PushTarget target, String region) {
        return IdempotentCreate.ourCopy(certificate,
                api.list(region, certificate.name(), type(target), EnterpriseProject.of(target, "ELB")));
    }

    /** API Gateway's "the API does not exist or has not been published in the environment". */
    private static boolean isApiNotPublished(@Nullable String errorCode) {
        return "APIG.0101".equals(errorCode) || "APIGW.0101".equals(errorCode);
    }

    private static String type(PushTarget target) {
        return target.isCaCertificate() ? "client" : "server";
    }

    private static String requireRegion(@Nullable String region) {
        if (region == null) {
            throw new IllegalArgumentException("ELB is regional: name a region, e.g. Elb.inRegions(\"cn-north-4\")");
        }
        return region;
    }
}
