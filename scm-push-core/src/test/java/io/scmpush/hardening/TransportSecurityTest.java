package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.ScmPush;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signed requests carry the secret key's signature and private keys: they go over verified TLS, or
 * plain HTTP to this machine only.
 */
class TransportSecurityTest {
    /** Anything that replaces or loosens the JDK's certificate and host-name checks. */
    private static final Pattern TLS_OVERRIDE = Pattern.compile("TrustManager|HostnameVerifier|SSLContext"
            + "|SSLParameters|sslContext\\(|sslParameters\\(|SSLSocketFactory|setEndpointIdentificationAlgorithm"
            + "|disableHostnameVerification|jdk\\.internal\\.httpclient|trustAll");
    /**
     * The only sources allowed TLS of their own, because neither carries a request: the verification probe
     * (it asks which certificate a server presents, accepts any chain by design, and sends nothing after the
     * handshake) and the test kit's loopback TLS server.
     */
    private static final List<String> NOT_TRANSPORT = List.of(
            "scm-push-core/src/main/java/io/scmpush/internal/verify/TlsProbe.java",
            "scm-push-testkit/src/main/java/io/scmpush/testkit/internal/TlsServer.java");

    /** Hosts that look local, or like an address, and are not loopback by their text: all refused. */
    @ParameterizedTest
    @ValueSource(strings = {"http://waf.cn-north-4.myhuaweicloud.com", "HTTP://WAF.EXAMPLE.COM",
            "http://127.0.0.1.nip.io", "http://localhost.example.com", "http://localhost.", "http://[::ffff:7f00:1]",
            "http://[::ffff:127.0.0.1]", "http://2130706433", "http://0x7f000001", "http://0177.0.0.1",
            "http://0.0.0.0", "http://[::]", "http://192.168.0.10:8080"})
    void a_plain_http_endpoint_that_is_not_loopback_is_refused_wherever_it_is_set(String endpoint) {
        URI uri = URI.create(endpoint);
        List<Function<ScmPush.Builder, ScmPush.Builder>> setters = List.of(
                b -> b.endpoint(uri), b -> b.endpoint("waf", uri), b -> b.endpoint("elb", "cn-north-4", uri),
                b -> b.iamEndpoint(uri));

        for (Function<ScmPush.Builder, ScmPush.Builder> setter : setters) {
            ScmPush.Builder builder = setter.apply(ScmPush.builder().discoverProviders(false));

            assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                    e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(ConfigurationCodes.INSECURE_ENDPOINT));
        }
    }

    @Test
    void no_main_source_replaces_or_loosens_tls_verification() throws IOException {
        Path root = repositoryRoot();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> root.relativize(f).toString().replace('\\', '/').matches("[^/]+/src/main/java/.*"))
                    .toList();
        }

        assertThat(sources).as("main sources of every module").hasSizeGreaterThan(50)
                .anyMatch(f -> f.endsWith("HuaweiCloudHttp.java"));
        for (Path source : sources) {
            String relative = root.relativize(source).toString().replace('\\', '/');
            String text = Files.readString(source);
            if (NOT_TRANSPORT.contains(relative)) {
                continue;
            }
            assertThat(TLS_OVERRIDE.matcher(text).find()).as("TLS override in %s", source).isFalse();
            // The probe's trust-anything sockets stay behind the verifier: no transport may borrow them.
            assertThat(text.contains("TlsProbe") && !relative.contains("/internal/verify/"))
                    .as("TlsProbe used outside the verifier in %s", source).isFalse();
        }
        assertThat(sources).extracting(f -> root.relativize(f).toString().replace('\\', '/'))
                .as("the exempted sources exist").containsAll(NOT_TRANSPORT);
    }

    /** The directory of the parent pom: this module's parent, as surefire runs in the module. */
    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).exists();
        assertThat(root.resolve("scm-push-core")).isDirectory();
        return root;
    }
}
