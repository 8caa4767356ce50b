package io.scmpush.internal.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateParserTest {
    private static final String FINGERPRINT = "0123456789abcdef".repeat(4);

    @ParameterizedTest(name = "CN \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            www.example.com          | www.example.com-01234567
            *.example.com            | wildcard.example.com-01234567
            Shop (EU) / prod         | Shop-EU-prod-01234567
            -.leading.and.trailing.- | leading.and.trailing-01234567
            中文证书                  | certificate-01234567
            ''                       | certificate-01234567
            a_b.c-d                  | a_b.c-d-01234567
            """)
    void the_default_name_is_the_sanitized_common_name_and_a_fingerprint_prefix(String commonName, String name) {
        assertThat(CertificateInput.defaultName(commonName, FINGERPRINT)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(ints = {54, 55, 63, 200})
    void a_long_common_name_is_cut_to_keep_the_name_within_63_characters(int length) {
        String name = CertificateInput.defaultName("x".repeat(length), FINGERPRINT);

        assertThat(name).hasSize(63).endsWith("-01234567");
        assertThat(CertificateInput.checkName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "shop-prod_2025.v1", "x23456789x23456789x23456789x23456789x23456789x23456789x23456789"})
    void a_name_of_3_to_63_safe_characters_is_accepted(String name) {
        assertThat(CertificateInput.checkName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "with space", "semi;colon", "ünï", "tab\tname"})
    void any_other_name_is_an_illegal_argument(String name) {
        assertThatThrownBy(() -> CertificateInput.checkName(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 to 63");
    }
}
