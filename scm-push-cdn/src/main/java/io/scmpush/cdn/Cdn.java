package io.scmpush.cdn;

import io.scmpush.Binding;
import io.scmpush.PushTarget;

/**
 * Targets of Huawei Cloud CDN: global, no region; the certificate is set on acceleration domains.
 *
 * <pre>{@code
 * scm.push(cert).to(Cdn.matchingDomains()).execute();                 // every domain the SANs cover
 * scm.push(cert).to(Cdn.domains("www.example.com", "img.example.com")).execute();
 * scm.push(cert).to(Cdn.matchingDomains().withOption(Cdn.ENTERPRISE_PROJECT_ID, "all")).execute();
 * }</pre>
 */
public final class Cdn {
    /** The service id. */
    public static final String SERVICE = "cdn";
    /** Binding kind: an acceleration domain's HTTPS certificate. */
    public static final String DOMAIN = "domain";

    /** Option: comma-separated acceleration domains to set the certificate on, instead of all it covers. */
    public static final String DOMAINS = "domains";

    /**
     * Option: the enterprise project whose domains are read and configured ({@code all} for every
     * project), sent as {@code enterprise_project_id}. Huawei Cloud requires it when an IAM user calls
     * CDN in an account with enterprise projects enabled; leave it unset otherwise.
     */
    public static final String ENTERPRISE_PROJECT_ID = "enterprise-project-id";

    private Cdn() {}

    /** {@return the target of every acceleration domain of the account that the certificate covers} */
    public static PushTarget matchingDomains() {
        return PushTarget.of(SERVICE);
    }

    /**
     * Only these acceleration domains; each must be covered by the certificate.
     *
     * @param domains acceleration domain names, e.g. {@code www.example.com}
     * @return the target, with the {@link #DOMAINS} option set
     * @throws IllegalArgumentException when none is named, or a name is blank or contains a comma
     */
    public static PushTarget domains(String... domains) {
        if (domains.length == 0) {
            throw new IllegalArgumentException("name at least one domain, or use matchingDomains()");
        }
        for (String domain : domains) {
            if (domain == null || domain.isBlank() || domain.contains(",")) {
                throw new IllegalArgumentException("not a domain name: '" + domain + "'");
            }
        }
        return matchingDomains().withOption(DOMAINS, String.join(",", domains));
    }

    /**
     * An acceleration domain: the push itself sets the certificate on it; as a binding it names the
     * domain, which must exist ({@code RESOURCE_NOT_FOUND}) and be covered by the certificate
     * ({@code DOMAIN_NOT_COVERED}), and reports what it served before.
     *
     * @param domain the acceleration domain, e.g. {@code www.example.com}
     * @return the binding, of kind {@value #DOMAIN}, region null
     */
    public static Binding domain(String domain) {
        return new Binding(SERVICE, null, DOMAIN, domain);
    }
}
