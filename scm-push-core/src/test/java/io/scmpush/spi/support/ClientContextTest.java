package io.scmpush.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.InMemoryProvider;
import io.scmpush.PushListener;
import io.scmpush.ScmPush;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a module built on an ScmPush (as scm-push-scm is) gets of it, through the support tier. */
class ClientContextTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void the_context_carries_what_the_builder_configured() {
        PushListener listener = new PushListener() {};
        try (ScmPush scm = ScmPush.builder().discoverProviders(false).provider(new InMemoryProvider())
                .credentials(Credentials.of("AK", "SK")).endpoint(URI.create("http://127.0.0.1:9"))
                .projectId("cn-north-4", "p-1").listener(listener).clock(CLOCK).build()) {
            ClientContext context = ClientContext.of(scm, "SCM (test)");

            assertThat(context.listener()).isSameAs(listener);
            assertThat(context.clock()).isEqualTo(CLOCK);
            assertThat(context.credentials().accessKey()).isEqualTo("AK");
            assertThat(context.projectId("cn-north-4")).isEqualTo("p-1");
            assertThat(context.endpoint("scm", "ap-southeast-1")).isEqualTo(URI.create("http://127.0.0.1:9"));
            assertThat(context.descriptor(InMemoryProvider.SERVICE)).isPresent();
            assertThat(context.descriptor("waf")).isEmpty();
            assertThat(context.http().retryPolicy()).isNotNull();
        }
    }

    @Test
    void a_context_without_credentials_fails_when_they_are_asked_for_and_a_closed_scm_push_gives_none() {
        ScmPush scm = ScmPush.builder().discoverProviders(false).build();
        ClientContext context = ClientContext.of(scm, "SCM (test)");

        assertThatThrownBy(context::credentials).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.NO_CREDENTIALS));
        scm.close();
        assertThatThrownBy(() -> ClientContext.of(scm, "SCM (test)")).isInstanceOf(IllegalStateException.class);
    }
}
