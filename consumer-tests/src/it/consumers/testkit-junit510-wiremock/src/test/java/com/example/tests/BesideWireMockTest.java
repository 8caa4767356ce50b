package com.example.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class BesideWireMockTest {

    @Test
    void the_project_runs_on_its_own_junit() {
        assertEquals(System.getProperty("expected.junit"), Test.class.getPackage().getImplementationVersion());
    }

    @Test
    void wiremock_and_the_fake_cloud_work_side_by_side() throws Exception {
        WireMockServer wireMock = new WireMockServer(options().dynamicPort());
        wireMock.start();
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build()) {
            wireMock.stubFor(get(urlEqualTo("/ping")).willReturn(aResponse().withStatus(200).withBody("pong")));
            HttpResponse<String> pong = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(wireMock.baseUrl() + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());

            PushResult result = scm.push(TestCertificates.builder().domains("www.example.com").build().toCertificate())
                    .to(Waf.inRegions("cn-north-4")).execute();

            assertEquals("pong", pong.body());
            assertTrue(result.succeeded(), result.toString());
            assertEquals(OutcomeStatus.PUSHED, result.outcome("waf", "cn-north-4").orElseThrow().status());
            System.out.println("testkit-junit510-wiremock: Jackson "
                    + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION + ", " + result.outcomes());
        } finally {
            wireMock.stop();
        }
    }
}
