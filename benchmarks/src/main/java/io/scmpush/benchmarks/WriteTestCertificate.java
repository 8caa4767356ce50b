package io.scmpush.benchmarks;

import io.scmpush.testkit.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code chain.pem} (RSA 2048 leaf for www.example.com + CA) and {@code key.pem} into a folder, for {@code coldstart.sh}. */
public final class WriteTestCertificate {
    private WriteTestCertificate() {}

    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args[0]));
        TestCertificates.Generated generated = Fixtures.rsaChain();
        Files.writeString(folder.resolve("chain.pem"), generated.certificatePem());
        Files.writeString(folder.resolve("key.pem"), generated.privateKeyPem());
    }
}
