package io.scmpush.examples;

import io.scmpush.Certificate;
import io.scmpush.CertificateStatus;
import io.scmpush.Credentials;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.elb.Elb;
import io.scmpush.scm.ManagedCertificate;
import io.scmpush.scm.ScmCertificates;
import io.scmpush.scm.ScmQuery;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Push what SCM holds: lists the ISSUED certificates of the certificate manager that expire within 30
 * days, exports one and pushes it to WAF and ELB, then has SCM push another itself (its native push: the
 * key never leaves Huawei Cloud). Runs against a local emulator seeded with a few certificates.
 *
 * <pre>java -cp scm-push-examples.jar io.scmpush.examples.PushFromScm [--live]</pre>
 *
 * <p>With {@code --live} it only lists, with the credentials of {@code HUAWEICLOUD_SDK_AK}/{@code _SK}/
 * {@code _DOMAIN_ID}: what would be pushed, nothing written.
 */
public final class PushFromScm {
    private static final Duration WITHIN = Duration.ofDays(30);

    private PushFromScm() {}

    /**
     * Runs the example.
     *
     * @param args {@code --live} to list a real account's certificates instead
     */
    public static void main(String[] args) {
        boolean live = List.of(args).contains("--live");
        System.exit(live ? listLive(System.out) : run(System.out));
    }

    static int run(PrintStream out) {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build()) {
            seed(cloud);
            ScmCertificates certs = ScmCertificates.of(scm);

            List<ManagedCertificate> expiring =
                    certs.list(ScmQuery.all().status(CertificateStatus.ISSUED).expiringWithin(WITHIN));
            out.println("ISSUED in SCM, expiring within 30 days:");
            expiring.forEach(m -> out.println("  " + m.id() + "  " + m.name() + "  " + m.domains() + "  until "
                    + m.notAfter() + (m.pushSupported() ? "" : "  (no key in SCM: applied for with your own CSR)")));
            ManagedCertificate renew = expiring.stream().filter(ManagedCertificate::pushSupported).findFirst()
                    .orElse(null);
            if (renew == null) {
                return 1;
            }

            Certificate exported = certs.export(renew.id());
            out.println("Exported " + exported.scmId().orElseThrow() + " (" + exported.status() + ", CSR "
                    + exported.csrOrigin() + "), pushing it:");
            PushResult pushed = scm.push(exported).to(Waf.inRegions("cn-north-4")).to(Elb.inRegions("cn-north-4"))
                    .execute();
            OutcomeTable.print(out, pushed);

            ManagedCertificate hosted = certs.list(ScmQuery.all().status(CertificateStatus.HOSTED)).get(0);
            out.println("SCM pushes " + hosted.id() + " itself (the key stays in SCM):");
            PushResult natively = certs.push(hosted.id(), Waf.inRegions("cn-north-4", "ap-southeast-1"));
            OutcomeTable.print(out, natively);
            return pushed.succeeded() && natively.succeeded() ? 0 : 1;
        }
    }

    /** What an account of the certificate manager may hold: two issued, one hosted, one manual-CSR. */
    private static void seed(FakeHuaweiCloud cloud) {
        cloud.addScmCertificate(TestCertificates.builder().ec().domains("shop.example.com", "www.shop.example.com")
                .validity(Duration.ofDays(21)).build().toCertificate(), CertificateStatus.ISSUED);
        cloud.addScmCertificate(TestCertificates.builder().ec().domains("blog.example.com")
                .validity(Duration.ofDays(300)).build().toCertificate(), CertificateStatus.ISSUED);
        cloud.addScmCertificate(TestCertificates.builder().ec().domains("api.example.com").build().toCertificate(),
                CertificateStatus.HOSTED);
        Certificate manual = TestCertificates.builder().ec().domains("own-csr.example.com")
                .validity(Duration.ofDays(10)).build().toCertificate();
        cloud.addScmCertificate(Certificate.builder().certificatePem(manual.certificatePem()).build(),
                CertificateStatus.ISSUED); // no key: applied for with a manually generated CSR
    }

    private static int listLive(PrintStream out) {
        try (ScmPush scm = ScmPush.builder().credentials(Credentials.fromEnvironment()).build()) {
            List<ManagedCertificate> expiring = ScmCertificates.of(scm)
                    .list(ScmQuery.all().status(CertificateStatus.ISSUED).expiringWithin(WITHIN));
            expiring.forEach(m -> out.println(m.id() + "  " + m.name() + "  " + m.domains() + "  until "
                    + m.notAfter() + (m.pushSupported() ? "" : "  (SCM cannot push it: manual CSR)")));
            return 0;
        }
    }
}
