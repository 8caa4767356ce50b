package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.internal.http.CredentialSecrets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void from_environment_reads_the_official_sdk_variables() {
        Credentials c = Credentials.fromEnvironment(Map.of("HUAWEICLOUD_SDK_AK", "AK1", "HUAWEICLOUD_SDK_SK", "SK1",
                "HUAWEICLOUD_SDK_SECURITY_TOKEN", "TOK1", "HUAWEICLOUD_SDK_DOMAIN_ID", "dom1"));

        assertThat(c.accessKey()).isEqualTo("AK1");
        assertThat(CredentialSecrets.secretKey(c)).isEqualTo("SK1");
        assertThat(CredentialSecrets.securityToken(c)).isEqualTo("TOK1");
        assertThat(c.domainId()).contains("dom1");
        assertThat(c.isTemporary()).isTrue();
    }

    @Test
    void permanent_credentials_from_the_environment_have_no_token_and_no_domain() {
        Credentials c = Credentials.fromEnvironment(Map.of("HUAWEICLOUD_SDK_AK", "AK1", "HUAWEICLOUD_SDK_SK", "SK1",
                "HUAWEICLOUD_SDK_SECURITY_TOKEN", " "));

        assertThat(c.isTemporary()).isFalse();
        assertThat(CredentialSecrets.securityToken(c)).isNull();
        assertThat(c.domainId()).isEmpty();
    }

    @Test
    void a_missing_access_key_is_no_credentials_naming_the_variable() {
        assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("HUAWEICLOUD_SDK_SK", "SK1")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.NO_CREDENTIALS))
                .hasMessageStartingWith("Environment variable HUAWEICLOUD_SDK_AK is not set");
    }

    @Test
    void a_missing_secret_key_is_no_credentials_naming_the_variable_without_showing_the_access_key() {
        assertThatThrownBy(() -> Credentials.fromEnvironment(Map.of("HUAWEICLOUD_SDK_AK", "AK-visible")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.NO_CREDENTIALS))
                .hasMessageStartingWith("Environment variable HUAWEICLOUD_SDK_SK is not set");
    }

    @Test
    void a_blank_or_null_key_is_refused_at_the_call() {
        assertThatThrownBy(() -> Credentials.of(" ", "sk")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Credentials.temporary("ak", "sk", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Credentials.of("ak", "sk").withDomainId(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Credentials.of(null, "sk")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void to_string_shows_the_access_key_only() {
        Credentials c = Credentials.temporary("AK1", "SK-secret", "TOKEN-secret").withDomainId("dom1");

        assertThat(c.toString()).contains("AK1").contains("temporary").doesNotContain("SK-secret")
                .doesNotContain("TOKEN-secret");
    }
}
