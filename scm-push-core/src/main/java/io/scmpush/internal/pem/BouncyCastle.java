package io.scmpush.internal.pem;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle JCA provider, created on first use and never registered with {@code Security}:
 * building it costs a few hundred milliseconds, and only encrypted keys and certificates the JDK
 * cannot read need it.
 */
final class BouncyCastle {
    private BouncyCastle() {}

    static Provider provider() {
        return Holder.PROVIDER;
    }

    private static final class Holder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
