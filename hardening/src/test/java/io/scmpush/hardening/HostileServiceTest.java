package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.internal.http.CredentialSecrets;
import io.scmpush.testkit.ChaosProxy;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service that echoes secrets: the security token, the secret key and the private key being pushed (armored
 * and as bare base64), in every field it answers with. {@link SecretsWatch} scans every log line at ALL, the
 * results, the outcomes and the history file: none of them holds a secret. And a service whose fields are a
 * megabyte long gives outcomes of bounded size.
 */
class HostileServiceTest {
    static final String REGION = "cn-north-4";

    @RegisterExtension
    static final SecretsWatch secrets = new SecretsWatch();

    @TempDir
    Path dir;

    /** A provider, its target, the request line of its inventory read and of its write, and the write's echo. */
    record Service(String name, PushTarget target, String read, String write, Function<Echo, String> writeAnswer) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What the service echoes. */
    record Echo(String token, String secretKey, String keyPem, String keyBase64) {}

    static Stream<Service> services() {
        return Stream.of(
                new Service("waf", Waf.inRegions(REGION), "GET [^ ]+/waf/certificate", "POST [^ ]+/waf/certificate",
                        e -> "{\"id\":\"" + e.token() + "\",\"name\":\"" + e.keyBase64() + "\"}"),
                new Service("elb", Elb.inRegions(REGION), "GET [^ ]+/elb/certificates", "POST [^ ]+/elb/certificates",
                        e -> "{\"request_id\":\"" + e.secretKey() + "\",\"certificate\":{\"id\":\"" + e.token()
                                + "\",\"name\":\"" + e.keyBase64().substring(0, 64) + "\"}}"),
                new Service("cdn", Cdn.matchingDomains(), "GET [^ ]+/cdn/domains", "PUT [^ ]+/config-https-info",
                        e -> "{\"status\":\"fail\",\"result\":[{\"domain_name\":\"shop.example.com\",\"status\":"
                                + "\"fail\",\"reason\":\"" + e.keyBase64() + " " + e.secretKey() + "\",\"error_code\":\""
                                + e.token() + "\"}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(20)
    void an_error_answer_that_echoes_every_secret_leaves_none_in_outcome_log_or_history(Service service)
            throws IOException {
        TargetOutcome outcome = push(service, service.read(), echo -> ChaosProxy.Fault.respond(400,
                Map.of("Content-Type", "application/json", "X-Request-Id", echo.token()),
                line -> "{\"error_code\":\"" + echo.token() + "\",\"error_msg\":\"key " + echo.keyBase64() + " pem "
                        + echo.keyPem().replace("\n", "\\n") + " sk " + echo.secretKey() + "\",\"request_id\":\""
                        + echo.secretKey() + "\"}"));

        assertThat(outcome.code()).isEqualTo("[redacted]");
        assertThat(outcome.requestId()).isEqualTo("[redacted]");
        assertThat(outcome.message()).contains("[redacted]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(20)
    void a_write_answer_that_echoes_the_token_as_the_id_and_the_key_as_the_name_leaves_neither(Service service)
            throws IOException {
        TargetOutcome outcome = push(service, service.write(), echo -> ChaosProxy.Fault.respond(
                service.name().equals("elb") ? 201 : 200, Map.of("Content-Type", "application/json"),
                line -> service.writeAnswer().apply(echo)));

        if (outcome.remoteId() != null) {
            assertThat(outcome.remoteId()).isEqualTo("[redacted]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(20)
    void megabyte_long_fields_become_an_outcome_of_bounded_size(Service service) throws IOException {
        String mega = "E".repeat(1024 * 1024);
        TargetOutcome outcome = push(service, service.read(), echo -> ChaosProxy.Fault.respond(400,
                Map.of("Content-Type", "application/json", "X-Request-Id", "R".repeat(64 * 1024)),
                line -> "{\"error_code\":\"" + mega + "\",\"error_msg\":\"" + mega + "\",\"request_id\":\"" + mega
                        + "\"}"));

        assertThat(outcome.code()).hasSizeLessThanOrEqualTo(64);
        assertThat(outcome.requestId()).hasSizeLessThanOrEqualTo(128);
        assertThat(outcome.message()).hasSizeLessThanOrEqualTo(4_000);
    }

    /** Pushes through a proxy that answers {@code requestLine} with the fault; shows all a user could see. */
    private TargetOutcome push(Service service, String requestLine, Function<Echo, ChaosProxy.Fault> fault)
            throws IOException {
        Certificate certificate = TestCertificates.builder().ec().domains("shop.example.com").build().toCertificate();
        secrets.privateKeyOf(certificate);
        String keyPem = certificate.privateKeyPem().orElseThrow();
        String keyBase64 = keyPem.lines().filter(line -> !line.startsWith("-----")).collect(Collectors.joining());
        Path historyFile = dir.resolve("history.json");
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ChaosProxy proxy = ChaosProxy.start(cloud.endpoint())) {
            cloud.addCdnDomain("shop.example.com");
            var credentials = HostileNetworkTest.temporaryCredentialsOf(cloud, secrets);
            Echo echo = new Echo(HostileNetworkTest.TOKEN, CredentialSecrets.secretKey(credentials), keyPem,
                    keyBase64);
            proxy.inject(requestLine, fault.apply(echo));
            PushResult result;
            try (ScmPush scm = ScmPush.builder().credentials(credentials).endpoint(proxy.endpoint())
                    .retry(FaultMatrixTest.RETRY).requestTimeout(Duration.ofSeconds(5))
                    .history(PushHistory.file(historyFile)).build()) {
                result = scm.push(certificate).to(service.target()).execute();
                secrets.show(result, scm.history().latest(certificate.fingerprint()));
                for (PushRecord record : scm.history().latest(certificate.fingerprint())) {
                    secrets.show(record.message(), record.code(), record.remoteId());
                }
            }
            secrets.show(Files.readString(historyFile));
            result.outcomes().forEach(o -> secrets.show(o, o.message(), o.code(), o.requestId(), o.remoteId()));
            return result.outcomes().get(0);
        }
    }
}
