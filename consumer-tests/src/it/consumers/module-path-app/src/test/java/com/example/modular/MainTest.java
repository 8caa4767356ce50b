package com.example.modular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    /** What the application ships with: itself, scm-push and scm-push's own dependencies. */
    private static final Pattern RUNTIME = Pattern.compile(
            "(scm-push-(core|waf|cdn|elb)|jackson-(databind|core|annotations)|bc(prov|pkix|util)-jdk18on)-[^"
                    + Pattern.quote(File.separator) + "]*\\.jar");
    /** The fake's test key, printed by FakeHuaweiCloud's main for exactly this use. */
    private static final String FAKE_SECRET_KEY = "fakeHuaweiCloudSecretKeyForScmPushTests0";

    @Test
    void on_the_module_path_the_providers_are_found_by_the_service_loader_and_push(@TempDir Path dir)
            throws Exception {
        List<String> modulePath = new ArrayList<>();
        modulePath.add(Path.of("target", "classes").toAbsolutePath().toString());
        for (String entry : System.getProperty("surefire.test.class.path").split(File.pathSeparator)) {
            if (RUNTIME.matcher(Path.of(entry).getFileName().toString()).matches()) {
                modulePath.add(entry);
            }
        }
        var generated = TestCertificates.builder().domains("www.example.com").build();
        Path cert = Files.writeString(dir.resolve("cert.pem"), generated.certificatePem() + generated.caCertificatePem());
        Path key = Files.writeString(dir.resolve("key.pem"), generated.privateKeyPem());

        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--module-path", String.join(File.pathSeparator, modulePath),
                    "--module", "com.example.modular/com.example.modular.Main",
                    cloud.endpoint().toString(), cert.toString(), key.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.txt").toFile());
            builder.environment().put("HUAWEICLOUD_SDK_AK", cloud.credentials().accessKey());
            builder.environment().put("HUAWEICLOUD_SDK_SK", FAKE_SECRET_KEY);
            builder.environment().put("HUAWEICLOUD_SDK_DOMAIN_ID", cloud.credentials().domainId().orElseThrow());
            Process app = builder.start();
            boolean ended = app.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                app.destroyForcibly().waitFor();
            }
            String output = Files.readString(dir.resolve("output.txt"));
            assertTrue(ended, "the application ended: " + output);
            System.out.println("module-path-app: " + output);

            assertEquals(0, app.exitValue(), output);
            assertTrue(output.contains("module com.example.modular with io.scmpush.core, services [cdn, elb, waf]"),
                    output);
            assertTrue(output.contains("outcome waf cn-north-4 PUSHED"), output);
            assertEquals(1, cloud.certificates("waf", "cn-north-4").size());
        }
    }
}
