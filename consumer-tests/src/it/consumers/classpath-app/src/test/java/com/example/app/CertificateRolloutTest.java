package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import org.junit.jupiter.api.Test;

class CertificateRolloutTest {

    @Test
    void the_application_pushes_to_waf_from_the_class_path() {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            PushResult result = CertificateRollout.pushToWaf(cloud.endpoint(), cloud.credentials(),
                    TestCertificates.builder().domains("www.example.com").build().toCertificate());

            assertTrue(result.succeeded(), result.toString());
            assertEquals(OutcomeStatus.PUSHED, result.outcome("waf", "cn-north-4").orElseThrow().status());
            assertEquals(1, cloud.certificates("waf", "cn-north-4").size());
            assertFalse(ScmPush.class.getModule().isNamed(), "scm-push ran on the class path");
            System.out.println("classpath-app: " + result.outcomes());
        }
    }
}
