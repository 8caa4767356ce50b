package io.scmpush;

import io.scmpush.internal.http.CredentialSecrets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Huawei Cloud access key credentials: permanent (AK/SK) or temporary (AK/SK + security token),
 * optionally with the account's domain id. {@link #toString()} shows the access key only; the secret
 * key and the token are never exposed by this class.
 */
public final class Credentials {
    static {
        CredentialSecrets.install(new CredentialSecrets.Access() {
            @Override
            public String secretKey(Credentials credentials) {
                return credentials.secretKey;
            }

            @Override
            public @Nullable String securityToken(Credentials credentials) {
                return credentials.securityToken;
            }
        });
    }

    private final String accessKey;
    private final String secretKey;
    private final @Nullable String securityToken;
    private final @Nullable String domainId;

    private Credentials(String accessKey, String secretKey, @Nullable String securityToken, @Nullable String domainId) {
        this.accessKey = requireText(accessKey, "access key");
        this.secretKey = requireText(secretKey, "secret key");
        this.securityToken = securityToken;
        this.domainId = domainId;
    }

    /**
     * Permanent credentials.
     *
     * @param accessKey the access key id (AK)
     * @param secretKey the secret access key (SK); never shown by this class
     * @return the credentials, without a domain id
     * @throws NullPointerException when a key is null
     * @throws IllegalArgumentException when a key is blank
     */
    public static Credentials of(String accessKey, String secretKey) {
        return new Credentials(accessKey, secretKey, null, null);
    }

    /**
     * Temporary credentials: every call also sends the (signed) {@code X-Security-Token}.
     *
     * @param accessKey the temporary access key id (AK)
     * @param secretKey the temporary secret access key (SK); never shown by this class
     * @param securityToken the security token issued with them; never shown by this class
     * @return the credentials, without a domain id
     * @throws NullPointerException when any of them is null
     * @throws IllegalArgumentException when any of them is blank
     */
    public static Credentials temporary(String accessKey, String secretKey, String securityToken) {
        return new Credentials(accessKey, secretKey, requireText(securityToken, "security token"), null);
    }

    /**
     * Reads {@code HUAWEICLOUD_SDK_AK}, {@code HUAWEICLOUD_SDK_SK} and the optional
     * {@code HUAWEICLOUD_SDK_SECURITY_TOKEN} and {@code HUAWEICLOUD_SDK_DOMAIN_ID}, as the official SDK does.
     *
     * @return the credentials the environment describes
     * @throws ConfigurationException {@code NO_CREDENTIALS}, naming the missing variable
     */
    public static Credentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static Credentials fromEnvironment(Map<String, String> env) {
        String ak = require(env, "HUAWEICLOUD_SDK_AK");
        String sk = require(env, "HUAWEICLOUD_SDK_SK");
        String token = blankToNull(env.get("HUAWEICLOUD_SDK_SECURITY_TOKEN"));
        String domainId = blankToNull(env.get("HUAWEICLOUD_SDK_DOMAIN_ID"));
        return new Credentials(ak, sk, token, domainId);
    }

    /**
     * These credentials with the account (domain) id, sent as {@code X-Domain-Id} on global calls (CDN, IAM).
     *
     * @param domainId the account id, as the console shows it under "My Credentials"
     * @return new credentials; this instance is unchanged
     * @throws NullPointerException when the id is null
     * @throws IllegalArgumentException when the id is blank
     */
    public Credentials withDomainId(String domainId) {
        return new Credentials(accessKey, secretKey, securityToken, requireText(domainId, "domain id"));
    }

    /** {@return the access key id (AK): the only part of the credentials that may be shown} */
    public String accessKey() {
        return accessKey;
    }

    /** {@return the account (domain) id, when one was given} */
    public Optional<String> domainId() {
        return Optional.ofNullable(domainId);
    }

    /** {@return whether these are temporary credentials with a security token} */
    public boolean isTemporary() {
        return securityToken != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials other && accessKey.equals(other.accessKey)
                && secretKey.equals(other.secretKey) && Objects.equals(securityToken, other.securityToken)
                && Objects.equals(domainId, other.domainId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKey, domainId);
    }

    @Override
    public String toString() {
        return "Credentials[accessKey=" + accessKey + (securityToken != null ? ", temporary" : "")
                + (domainId != null ? ", domainId=" + domainId : "") + "]";
    }

    private static String require(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            throw new ConfigurationException(ConfigurationCodes.NO_CREDENTIALS,
                    "Environment variable " + name + " is not set: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK "
                            + "to an access key of your Huawei Cloud account, or pass Credentials.of(ak, sk).");
        }
        return value;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String requireText(@Nullable String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw new IllegalArgumentException("The " + what + " must not be empty");
        }
        return value;
    }
}
