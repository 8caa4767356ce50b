package io.scmpush.internal.pem;

import io.scmpush.CertificateCodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The JDK-only reading of ordinary inputs: certificates the JDK reads, and no key or an unencrypted
 * PKCS#8, PKCS#1 or SEC1 key of RSA or EC on P-256, P-384 or P-521 that matches the leaf. It makes
 * exactly the {@link ParsedCertificate} that {@link CertificateParser} makes of the same input (the same
 * chain, PEM, normalized PKCS#8 key, fingerprint, domains and name; {@code JdkInputTest} compares the
 * two on every corpus file and generated key), and returns null for anything else: an unusual encoding,
 * a key it would have to decrypt, any doubt and every error. CertificateParser then decides, so codes and
 * messages stay its own. Never references a BouncyCastle type (see {@link CertificateInput}).
 */
final class JdkInput {
    private static final String RSA = "2a864886f70d010101";        // 1.2.840.113549.1.1.1 rsaEncryption
    private static final String EC = "2a8648ce3d0201";             // 1.2.840.10045.2.1 id-ecPublicKey
    private static final Map<String, String> CURVES = Map.of(      // the curves scm-push pushes
            "2a8648ce3d030107", "P-256",                           // 1.2.840.10045.3.1.7
            "2b81040022", "P-384",                                 // 1.3.132.0.34
            "2b81040023", "P-521");                                // 1.3.132.0.35
    private static final String COMMON_NAME = "550403";            // 2.5.4.3
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";

    private static final int INTEGER = 0x02;
    private static final int BIT_STRING = 0x03;
    private static final int OCTET_STRING = 0x04;
    private static final int NULL = 0x05;
    private static final int OID = 0x06;
    private static final int UTF8_STRING = 0x0c;
    private static final int PRINTABLE_STRING = 0x13;
    private static final int IA5_STRING = 0x16;
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;

    private JdkInput() {}

    /** The parsed input, or null when {@link CertificateParser} must read it. */
    static @Nullable ParsedCertificate read(String certificatePem, @Nullable String privateKeyPem) {
        if (certificatePem.length() > CertificateInput.MAX_INPUT_CHARS
                || privateKeyPem != null && privateKeyPem.length() > CertificateInput.MAX_INPUT_CHARS) {
            return null;
        }
        try {
            return readOrNull(certificatePem, privateKeyPem);
        } catch (RuntimeException | StackOverflowError | java.security.GeneralSecurityException e) {
            return null; // not ordinary: CertificateParser says what is wrong, or reads it after all
        }
    }

    private static @Nullable ParsedCertificate readOrNull(String certificatePem, @Nullable String privateKeyPem)
            throws java.security.GeneralSecurityException {
        Map<String, X509Certificate> distinct = new LinkedHashMap<>();
        for (PemBlock block : PemBlock.parse(certificatePem)) {
            switch (block.label()) {
                case "CERTIFICATE", "X509 CERTIFICATE", "X.509 CERTIFICATE" -> {
                    byte[] der = Der.single(block.decode(), "certificate", CertificateCodes.PEM_MALFORMED);
                    X509Certificate certificate = x509(der);
                    if (certificate == null) {
                        return null;
                    }
                    distinct.putIfAbsent(Base64.getEncoder().encodeToString(der), certificate);
                }
                case "TRUSTED CERTIFICATE" -> {
                    return null;
                }
                default -> { } // keys, CRLs, ...: ignored, as CertificateParser ignores them
            }
        }
        if (distinct.isEmpty()) {
            return null;
        }
        List<X509Certificate> chain = ChainOrder.order(new ArrayList<>(distinct.values()));
        X509Certificate leaf = chain.get(0);
        PublicKeyInfo leafKey = publicKeyInfo(leaf.getEncoded());
        if (leafKey == null || !leafKey.pushable()) {
            return null;
        }
        String keyPem = null;
        if (privateKeyPem != null) {
            byte[] pkcs8 = matchingKey(privateKeyPem, leaf, leafKey);
            if (pkcs8 == null) {
                return null;
            }
            keyPem = CertificateInput.pem("PRIVATE KEY", pkcs8);
        }
        String fingerprint = HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
        List<String> dnsNames = dnsNames(leaf.getExtensionValue(SUBJECT_ALT_NAME));
        Optional<String> commonName = commonName(leaf.getSubjectX500Principal().getEncoded());
        if (dnsNames == null || commonName == null) {
            return null;
        }
        List<String> domains = dnsNames.isEmpty() && commonName.isPresent() ? List.of(commonName.get()) : dnsNames;
        StringBuilder chainPem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            chainPem.append(CertificateInput.pem("CERTIFICATE", certificate.getEncoded()));
        }
        return new ParsedCertificate(chain, chainPem.toString(), keyPem, fingerprint, domains,
                CertificateInput.defaultName(commonName.orElse(""), fingerprint));
    }

    /**
     * Reads every field the model uses, so that a value Java cannot represent throws here. Shared with
     * {@link CertificateParser}: this reader must fail (and leave the input to it) exactly where it would.
     * Kept here because this class loads no BouncyCastle.
     */
    static void readEveryField(X509Certificate certificate) throws CertificateException {
        certificate.getSubjectX500Principal();
        certificate.getIssuerX500Principal();
        certificate.getBasicConstraints();
        certificate.getKeyUsage();
        certificate.getExtendedKeyUsage();
        certificate.getSubjectAlternativeNames();
        certificate.getIssuerAlternativeNames();
        certificate.getPublicKey();
        certificate.getNotBefore();
        certificate.getNotAfter();
    }

    /** The certificate, when the JDK reads every field CertificateParser reads and its DER is strict throughout. */
    private static @Nullable X509Certificate x509(byte[] der) throws java.security.GeneralSecurityException {
        if (!strictDer(der, 0, der.length, 0) || publicKeyInfo(der) == null) {
            return null;
        }
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        readEveryField(certificate);
        return certificate;
    }

    /** A certificate's key algorithm and, for EC, its named curve (OID contents in hex). */
    private record PublicKeyInfo(String algorithm, @Nullable String curve) {

        /** RSA, or EC on a curve scm-push pushes. */
        boolean pushable() {
            return algorithm.equals(RSA) || algorithm.equals(EC) && curve != null && CURVES.containsKey(curve);
        }
    }

    /** The key of a certificate's DER; null when its SubjectPublicKeyInfo is not the usual shape. */
    private static @Nullable PublicKeyInfo publicKeyInfo(byte[] certificate) {
        Reader tbs = Reader.only(certificate, SEQUENCE).sequence();
        if (tbs.peek() == 0xa0) {
            tbs.skip(); // version
        }
        tbs.next(INTEGER);
        for (int i = 0; i < 4; i++) { // signature, issuer, validity, subject
            tbs.next(SEQUENCE);
        }
        Reader spki = tbs.sequence();
        Reader algorithm = spki.sequence();
        String oid = algorithm.hex(OID);
        String curve = oid.equals(EC) && algorithm.more() && algorithm.peek() == OID ? algorithm.hex(OID) : null;
        if (algorithm.more() && !oid.equals(RSA)) {
            return null; // explicit curve parameters, or a key CertificateParser names
        }
        spki.next(BIT_STRING);
        return spki.more() ? null : new PublicKeyInfo(oid, curve);
    }

    /**
     * The key as the normalized PKCS#8 that CertificateParser makes of it (version 0, no attributes; RSA with
     * NULL parameters; EC with the named curve and, inside, the private value padded to the order's length and
     * the public point uncompressed), once it is known to be the leaf's; null for anything unusual.
     */
    private static byte @Nullable [] matchingKey(String pem, X509Certificate leaf, PublicKeyInfo leafKey)
            throws java.security.GeneralSecurityException {
        PemBlock key = null;
        for (PemBlock block : PemBlock.parse(pem)) {
            if (block.label().endsWith("PRIVATE KEY")) {
                if (key != null) {
                    return null;
                }
                key = block;
            }
        }
        if (key == null || !key.headers().isEmpty()) {
            return null; // no key, or the RFC 1421 headers of an encrypted one
        }
        byte[] der = Der.single(key.decode(), "private key", CertificateCodes.KEY_MALFORMED);
        return switch (key.label()) {
            case "PRIVATE KEY" -> pkcs8(der, leaf, leafKey);
            case "RSA PRIVATE KEY" -> RSA.equals(leafKey.algorithm()) ? rsa(der, leaf) : null;
            case "EC PRIVATE KEY" -> EC.equals(leafKey.algorithm()) ? ec(der, null, leaf, leafKey) : null;
            default -> null;
        };
    }

    private static byte @Nullable [] pkcs8(byte[] der, X509Certificate leaf, PublicKeyInfo leafKey)
            throws java.security.GeneralSecurityException {
        Reader info = Reader.only(der, SEQUENCE);
        if (!info.integer().equals(BigInteger.ZERO)) {
            return null;
        }
        Reader algorithm = info.sequence();
        String oid = algorithm.hex(OID);
        byte[] privateKey = info.bytes(OCTET_STRING);
        if (info.more() || !oid.equals(leafKey.algorithm())) {
            return null; // attributes or a public key (PKCS#8 v2), or another algorithm than the leaf's
        }
        if (oid.equals(RSA)) {
            if (algorithm.more()) {
                algorithm.next(NULL);
            }
            return algorithm.more() ? null : rsa(privateKey, leaf);
        }
        String curve = algorithm.hex(OID);
        return algorithm.more() ? null : ec(privateKey, curve, leaf, leafKey);
    }

    /** PKCS#1 RSAPrivateKey, two primes, consistent and with the leaf's modulus and exponent. */
    private static byte @Nullable [] rsa(byte[] der, X509Certificate leaf) {
        Reader key = Reader.only(der, SEQUENCE);
        BigInteger[] v = new BigInteger[9]; // version, n, e, d, p, q, dP, dQ, qInv
        for (int i = 0; i < v.length; i++) {
            v[i] = key.integer();
        }
        if (key.more() || v[0].signum() != 0 || !(leaf.getPublicKey() instanceof RSAPublicKey leafKey)
                || !v[1].equals(leafKey.getModulus()) || !v[2].equals(leafKey.getPublicExponent())
                || !consistent(v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8])) {
            return null;
        }
        ByteArrayOutputStream rsaKey = new ByteArrayOutputStream();
        for (BigInteger value : v) {
            rsaKey.writeBytes(tlv(INTEGER, value.toByteArray()));
        }
        return privateKeyInfo(tlv(SEQUENCE, concat(tlv(OID, HexFormat.of().parseHex(RSA)), tlv(NULL, new byte[0]))),
                tlv(SEQUENCE, rsaKey.toByteArray()));
    }

    /** CertificateParser's CRT identities; any failure there is CertificateParser's to report. */
    private static boolean consistent(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q,
            BigInteger dp, BigInteger dq, BigInteger qInv) {
        BigInteger one = BigInteger.ONE;
        if (n.signum() <= 0 || e.signum() <= 0 || d.signum() <= 0 || p.compareTo(one) <= 0 || q.compareTo(one) <= 0
                || !p.multiply(q).equals(n)) {
            return false;
        }
        BigInteger pMinus1 = p.subtract(one);
        BigInteger qMinus1 = q.subtract(one);
        return e.multiply(d).mod(pMinus1).equals(one.mod(pMinus1)) && e.multiply(d).mod(qMinus1).equals(one.mod(qMinus1))
                && dp.equals(d.mod(pMinus1)) && dq.equals(d.mod(qMinus1)) && qInv.multiply(q).mod(p).equals(one);
    }

    /**
     * SEC1 ECPrivateKey on the leaf's curve, in range, that signs what the leaf's key verifies; a public key
     * inside must be the leaf's. {@code outerCurve} is PKCS#8's, null for a bare SEC1 key (which must name it).
     */
    private static byte @Nullable [] ec(byte[] der, @Nullable String outerCurve, X509Certificate leaf,
            PublicKeyInfo leafKey) throws java.security.GeneralSecurityException {
        Reader key = Reader.only(der, SEQUENCE);
        if (!key.integer().equals(BigInteger.ONE)) {
            return null;
        }
        BigInteger d = new BigInteger(1, key.bytes(OCTET_STRING));
        String curve = outerCurve;
        if (key.more() && key.peek() == 0xa0) {
            String inner = key.explicit(0xa0).hex(OID);
            if (curve != null && !curve.equals(inner)) {
                return null;
            }
            curve = inner;
        }
        byte[] embedded = null;
        if (key.more() && key.peek() == 0xa1) {
            Reader publicKey = key.explicit(0xa1);
            embedded = publicKey.bytes(BIT_STRING);
            if (publicKey.more()) {
                return null;
            }
        }
        if (key.more() || curve == null || !curve.equals(leafKey.curve())
                || !(leaf.getPublicKey() instanceof ECPublicKey leafPublic)) {
            return null;
        }
        ECParameterSpec parameters = leafPublic.getParams();
        BigInteger order = parameters.getOrder();
        if (d.signum() <= 0 || d.compareTo(order) >= 0 || !signsForLeaf(d, leafPublic)) {
            return null;
        }
        int fieldBytes = (parameters.getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = concat(new byte[] {4}, unsigned(leafPublic.getW().getAffineX(), fieldBytes),
                unsigned(leafPublic.getW().getAffineY(), fieldBytes));
        byte[] publicBits = concat(new byte[] {0}, point);
        if (embedded != null && !java.util.Arrays.equals(embedded, publicBits)) {
            return null; // compressed, or not its own: CertificateParser decides
        }
        byte[] sec1 = tlv(SEQUENCE, concat(tlv(INTEGER, new byte[] {1}),
                tlv(OCTET_STRING, unsigned(d, (order.bitLength() + 7) / 8)), tlv(0xa1, tlv(BIT_STRING, publicBits))));
        return privateKeyInfo(tlv(SEQUENCE, concat(tlv(OID, HexFormat.of().parseHex(EC)),
                tlv(OID, HexFormat.of().parseHex(curve)))), sec1);
    }

    /** Whether {@code d} signs what the leaf's key verifies: the proof that {@code d} is its private half. */
    private static boolean signsForLeaf(BigInteger d, ECPublicKey leaf) throws java.security.GeneralSecurityException {
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, leaf.getParams()));
        byte[] message = "scm-push key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(leaf);
        verifier.update(message);
        return verifier.verify(signature);
    }

    private static byte[] privateKeyInfo(byte[] algorithm, byte[] privateKey) {
        return tlv(SEQUENCE, concat(tlv(INTEGER, new byte[] {0}), algorithm, tlv(OCTET_STRING, privateKey)));
    }

    /** DNS names of the subjectAltName in order, duplicates (ignoring case) dropped; null when unusual. */
    private static @Nullable List<String> dnsNames(byte @Nullable [] extension) {
        if (extension == null) {
            return List.of();
        }
        Reader wrapped = Reader.only(extension, OCTET_STRING);
        Reader names = wrapped.sequence();
        if (wrapped.more()) {
            return null;
        }
        Map<String, String> unique = new LinkedHashMap<>();
        while (names.more()) {
            int tag = names.peek();
            byte[] value = names.bytes(tag);
            switch (tag) {
                case 0x82 -> { // dNSName
                    String dns = ascii(value);
                    if (dns == null) {
                        return null;
                    }
                    unique.putIfAbsent(dns.toLowerCase(Locale.ROOT), dns);
                }
                case 0x81, 0x86 -> { // rfc822Name, uniformResourceIdentifier
                    if (ascii(value) == null) {
                        return null;
                    }
                }
                case 0x87 -> { } // iPAddress
                default -> {
                    return null; // otherName, directoryName, ...: CertificateParser reads those
                }
            }
        }
        return List.copyOf(unique.values());
    }

    /** The last CN of the subject, stripped, empty when there is none; null when a CN is not a plain string. */
    private static @Nullable Optional<String> commonName(byte[] subject) {
        Reader rdns = Reader.only(subject, SEQUENCE);
        String cn = null;
        while (rdns.more()) {
            Reader rdn = rdns.reader(SET);
            if (!rdn.more()) {
                return null;
            }
            while (rdn.more()) {
                Reader attribute = rdn.sequence();
                String type = attribute.hex(OID);
                int tag = attribute.peek();
                byte[] value = attribute.bytes(tag);
                if (attribute.more()) {
                    return null;
                }
                if (type.equals(COMMON_NAME)) {
                    cn = switch (tag) {
                        case UTF8_STRING -> utf8(value);
                        case PRINTABLE_STRING, IA5_STRING -> ascii(value);
                        default -> null;
                    };
                    if (cn == null) {
                        return null;
                    }
                }
            }
        }
        return Optional.ofNullable(cn).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static @Nullable String ascii(byte[] value) {
        for (byte b : value) {
            if (b < 0x20 || b > 0x7e) {
                return null;
            }
        }
        return new String(value, StandardCharsets.US_ASCII);
    }

    private static @Nullable String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Whether {@code der[from, to)} is strict DER all the way down: low tag numbers, minimal definite lengths,
     * constructed values made of such elements, nothing left over. What is not is CertificateParser's.
     */
    private static boolean strictDer(byte[] der, int from, int to, int depth) {
        if (depth > 32) {
            return false;
        }
        Reader reader = new Reader(der, from, to);
        while (reader.more()) {
            int tag = reader.peek();
            int[] span = reader.span();
            if ((tag & 0x20) != 0 && !strictDer(der, span[0], span[1], depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > length ? bytes.length - length : 0;
        byte[] out = new byte[length];
        System.arraycopy(bytes, start, out, length - (bytes.length - start), bytes.length - start);
        return out;
    }

    private static byte[] tlv(int tag, byte[] content) {
        int n = content.length;
        byte[] header;
        if (n < 0x80) {
            header = new byte[] {(byte) tag, (byte) n};
        } else if (n < 0x100) {
            header = new byte[] {(byte) tag, (byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            header = new byte[] {(byte) tag, (byte) 0x82, (byte) (n >> 8), (byte) n};
        } else {
            header = new byte[] {(byte) tag, (byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
        return concat(header, content);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Reads strict DER elements in order; anything else throws IllegalArgumentException. */
    private static final class Reader {
        private final byte[] der;
        private int position;
        private final int end;

        Reader(byte[] der, int from, int to) {
            this.der = der;
            this.position = from;
            this.end = to;
        }

        boolean more() {
            return position < end;
        }

        int peek() {
            if (position >= end) {
                throw new IllegalArgumentException("no more elements");
            }
            int tag = der[position] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("high tag number");
            }
            return tag;
        }

        /** The next element's content as {from, to}; moves past it. */
        int[] span() {
            peek();
            int at = position + 1;
            if (at >= end) {
                throw new IllegalArgumentException("truncated");
            }
            int first = der[at++] & 0xff;
            long length = first;
            if (first >= 0x80) {
                int octets = first & 0x7f;
                if (octets == 0 || octets > 3 || at + octets > end || der[at] == 0) {
                    throw new IllegalArgumentException("indefinite or non-minimal length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[at++] & 0xff);
                }
                if (length < 0x80) {
                    throw new IllegalArgumentException("non-minimal length");
                }
            }
            if (at + length > end) {
                throw new IllegalArgumentException("truncated");
            }
            position = (int) (at + length);
            return new int[] {at, position};
        }

        void skip() {
            span();
        }

        int[] next(int tag) {
            if (peek() != tag) {
                throw new IllegalArgumentException("unexpected tag");
            }
            return span();
        }

        byte[] bytes(int tag) {
            int[] span = next(tag);
            return java.util.Arrays.copyOfRange(der, span[0], span[1]);
        }

        String hex(int tag) {
            return HexFormat.of().formatHex(bytes(tag));
        }

        Reader reader(int tag) {
            int[] span = next(tag);
            return new Reader(der, span[0], span[1]);
        }

        Reader sequence() {
            return reader(SEQUENCE);
        }

        /** The content of an explicitly tagged element. */
        Reader explicit(int tag) {
            return reader(tag);
        }

        /** The content of the one element of {@code der}, which must have {@code tag}. */
        static Reader only(byte[] der, int tag) {
            Reader whole = new Reader(der, 0, der.length);
            Reader content = whole.reader(tag);
            if (whole.more()) {
                throw new IllegalArgumentException("bytes after the element");
            }
            return content;
        }

        /** A DER INTEGER, minimally encoded. */
        BigInteger integer() {
            byte[] value = bytes(INTEGER);
            if (value.length == 0 || value.length > 1 && (value[0] == 0 && value[1] >= 0
                    || value[0] == -1 && value[1] < 0)) {
                throw new IllegalArgumentException("non-minimal INTEGER");
            }
            return new BigInteger(value);
        }
    }
}
