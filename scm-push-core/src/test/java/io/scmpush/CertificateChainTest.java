package io.scmpush;

import static io.scmpush.CertificateErrorsTest.assertCode;
import static io.scmpush.internal.pem.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.internal.pem.PemFixtures;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chain ordering: any order in, leaf first out; anything that is not one chain is CHAIN_INVALID. */
class CertificateChainTest {
    private static final PemFixtures.Chain CHAIN = PemFixtures.threeLevelChain();

    @Test
    void a_chain_given_root_first_comes_out_leaf_first() {
        Certificate certificate = build(pem(CHAIN.root()) + pem(CHAIN.intermediate()) + pem(CHAIN.leaf()));

        assertThat(certificate.chain()).containsExactly(CHAIN.leaf(), CHAIN.intermediate(), CHAIN.root());
        assertThat(certificate.certificatePem()).isEqualTo(CHAIN.leafFirstPem());
    }

    @Test
    void a_shuffled_chain_comes_out_leaf_first() {
        List<X509Certificate> shuffled = new ArrayList<>(List.of(CHAIN.leaf(), CHAIN.intermediate(), CHAIN.root()));
        Collections.shuffle(shuffled, new Random(42));

        assertThat(build(pems(shuffled)).chain()).containsExactly(CHAIN.leaf(), CHAIN.intermediate(), CHAIN.root());
    }

    @Test
    void a_chain_without_its_root_ends_with_the_last_intermediate() {
        assertThat(build(pem(CHAIN.intermediate()) + pem(CHAIN.leaf())).chain())
                .containsExactly(CHAIN.leaf(), CHAIN.intermediate());
    }

    @Test
    void a_root_with_the_issuers_name_but_another_key_is_not_taken_for_the_issuer() {
        KeyPair rogueKeys = PemFixtures.keyPair("EC");
        String rootName = CHAIN.root().getSubjectX500Principal().getName();
        X509Certificate rogueRoot = PemFixtures.issue(rootName, rogueKeys.getPublic(), rootName, rogueKeys, true);

        assertCode(Certificate.builder().certificatePem(pem(CHAIN.leaf()) + pem(CHAIN.intermediate()) + pem(rogueRoot)),
                CertificateCodes.CHAIN_INVALID).hasMessageContaining("did not issue").hasMessageContaining(rootName);
    }

    @Test
    void a_chain_missing_its_intermediate_is_refused_with_what_to_add() {
        assertCode(Certificate.builder().certificatePem(pem(CHAIN.leaf()) + pem(CHAIN.root())), CertificateCodes.CHAIN_INVALID)
                .hasMessageContaining(CHAIN.root().getSubjectX500Principal().getName())
                .hasMessageContaining("add the intermediate");
    }

    @Test
    void two_unrelated_leaves_are_not_one_chain() {
        String twoLeaves = pem(CHAIN.leaf()) + pem(CHAIN.intermediate()) + TestCertificates.builder().includeCa(false)
                .build().certificatePem();

        assertCode(Certificate.builder().certificatePem(twoLeaves), CertificateCodes.CHAIN_INVALID)
                .hasMessageContaining("2 certificates that did not issue any of the others");
    }

    @Test
    void self_signed_certificates_that_share_a_name_are_not_one_chain() {
        KeyPair first = PemFixtures.keyPair("RSA");
        KeyPair second = PemFixtures.keyPair("RSA");
        String twins = pem(PemFixtures.issue("CN=twin", first.getPublic(), "CN=twin", first, true))
                + pem(PemFixtures.issue("CN=twin", second.getPublic(), "CN=twin", second, true));

        assertCode(Certificate.builder().certificatePem(twins), CertificateCodes.CHAIN_INVALID).hasMessageContaining("CN=twin (SHA-256");
    }

    @Test
    void certificates_that_issued_each_other_are_a_loop_not_a_chain() {
        KeyPair a = PemFixtures.keyPair("EC");
        KeyPair b = PemFixtures.keyPair("EC");
        X509Certificate aByB = PemFixtures.issue("CN=A", a.getPublic(), "CN=B", b, true);
        X509Certificate bByA = PemFixtures.issue("CN=B", b.getPublic(), "CN=A", a, true);
        X509Certificate leaf = PemFixtures.issue("CN=leaf", PemFixtures.keyPair("EC").getPublic(), "CN=A", a, false);

        assertCode(Certificate.builder().certificatePem(pem(aByB) + pem(bByA)), CertificateCodes.CHAIN_INVALID).hasMessageContaining("loop");
        assertCode(Certificate.builder().certificatePem(pem(leaf) + pem(aByB) + pem(bByA)), CertificateCodes.CHAIN_INVALID)
                .hasMessageContaining("loop");
    }

    @Test
    void two_certificates_of_the_same_issuer_key_are_ambiguous() {
        KeyPair issuer = PemFixtures.keyPair("EC");
        KeyPair root = PemFixtures.keyPair("EC");
        X509Certificate leaf = PemFixtures.issue("CN=leaf", PemFixtures.keyPair("EC").getPublic(), "CN=CA", issuer, false);
        X509Certificate selfSigned = PemFixtures.issue("CN=CA", issuer.getPublic(), "CN=CA", issuer, true);
        X509Certificate crossSigned = PemFixtures.issue("CN=CA", issuer.getPublic(), "CN=Root", root, true);

        assertCode(Certificate.builder().certificatePem(pem(leaf) + pem(selfSigned) + pem(crossSigned)), CertificateCodes.CHAIN_INVALID)
                .hasMessageContaining("more than one certificate can have issued CN=leaf");
        assertThat(build(pem(crossSigned) + pem(leaf)).chain()).containsExactly(leaf, crossSigned);
    }

    @Test
    void a_signature_the_jdk_cannot_check_is_linked_by_its_key_identifiers() {
        KeyPair rootKeys = PemFixtures.keyPair("EC");
        KeyPair caKeys = PemFixtures.keyPair("EC");
        X509Certificate root = PemFixtures.issue("CN=Root", rootKeys.getPublic(), "CN=Root", rootKeys, true);
        X509Certificate unsignedCa = PemFixtures.unsigned("CN=CA", caKeys.getPublic(), "CN=Root", rootKeys.getPublic());
        X509Certificate leaf = PemFixtures.issue("CN=leaf", PemFixtures.keyPair("EC").getPublic(), "CN=CA", caKeys, false);
        KeyPair rogueKeys = PemFixtures.keyPair("EC");
        X509Certificate rogueRoot = PemFixtures.issue("CN=Root", rogueKeys.getPublic(), "CN=Root", rogueKeys, true);

        assertThat(build(pem(root) + pem(leaf) + pem(unsignedCa)).chain()).containsExactly(leaf, unsignedCa, root);
        assertCode(Certificate.builder().certificatePem(pem(rogueRoot) + pem(leaf) + pem(unsignedCa)), CertificateCodes.CHAIN_INVALID);
    }

    @Test
    void more_certificates_than_any_real_chain_are_refused() {
        StringBuilder many = new StringBuilder();
        KeyPair keys = PemFixtures.keyPair("EC");
        for (int i = 0; i < 17; i++) {
            many.append(pem(PemFixtures.issue("CN=n" + i, keys.getPublic(), "CN=n" + i, keys, true)));
        }

        assertCode(Certificate.builder().certificatePem(many.toString()), CertificateCodes.CHAIN_INVALID).hasMessageContaining("17");
    }

    private static Certificate build(String pem) {
        return Certificate.builder().certificatePem(pem).build();
    }

    static String pems(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        certificates.forEach(c -> out.append(pem(c)));
        return out.toString();
    }
}
