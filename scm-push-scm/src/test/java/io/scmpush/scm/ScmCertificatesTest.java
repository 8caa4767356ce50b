package io.scmpush.scm;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.CertificateStatus;
import io.scmpush.CsrOrigin;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.rules.RuleCodes;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.FakeHuaweiCloud.RecordedRequest;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What SCM holds, read, exported and pushed through FakeHuaweiCloud, as a user does. */
@Timeout(20)
class ScmCertificatesTest {
    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build();
    private final ScmCertificates certs = ScmCertificates.of(scm);

    @AfterEach
    void close() {
        scm.close();
        cloud.close();
    }

    private static Certificate certificate(String... domains) {
        return TestCertificates.builder().ec().domains(domains).build().toCertificate();
    }

    private static Certificate withoutKey(Certificate certificate) {
        return Certificate.builder().certificatePem(certificate.certificatePem()).build();
    }

    private List<RecordedRequest> writes() {
        return cloud.requests().stream()
                .filter(r -> !r.method().equals("GET") && !r.path().startsWith("/v3/scm/"))
                .toList();
    }

    private List<RecordedRequest> scmPushes() {
        return cloud.requests().stream()
                .filter(r -> r.path().endsWith("/push") || r.path().endsWith("/batch-push"))
                .toList();
    }

    @Test
    void list_reads_every_page() {
        for (int i = 0; i < 52; i++) {
            cloud.addScmCertificate(certificate("site" + i + ".example.com"), CertificateStatus.ISSUED);
        }

        List<ManagedCertificate> all = certs.list(ScmQuery.all());

        assertThat(all).hasSize(52);
        assertThat(all).extracting(ManagedCertificate::id).doesNotHaveDuplicates();
        assertThat(cloud.requests()).filteredOn(r -> r.path().equals("/v3/scm/certificates"))
                .extracting(RecordedRequest::query)
                .containsExactly("limit=50&offset=0", "limit=50&offset=50");
    }

    @Test
    void list_filters_by_status_and_expiry() {
        String soon = cloud.addScmCertificate(TestCertificates.builder().ec().domains("soon.example.com")
                .validity(Duration.ofDays(20)).build().toCertificate(), CertificateStatus.ISSUED);
        cloud.addScmCertificate(certificate("later.example.com"), CertificateStatus.ISSUED);
        cloud.addScmCertificate(TestCertificates.builder().ec().domains("hosted.example.com")
                .validity(Duration.ofDays(20)).build().toCertificate(), CertificateStatus.HOSTED);

        List<ManagedCertificate> expiring =
                certs.list(ScmQuery.all().status(CertificateStatus.ISSUED).expiringWithin(Duration.ofDays(30)));

        assertThat(expiring).extracting(ManagedCertificate::id).containsExactly(soon);
        assertThat(cloud.requests()).filteredOn(r -> r.path().equals("/v3/scm/certificates"))
                .extracting(RecordedRequest::query).containsExactly("limit=50&offset=0&status=ISSUED");
    }

    @Test
    void show_maps_status_domains_expiry_and_push_support() {
        Certificate certificate = certificate("shop.example.com", "www.shop.example.com");
        String id = cloud.addScmCertificate(certificate, CertificateStatus.HOSTED);

        ManagedCertificate shown = certs.show(id);

        assertThat(shown).isEqualTo(new ManagedCertificate(id, certificate.name(), CertificateStatus.HOSTED,
                CsrOrigin.SYSTEM, List.of("shop.example.com", "www.shop.example.com"), certificate.notAfter(), true,
                "0"));
        RecordedRequest request = cloud.requests().get(cloud.requests().size() - 1);
        assertThat(request.headers().get("X-Domain-Id")).containsExactly(cloud.credentials().domainId().orElseThrow());
    }

    @Test
    void a_manual_csr_certificate_shows_as_manual_and_not_pushable() {
        String id = cloud.addScmCertificate(withoutKey(certificate("manual.example.com")), CertificateStatus.ISSUED);

        ManagedCertificate shown = certs.show(id);

        assertThat(shown.csrOrigin()).isEqualTo(CsrOrigin.MANUAL);
        assertThat(shown.pushSupported()).isFalse();
    }

    @Test
    void an_exported_system_csr_certificate_pushes_to_waf_elb_and_cdn() {
        Certificate certificate = certificate("shop.example.com");
        String id = cloud.addScmCertificate(certificate, CertificateStatus.ISSUED);
        cloud.addCdnDomain("shop.example.com");

        Certificate exported = certs.export(id);
        PushResult result = scm.push(exported).to(Waf.inRegions("cn-north-4")).to(Elb.inRegions("cn-north-4"))
                .to(Cdn.matchingDomains()).execute();

        assertThat(exported.fingerprint()).isEqualTo(certificate.fingerprint());
        assertThat(exported.hasPrivateKey()).isTrue();
        assertThat(exported.status()).isEqualTo(CertificateStatus.ISSUED);
        assertThat(exported.csrOrigin()).isEqualTo(CsrOrigin.SYSTEM);
        assertThat(exported.scmId()).contains(id);
        assertThat(exported.chain()).hasSize(2);
        assertThat(result.succeeded()).as(result.outcomes().toString()).isTrue();
        assertThat(cloud.certificates("waf", "cn-north-4")).hasSize(1);
        assertThat(cloud.certificates("elb", "cn-north-4")).hasSize(1);
        assertThat(cloud.certificates("cdn", null)).hasSize(1);
    }

    @Test
    void an_exported_certificate_carries_its_scm_id_to_elb_and_cdn() {
        String id = cloud.addScmCertificate(certificate("shop.example.com"), CertificateStatus.ISSUED);
        cloud.addCdnDomain("shop.example.com");

        PushResult result = scm.push(certs.export(id)).to(Elb.inRegions("cn-north-4")).to(Cdn.matchingDomains())
                .execute();

        assertThat(result.succeeded()).as(result.outcomes().toString()).isTrue();
        assertThat(writes()).filteredOn(r -> r.path().endsWith("/elb/certificates")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"scm_certificate_id\":\"" + id + "\"")
                        .contains("\"source\":\"scm\""));
        assertThat(writes()).filteredOn(r -> r.path().endsWith("/config-https-info")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"certificate_type\":2")
                        .contains("\"scm_certificate_id\":\"" + id + "\"").contains("PRIVATE KEY"));
    }

    @Test
    void an_exported_manual_csr_certificate_is_refused_and_nothing_is_written() {
        String id = cloud.addScmCertificate(withoutKey(certificate("manual.example.com")), CertificateStatus.ISSUED);
        cloud.addCdnDomain("manual.example.com");

        Certificate exported = certs.export(id);
        PushResult result = scm.push(exported).to(Waf.inRegions("cn-north-4")).to(Elb.inRegions("cn-north-4"))
                .to(Cdn.matchingDomains()).execute();

        assertThat(exported.hasPrivateKey()).isFalse();
        assertThat(exported.csrOrigin()).isEqualTo(CsrOrigin.MANUAL);
        assertThat(result.outcomes()).extracting(TargetOutcome::status).containsOnly(OutcomeStatus.REJECTED);
        assertThat(result.outcomes()).extracting(TargetOutcome::code).containsOnly(RuleCodes.MANUAL_CSR);
        assertThat(writes()).isEmpty();
    }

    @Test
    void a_hosted_certificate_pushes() {
        String id = cloud.addScmCertificate(certificate("hosted.example.com"), CertificateStatus.HOSTED);

        PushResult result = scm.push(certs.export(id)).to(Waf.inRegions("cn-north-4")).execute();

        assertThat(result.succeeded()).as(result.outcomes().toString()).isTrue();
    }

    @Test
    void expired_and_revoked_certificates_are_cert_status() {
        String expired = cloud.addScmCertificate(certificate("old.example.com"), CertificateStatus.EXPIRED);
        String revoked = cloud.addScmCertificate(certificate("bad.example.com"), CertificateStatus.REVOKED);

        for (String id : List.of(expired, revoked)) {
            PushResult result = scm.push(certs.export(id)).to(Waf.inRegions("cn-north-4")).execute();
            assertThat(result.outcomes()).extracting(TargetOutcome::code).containsExactly(RuleCodes.CERT_STATUS);
        }
        assertThat(writes()).isEmpty();
    }

    @Test
    void a_native_push_to_waf_in_three_regions_is_one_batch_push_with_each_regions_waf_id() {
        String id = cloud.addScmCertificate(certificate("shop.example.com"), CertificateStatus.ISSUED);
        List<String> regions = List.of("cn-north-4", "ap-southeast-1", "af-south-1");

        PushResult result = certs.push(id, Waf.inRegions(regions.toArray(String[]::new)));

        assertThat(scmPushes()).hasSize(1);
        assertThat(scmPushes().get(0).path()).isEqualTo("/v3/scm/certificates/" + id + "/batch-push");
        assertThat(scmPushes().get(0).body()).contains("\"target_service\":\"WAF\"")
                .contains("\"target_projects\":[\"cn-north-4\",\"ap-southeast-1\",\"af-south-1\"]");
        assertThat(result.outcomes()).hasSize(3);
        for (String region : regions) {
            TargetOutcome outcome = result.outcome("waf", region).orElseThrow();
            assertThat(outcome.status()).isEqualTo(OutcomeStatus.PUSHED);
            assertThat(cloud.certificates("waf", region)).singleElement()
                    .satisfies(c -> assertThat(c.id()).isEqualTo(outcome.remoteId()));
        }
        assertThat(scm.history().latest(result.fingerprint())).hasSize(3);
    }

    @Test
    void eleven_regions_are_rejected_region_limit_before_any_call() {
        String id = cloud.addScmCertificate(certificate("shop.example.com"), CertificateStatus.ISSUED);
        List<String> regions = List.of("cn-north-4", "cn-north-1", "cn-north-2", "cn-east-2", "cn-east-3",
                "cn-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "af-south-1", "la-south-2");
        int before = cloud.requests().size();

        PushResult result = certs.push(id, Elb.inRegions(regions.toArray(String[]::new)));

        assertThat(cloud.requests()).as("not even show, nor the account id").hasSize(before);

        assertThat(result.outcomes()).hasSize(11);
        assertThat(result.outcomes()).extracting(TargetOutcome::status).containsOnly(OutcomeStatus.REJECTED);
        assertThat(result.outcomes()).extracting(TargetOutcome::code).containsOnly(RuleCodes.REGION_LIMIT);
        assertThat(scmPushes()).isEmpty();
    }

    @Test
    void a_native_push_of_a_manual_csr_certificate_is_refused_before_any_push_call() {
        String id = cloud.addScmCertificate(withoutKey(certificate("manual.example.com")), CertificateStatus.ISSUED);

        PushResult result = certs.push(id, Waf.inRegions("cn-north-4"));

        assertThat(result.outcomes()).extracting(TargetOutcome::code).containsExactly(RuleCodes.MANUAL_CSR);
        assertThat(scmPushes()).isEmpty();
    }

    @Test
    void a_second_native_push_to_the_same_target_is_rejected_already_pushed() {
        String id = cloud.addScmCertificate(certificate("shop.example.com"), CertificateStatus.ISSUED);
        certs.push(id, Elb.inRegions("cn-north-4"));

        PushResult again = certs.push(id, Elb.inRegions("cn-north-4"));

        assertThat(again.outcomes()).extracting(TargetOutcome::code).containsExactly(RuleCodes.ALREADY_PUSHED);
        assertThat(scmPushes()).hasSize(1);
        assertThat(cloud.certificates("elb", "cn-north-4")).hasSize(1);
    }

    @Test
    void a_native_push_to_cdn_sets_the_certificate_on_the_domains_it_covers() {
        String id = cloud.addScmCertificate(certificate("cdn.example.com"), CertificateStatus.ISSUED);
        cloud.addCdnDomain("cdn.example.com");

        PushResult result = certs.push(id, Cdn.matchingDomains());

        assertThat(result.succeeded()).as(result.outcomes().toString()).isTrue();
        assertThat(scmPushes()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v3/scm/certificates/" + id + "/push");
            assertThat(r.body()).isEqualTo("{\"target_service\":\"CDN\"}");
        });
        assertThat(cloud.certificates("cdn", null)).hasSize(1);
    }

    @Test
    void a_native_push_region_scm_cannot_serve_fails_alone() {
        String id = cloud.addScmCertificate(certificate("shop.example.com"), CertificateStatus.ISSUED);
        cloud.disableService("waf", "ap-southeast-1");

        PushResult result = certs.push(id, Waf.inRegions("cn-north-4", "ap-southeast-1"));

        assertThat(result.outcome("waf", "cn-north-4").orElseThrow().status()).isEqualTo(OutcomeStatus.PUSHED);
        TargetOutcome failed = result.outcome("waf", "ap-southeast-1").orElseThrow();
        assertThat(failed.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(failed.code()).isEqualTo("WAF.00012005");
    }

    @Test
    void expired_in_the_emulator_means_the_rules_see_the_real_expiry() {
        String id = cloud.addScmCertificate(TestCertificates.builder().ec().domains("old.example.com")
                .notBefore(Instant.now().minus(Duration.ofDays(100))).validity(Duration.ofDays(90)).build()
                .toCertificate(), CertificateStatus.EXPIRED);

        PushResult result = certs.push(id, Waf.inRegions("cn-north-4"));

        assertThat(result.outcomes()).extracting(TargetOutcome::code).containsExactly(RuleCodes.CERT_STATUS);
        assertThat(result.outcomes().get(0).message()).contains(RuleCodes.CERT_EXPIRED);
        assertThat(scmPushes()).isEmpty();
    }
}
