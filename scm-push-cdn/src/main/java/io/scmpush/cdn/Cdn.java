package io.scmpush.cdn;

import io.scmpush.PushTarget;

/** Targets of Huawei Cloud CDN: global, no region; the certificate is set on acceleration domains. */
public final class Cdn {
    /** The service id. */
    public static final String SERVICE = "cdn";

    /** Option: comma-separated acceleration domains to set the certificate on, instead of all it covers. */
    public static final String DOMAINS = "domains";

    private Cdn() {}

    /** Every acceleration domain of the account that the certificate covers. */
    public static PushTarget matchingDomains() {
        return PushTarget.of(SERVICE);
    }

    /** Only these acceleration domains; each must be covered by the certificate. */
    public static PushTarget domains(String... domains) {
        if (domains.length == 0) {
            throw new IllegalArgumentException("name at least one domain, or use matchingDomains()");
        }
        return matchingDomains().withOption(DOMAINS, String.join(",", domains));
    }
}
