package io.scmpush.examples;

import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.CsrOrigin;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushRequest;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.ScmPushException;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first program to run. By default it starts {@link FakeHuaweiCloud} on this machine, makes a
 * certificate and pushes it to WAF and ELB in two regions each and to CDN, then shows a dry run, a
 * rejected push, a repeated push and the push history.
 *
 * <p>With {@code --live} it pushes real PEM files to real Huawei Cloud instead, with the credentials of
 * {@code HUAWEICLOUD_SDK_AK} / {@code HUAWEICLOUD_SDK_SK}:
 * <pre>
 * java -jar scm-push-examples.jar --live --cert chain.pem --key key.pem \
 *      --waf cn-north-4,ap-southeast-1 --elb cn-north-4 --cdn [--dry-run]
 * </pre>
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the example; returns the process exit code (0 when every target holds the certificate). */
    static int run(String[] args, PrintStream out) {
        List<String> options = Arrays.asList(args);
        try {
            return options.contains("--live") ? live(options, out) : demo(out);
        } catch (ScmPushException e) {
            out.println("Error " + e.code() + ": " + e.getMessage());
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            out.println("Error: " + e.getMessage());
            return 2;
        }
    }

    private static int demo(PrintStream out) {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            Certificate cert = TestCertificates.builder().domains("www.example.com", "shop.example.com").build()
                    .toCertificate();
            cloud.addCdnDomain("www.example.com");
            out.println("FakeHuaweiCloud is listening on " + cloud.endpoint());
            out.println();

            try (ScmPush scm = ScmPush.builder()
                    .endpoint(cloud.endpoint())
                    .credentials(cloud.credentials())
                    .build()) {
                PushRequest everywhere = scm.push(cert)
                        .to(Waf.inRegions("cn-north-4", "ap-southeast-1"))
                        .to(Elb.inRegions("cn-north-4", "ap-southeast-1"))
                        .to(Cdn.matchingDomains());

                out.println("1. Push one certificate to WAF, ELB (two regions each) and CDN:");
                PushResult first = everywhere.execute();
                OutcomeTable.print(out, first);

                out.println();
                out.println("2. A dry run of a new certificate writes nothing:");
                Certificate renewed = TestCertificates.builder().domains("www.example.com").build().toCertificate();
                OutcomeTable.print(out, scm.push(renewed).to(Waf.inRegions("cn-north-4")).plan());

                out.println();
                out.println("3. A certificate applied for with a manual CSR has no key to push:");
                Certificate manual = Certificate.builder().certificatePem(renewed.certificatePem())
                        .csrOrigin(CsrOrigin.MANUAL).build();
                OutcomeTable.print(out, scm.push(manual).to(Waf.inRegions("cn-north-4")).execute());

                out.println();
                out.println("4. The same push again fails as ALREADY_PUSHED, or is skipped with DuplicatePolicy.SKIP:");
                OutcomeTable.print(out, everywhere.execute());
                OutcomeTable.print(out, everywhere.onDuplicate(DuplicatePolicy.SKIP).execute());

                out.println();
                out.println("5. The latest push records of the certificate, newest first:");
                OutcomeTable.print(out, scm.history().latest(cert.fingerprint()));

                boolean allPushed = first.outcomes().stream().allMatch(o -> o.status() == OutcomeStatus.PUSHED);
                return allPushed ? 0 : 1;
            }
        }
    }

    private static int live(List<String> options, PrintStream out) throws IOException {
        Certificate cert = Certificate.builder()
                .certificatePem(Files.readString(Path.of(value(options, "--cert"))))
                .privateKeyPem(Files.readString(Path.of(value(options, "--key"))))
                .build();
        try (ScmPush scm = ScmPush.builder().credentials(Credentials.fromEnvironment()).build()) {
            PushRequest request = scm.push(cert);
            List<String> targets = new ArrayList<>();
            if (options.contains("--waf")) {
                request = request.to(Waf.inRegions(value(options, "--waf").split(",")));
                targets.add("waf");
            }
            if (options.contains("--elb")) {
                request = request.to(Elb.inRegions(value(options, "--elb").split(",")));
                targets.add("elb");
            }
            if (options.contains("--cdn")) {
                request = request.to(Cdn.matchingDomains());
                targets.add("cdn");
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("name at least one target: --waf REGIONS, --elb REGIONS or --cdn");
            }
            if (options.contains("--dry-run")) {
                OutcomeTable.print(out, request.plan());
                return 0;
            }
            PushResult result = request.execute();
            OutcomeTable.print(out, result);
            return result.succeeded() ? 0 : 1;
        }
    }

    private static String value(List<String> options, String name) {
        int i = options.indexOf(name);
        if (i < 0 || i + 1 >= options.size() || options.get(i + 1).startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return options.get(i + 1);
    }
}
