package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.Certificate;
import io.scmpush.OutcomeCodes;
import io.scmpush.ScmPush;
import io.scmpush.Verification;
import io.scmpush.VerificationResult;
import io.scmpush.testkit.internal.TlsServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ScmPush.verify} against loopback TLS servers that present certificates made here. */
@Timeout(10)
class VerifyTest {
    private static final Certificate WWW = TestCertificates.builder().domains("www.example.com").build()
            .toCertificate();
    private static final Certificate SHOP = TestCertificates.builder().domains("shop.example.com").ec().build()
            .toCertificate();

    private final ScmPush scm = ScmPush.builder().discoverProviders(false).build();
    private TlsServer server;

    @AfterEach
    void close() {
        scm.close();
        if (server != null) {
            server.close();
        }
    }

    private Verification at(String serverName) {
        InetSocketAddress address = server.address();
        return Verification.of(serverName).at(address.getHostString(), address.getPort());
    }

    @Test
    void the_expected_certificate_served_for_the_server_name_matches() throws InterruptedException {
        server = TlsServer.start(name -> WWW);

        List<VerificationResult> results = scm.verify(WWW, at("www.example.com"));

        VerificationResult result = results.get(0);
        assertThat(results).hasSize(1);
        assertThat(result.matches()).isTrue();
        assertThat(result.code()).isNull();
        assertThat(result.servedFingerprint()).isEqualTo(WWW.fingerprint());
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.message()).startsWith("Serves the expected certificate, CN=www.example.com");
        assertThat(server.serverNames()).containsExactly("www.example.com");
        assertThat(server.awaitNoConnections(Duration.ofSeconds(5))).isTrue();
        assertThat(server.bytesReceivedAfterHandshakes()).as("nothing is sent after the handshake").isZero();
    }

    @Test
    void the_server_name_is_sent_as_sni_and_another_certificate_is_a_mismatch() {
        Map<String, Certificate> byName = Map.of("www.example.com", WWW, "shop.example.com", SHOP);
        server = TlsServer.start(byName::get);

        List<VerificationResult> results = scm.verify(WWW, at("shop.example.com"), at("www.example.com"));

        VerificationResult shop = results.get(0);
        assertThat(shop.matches()).isFalse();
        assertThat(shop.code()).isEqualTo(OutcomeCodes.MISMATCH);
        assertThat(shop.servedFingerprint()).isEqualTo(SHOP.fingerprint());
        assertThat(shop.message()).startsWith("Serves CN=shop.example.com (sha256 " + SHOP.fingerprint().substring(0, 16))
                .endsWith("not the expected sha256 " + WWW.fingerprint().substring(0, 16) + "…");
        assertThat(shop.attempts()).as("within 0: one attempt").isEqualTo(1);
        assertThat(results.get(1).matches()).isTrue();
        assertThat(results).extracting(VerificationResult::verification)
                .containsExactly(at("shop.example.com"), at("www.example.com"));
    }

    @Test
    void a_mismatch_is_tried_again_until_the_expected_certificate_is_served() {
        AtomicInteger handshakes = new AtomicInteger();
        server = TlsServer.start(name -> handshakes.incrementAndGet() <= 2 ? SHOP : WWW);

        VerificationResult result = scm.verify(WWW, at("www.example.com").within(Duration.ofSeconds(8))).get(0);

        assertThat(result.matches()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
    }

    @Test
    void a_server_without_a_certificate_for_the_name_is_a_tls_error() {
        server = TlsServer.start(name -> "www.example.com".equals(name) ? WWW : null);

        VerificationResult result = scm.verify(WWW, at("other.example.com")).get(0);

        assertThat(result.code()).isEqualTo(OutcomeCodes.TLS_ERROR);
        assertThat(result.servedFingerprint()).isNull();
        assertThat(result.message()).contains("(SNI other.example.com)");
    }

    @Test
    void no_check_gives_no_result_and_a_closed_instance_refuses() {
        assertThat(scm.verify(WWW)).isEmpty();
        scm.close();
        assertThatThrownBy(() -> scm.verify(WWW, Verification.of("www.example.com")))
                .isInstanceOf(IllegalStateException.class);
    }
}
