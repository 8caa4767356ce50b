package io.scmpush.examples;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.PushRequest;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.RotationPlan;
import io.scmpush.RotationRequest;
import io.scmpush.RotationResult;
import io.scmpush.ScmPush;
import io.scmpush.ScmPushException;
import io.scmpush.Verification;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renewal, everywhere at once. By default it starts {@link FakeHuaweiCloud}, pushes a certificate for
 * {@code www.example.com} and binds it to two ELB listeners (one's default certificate, the other's SNI list
 * beside a certificate already there), a WAF cloud host, a WAF premium host and a CDN domain; then rotates
 * to a renewed certificate with {@code replacingOlder()}: plans, executes, and verifies over a TLS handshake
 * on each binding's port, printing what happened to every binding.
 *
 * <p>With {@code --live} it rotates real Huawei Cloud to a new certificate instead, with the credentials of
 * {@code HUAWEICLOUD_SDK_AK} / {@code HUAWEICLOUD_SDK_SK}:
 * <pre>
 * java -cp scm-push-examples.jar io.scmpush.examples.Rotate --live --cert new-chain.pem --key new-key.pem \
 *      --waf cn-north-4 --elb cn-north-4 --cdn --verify www.example.com [--dry-run]
 * </pre>
 */
public final class Rotate {
    private static final String REGION = "cn-north-4";
    private static final String DOMAIN = "www.example.com";

    private Rotate() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the example; returns the process exit code (0 when the rotation succeeded). */
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
        Certificate current = TestCertificates.builder().ec().domains(DOMAIN).validity(Duration.ofDays(30)).build()
                .toCertificate();
        Certificate renewed = TestCertificates.builder().ec().domains(DOMAIN).validity(Duration.ofDays(90)).build()
                .toCertificate();
        Certificate images = TestCertificates.builder().ec().domains("img.example.com").build().toCertificate();
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build()) {
            cloud.addCdnDomain(DOMAIN);
            String shop = cloud.addElbListener(REGION, "HTTPS");
            String shared = cloud.addElbListener(REGION, "HTTPS");
            List<Binding> bindings = List.of(Elb.listener(REGION, shop), Elb.sniListener(REGION, shared),
                    Waf.host(REGION, cloud.addWafHost(REGION, DOMAIN, false)),
                    Waf.premiumHost(REGION, cloud.addWafHost(REGION, DOMAIN, true)), Cdn.domain(DOMAIN));
            out.println("FakeHuaweiCloud is listening on " + cloud.endpoint());
            out.println();

            out.println("1. The second listener serves img.example.com already, as its default and in its SNI list:");
            PushResult other = scm.push(images).bind(Elb.listener(REGION, shared)).bind(Elb.sniListener(REGION, shared))
                    .execute();
            OutcomeTable.printBindings(out, other.bindings());

            out.println();
            out.println("2. Push " + DOMAIN + " (expires " + current.notAfter() + ") and bind it everywhere:");
            PushRequest deploy = scm.push(current);
            for (Binding binding : bindings) {
                deploy = deploy.bind(binding);
            }
            OutcomeTable.printBindings(out, deploy.execute().bindings());

            RotationRequest rotation = scm.rotate(renewed)
                    .replacingOlder()
                    .across(Waf.inRegions(REGION), Elb.inRegions(REGION), Cdn.matchingDomains())
                    .verifying(bindings.stream().map(b -> {
                        InetSocketAddress port = cloud.serve(b); // what the listener, host or domain serves
                        return Verification.of(DOMAIN).at(port.getHostString(), port.getPort());
                    }).toArray(Verification[]::new));

            out.println();
            out.println("3. Plan the renewal (expires " + renewed.notAfter() + "); it reads and writes nothing."
                    + " Bindings serving the old certificate:");
            RotationPlan plan = rotation.plan();
            OutcomeTable.printPlanned(out, plan.bindings());

            out.println();
            out.println("4. Rotate: push the renewal where it is missing, re-point every binding, verify over TLS:");
            RotationResult result = rotation.execute();
            OutcomeTable.printBindings(out, result.bindings());
            OutcomeTable.printVerifications(out, result.verifications());
            out.println(result.succeeded() ? "The renewal is served everywhere." : "The rotation did not succeed.");
            return result.succeeded() ? 0 : 1;
        }
    }

    private static int live(List<String> options, PrintStream out) throws IOException {
        Certificate renewed = Certificate.builder()
                .certificatePem(Files.readString(Path.of(value(options, "--cert"))))
                .privateKeyPem(Files.readString(Path.of(value(options, "--key"))))
                .build();
        List<PushTarget> targets = new ArrayList<>();
        if (options.contains("--waf")) {
            targets.add(Waf.inRegions(value(options, "--waf").split(",")));
        }
        if (options.contains("--elb")) {
            targets.add(Elb.inRegions(value(options, "--elb").split(",")));
        }
        if (options.contains("--cdn")) {
            targets.add(Cdn.matchingDomains());
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("name where to look: --waf REGIONS, --elb REGIONS or --cdn");
        }
        try (ScmPush scm = ScmPush.builder().credentials(Credentials.fromEnvironment()).build()) {
            RotationRequest rotation = scm.rotate(renewed).across(targets.toArray(PushTarget[]::new));
            if (options.contains("--verify")) {
                for (String name : value(options, "--verify").split(",")) {
                    rotation = rotation.verifying(Verification.of(name).within(Duration.ofMinutes(10)));
                }
            }
            if (options.contains("--dry-run")) {
                RotationPlan plan = rotation.plan();
                OutcomeTable.printPlanned(out, plan.bindings());
                OutcomeTable.printBindings(out, plan.push().bindings());
                return plan.push().allowed() ? 0 : 1;
            }
            RotationResult result = rotation.execute();
            OutcomeTable.print(out, result.push());
            OutcomeTable.printBindings(out, result.bindings());
            OutcomeTable.printVerifications(out, result.verifications());
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
