package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.testkit.TestCertificates;

/** The leaf keys benchmarked; each makes a fresh chain (leaf + EC P-256 CA) and key, as PEM. */
public enum KeyType {
    RSA_2048,
    EC_P256;

    /** A new chain and key for {@code domains}, valid from a day ago for 90 days. */
    public TestCertificates.Generated generate(String... domains) {
        TestCertificates.Builder builder = TestCertificates.builder().domains(domains);
        return (this == RSA_2048 ? builder.rsa(2048) : builder.ec()).build();
    }

    /** A new certificate for {@code www.example.com}. */
    public Certificate certificate() {
        return generate("www.example.com").toCertificate();
    }
}
