package io.scmpush.elb;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Credentials;
import io.scmpush.ScmPush;
import io.scmpush.elb.internal.ElbProvider;
import io.scmpush.spi.PushProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** This module's test class path holds core, the test kit and ELB: no other provider. */
class ElbDiscoveryTest {

    @Test
    void the_elb_module_registers_its_provider_for_service_loader() {
        assertThat(ServiceLoader.load(PushProvider.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(ElbProvider.class);
    }

    @Test
    void a_user_with_only_the_elb_module_gets_elb_and_nothing_else() {
        try (ScmPush scm = ScmPush.builder().credentials(Credentials.of(ElbApi.ACCESS_KEY, ElbApi.SECRET_KEY)).build()) {
            assertThat(scm.services()).containsExactly(Elb.SERVICE);
        }
    }
}
