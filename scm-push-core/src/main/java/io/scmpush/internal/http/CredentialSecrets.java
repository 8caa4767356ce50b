package io.scmpush.internal.http;

import io.scmpush.Credentials;
import org.jspecify.annotations.Nullable;

/**
 * The only way to read a {@link Credentials}' secret key and token: the public class exposes neither,
 * and this package is exported to our provider modules only.
 */
public final class CredentialSecrets {
    private static volatile @Nullable Access access;

    private CredentialSecrets() {}

    /** Called once by {@link Credentials}' static initializer. */
    public static synchronized void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("already installed");
        }
        access = a;
    }

    public static String secretKey(Credentials credentials) {
        return access(credentials).secretKey(credentials);
    }

    public static @Nullable String securityToken(Credentials credentials) {
        return access(credentials).securityToken(credentials);
    }

    private static Access access(Credentials credentials) {
        Access a = access; // non-null: an instance exists, so Credentials is initialized
        if (a == null) {
            throw new IllegalStateException("Credentials not initialized");
        }
        return a;
    }

    /** Reads the secret parts of a {@link Credentials}. */
    public interface Access {
        String secretKey(Credentials credentials);

        @Nullable String securityToken(Credentials credentials);
    }
}
