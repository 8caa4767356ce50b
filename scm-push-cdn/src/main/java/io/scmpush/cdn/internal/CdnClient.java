package io.scmpush.cdn.internal;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.InvalidCertificateException;
import io.scmpush.OutcomeCodes;
import io.scmpush.PushTarget;
import io.scmpush.cdn.Cdn;
import io.scmpush.cdn.internal.CdnApi.BatchResult;
import io.scmpush.cdn.internal.CdnApi.DomainFailure;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import io.scmpush.spi.support.EnterpriseProject;
import io.scmpush.spi.support.RemotePem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Huawei Cloud CDN for one {@code ScmPush}. CDN has no certificate store of its own: a certificate
 * lives on the acceleration domains it is set on, under a name unique in the account, and a push sets
 * it on the domains of the target that lack it, in batches of 50, within the service's 20 calls a minute,
 * keeping each domain's origin protocol, forced redirect and HTTP/2 as they are.
 * Thread-safe.
 */
final class CdnClient implements TargetClient {
    private static final System.Logger LOG = System.getLogger(CdnClient.class.getName());
    static final String DOMAIN_FAILED = OutcomeCodes.CDN_DOMAIN_FAILED;

    /** The API of a site, by its region id (null: the international site). */
    private final Function<@Nullable String, CdnApi> apis;
    private final CallRateLimiter limiter;
    private final CdnBindings bindings;

    CdnClient(Function<@Nullable String, CdnApi> apis, CallRateLimiter limiter) {
        this.apis = apis;
        this.limiter = limiter;
        this.bindings = new CdnBindings(target -> apis.apply(siteRegion(target)), this::awaitRateLimit,
                CdnClient::enterpriseProject);
    }

    /** Acceleration domains: the push sets the certificate on them; see {@link CdnBindings}. */
    @Override
    public List<BindingKind> bindingKinds() {
        return CdnBindings.KINDS;
    }

    /** A CDN target of exactly the bound domains. */
    @Override
    public PushTarget bindingTarget(List<Binding> bindings) {
        return this.bindings.target(bindings);
    }

    @Override
    public Optional<BoundResource> boundResource(PushTarget target, Binding binding) {
        return bindings.read(target, binding);
    }

    @Override
    public BindingChange bind(PushTarget target, Binding binding, @Nullable Certificate certificate,
            String certificateId, Set<String> replacing) {
        return bindings.bind(target, binding, certificate, certificateId);
    }

    @Override
    public List<BoundResource> boundResources(PushTarget target, @Nullable String region,
            @Nullable Set<String> certificateIds) {
        return bindings.find(target, certificateIds);
    }

    /** One site only: for tests. */
    CdnClient(CdnApi api, CallRateLimiter limiter) {
        this(site -> api, limiter);
    }

    /**
     * The usable acceleration domains, and the certificates set on any domain, one entry per distinct
     * (name, body, expiry): id and name are the certificate's name. The listing is not documented to
     * carry the certificate body (the official SDK models a {@code certificate} field); when one comes
     * back its fingerprint is read, else it stays null and {@code ALREADY_PUSHED} compares name and expiry.
     *
     * <p>Presence is judged per target domain: this certificate is listed only when every domain of the
     * target holds it. After a push that reached some of the domains, the next push therefore writes to
     * the others (with SKIP and with FAIL alike) instead of counting the certificate as present.
     */
    @Override
    public TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region) {
        String enterpriseProject = enterpriseProject(target);
        CdnApi api = apis.apply(siteRegion(target));
        CdnApi.Listings listings = api.listings(enterpriseProject);
        List<String> domains = listings.domains();
        List<CdnApi.HttpsBinding> bindings = listings.bindings();
        DomainSelection selection = DomainSelection.of(certificate.domains(), target, domains);
        boolean onEveryTargetDomain = selection.problems().isEmpty()
                && holding(bindings, certificate).containsAll(selection.domains());
        Set<RemoteCertificate> certificates = new LinkedHashSet<>();
        for (CdnApi.HttpsBinding binding : bindings) {
            if (!onEveryTargetDomain && isThis(binding, certificate)) {
                continue;
            }
            certificates.add(new RemoteCertificate(binding.certificateName(), binding.certificateName(),
                    RemotePem.leafFingerprint(binding.certificatePem()), binding.expiry()));
        }
        return new TargetInventory(true, List.copyOf(certificates), domains);
    }

    /**
     * Sets the certificate on the target's domains that lack it, read afresh. Each domain's origin
     * protocol, forced redirect and HTTP/2 are read first and sent back unchanged (see
     * {@link CdnApi#setCertificate}); domains with the same settings share a call of up to 50. Any domain
     * the service did not configure fails the push, naming each domain and the service's reason. The
     * request id is the last call's (of a failure: the first call that reported one); attempts count
     * every write.
     */
    @Override
    public Deployment push(Certificate certificate, PushTarget target, @Nullable String region) {
        return write(certificate, target, null);
    }

    /**
     * As {@link #push(Certificate, PushTarget, String)}, with the acceleration domains the inventory listed
     * moments ago: which domains hold the certificate is still read afresh, and with it (one round trip) the
     * settings of the target's domains.
     */
    @Override
    public Deployment push(Certificate certificate, PushTarget target, @Nullable String region,
            TargetInventory read) {
        return write(certificate, target, read.domains());
    }

    private Deployment write(Certificate certificate, PushTarget target, @Nullable List<String> listedDomains) {
        String privateKey = certificate.privateKeyPem().orElseThrow(() -> new InvalidCertificateException(
                RuleCodes.PRIVATE_KEY_REQUIRED, "CDN needs the certificate's private key: build the Certificate with privateKeyPem(...)"));
        String enterpriseProject = enterpriseProject(target);
        CdnApi api = apis.apply(siteRegion(target));
        CdnApi.Listings listings = listedDomains == null ? api.listings(enterpriseProject) : null;
        DomainSelection selection = DomainSelection.of(certificate.domains(), target,
                listings != null ? listings.domains() : Objects.requireNonNull(listedDomains));
        if (!selection.problems().isEmpty()) { // the domains changed since the rules looked
            throw CloudServiceException.builder(DomainNotOnboardedRule.CODE, "CDN: " + String.join("; ", selection.problems()))
                    .build();
        }
        CdnApi.BeforeWrite before = listings != null ? new CdnApi.BeforeWrite(listings.bindings(), Map.of())
                : api.beforeWrite(selection.domains(), enterpriseProject);
        Set<String> holding = holding(before.bindings(), certificate);
        List<String> lacking = selection.domains().stream().filter(domain -> !holding.contains(domain)).toList();
        List<CdnApi.HttpsSettings> settings = api.settings(lacking, enterpriseProject, before.settingsAnswers());
        Map<CdnApi.HttpsSettings, List<String>> groups = new LinkedHashMap<>();
        for (int i = 0; i < lacking.size(); i++) {
            groups.computeIfAbsent(settings.get(i), s -> new ArrayList<>()).add(lacking.get(i));
        }
        int of = lacking.size();
        List<DomainFailure> failures = new ArrayList<>();
        String requestId = null;
        String failedRequestId = null;
        int attempts = 0;
        int done = 0;
        for (Map.Entry<CdnApi.HttpsSettings, List<String>> group : groups.entrySet()) {
            List<String> domains = group.getValue();
            for (int from = 0; from < domains.size(); from += CdnApi.MAX_DOMAINS_PER_CALL) {
                List<String> batch = domains.subList(from, Math.min(from + CdnApi.MAX_DOMAINS_PER_CALL, domains.size()));
                BatchResult result;
                try {
                    awaitRateLimit();
                    result = api.setCertificate(batch, group.getKey(), certificate.name(), certificate.certificatePem(),
                            privateKey, certificate.scmId().orElse(null), enterpriseProject);
                } catch (CloudServiceException e) {
                    if (!setDespiteUnreadableReply(api, e, batch, certificate, enterpriseProject)) {
                        throw done == 0 && failures.isEmpty() ? e : partlyDone(e, certificate, done, of, attempts);
                    }
                    result = new BatchResult(List.of(), e.requestId(), e.attempts());
                }
                attempts += result.attempts();
                requestId = result.requestId();
                if (!result.failures().isEmpty() && failedRequestId == null) {
                    failedRequestId = result.requestId();
                }
                failures.addAll(result.failures());
                done += batch.size() - result.failures().size();
                LOG.log(System.Logger.Level.DEBUG, "CDN: certificate {0} set on {1} domains ({2} failed), request {3}",
                        certificate.name(), batch.size(), result.failures().size(), result.requestId());
            }
        }
        if (!failures.isEmpty()) {
            throw failed(certificate, failures, of, failedRequestId, attempts);
        }
        return new Deployment(certificate.name(), certificate.name(), requestId, attempts);
    }

    /** The domains (lower case) that hold this certificate now. */
    private static Set<String> holding(List<CdnApi.HttpsBinding> bindings, Certificate certificate) {
        Set<String> domains = new HashSet<>();
        for (CdnApi.HttpsBinding binding : bindings) {
            if (isThis(binding, certificate)) {
                domains.add(binding.domain().toLowerCase(Locale.ROOT));
            }
        }
        return domains;
    }

    /**
     * Whether a domain's certificate is this one: the same leaf fingerprint where the listing returns the
     * body, else the same name and expiry (as {@code ALREADY_PUSHED} judges).
     */
    private static boolean isThis(CdnApi.HttpsBinding binding, Certificate certificate) {
        if (binding.certificatePem() != null) {
            return certificate.fingerprint().equals(RemotePem.leafFingerprint(binding.certificatePem()));
        }
        return binding.certificateName().equals(certificate.name()) && binding.expiry() != null
                && binding.expiry().getEpochSecond() == certificate.notAfter().getEpochSecond();
    }

    /**
     * Whether a 2xx reply that could not be read hid a success: the service said yes, so the domains are
     * re-read, and the batch counts as set when each of them now holds this certificate.
     */
    private static boolean setDespiteUnreadableReply(CdnApi api, CloudServiceException e, List<String> batch,
            Certificate certificate, @Nullable String enterpriseProject) {
        if (!e.code().equals(OutcomeCodes.MALFORMED_RESPONSE) || e.httpStatus() < 200 || e.httpStatus() > 299) {
            return false;
        }
        Set<String> holding;
        try {
            holding = holding(api.httpsBindings(enterpriseProject), certificate);
        } catch (RuntimeException readFailed) {
            e.addSuppressed(readFailed);
            return false;
        }
        boolean set = batch.stream().allMatch(domain -> holding.contains(domain.toLowerCase(Locale.ROOT)));
        if (set) {
            LOG.log(System.Logger.Level.INFO, "CDN: the reply to setting certificate {0} could not be read, but its "
                    + "{1} domains hold it now", certificate.name(), batch.size());
        }
        return set;
    }

    private void awaitRateLimit() {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the CDN rate limit", e);
        }
    }

    private static CloudServiceException failed(Certificate certificate, List<DomainFailure> failures, int of,
            @Nullable String requestId, int attempts) {
        String code = failures.stream().map(DomainFailure::errorCode).filter(c -> c != null).findFirst()
                .orElse(DOMAIN_FAILED);
        String list = failures.stream().map(f -> f.domain() + " (" + f.reason() + ")")
                .collect(Collectors.joining(", "));
        String message = "CDN did not set certificate '" + certificate.name() + "' on " + failures.size() + " of " + of
                + " domains: " + list + (failures.size() < of ? "; the other domains have it" : "")
                + ". Pushing again sets it on the domains that lack it.";
        return CloudServiceException.builder(code, message).httpStatus(200)
                .errorCode(code.equals(DOMAIN_FAILED) ? null : code).requestId(requestId).attempts(attempts).build();
    }

    /** A later batch failed after earlier ones succeeded: say so, keeping the evidence of the failure. */
    private static CloudServiceException partlyDone(CloudServiceException e, Certificate certificate, int done,
            int of, int attemptsBefore) {
        return CloudServiceException.builder(e.code(), "CDN set certificate '" + certificate.name() + "' on " + done + " of " + of + " domains, then failed: " + e.getMessage() + ". Pushing again sets it on the domains that lack it.")
                .httpStatus(e.httpStatus()).errorCode(e.errorCode()).requestId(e.requestId()).retryable(e.retryable())
                .attempts(attemptsBefore + e.attempts()).cause(e).build();
    }

    /**
     * The region id of the target's site: null for the international site (the default),
     * {@code eu-west-101} for the EU site.
     *
     * @throws ConfigurationException {@code INVALID_ARGUMENT} for another value
     */
    static @Nullable String siteRegion(PushTarget target) {
        String site = target.options().getOrDefault(Cdn.SITE, Cdn.SITE_INTERNATIONAL);
        return switch (site) {
            case Cdn.SITE_INTERNATIONAL -> null;
            case Cdn.SITE_EU -> "eu-west-101";
            default -> throw new ConfigurationException(ConfigurationCodes.INVALID_ARGUMENT, "CDN: option " + Cdn.SITE + " is "
                    + Cdn.SITE_INTERNATIONAL + " or " + Cdn.SITE_EU + ", was '" + site + "'");
        };
    }

    private static @Nullable String enterpriseProject(PushTarget target) {
        return EnterpriseProject.of(target, "CDN");
    }
}
