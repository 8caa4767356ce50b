package io.scmpush.scm;

import io.scmpush.Certificate;
import io.scmpush.CertificateStatus;
import io.scmpush.CsrOrigin;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import io.scmpush.scm.internal.NativePush;
import io.scmpush.scm.internal.ScmApi;
import io.scmpush.spi.support.ClientContext;
import io.scmpush.spi.support.PageGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The certificates Huawei Cloud's certificate manager (SCM) holds: list them, show one, export one as a
 * {@link Certificate} to push with {@link ScmPush#push(Certificate)}, or have SCM push one itself.
 *
 * <p>Calls SCM v3 ({@code /v3/scm/certificates}) with the credentials, transport, retries and endpoint
 * overrides of the {@link ScmPush} it is made from. SCM is a global service: its calls carry
 * {@code X-Domain-Id}, no project. Its service id for overrides is {@code scm}; the endpoint is
 * {@code https://scm.ap-southeast-1.myhuaweicloud.com} (the international site) unless
 * {@code ScmPush.builder().endpoint("scm", uri)}, {@code endpoint(uri)} or the official SDK's
 * {@code HUAWEICLOUD_SDK_REGION_SCM_AP_SOUTHEAST_1} says otherwise; the Chinese site is
 * {@code https://scm.cn-north-4.myhuaweicloud.com}.
 *
 * <pre>{@code
 * ScmCertificates certs = ScmCertificates.of(scm);
 * for (ManagedCertificate m : certs.list(ScmQuery.all().status(CertificateStatus.ISSUED)
 *         .expiringWithin(Duration.ofDays(30)))) { ... }
 * Certificate c = certs.export("scs1554192131150");   // chain + key, status, CSR origin and SCM id filled in
 * scm.push(c).to(Waf.inRegions("cn-north-4")).execute();
 * }</pre>
 *
 * <p>Immutable and thread-safe; it lives as long as its {@code ScmPush} (after {@code close()} every call
 * fails).
 */
public final class ScmCertificates {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{3,63}");

    private final ScmApi api;
    private final NativePush nativePush;
    private final Clock clock;

    private ScmCertificates(ScmApi api, NativePush nativePush, Clock clock) {
        this.api = api;
        this.nativePush = nativePush;
        this.clock = clock;
    }

    /**
     * The certificates of the account that {@code scm}'s credentials belong to.
     *
     * @param scm the {@code ScmPush} whose credentials, transport, endpoint overrides, rules, history and
     *     listener are used
     * @return a reader of SCM on that transport
     * @throws io.scmpush.ConfigurationException {@code NO_CREDENTIALS} when {@code scm} has no credentials
     * @throws IllegalStateException when {@code scm} is closed
     */
    public static ScmCertificates of(ScmPush scm) {
        Objects.requireNonNull(scm, "scm");
        ClientContext context = ClientContext.of(scm, "SCM (io.scmpush.scm)");
        context.credentials(); // NO_CREDENTIALS here, not on the first call
        ScmApi api = new ScmApi(context);
        return new ScmCertificates(api, new NativePush(api, scm.rules(), scm.history(), context.listener(),
                context.clock(), context::descriptor), context.clock());
    }

    /**
     * Every certificate that matches {@code query}, reading every page of SCM's list (50 a page).
     *
     * @param query the filters; {@link ScmQuery#all()} for every certificate
     * @return the matching certificates in SCM's order (most recently updated first)
     * @throws io.scmpush.CloudServiceException when SCM answers with an error, or with a field this
     *     library cannot read ({@code MALFORMED_RESPONSE}, naming the field)
     * @throws io.scmpush.CloudServiceException {@code PAGINATION_LOOP} when SCM answers a page it answered
     *     before (it ignored the offset), {@code TOO_MANY_PAGES} when its listing does not end
     * @throws IllegalStateException when more certificates match than SCM's paging reaches (offset 100):
     *     narrow the query
     */
    public List<ManagedCertificate> list(ScmQuery query) {
        Objects.requireNonNull(query, "query");
        String status = query.wantedStatus().map(ScmCertificates::scmStatus).orElse(null);
        Instant horizon = query.wantedExpiry().map(d -> clock.instant().plus(d)).orElse(null);
        List<ManagedCertificate> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // A page is known by its ids: a service that ignores the offset answers the same page again.
        PageGuard pages = new PageGuard("SCM ListCertificates", ScmApi.MAX_OFFSET / ScmApi.PAGE_SIZE + 1);
        for (int offset = 0, read = 0; ; ) {
            ScmApi.Page page = api.list(offset, status, query.wantedEnterpriseProject().orElse(null),
                    query.wantedKeyword().orElse(null));
            StringBuilder ids = new StringBuilder();
            for (ManagedCertificate m : page.certificates()) {
                ids.append(m.id()).append(',');
                boolean statusMatches = query.wantedStatus().map(s -> s == m.status()).orElse(true);
                boolean expiryMatches = horizon == null || m.notAfter() != null && !m.notAfter().isAfter(horizon);
                if (seen.add(m.id()) && statusMatches && expiryMatches) {
                    found.add(m);
                }
            }
            read += page.certificates().size();
            boolean more = page.certificates().size() == ScmApi.PAGE_SIZE && read < page.totalCount();
            if (more && offset + ScmApi.PAGE_SIZE > ScmApi.MAX_OFFSET) {
                throw new IllegalStateException(page.totalCount() + " certificates match " + query + ", more than "
                        + "SCM's list reaches (offset " + ScmApi.MAX_OFFSET + " at most): narrow the query with "
                        + "status(...), containing(...) or enterpriseProject(...)");
            }
            if (pages.nextMarker(page.certificates().size(), more ? ids.toString() : null) == null) {
                return List.copyOf(found);
            }
            offset += ScmApi.PAGE_SIZE;
        }
    }

    /**
     * One certificate, as SCM shows it.
     *
     * @param id SCM's certificate id, e.g. {@code scs1554192131150}
     * @return its description
     * @throws io.scmpush.CloudServiceException when SCM answers with an error (e.g. no such certificate) or
     *     with a field this library cannot read ({@code MALFORMED_RESPONSE})
     * @throws IllegalArgumentException when {@code id} is not an id's shape
     */
    public ManagedCertificate show(String id) {
        return api.show(id).certificate();
    }

    /**
     * Exports a certificate from SCM, ready to push: its chain (leaf first), its key when SCM holds one,
     * its status as SCM shows it, its SCM id, and its SCM name when that is a valid certificate name. A
     * certificate applied for with a manually generated CSR exports without a key: its
     * {@link Certificate#csrOrigin()} is {@link CsrOrigin#MANUAL}, so the standard rules refuse to push it
     * ({@code MANUAL_CSR}). Two calls: {@code show}, then {@code export}.
     *
     * @param id SCM's certificate id
     * @return the certificate
     * @throws io.scmpush.CloudServiceException when SCM answers with an error (e.g. a certificate that is
     *     not issued yet has nothing to export)
     * @throws io.scmpush.InvalidCertificateException when what SCM exports cannot be read
     * @throws IllegalArgumentException when {@code id} is not an id's shape
     */
    public Certificate export(String id) {
        ScmApi.Shown shown = api.show(id);
        ScmApi.Exported exported = api.export(id);
        Certificate.Builder builder = Certificate.builder().certificatePem(exported.chainPem())
                .status(shown.certificate().status()).scmId(id);
        if (exported.privateKeyPem() != null) {
            builder.privateKeyPem(exported.privateKeyPem()).csrOrigin(CsrOrigin.SYSTEM);
        } else {
            builder.csrOrigin(CsrOrigin.MANUAL);
        }
        if (NAME.matcher(shown.certificate().name()).matches()) {
            builder.name(shown.certificate().name());
        }
        return builder.build();
    }

    /**
     * Has SCM push the certificate itself (its {@code push} call for CDN, {@code batch-push} for WAF and ELB,
     * at most 10 regions a call), so that the private key never leaves Huawei Cloud.
     *
     * <p>The rules of the {@code ScmPush} run first, on what {@code show} returns: status, CSR origin (an
     * issued certificate SCM cannot push is a manual-CSR one), domains and validity. No target is read
     * first, since there is no body to compare: a (service, region) that this {@code ScmPush}'s history
     * records as already pushed natively is rejected {@code ALREADY_PUSHED}, and a copy SCM refuses is
     * that target's {@code FAILED} outcome. Outcomes carry the target service's certificate id (CDN: the
     * certificate's name); they are recorded in the history and told to the listener as for
     * {@link io.scmpush.PushRequest#execute()}. The result's {@code fingerprint} is SCM's SHA-1 fingerprint
     * of the certificate (the key its history is kept under), since the body stays in SCM.
     *
     * @param id SCM's certificate id
     * @param targets where to push: {@code Waf.inRegions(...)}, {@code Elb.inRegions(...)},
     *     {@code Cdn.matchingDomains()} (SCM applies no target option)
     * @return one outcome per (service, region)
     * @throws IllegalStateException when there is no target, or the {@code ScmPush} is closed
     * @throws IllegalArgumentException when {@code id} is not an id's shape
     */
    public PushResult push(String id, PushTarget... targets) {
        Objects.requireNonNull(id, "id");
        List<PushTarget> list = List.of(targets);
        if (list.isEmpty()) {
            throw new IllegalStateException(
                    "The push has no target: e.g. push(id, Waf.inRegions(\"cn-north-4\"))");
        }
        return nativePush.push(id, list);
    }

    /** SCM's status text for a filter. */
    private static String scmStatus(CertificateStatus status) {
        return status == CertificateStatus.HOSTED ? "UPLOAD" : status.name();
    }

    @Override
    public String toString() {
        return "ScmCertificates";
    }
}
