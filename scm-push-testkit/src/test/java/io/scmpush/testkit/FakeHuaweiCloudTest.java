package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import io.scmpush.internal.http.CredentialSecrets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The emulator as a whole: IAM, the request log, latency, lifecycle. */
class FakeHuaweiCloudTest {

    @Test
    void each_region_has_one_deterministic_project_that_IAM_finds_by_name() {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start(); FakeHuaweiCloud another = FakeHuaweiCloud.start()) {
            CloudClient client = new CloudClient(cloud);

            JsonNode found = client.sendJson("GET", "/v3/projects", null, null, "name", "cn-north-4");
            JsonNode unknown = client.sendJson("GET", "/v3/projects", null, null, "name", "xx-nowhere-1");

            assertThat(cloud.projectId("cn-north-4")).matches("[0-9a-f]{32}")
                    .isEqualTo(another.projectId("cn-north-4")).isNotEqualTo(cloud.projectId("ap-southeast-1"));
            JsonNode project = found.get("projects").get(0);
            assertThat(found.get("projects")).hasSize(1);
            assertThat(project.get("id").asText()).isEqualTo(cloud.projectId("cn-north-4"));
            assertThat(project.get("name").asText()).isEqualTo("cn-north-4");
            assertThat(project.get("domain_id").asText()).isEqualTo(cloud.credentials().domainId().orElseThrow());
            assertThat(project.get("enabled").asBoolean()).isTrue();
            assertThat(unknown.get("projects")).isEmpty();
        }
    }

    @Test
    void an_added_project_makes_the_lookup_by_name_list_two() {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            String added = cloud.addProject("cn-north-4");

            JsonNode projects = new CloudClient(cloud).sendJson("GET", "/v3/projects", null, null, "name", "cn-north-4")
                    .get("projects");

            assertThat(projects).extracting(p -> p.get("id").asText())
                    .containsExactly(cloud.projectId("cn-north-4"), added);
        }
    }

    @Test
    void an_unknown_region_has_no_project() {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            assertThatThrownBy(() -> cloud.projectId("xx-nowhere-1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cn-north-4");
        }
    }

    @Test
    void an_injected_IAM_failure_uses_the_keystone_envelope() {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            cloud.failNext("iam", null, 500);

            CloudClient.Reply reply = new CloudClient(cloud).raw("GET", "/v3/projects?name=cn-north-4", null, "");

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.json().get("error").get("code").asInt()).isEqualTo(500);
            assertThat(reply.json().get("error").get("message").asText()).isNotEmpty();
        }
    }

    @Test
    void every_request_is_recorded_as_received_rejected_ones_included() {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            CloudClient client = new CloudClient(cloud);
            cloud.throttleNext("waf", "cn-north-4");
            String path = "/v1/" + cloud.projectId("cn-north-4") + "/waf/certificate";

            CloudServiceException throttled = client.failure("GET", path, "cn-north-4", null, "name", "a b");
            client.send("GET", path, "cn-north-4", null, "name", "a b");

            assertThat(throttled.code()).isEqualTo(OutcomeCodes.THROTTLED);
            List<FakeHuaweiCloud.RecordedRequest> requests = cloud.requests();
            assertThat(requests).hasSize(2).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.path()).isEqualTo(path);
                assertThat(r.query()).isEqualTo("name=a%20b");
                assertThat(r.headers().get("X-Project-Id")).containsExactly(cloud.projectId("cn-north-4"));
                assertThat(r.headers().get("authorization").get(0)).startsWith("SDK-HMAC-SHA256 Access=");
                assertThat(r.body()).isEmpty();
            });
        }
    }

    @Test
    void a_recorded_request_never_shows_its_body_in_toString() {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            TestCertificates.Generated cert = TestCertificates.builder().ec().build();
            String body = "{\"name\":\"n\",\"content\":\"c\",\"key\":" + CloudClient.json(cert.privateKeyPem()) + "}";
            new CloudClient(cloud).failure("POST", "/v1/" + cloud.projectId("cn-north-4") + "/waf/certificate",
                    "cn-north-4", body);

            FakeHuaweiCloud.RecordedRequest recorded = cloud.requests().get(0);
            assertThat(recorded.body()).contains("PRIVATE KEY");
            assertThat(recorded.toString()).doesNotContain("PRIVATE KEY").doesNotContain("Signature=");
            assertThat(cloud.toString()).doesNotContain(CredentialSecrets.secretKey(cloud.credentials()));
        }
    }

    @Test
    void injected_latency_delays_each_call_but_parallel_calls_overlap() throws Exception {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            CloudClient client = new CloudClient(cloud);
            cloud.latency(Duration.ofMillis(300));
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                long started = System.nanoTime();
                CompletableFuture<?>[] calls = IntStream.range(0, 20)
                        .mapToObj(i -> CompletableFuture.runAsync(
                                () -> client.send("GET", "/v3/projects", null, null, "name", "cn-north-4"), pool))
                        .toArray(CompletableFuture[]::new);
                CompletableFuture.allOf(calls).get();
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

                assertThat(elapsed).isBetween(Duration.ofMillis(300), Duration.ofMillis(3000));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void close_stops_every_emulator_thread_and_is_idempotent() {
        FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
        CloudClient client = new CloudClient(cloud);
        cloud.latency(Duration.ofSeconds(30));
        CompletableFuture<?> hanging = CompletableFuture.runAsync(() -> {
            try {
                client.send("GET", "/v3/projects", null, null);
            } catch (CloudServiceException expected) {
                // the emulator closed under it
            }
        });
        awaitRequests(cloud, 1);

        cloud.close();
        cloud.close();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(
                t -> t.isAlive() && t.getName().startsWith("fake-huawei-cloud-"));
        hanging.cancel(true);
    }

    @Test
    void a_failure_needs_an_error_status_and_a_known_service() {
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            assertThatThrownBy(() -> cloud.failNext("waf", null, 200)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cloud.failNext("s3", null, 500)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cloud.disableService("cdn", "cn-north-4"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cloud.certificates("waf", null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void awaitRequests(FakeHuaweiCloud cloud, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cloud.requests().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no request arrived");
            }
            Thread.onSpinWait();
        }
    }
}
