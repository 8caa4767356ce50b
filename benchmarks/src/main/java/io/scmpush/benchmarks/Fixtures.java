package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.testkit.TestCertificates;
import java.util.ArrayList;
import java.util.List;

/** What several benchmarks share: the regions of a 21-target push and certificates to push once each. */
final class Fixtures {
    /** Ten regions where both WAF and ELB are offered and the emulator has a project. */
    static final List<String> TEN_REGIONS = List.of("cn-north-4", "cn-north-1", "cn-east-3", "cn-east-2",
            "cn-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "af-south-1", "la-south-2");

    /** The CDN acceleration domain the generated certificates cover. */
    static final String DOMAIN = "www.example.com";

    private Fixtures() {}

    /** An RSA 2048 leaf for {@link #DOMAIN} issued by a fresh CA, with its key. */
    static TestCertificates.Generated rsaChain() {
        return TestCertificates.builder().domains(DOMAIN).rsa(2048).build();
    }

    /**
     * {@code count} certificates of one chain and key, each under its own name: {@code prefix-000000},
     * {@code prefix-000001}, ... from {@code first}. A push of each one writes: WAF and ELB read their
     * inventory by name, and CDN, which never returns certificate bodies, tells certificates apart by
     * name and expiry. The names have one width, so none contains another: WAF's name filter matches
     * parts of names, and {@code bench-1} would also list {@code bench-10} to {@code bench-19999}.
     * Building them beforehand keeps parsing out of what a push benchmark measures.
     */
    static List<Certificate> namedCopies(TestCertificates.Generated chain, String prefix, int first, int count) {
        List<Certificate> certificates = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            certificates.add(Certificate.builder()
                    .certificatePem(chain.certificatePem())
                    .privateKeyPem(chain.privateKeyPem())
                    .name(String.format("%s-%06d", prefix, i))
                    .build());
        }
        return certificates;
    }
}
