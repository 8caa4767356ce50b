package io.scmpush;

/**
 * The codes of {@link ConfigurationException}, for matching without string literals. Codes are stable: a
 * code, once published, keeps its meaning.
 */
public final class ConfigurationCodes {
    /** A Huawei Cloud provider is connected and no credentials were given. */
    public static final String NO_CREDENTIALS = "NO_CREDENTIALS";
    /** Two providers for one service id. */
    public static final String DUPLICATE_PROVIDER = "DUPLICATE_PROVIDER";
    /** A provider found by {@link java.util.ServiceLoader} could not be loaded. */
    public static final String PROVIDER_LOAD_FAILED = "PROVIDER_LOAD_FAILED";
    /** A plain-HTTP endpoint that is not on the loopback interface. */
    public static final String INSECURE_ENDPOINT = "INSECURE_ENDPOINT";
    /** An {@link java.net.http.HttpClient} that would weaken TLS, given to {@code ScmPush.builder().httpClient}. */
    public static final String INSECURE_HTTP_CLIENT = "INSECURE_HTTP_CLIENT";
    /** A value that is well typed but not allowed, found when it is checked together with others. */
    public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";
    /** The Jackson on the class path is a version scm-push cannot run on. */
    public static final String DEPENDENCY_VERSION = "DEPENDENCY_VERSION";
    /** The file of {@code PushHistory.file(Path)} cannot be read as a push history. */
    public static final String HISTORY_CORRUPT = "HISTORY_CORRUPT";

    private ConfigurationCodes() {}
}
