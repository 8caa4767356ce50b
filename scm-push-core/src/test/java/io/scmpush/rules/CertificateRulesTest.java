package io.scmpush.rules;

import static io.scmpush.rules.RuleFixtures.CERTIFICATE;
import static io.scmpush.rules.RuleFixtures.GENERATED;
import static io.scmpush.rules.RuleFixtures.context;
import static io.scmpush.rules.RuleFixtures.evaluate;
import static io.scmpush.rules.RuleFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.CertificateStatus;
import io.scmpush.CsrOrigin;
import io.scmpush.PushTarget;
import io.scmpush.TestCertificates;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules about the certificate itself: their violations apply to every target. */
class CertificateRulesTest {

    private static RuleContext.Builder toWaf(Certificate certificate) {
        return context(certificate).target(PushTarget.of("waf").inRegions("cn-north-4"));
    }

    private static Certificate withStatus(CertificateStatus status) {
        return Certificate.builder().certificatePem(GENERATED.certificatePem())
                .privateKeyPem(GENERATED.privateKeyPem()).status(status).build();
    }

    @Test
    void a_valid_hosted_certificate_pushed_to_fresh_targets_breaks_no_rule() {
        RuleReport report = evaluate(context().target(PushTarget.of("waf").inRegions("cn-north-4"))
                .target(PushTarget.of("cdn")));

        assertThat(report.violations()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = CertificateStatus.class, names = {"ISSUED", "HOSTED"}, mode = EnumSource.Mode.EXCLUDE)
    void a_certificate_neither_issued_nor_hosted_is_rejected_for_every_target(CertificateStatus status) {
        assertThat(violations(RuleCodes.CERT_STATUS, toWaf(withStatus(status)))).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isNull();
            assertThat(v.region()).isNull();
            assertThat(v.message()).contains(status.name(), "only an ISSUED or HOSTED certificate can be pushed");
        });
    }

    @ParameterizedTest
    @EnumSource(value = CertificateStatus.class, names = {"ISSUED", "HOSTED"})
    void an_issued_or_hosted_certificate_passes_the_status_rule(CertificateStatus status) {
        assertThat(violations(RuleCodes.CERT_STATUS, toWaf(withStatus(status)))).isEmpty();
    }

    @Test
    void a_certificate_applied_for_with_a_manual_csr_is_rejected() {
        Certificate manual = Certificate.builder().certificatePem(GENERATED.certificatePem())
                .csrOrigin(CsrOrigin.MANUAL).build();

        assertThat(violations(RuleCodes.MANUAL_CSR, toWaf(manual))).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isNull();
            assertThat(v.message()).contains(manual.name(), "manually generated CSR");
        });
    }

    @Test
    void a_certificate_with_a_system_generated_csr_passes_the_manual_csr_rule() {
        assertThat(violations(RuleCodes.MANUAL_CSR, toWaf(CERTIFICATE))).isEmpty();
    }

    @Test
    void a_certificate_past_its_not_after_is_expired() {
        RuleContext.Builder context = toWaf(CERTIFICATE).now(CERTIFICATE.notAfter().plusSeconds(1));

        assertThat(violations(RuleCodes.CERT_EXPIRED, context)).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isNull();
            assertThat(v.message()).contains("expired at " + CERTIFICATE.notAfter(), "renew it");
        });
        assertThat(violations(RuleCodes.CERT_EXPIRING_SOON, context)).as("an expired one is not 'expiring'").isEmpty();
    }

    @Test
    void a_certificate_is_still_valid_at_the_instant_of_its_not_after() {
        assertThat(violations(RuleCodes.CERT_EXPIRED, toWaf(CERTIFICATE).now(CERTIFICATE.notAfter()))).isEmpty();
    }

    @Test
    void a_certificate_before_its_not_before_is_not_yet_valid() {
        RuleContext.Builder context = toWaf(CERTIFICATE).now(CERTIFICATE.notBefore().minusSeconds(1));

        assertThat(violations(RuleCodes.CERT_NOT_YET_VALID, context)).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isNull();
            assertThat(v.message()).contains("not valid before " + CERTIFICATE.notBefore());
        });
    }

    @Test
    void a_certificate_is_valid_from_the_instant_of_its_not_before() {
        assertThat(violations(RuleCodes.CERT_NOT_YET_VALID, toWaf(CERTIFICATE).now(CERTIFICATE.notBefore()))).isEmpty();
    }

    @Test
    void a_certificate_expiring_within_30_days_gives_a_warning_that_does_not_block() {
        RuleContext.Builder context = toWaf(CERTIFICATE).now(CERTIFICATE.notAfter().minus(Duration.ofDays(10)));

        RuleReport report = evaluate(context);

        assertThat(report.warnings()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(RuleCodes.CERT_EXPIRING_SOON);
            assertThat(v.service()).isNull();
            assertThat(v.message()).contains("expires at " + CERTIFICATE.notAfter(), "in 10 days", "renew it soon");
        });
        assertThat(report.hasErrors()).isFalse();
    }

    @Test
    void exactly_30_days_before_expiry_is_within_30_days() {
        Instant now = CERTIFICATE.notAfter().minus(Duration.ofDays(30));

        assertThat(violations(RuleCodes.CERT_EXPIRING_SOON, toWaf(CERTIFICATE).now(now))).hasSize(1);
    }

    @Test
    void a_certificate_with_more_than_30_days_left_gives_no_expiry_warning() {
        Instant now = CERTIFICATE.notAfter().minus(Duration.ofDays(30)).minusSeconds(1);

        assertThat(violations(RuleCodes.CERT_EXPIRING_SOON, toWaf(CERTIFICATE).now(now))).isEmpty();
    }

    @Test
    void an_rsa_key_below_2048_bits_is_weak() {
        Certificate weak = TestCertificates.builder().rsa(1024).build().toCertificate();

        assertThat(violations(RuleCodes.WEAK_KEY, toWaf(weak))).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.service()).isNull();
            assertThat(v.message()).contains("RSA of 1024 bits", "at least 2048", "stronger key");
        });
    }

    @Test
    void rsa_2048_and_ec_p256_keys_are_strong_enough() {
        Certificate ec = TestCertificates.builder().ec().build().toCertificate();

        assertThat(violations(RuleCodes.WEAK_KEY, toWaf(CERTIFICATE))).isEmpty();
        assertThat(violations(RuleCodes.WEAK_KEY, toWaf(ec))).isEmpty();
    }
}
