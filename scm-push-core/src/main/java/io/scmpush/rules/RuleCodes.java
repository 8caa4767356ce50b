package io.scmpush.rules;

/**
 * The code of every rule scm-push ships, for matching {@link Violation#code()} and the code of a
 * {@code REJECTED} outcome or binding without string literals. A built-in rule's id in
 * {@link RuleEngine#ruleIds()} is its code, so these also name the rules for {@link RuleEngine#without}.
 *
 * <p>Codes are stable: a code, once published, keeps its meaning. A provider's own rules define their codes
 * beside the provider (the CDN provider's {@link #DOMAIN_NOT_ONBOARDED} is listed here because the CDN module
 * ships with scm-push).
 */
public final class RuleCodes {
    /** The certificate's status is not {@code ISSUED} or {@code HOSTED}. ERROR. */
    public static final String CERT_STATUS = "CERT_STATUS";
    /** The certificate was applied for with a manually generated CSR. ERROR. */
    public static final String MANUAL_CSR = "MANUAL_CSR";
    /** The provider needs the private key of a server certificate and the certificate has none. ERROR. */
    public static final String PRIVATE_KEY_REQUIRED = "PRIVATE_KEY_REQUIRED";
    /** A regional target names no region. ERROR. */
    public static final String REGION_REQUIRED = "REGION_REQUIRED";
    /** A regional target names more regions than its provider's {@code maxRegions}. ERROR. */
    public static final String REGION_LIMIT = "REGION_LIMIT";
    /** A global target names regions. ERROR. */
    public static final String REGION_NOT_APPLICABLE = "REGION_NOT_APPLICABLE";
    /**
     * The target holds this certificate already. ERROR with {@code DuplicatePolicy.FAIL}; with
     * {@code DuplicatePolicy.SKIP} it is the code of an {@code ALREADY_PRESENT} outcome.
     */
    public static final String ALREADY_PUSHED = "ALREADY_PUSHED";
    /** A provider with unique names holds a different certificate under this name. ERROR. */
    public static final String NAME_CONFLICT = "NAME_CONFLICT";
    /** The service is not enabled in that region for this account. ERROR. */
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    /** CDN: no domain of the certificate (or none named) is an acceleration domain it covers. ERROR. */
    public static final String DOMAIN_NOT_ONBOARDED = "DOMAIN_NOT_ONBOARDED";
    /** The certificate's {@code notAfter} is in the past. ERROR. */
    public static final String CERT_EXPIRED = "CERT_EXPIRED";
    /** The certificate's {@code notBefore} is in the future. ERROR. */
    public static final String CERT_NOT_YET_VALID = "CERT_NOT_YET_VALID";
    /** The certificate expires within 30 days. WARNING. */
    public static final String CERT_EXPIRING_SOON = "CERT_EXPIRING_SOON";
    /** RSA below 2048 bits or EC below 256 bits. ERROR. */
    public static final String WEAK_KEY = "WEAK_KEY";
    /** No provider is installed for the target's service. ERROR. */
    public static final String UNKNOWN_SERVICE = "UNKNOWN_SERVICE";
    /** The same (service, region) appears twice in one request. ERROR. */
    public static final String DUPLICATE_TARGET = "DUPLICATE_TARGET";

    /** Binding: no such listener, host, domain or other resource. */
    public static final String RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND";
    /** Binding: a CA certificate in a server certificate's place, or the reverse. */
    public static final String BINDING_TYPE = "BINDING_TYPE";
    /** Binding: the certificate covers none of the resource's names. */
    public static final String DOMAIN_NOT_COVERED = "DOMAIN_NOT_COVERED";
    /** Binding: another certificate in the listener's SNI list serves one of this certificate's names. */
    public static final String SNI_CONFLICT = "SNI_CONFLICT";
    /** Binding: the provider makes no binding of that kind. */
    public static final String BINDING_UNSUPPORTED = "BINDING_UNSUPPORTED";

    private RuleCodes() {}
}
