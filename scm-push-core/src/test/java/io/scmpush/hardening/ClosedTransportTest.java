package io.scmpush.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.CloudServiceException;
import io.scmpush.Credentials;
import io.scmpush.InMemoryProvider;
import io.scmpush.OutcomeCodes;
import io.scmpush.ScmPush;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.ProviderContext;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A provider may keep the transport it was given (CDN does). Once its {@code ScmPush} is closed that
 * transport sends nothing and holds no HTTP client, so that on Java 17, where a client cannot be closed,
 * its selector thread can end; and no new transport is made.
 */
class ClosedTransportTest {
    @RegisterExtension
    static final WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void a_transport_held_past_close_sends_nothing_and_no_new_one_is_made() {
        InMemoryProvider provider = new InMemoryProvider().requiringCredentials();
        ScmPush scm = ScmPush.builder().discoverProviders(false).provider(provider)
                .credentials(Credentials.of("AK", "SK")).endpoint(URI.create(wm.baseUrl())).build();
        ProviderContext context = provider.contexts().get(0);
        CloudHttp held = context.http();
        CloudHttp.Request list = CloudHttp.Request.builder("GET", URI.create(wm.baseUrl()), "/v1/p/waf/certificate")
                .projectId("p").build();
        wm.stubFor(get(anyUrl()).willReturn(okJson("{\"items\":[]}")));
        assertThat(held.send(list).status()).isEqualTo(200);

        scm.close();

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, () -> held.send(list));
        assertThat(e.code()).isEqualTo(OutcomeCodes.IO_ERROR);
        assertThat(e.attempts()).isZero();
        assertThat(e.getMessage()).contains("closed");
        wm.verify(1, anyRequestedFor(anyUrl()));
        assertThatThrownBy(context::http).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
