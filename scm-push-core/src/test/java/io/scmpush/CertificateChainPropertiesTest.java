package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.internal.pem.PemFixtures;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CertificateChainPropertiesTest {
    private static final PemFixtures.Chain CHAIN = PemFixtures.threeLevelChain();
    private static final List<X509Certificate> LEAF_FIRST = List.of(CHAIN.leaf(), CHAIN.intermediate(), CHAIN.root());

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void every_order_of_the_chain_gives_the_same_leaf_first_chain(@ForAll("permutations") List<Integer> order) {
        assertBuildsLeafFirst(order);
    }

    @Property(tries = 50)
    void repeating_a_certificate_in_any_order_gives_the_same_chain(@ForAll("ordersWithRepeats") List<Integer> order) {
        assertBuildsLeafFirst(order);
    }

    private static void assertBuildsLeafFirst(List<Integer> order) {
        List<X509Certificate> input = new ArrayList<>();
        order.forEach(i -> input.add(LEAF_FIRST.get(i)));

        Certificate certificate = Certificate.builder().certificatePem(CertificateChainTest.pems(input)).build();

        assertThat(certificate.chain()).containsExactlyElementsOf(LEAF_FIRST);
        assertThat(certificate.certificatePem()).isEqualTo(CHAIN.leafFirstPem());
    }

    @Provide
    Arbitrary<List<Integer>> permutations() {
        return Arbitraries.shuffle(0, 1, 2);
    }

    @Provide
    Arbitrary<List<Integer>> ordersWithRepeats() {
        return Arbitraries.integers().between(0, 2).list().ofMinSize(4).ofMaxSize(6)
                .filter(list -> list.containsAll(List.of(0, 1, 2)));
    }
}
