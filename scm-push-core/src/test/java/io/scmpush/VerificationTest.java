package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a {@link Verification} accepts and what its factories fill in. */
class VerificationTest {

    @Test
    void of_connects_to_the_server_name_on_443_with_one_attempt() {
        assertThat(Verification.of("www.example.com"))
                .isEqualTo(new Verification("www.example.com", "www.example.com", 443, Duration.ZERO));
    }

    @Test
    void at_and_within_change_where_and_how_long_but_keep_the_server_name() {
        Verification check = Verification.of("www.example.com").at("10.0.0.8", 8443).within(Duration.ofMinutes(2));

        assertThat(check).isEqualTo(new Verification("www.example.com", "10.0.0.8", 8443, Duration.ofMinutes(2)));
        assertThat(check.toString()).isEqualTo("www.example.com at 10.0.0.8:8443 within PT2M");
    }

    @Test
    void a_server_name_must_be_a_host_name_that_sni_can_carry() {
        assertThatThrownBy(() -> Verification.of("*.example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name one host");
        assertThatThrownBy(() -> Verification.of("10.0.0.8")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".at(address, port)");
        assertThatThrownBy(() -> Verification.of("::1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verification.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void host_port_and_within_are_checked() {
        Verification check = Verification.of("www.example.com");

        assertThatThrownBy(() -> check.at(" ", 443)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> check.at("lb", 0)).hasMessageContaining("port must be 1 to 65535, was 0");
        assertThatThrownBy(() -> check.at("lb", 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> check.within(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }

    @Test
    void a_result_has_a_code_exactly_when_it_does_not_match() {
        Verification check = Verification.of("www.example.com");

        assertThatThrownBy(() -> new VerificationResult(check, true, "ab", OutcomeCodes.MISMATCH, "", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationResult(check, false, null, null, "", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
