package io.scmpush.internal.pem;

import io.scmpush.InvalidCertificateException;

/**
 * Strict checks of the outer DER framing, which the JDK and BouncyCastle parsers accept more loosely
 * than DER allows (a high-tag-number form, indefinite or non-minimal lengths, trailing bytes).
 */
final class Der {
    private static final int SEQUENCE = 0x30;

    private Der() {}

    /**
     * Returns {@code der} when it is exactly one SEQUENCE with a minimal definite length.
     *
     * @throws InvalidCertificateException with {@code code} otherwise, naming {@code what}
     */
    static byte[] single(byte[] der, String what, String code) {
        int length = firstSequenceLength(der, what, code);
        if (length != der.length) {
            throw new InvalidCertificateException(code, what + " has " + (der.length - length)
                    + " bytes after its DER SEQUENCE");
        }
        return der;
    }

    /**
     * The length, header included, of the SEQUENCE that {@code der} starts with.
     *
     * @throws InvalidCertificateException with {@code code} when it does not start with a strict DER SEQUENCE
     *         that fits in {@code der}
     */
    static int firstSequenceLength(byte[] der, String what, String code) {
        if (der.length < 2 || (der[0] & 0xff) != SEQUENCE) {
            throw new InvalidCertificateException(code, what + " does not start with a DER SEQUENCE"
                    + (der.length == 0 ? " (it is empty)" : String.format(" (tag byte 0x%02X)", der[0] & 0xff)));
        }
        int first = der[1] & 0xff;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4 || der.length < 2 + octets) {
                throw new InvalidCertificateException(code, what + " has an indefinite or invalid DER length");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[2 + i] & 0xff);
            }
            if ((der[2] & 0xff) == 0 || length < 0x80) {
                throw new InvalidCertificateException(code, what + " has a non-minimal DER length");
            }
            header = 2 + octets;
        }
        if (header + length > der.length) {
            throw new InvalidCertificateException(code, what + " is truncated: its DER SEQUENCE needs "
                    + (header + length) + " bytes, the block has " + der.length);
        }
        return (int) (header + length);
    }
}
