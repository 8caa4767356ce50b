package io.scmpush.examples;

import io.scmpush.Certificate;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.examples.directory.Directory;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Extends scm-push with a third-party target: the {@code directory} plugin in
 * {@link io.scmpush.examples.directory}, found by {@link java.util.ServiceLoader} like the built-in
 * providers, and pushed to in the same request as WAF. The plugin binds too: its {@code current.pem} link is
 * pointed at the pushed certificate, as an ELB listener would be.
 *
 * <pre>java -cp scm-push-examples.jar io.scmpush.examples.CustomProvider [DIRECTORY]</pre>
 */
public final class CustomProvider {
    private CustomProvider() {}

    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("scm-push-certs");
        System.exit(run(directory, System.out));
    }

    static int run(Path directory, PrintStream out) {
        Certificate cert = TestCertificates.builder().domains("api.example.com").build().toCertificate();
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ScmPush scm = ScmPush.builder()
                        .endpoint(cloud.endpoint())
                        .credentials(cloud.credentials())
                        .build()) {
            out.println("Discovered services: " + scm.services());
            PushResult result = scm.push(cert)
                    .to(Directory.at(directory))
                    .to(Waf.inRegions("cn-north-4"))
                    .bind(Directory.current(directory))   // the plugin's own binding: current.pem -> <name>.crt
                    .execute();
            OutcomeTable.print(out, result);
            result.bindings().forEach(out::println);
            out.println("Wrote " + directory.resolve(cert.name() + ".crt") + " and its .key; current.pem links to it");
            return result.succeeded() ? 0 : 1;
        }
    }
}
