package io.scmpush.internal.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PemBlockTest {

    @Test
    void blocks_are_found_between_any_text_with_their_labels_and_line_numbers() {
        List<PemBlock> blocks = PemBlock.parse("""
                Certificate:
                    Data: ...
                -----BEGIN CERTIFICATE-----
                MAA=
                -----END CERTIFICATE-----
                bag attributes
                  -----BEGIN PRIVATE KEY-----\s
                MAA=
                -----END PRIVATE KEY-----
                """);

        assertThat(blocks).extracting(PemBlock::label, PemBlock::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CERTIFICATE", 3),
                        org.assertj.core.groups.Tuple.tuple("PRIVATE KEY", 7));
        assertThat(blocks.get(0).decode()).containsExactly(0x30, 0x00);
    }

    @Test
    void rfc_1421_headers_are_read_and_kept_out_of_the_body() {
        PemBlock block = PemBlock.parse("""
                -----BEGIN RSA PRIVATE KEY-----
                Proc-Type: 4,ENCRYPTED
                DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF

                MAA=
                -----END RSA PRIVATE KEY-----
                """).get(0);

        assertThat(block.header("Proc-Type")).hasValue("4,ENCRYPTED");
        assertThat(block.header("DEK-Info")).hasValue("AES-256-CBC,00112233445566778899AABBCCDDEEFF");
        assertThat(block.decode()).containsExactly(0x30, 0x00);
    }

    @Test
    void carriage_returns_and_unwrapped_base64_are_accepted() {
        PemBlock block = PemBlock.parse("-----BEGIN X-----\r\nMA\r\nA=\r\n-----END X-----\r\n").get(0);

        assertThat(block.decode()).containsExactly(0x30, 0x00);
    }

    @Test
    void a_block_without_its_end_or_with_another_end_is_refused_with_its_line() {
        assertThatThrownBy(() -> PemBlock.parse("x\n-----BEGIN CERTIFICATE-----\nMAA=\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PemBlock.parse("-----BEGIN CERTIFICATE-----\nMAA=\n-----END X509 CRL-----\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X509 CRL");
        assertThatThrownBy(() -> PemBlock.parse("-----BEGIN A-----\n-----BEGIN B-----\n-----END B-----\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'A'");
    }

    @Test
    void a_body_that_is_not_base64_fails_only_when_decoded() {
        PemBlock block = PemBlock.parse("-----BEGIN ECHCONFIG-----\n%%%\n-----END ECHCONFIG-----\n").get(0);

        assertThatThrownBy(block::decode).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
    }

    @Test
    void flattened_pem_is_not_a_block_but_earns_a_hint() {
        String flattened = "-----BEGIN CERTIFICATE-----\\nMAA=\\n-----END CERTIFICATE-----";

        assertThat(PemBlock.parse(flattened)).isEmpty();
        assertThat(PemBlock.flattenedHint(flattened)).contains("line breaks");
        assertThat(PemBlock.flattenedHint("no pem here")).isEmpty();
    }
}
