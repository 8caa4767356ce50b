package io.scmpush;

/**
 * The codes a {@code FAILED} {@link TargetOutcome}, a {@link BindingOutcome} that is not bound, a
 * {@link VerificationResult} that does not match, or a {@link CloudServiceException} carries, for matching
 * without string literals. A {@code REJECTED} outcome carries a rule's code instead
 * ({@link io.scmpush.rules.RuleCodes}), and an {@code ALREADY_PRESENT} one
 * {@link io.scmpush.rules.RuleCodes#ALREADY_PUSHED}.
 *
 * <p>Besides these, a {@code FAILED} outcome may carry the service's own error code (such as
 * {@code WAF.00011016}) or {@code HTTP_<status>} when the service sent no code ({@link #httpStatus(int)}).
 * Codes are stable: a code, once published, keeps its meaning.
 */
public final class OutcomeCodes {
    /** The service refused the credentials or their rights (HTTP 401/403, {@code APIG.0301}). */
    public static final String AUTH_FAILED = "AUTH_FAILED";
    /** The service throttled the request (HTTP 429) after the last retry. */
    public static final String THROTTLED = "THROTTLED";
    /** No answer within the request timeout, or the push's deadline passed. */
    public static final String TIMEOUT = "TIMEOUT";
    /** The connection failed. */
    public static final String IO_ERROR = "IO_ERROR";
    /** The push was cancelled before the target was written. */
    public static final String CANCELLED = "CANCELLED";
    /** A provider threw something other than a {@link ScmPushException}. */
    public static final String PROVIDER_ERROR = "PROVIDER_ERROR";
    /** A rule threw while judging the target; the message names the rule. */
    public static final String RULE_FAILED = "RULE_FAILED";
    /** An answer was larger than the documented cap. */
    public static final String RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";
    /** An answer could not be read as the documented shape. */
    public static final String MALFORMED_RESPONSE = "MALFORMED_RESPONSE";
    /** A write was sent and whether it took effect could not be established within the retry budget. */
    public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";
    /** A listing went on for more pages than scm-push reads. */
    public static final String TOO_MANY_PAGES = "TOO_MANY_PAGES";
    /** A listing answered a page it had answered before. */
    public static final String PAGINATION_LOOP = "PAGINATION_LOOP";
    /** The account has no project in the target's region. */
    public static final String NO_PROJECT = "NO_PROJECT";
    /** IAM lists more than one project for the target's region. */
    public static final String PROJECT_AMBIGUOUS = "PROJECT_AMBIGUOUS";
    /** IAM's project look-up answered something that is not a project list. */
    public static final String PROJECT_LOOKUP_FAILED = "PROJECT_LOOKUP_FAILED";
    /** IAM's account (domain) look-up answered something that is not the account. */
    public static final String DOMAIN_LOOKUP_FAILED = "DOMAIN_LOOKUP_FAILED";
    /** CDN refused the certificate on one or more domains; the message names them. */
    public static final String CDN_DOMAIN_FAILED = "CDN_DOMAIN_FAILED";
    /** CDN answered a domain's HTTPS settings in a shape that cannot be read back before writing. */
    public static final String CDN_SETTINGS_UNREADABLE = "CDN_SETTINGS_UNREADABLE";
    /**
     * Rollback of a place set by content (a CDN domain): the replaced certificate, with its key, was not given
     * to {@code RotationRequest.rollbackWith(...)}, so there is nothing to set it back to; nothing was written.
     */
    public static final String ROLLBACK_NEEDS_CERTIFICATE = "ROLLBACK_NEEDS_CERTIFICATE";
    /** Binding {@code NOT_ATTEMPTED}: its target's push did not succeed. */
    public static final String PUSH_FAILED = "PUSH_FAILED";
    /** Verification: another certificate is served. */
    public static final String MISMATCH = "MISMATCH";
    /** Verification: the TLS handshake failed. */
    public static final String TLS_ERROR = "TLS_ERROR";
    /** Verification: nothing answered at the host and port. */
    public static final String UNREACHABLE = "UNREACHABLE";

    private OutcomeCodes() {}

    /**
     * The code of a failure the service answered with an HTTP error status but no error code of its own.
     *
     * @param status the HTTP status, such as 500
     * @return {@code HTTP_<status>}, such as {@code HTTP_500}
     */
    public static String httpStatus(int status) {
        return "HTTP_" + status;
    }
}
