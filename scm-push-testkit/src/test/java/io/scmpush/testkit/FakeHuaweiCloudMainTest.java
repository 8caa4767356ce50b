package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scmpush.Credentials;
import io.scmpush.RetryPolicy;
import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.internal.http.Sleeper;
import io.scmpush.spi.CloudHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code FakeHuaweiCloud.main}: a standalone emulator that a client configured from its output can use. */
class FakeHuaweiCloudMainTest {

    @Test
    void main_serves_on_the_given_port_with_the_printed_credentials_until_stopped() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeHuaweiCloud.class.getName(),
                String.valueOf(port), "www.example.com").redirectErrorStream(true).start();
        try {
            Map<String, String> printed = readUntilStopHint(process);

            assertThat(printed.get("endpoint")).isEqualTo("http://127.0.0.1:" + port);
            Credentials credentials = Credentials.of(printed.get("HUAWEICLOUD_SDK_AK"),
                    printed.get("HUAWEICLOUD_SDK_SK")).withDomainId(printed.get("HUAWEICLOUD_SDK_DOMAIN_ID"));
            CloudHttp http = new HuaweiCloudHttp(credentials, HttpClient.newHttpClient(), RetryPolicy.none(),
                    Duration.ofSeconds(10), Clock.systemUTC(), Sleeper.SYSTEM);
            JsonNode domains = CloudClient.read(http.send(CloudHttp.Request.builder("GET",
                    URI.create(printed.get("endpoint")), "/v1.0/cdn/domains").build()).body());
            assertThat(domains.get("domains")).extracting(d -> d.get("domain_name").asText())
                    .containsExactly("www.example.com");
        } finally {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    private static Map<String, String> readUntilStopHint(Process process) throws IOException {
        Map<String, String> printed = new HashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null && !line.startsWith("Stop with"); line = out.readLine()) {
            if (line.startsWith("FakeHuaweiCloud listening on ")) {
                printed.put("endpoint", line.substring("FakeHuaweiCloud listening on ".length()));
            }
            List<String> pair = List.of(line.split("=", 2));
            if (pair.size() == 2 && pair.get(0).startsWith("HUAWEICLOUD_SDK_")) {
                printed.put(pair.get(0), pair.get(1));
            }
        }
        return printed;
    }
}
