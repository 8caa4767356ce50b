package com.example.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scmpush.Certificate;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import io.scmpush.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcmeDiscoveryTest {

    @Test
    void a_provider_jar_on_the_class_path_is_found_and_pushed_to(@TempDir Path dir) {
        Certificate certificate = TestCertificates.builder().domains("www.example.com").build().toCertificate();

        try (ScmPush scm = ScmPush.builder().build()) {
            assertEquals(Set.of("acme"), scm.services());

            PushResult result = scm.push(certificate).to(PushTarget.of("acme").withOption("dir", dir.toString()))
                    .execute();

            assertEquals(OutcomeStatus.PUSHED, result.outcomes().get(0).status(), result.toString());
            assertTrue(Files.exists(dir.resolve(certificate.name() + ".pem")));
            System.out.println("acme-app: " + result.outcomes());
        }
    }
}
