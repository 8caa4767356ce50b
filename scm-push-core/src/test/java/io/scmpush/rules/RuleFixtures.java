package io.scmpush.rules;

import io.scmpush.Certificate;
import io.scmpush.TestCertificates;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetInventory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Descriptors shaped like our providers', and certificates generated once per test run. */
final class RuleFixtures {
    static final ProviderDescriptor WAF = regional("waf", "Huawei Cloud WAF");
    static final ProviderDescriptor ELB = regional("elb", "Huawei Cloud ELB");
    static final ProviderDescriptor CDN = ProviderDescriptor.builder("cdn", Scope.GLOBAL)
            .displayName("Huawei Cloud CDN").uniqueNames(true).build();

    /** Valid from a day ago for 90 days, with its key. */
    static final TestCertificates.Generated GENERATED = TestCertificates.builder().domains("www.example.com").build();
    static final Certificate CERTIFICATE = GENERATED.toCertificate();

    private RuleFixtures() {}

    static ProviderDescriptor regional(String service, String displayName) {
        return ProviderDescriptor.builder(service, Scope.REGIONAL).displayName(displayName).maxRegions(10).build();
    }

    /** The same chain without its key. */
    static Certificate withoutKey() {
        return Certificate.builder().certificatePem(GENERATED.certificatePem()).build();
    }

    /** A context for {@code certificate} with our three providers installed, a day into its validity. */
    static RuleContext.Builder context(Certificate certificate) {
        return RuleContext.builder().certificate(certificate).now(certificate.notBefore().plus(Duration.ofDays(1)))
                .descriptor(WAF).descriptor(ELB).descriptor(CDN);
    }

    static RuleContext.Builder context() {
        return context(CERTIFICATE);
    }

    static RuleReport evaluate(RuleContext.Builder context) {
        return RuleEngine.standard().evaluate(context.build());
    }

    /** The violations of one code in a standard evaluation. */
    static List<Violation> violations(String code, RuleContext.Builder context) {
        return evaluate(context).violations().stream().filter(v -> v.code().equals(code)).toList();
    }

    static TargetInventory holding(RemoteCertificate... certificates) {
        return new TargetInventory(true, List.of(certificates), List.of());
    }

    static TargetInventory empty() {
        return holding();
    }

    /** How a service that returns the certificate body lists {@code certificate}. */
    static RemoteCertificate remote(Certificate certificate) {
        return new RemoteCertificate("remote-1", certificate.name(), certificate.fingerprint(), certificate.notAfter());
    }

    /** How a service that does not return the body lists a certificate: name and expiry only. */
    static RemoteCertificate remoteWithoutBody(String name, Instant notAfter) {
        return new RemoteCertificate("remote-2", name, null, notAfter);
    }
}
