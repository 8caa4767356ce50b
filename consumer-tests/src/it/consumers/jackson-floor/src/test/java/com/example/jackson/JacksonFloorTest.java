package com.example.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import org.junit.jupiter.api.Test;

class JacksonFloorTest {

    @Test
    void on_the_oldest_supported_jackson_a_push_works() {
        assertEquals(System.getProperty("pinned.jackson"),
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        assertEquals(System.getProperty("pinned.jackson"),
                com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());

        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build()) {
            PushResult result = scm.push(TestCertificates.builder().domains("www.example.com").build().toCertificate())
                    .to(Waf.inRegions("cn-north-4")).execute();

            assertTrue(result.succeeded(), result.toString());
            assertEquals(1, cloud.certificates("waf", "cn-north-4").size());
            System.out.println("jackson-floor: Jackson " + System.getProperty("pinned.jackson") + ", "
                    + result.outcomes());
        }
    }
}
