package io.scmpush.internal.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.InvalidCertificateException;
import org.junit.jupiter.api.Test;

class DerTest {

    @Test
    void one_sequence_with_a_minimal_definite_length_is_accepted() {
        byte[] shortForm = {0x30, 0x02, 0x05, 0x00};
        byte[] longForm = new byte[3 + 200];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        longForm[2] = (byte) 200;

        assertThat(Der.single(shortForm, "it", "CODE")).isSameAs(shortForm);
        assertThat(Der.single(longForm, "it", "CODE")).isSameAs(longForm);
        assertThat(Der.firstSequenceLength(new byte[] {0x30, 0x00, 0x30, 0x00}, "it", "CODE")).isEqualTo(2);
    }

    @Test
    void lenient_encodings_are_refused_with_the_callers_code() {
        assertRefused(new byte[] {0x3F, (byte) 0x80, 0x10, 0x00}, "tag byte 0x3F");
        assertRefused(new byte[] {0x30, (byte) 0x80, 0x00, 0x00}, "indefinite");
        assertRefused(new byte[] {0x30, (byte) 0x81, 0x02, 0x05, 0x00}, "non-minimal");
        assertRefused(new byte[] {0x30, (byte) 0x82, 0x00, 0x02, 0x05, 0x00}, "non-minimal");
        assertRefused(new byte[] {0x30, 0x05, 0x05, 0x00}, "truncated");
        assertRefused(new byte[] {0x30, 0x00, 0x00}, "1 bytes after");
        assertRefused(new byte[0], "empty");
        assertRefused(new byte[] {0x30, (byte) 0x85, 1, 1, 1, 1, 1}, "invalid DER length");
    }

    private static void assertRefused(byte[] der, String message) {
        assertThatThrownBy(() -> Der.single(der, "the block", "SOME_CODE"))
                .isInstanceOfSatisfying(InvalidCertificateException.class, e -> assertThat(e.code()).isEqualTo("SOME_CODE"))
                .hasMessageContaining(message).hasMessageStartingWith("the block");
    }
}
