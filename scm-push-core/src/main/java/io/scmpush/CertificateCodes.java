package io.scmpush;

/**
 * The codes of {@link InvalidCertificateException}, for matching without string literals. Codes are stable:
 * a code, once published, keeps its meaning.
 */
public final class CertificateCodes {
    /** The PEM text cannot be read. */
    public static final String PEM_MALFORMED = "PEM_MALFORMED";
    /** The PEM text holds no certificate. */
    public static final String NO_CERTIFICATE = "NO_CERTIFICATE";
    /** The private key cannot be read. */
    public static final String KEY_MALFORMED = "KEY_MALFORMED";
    /** The private key does not belong to the leaf certificate. */
    public static final String KEY_MISMATCH = "KEY_MISMATCH";
    /** The private key is encrypted and no password was given. */
    public static final String KEY_ENCRYPTED = "KEY_ENCRYPTED";
    /** The password does not decrypt the private key. */
    public static final String KEY_PASSWORD_WRONG = "KEY_PASSWORD_WRONG";
    /** The key's algorithm or curve is not one scm-push pushes. */
    public static final String UNSUPPORTED_KEY = "UNSUPPORTED_KEY";
    /** The certificates do not form a chain from the leaf. */
    public static final String CHAIN_INVALID = "CHAIN_INVALID";
    /** A PEM input is over 1 MiB, or over what the target service takes. */
    public static final String INPUT_TOO_LARGE = "INPUT_TOO_LARGE";

    private CertificateCodes() {}
}
