package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.scmpush.internal.pem.PemFixtures;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateChainPropertiesTest {
    private static final PemFixtures.Chain CHAIN = PemFixtures.threeLevelChain();
    private static final List<X509Certificate> LEAF_FIRST = List.of(CHAIN.leaf(), CHAIN.intermediate(), CHAIN.root());

    /** Three certificates have six orders: all of them are checked, not a sample. */
    @Test
    void every_order_of_the_chain_gives_the_same_leaf_first_chain() {
        List<List<Integer>> orders = List.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0),
                List.of(2, 0, 1), List.of(2, 1, 0));

        orders.forEach(CertificateChainPropertiesTest::assertBuildsLeafFirst);
    }

    @Test
    void repeating_a_certificate_in_any_order_gives_the_same_chain() {
        // A fixed seed and room to generate: about half of the lists hold all three, and a run that gives up
        // early (QuickTheories' "Gave up after finding only N examples") must not depend on luck.
        qt().withFixedSeed(20261204L).withExamples(50).withGenerateAttempts(100_000)
                .forAll(lists().of(integers().between(0, 2)).ofSizeBetween(4, 6)
                        .assuming(order -> order.containsAll(List.of(0, 1, 2))))
                .checkAssert(CertificateChainPropertiesTest::assertBuildsLeafFirst);
    }

    private static void assertBuildsLeafFirst(List<Integer> order) {
        List<X509Certificate> input = new ArrayList<>();
        order.forEach(i -> input.add(LEAF_FIRST.get(i)));

        Certificate certificate = Certificate.builder().certificatePem(CertificateChainTest.pems(input)).build();

        assertThat(certificate.chain()).containsExactlyElementsOf(LEAF_FIRST);
        assertThat(certificate.certificatePem()).isEqualTo(CHAIN.leafFirstPem());
    }
}
