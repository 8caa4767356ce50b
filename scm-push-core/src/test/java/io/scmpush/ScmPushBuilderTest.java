package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.internal.http.HuaweiCloudHttp;
import io.scmpush.rules.RuleEngine;
import io.scmpush.rules.Violation;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ScmPush.builder()...build()} checks, which providers it picks and what it gives them. */
class ScmPushBuilderTest {
    private static final Certificate CERT = TestCertificates.builder().build().toCertificate();

    @TempDir
    Path temp;

    @Test
    void bad_values_are_reported_together_as_invalid_argument() {
        ScmPush.Builder builder = ScmPush.builder().discoverProviders(false).maxConcurrency(0)
                .requestTimeout(Duration.ZERO).projectId("cn-north-4", " ");

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT))
                .hasMessageContaining("maxConcurrency must be at least 1, was 0")
                .hasMessageContaining("requestTimeout must be positive")
                .hasMessageContaining("projectId(\"cn-north-4\", id) must not be blank");
    }

    @Test
    void a_plain_http_remote_endpoint_is_refused_at_build() {
        ScmPush.Builder builder = ScmPush.builder().discoverProviders(false)
                .endpoint(URI.create("http://waf.example.com"));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INSECURE_ENDPOINT));
    }

    @ParameterizedTest
    @EnumSource(value = HttpClient.Redirect.class, names = {"ALWAYS", "NORMAL"})
    void an_http_client_that_follows_redirects_is_refused_at_build(HttpClient.Redirect redirect) {
        ScmPush.Builder builder = ScmPush.builder().discoverProviders(false)
                .httpClient(HttpClient.newBuilder().followRedirects(redirect).build());

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INSECURE_HTTP_CLIENT))
                .hasMessageContaining("followRedirects(HttpClient.Redirect.NEVER)");
    }

    @Test
    void an_http_client_that_never_follows_redirects_is_accepted() {
        ScmPush.builder().discoverProviders(false).httpClient(HttpClient.newHttpClient()).build().close();
    }

    @Test
    void providers_on_the_class_path_are_discovered() {
        try (ScmPush scm = ScmPush.builder().build()) {
            assertThat(scm.services()).contains(InMemoryProvider.SERVICE);

            PushTarget target = PushTarget.of(InMemoryProvider.SERVICE).inRegions("cn-north-4");
            TargetOutcome first = scm.push(CERT).to(target).execute().outcomes().get(0);
            TargetOutcome again = scm.push(CERT).to(target).onDuplicate(DuplicatePolicy.SKIP).execute().outcomes().get(0);

            assertThat(first.status()).isEqualTo(OutcomeStatus.PUSHED);
            assertThat(again.status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
            assertThat(again.remoteId()).isEqualTo(first.remoteId());
        }
    }

    @Test
    void without_discovery_only_explicit_providers_serve() {
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).build()) {
            assertThat(scm.services()).isEmpty();
        }
    }

    @Test
    void two_discovered_providers_of_one_service_are_refused_naming_both() throws IOException {
        ScmPush.Builder builder = ScmPush.builder().discoveryLoader(loaderAlsoRegistering(InMemoryProvider.Shadow.class));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.DUPLICATE_PROVIDER))
                .hasMessageContaining("'memory'")
                .hasMessageContaining(InMemoryProvider.class.getName())
                .hasMessageContaining(InMemoryProvider.Shadow.class.getName());
    }

    @Test
    void an_explicit_provider_wins_over_discovered_ones_even_when_they_disagree() throws IOException {
        InMemoryProvider mine = new InMemoryProvider();
        try (ScmPush scm = ScmPush.builder().discoveryLoader(loaderAlsoRegistering(InMemoryProvider.Shadow.class))
                .provider(mine).build()) {

            scm.push(CERT).to(PushTarget.of(InMemoryProvider.SERVICE).inRegions("cn-north-4")).execute();

            assertThat(mine.writes()).containsExactly("cn-north-4");
        }
    }

    @Test
    void two_explicit_providers_of_one_service_are_refused() {
        ScmPush.Builder builder = ScmPush.builder().discoverProviders(false).provider(new InMemoryProvider())
                .provider(new InMemoryProvider.Shadow());

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.DUPLICATE_PROVIDER))
                .hasMessageContaining(InMemoryProvider.Shadow.class.getName());
    }

    @Test
    void a_provider_that_needs_credentials_fails_the_build_without_them() {
        InMemoryProvider provider = new InMemoryProvider().requiringCredentials();
        ScmPush.Builder builder = ScmPush.builder().discoverProviders(false).provider(provider);

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.NO_CREDENTIALS))
                .hasMessageContaining(InMemoryProvider.class.getName())
                .hasMessageContaining("Credentials.fromEnvironment()");
    }

    @Test
    void a_failed_build_closes_the_providers_it_already_connected() {
        InMemoryProvider first = InMemoryProvider.global("aaa");
        ScmPush.Builder builder = ScmPush.builder().discoverProviders(false).provider(first)
                .provider(new InMemoryProvider().requiringCredentials());

        assertThatThrownBy(builder::build).isInstanceOf(ConfigurationException.class);
        assertThat(first.closed()).isTrue();
    }

    @Test
    void providers_get_the_configured_credentials_endpoints_projects_and_clock() {
        InMemoryProvider provider = new InMemoryProvider().requiringCredentials();
        Credentials credentials = Credentials.of("AKEXAMPLE", "secret-key-value");
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).provider(provider).credentials(credentials)
                .endpoint(URI.create("http://127.0.0.1:8443"))
                .endpoint("memory", "cn-north-1", URI.create("https://memory.example.com"))
                .projectId("cn-north-4", "0123456789abcdef0123456789abcdef").clock(clock).build()) {

            ProviderContext context = provider.contexts().get(0);
            assertThat(context.credentials()).isSameAs(credentials);
            assertThat(context.http()).isInstanceOf(HuaweiCloudHttp.class).isSameAs(context.http());
            assertThat(context.endpoint("memory", "cn-north-4")).isEqualTo(URI.create("http://127.0.0.1:8443"));
            assertThat(context.endpoint("memory", "cn-north-1")).isEqualTo(URI.create("https://memory.example.com"));
            assertThat(context.projectId("cn-north-4")).isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(context.clock()).isSameAs(clock);
            assertThat(context.toString()).doesNotContain("secret-key-value");
        }
    }

    @Test
    void a_provider_that_needs_no_credentials_gets_a_context_that_says_how_to_set_them() {
        InMemoryProvider provider = new InMemoryProvider();
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).provider(provider).build()) {
            ProviderContext context = provider.contexts().get(0);

            assertThatThrownBy(context::http).isInstanceOfSatisfying(ConfigurationException.class,
                    e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.NO_CREDENTIALS));
            assertThat(context.endpoint("memory", "cn-north-4"))
                    .isEqualTo(URI.create("https://memory.cn-north-4.myhuaweicloud.com"));
        }
    }

    @Test
    void the_rules_in_force_are_the_configured_ones_with_the_providers_rules_after_them() {
        ProviderDescriptor withRule = ProviderDescriptor.builder("ruled", Scope.GLOBAL).displayName("Ruled service")
                .requiresPrivateKey(false)
                .rule("RULED_ONLY", c -> List.of(Violation.error("RULED_ONLY", "ruled", null, "never"))).build();
        RuleEngine configured = RuleEngine.empty().with("MINE", c -> List.of());
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).rules(configured)
                .provider(new InMemoryProvider(withRule)).build()) {

            assertThat(scm.rules().ruleIds()).containsExactly("MINE", "RULED_ONLY");
            PushResult result = scm.push(CERT).to(PushTarget.of("ruled")).execute();
            assertThat(result.outcomes().get(0).code()).isEqualTo("RULED_ONLY");
        }
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).build()) {
            assertThat(scm.rules().ruleIds()).isEqualTo(RuleEngine.standard().ruleIds());
        }
    }

    @Test
    void a_configured_rule_replaces_a_provider_rule_of_its_id() {
        ProviderDescriptor withRule = ProviderDescriptor.builder("ruled", Scope.GLOBAL).displayName("Ruled service")
                .requiresPrivateKey(false)
                .rule("RULED_ONLY", c -> List.of(Violation.error("RULED_ONLY", "ruled", null, "never"))).build();
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).rules(RuleEngine.empty().with("RULED_ONLY",
                c -> List.of())).provider(new InMemoryProvider(withRule)).build()) {

            assertThat(scm.rules().ruleIds()).containsExactly("RULED_ONLY");
            assertThat(scm.push(CERT).to(PushTarget.of("ruled")).execute().succeeded()).isTrue();
        }
    }

    @Test
    void close_closes_every_client_is_idempotent_and_ends_the_instance() {
        InMemoryProvider provider = new InMemoryProvider();
        ScmPush scm = ScmPush.builder().discoverProviders(false).provider(provider).build();
        PushRequest request = scm.push(CERT).to(PushTarget.of(InMemoryProvider.SERVICE).inRegions("cn-north-4"));

        scm.close();
        scm.close();

        assertThat(provider.closed()).isTrue();
        assertThatThrownBy(() -> scm.push(CERT)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(request::execute).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(request::executeAsync).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_given_history_is_used() {
        PushHistory history = PushHistory.inMemory();
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).provider(new InMemoryProvider()).history(history)
                .build()) {
            scm.push(CERT).to(PushTarget.of(InMemoryProvider.SERVICE).inRegions("cn-north-4")).execute();

            assertThat(scm.history()).isSameAs(history);
            assertThat(history.latest(CERT.fingerprint())).hasSize(1);
        }
    }

    /** The test class path plus a service file that also registers {@code extra}. */
    private ClassLoader loaderAlsoRegistering(Class<?> extra) throws IOException {
        Path services = Files.createDirectories(temp.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.scmpush.spi.PushProvider"), extra.getName() + "\n");
        return new URLClassLoader(new URL[] {temp.toUri().toURL()}, getClass().getClassLoader());
    }
}
