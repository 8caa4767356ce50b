package io.scmpush.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * WEAK_KEY's judgement of key sizes. Certificate's parser already refuses curves other than P-256, P-384
 * and P-521, so the EC and DSA limits are checked here on bare keys: the rule must not rely on that.
 */
class KeyStrengthTest {

    private static PublicKey ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair().getPublic();
    }

    private static PublicKey generate(String algorithm, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(bits);
        return generator.generateKeyPair().getPublic();
    }

    @Test
    void an_ec_key_below_256_bits_is_weak_and_p256_is_not() throws Exception {
        assertThat(CertificateRules.weakness(ec("secp224r1"))).contains("EC of 224 bits, where at least 256 are needed");
        assertThat(CertificateRules.weakness(ec("secp256r1"))).isEmpty();
    }

    @Test
    void a_dsa_key_below_2048_bits_is_weak_and_2048_is_not() throws Exception {
        assertThat(CertificateRules.weakness(generate("DSA", 1024)))
                .contains("DSA of 1024 bits, where at least 2048 are needed");
        assertThat(CertificateRules.weakness(generate("DSA", 2048))).isEmpty();
    }

    @Test
    void an_eddsa_key_has_no_size_to_fall_short_of() throws Exception {
        assertThat(CertificateRules.weakness(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()))
                .isEmpty();
    }
}
