package io.scmpush.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.ScmPush;
import io.scmpush.spi.PushProvider;
import io.scmpush.waf.internal.WafProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** This module's test class path holds core and scm-push-waf only, as an application that adds just WAF. */
class WafDiscoveryTest {

    @Test
    void an_application_with_only_the_waf_module_gets_waf_and_nothing_else() {
        try (ScmPush scm = ScmPush.builder().credentials(Credentials.of("AK", "SK")).build()) {
            assertThat(scm.services()).containsExactly("waf");
        }
    }

    @Test
    void the_provider_is_registered_for_service_loader() {
        assertThat(ServiceLoader.load(PushProvider.class))
                .singleElement()
                .isInstanceOf(WafProvider.class);
    }

    @Test
    void building_without_credentials_fails_fast_with_no_credentials() {
        assertThatThrownBy(() -> ScmPush.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((ConfigurationException) e).code()).isEqualTo(ConfigurationCodes.NO_CREDENTIALS);
    }
}
