package io.scmpush.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.ScmPush;
import io.scmpush.cdn.internal.CdnProvider;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import java.net.URI;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What a user gets by adding scm-push-cdn, and nothing else, to the class path. */
class CdnDiscoveryTest {

    @Test
    void with_only_scm_push_cdn_on_the_class_path_cdn_and_nothing_else_is_discovered() {
        assertThat(ServiceLoader.load(PushProvider.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(CdnProvider.class);

        try (ScmPush scm = ScmPush.builder().credentials(Credentials.of("AK", "SK"))
                .endpoint(URI.create("http://127.0.0.1:9")).build()) {
            assertThat(scm.services()).containsExactly("cdn");
            assertThat(scm.rules().ruleIds()).contains(RuleCodes.DOMAIN_NOT_ONBOARDED);
        }
    }

    @Test
    void cdn_is_global_with_unique_names_a_required_key_and_its_own_rule() {
        ProviderDescriptor descriptor = new CdnProvider().descriptor();

        assertThat(descriptor.service()).isEqualTo("cdn");
        assertThat(descriptor.displayName()).isEqualTo("Huawei Cloud CDN");
        assertThat(descriptor.scope()).isEqualTo(Scope.GLOBAL);
        assertThat(descriptor.maxRegions()).isZero();
        assertThat(descriptor.uniqueNames()).isTrue();
        assertThat(descriptor.requiresPrivateKey()).isTrue();
        assertThat(descriptor.rules()).containsOnlyKeys(RuleCodes.DOMAIN_NOT_ONBOARDED);
    }

    @Test
    void connecting_without_credentials_fails_at_build_time() {
        assertThatThrownBy(() -> ScmPush.builder().discoverProviders(false).provider(new CdnProvider()).build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.NO_CREDENTIALS));
    }

    @Test
    void a_domains_target_refuses_names_that_cannot_be_domains() {
        assertThat(Cdn.domains("www.example.com", "img.example.com").options())
                .containsEntry(Cdn.DOMAINS, "www.example.com,img.example.com");
        assertThatThrownBy(Cdn::domains).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cdn.domains("a.example.com,b.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cdn.domains(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
