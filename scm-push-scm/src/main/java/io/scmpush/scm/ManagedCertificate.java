package io.scmpush.scm;

import io.scmpush.CertificateStatus;
import io.scmpush.CsrOrigin;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A certificate as the certificate manager (SCM) describes it, without its body or key: what
 * {@link ScmCertificates#list(ScmQuery)} and {@link ScmCertificates#show(String)} return.
 *
 * <p>{@code csrOrigin} and {@code pushSupported} are what SCM says about pushing: {@code show} reads
 * {@code push_support}, {@code list} its only push-related field, {@code deploy_support}. An issued or
 * hosted certificate that SCM cannot push is one applied for with a manually generated CSR (SCM holds no
 * key for it), so its origin is {@link CsrOrigin#MANUAL}. {@link ScmCertificates#export(String)} tells
 * for certain: such a certificate exports without a key.
 *
 * @param id SCM's certificate id, e.g. {@code scs1554192131150}
 * @param name the certificate's name in SCM
 * @param status its status, mapped with {@link CertificateStatus#fromScm(String)}
 * @param csrOrigin {@link CsrOrigin#MANUAL} when SCM holds no key for an issued or hosted certificate
 * @param domains the bound domain first, then the additional domains ({@code domain} then {@code sans}),
 *     without duplicates
 * @param notAfter when it expires ({@code not_after} of show, {@code expire_time} of list); null while
 *     SCM does not know (e.g. not yet issued)
 * @param pushSupported whether SCM can push it to other services
 * @param enterpriseProjectId its enterprise project, {@code "0"} for the default one
 */
public record ManagedCertificate(String id, String name, CertificateStatus status, CsrOrigin csrOrigin,
        List<String> domains, @Nullable Instant notAfter, boolean pushSupported, String enterpriseProjectId) {

    /**
     * Checks and copies the components.
     *
     * @param id SCM's certificate id
     * @param name the certificate's name in SCM
     * @param status its status
     * @param csrOrigin how its CSR was made
     * @param domains its domains, copied
     * @param notAfter when it expires, or null when unknown
     * @param pushSupported whether SCM can push it
     * @param enterpriseProjectId its enterprise project
     * @throws NullPointerException when a component other than {@code notAfter} is null
     */
    public ManagedCertificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(csrOrigin, "csrOrigin");
        domains = List.copyOf(domains);
        Objects.requireNonNull(enterpriseProjectId, "enterpriseProjectId");
    }
}
