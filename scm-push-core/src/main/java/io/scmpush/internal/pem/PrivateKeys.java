package io.scmpush.internal.pem;

import io.scmpush.CertificateCodes;
import io.scmpush.InvalidCertificateException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.EncryptionException;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.encoders.Hex;
import org.jspecify.annotations.Nullable;

/**
 * Reads a private key — PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC, the last two optionally with
 * OpenSSL's legacy PEM encryption — into unencrypted PKCS#8, and checks that it is a key scm-push can
 * push (RSA, or EC on P-256, P-384 or P-521) and that it belongs to the leaf certificate. Works on
 * BouncyCastle's ASN.1 structures: no JCA key factory, no provider registration.
 */
final class PrivateKeys {
    private static final Map<ASN1ObjectIdentifier, String> SUPPORTED_CURVES = Map.of(
            X9ObjectIdentifiers.prime256v1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384",
            SECObjectIdentifiers.secp521r1, "P-521");

    private static final Map<ASN1ObjectIdentifier, String> KNOWN_ALGORITHMS = Map.ofEntries(
            Map.entry(PKCSObjectIdentifiers.rsaEncryption, "RSA"),
            Map.entry(PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS"),
            Map.entry(X9ObjectIdentifiers.id_ecPublicKey, "EC"),
            Map.entry(X9ObjectIdentifiers.id_dsa, "DSA"),
            Map.entry(PKCSObjectIdentifiers.dhKeyAgreement, "DH"),
            Map.entry(X9ObjectIdentifiers.dhpublicnumber, "DH (X9.42)"),
            Map.entry(EdECObjectIdentifiers.id_X25519, "X25519"),
            Map.entry(EdECObjectIdentifiers.id_X448, "X448"),
            Map.entry(EdECObjectIdentifiers.id_Ed25519, "Ed25519"),
            Map.entry(EdECObjectIdentifiers.id_Ed448, "Ed448"),
            Map.entry(GMObjectIdentifiers.sm2p256v1, "SM2"));

    private static final long MAX_ITERATIONS = 5_000_000;
    private static final long MAX_SCRYPT_MEMORY = 256L << 20;

    private static final String PUSHABLE = "only RSA keys and EC keys on P-256, P-384 or P-521 can be pushed";

    private PrivateKeys() {}

    /**
     * The one private key in {@code pem} as PKCS#8.
     *
     * @throws InvalidCertificateException KEY_MALFORMED, KEY_ENCRYPTED, KEY_PASSWORD_WRONG or UNSUPPORTED_KEY
     */
    static PrivateKeyInfo read(String pem, char @Nullable [] password) {
        List<PemBlock> blocks;
        try {
            blocks = PemBlock.parse(pem);
        } catch (IllegalArgumentException e) {
            throw malformed("the private key PEM is broken: " + e.getMessage(), null);
        }
        List<PemBlock> keys = new ArrayList<>();
        for (PemBlock block : blocks) {
            if (block.label().endsWith("PRIVATE KEY")) {
                keys.add(block);
            }
        }
        if (keys.isEmpty()) {
            throw malformed(blocks.isEmpty()
                    ? "the private key input holds no PEM block; expected '-----BEGIN PRIVATE KEY-----'"
                            + PemBlock.flattenedHint(pem)
                    : "the private key input holds no private key, only " + labels(blocks), null);
        }
        if (keys.size() > 1) {
            throw malformed("the private key input holds " + keys.size() + " private keys (" + labels(keys)
                    + "); pass only the key of the certificate", null);
        }
        PemBlock block = keys.get(0);
        PrivateKeyInfo key = switch (block.label()) {
            case "PRIVATE KEY" -> pkcs8(Der.single(decode(block), "the PRIVATE KEY block", CertificateCodes.KEY_MALFORMED));
            case "ENCRYPTED PRIVATE KEY" -> decryptPkcs8(decode(block), password);
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> traditional(block, password);
            case "DSA PRIVATE KEY" -> throw unsupported("the private key is a DSA key; " + PUSHABLE);
            case "OPENSSH PRIVATE KEY" -> throw unsupported("the private key is in OpenSSH format; convert it "
                    + "with 'ssh-keygen -p -m PKCS8 -f <file>' (RSA or ECDSA keys only)");
            default -> throw unsupported("the private key block '" + block.label() + "' is not a format scm-push "
                    + "reads; pass PKCS#8 ('PRIVATE KEY'), PKCS#1 ('RSA PRIVATE KEY') or SEC1 ('EC PRIVATE KEY')");
        };
        return normalize(key);
    }

    /**
     * Whether {@code key} is the private half of {@code publicKey}.
     */
    static boolean matches(PrivateKeyInfo key, SubjectPublicKeyInfo publicKey) {
        try {
            ASN1ObjectIdentifier algorithm = key.getPrivateKeyAlgorithm().getAlgorithm();
            if (!algorithm.equals(publicKey.getAlgorithm().getAlgorithm())) {
                return false;
            }
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                RSAPrivateKey rsa = RSAPrivateKey.getInstance(key.parsePrivateKey());
                RSAPublicKey pub = RSAPublicKey.getInstance(publicKey.parsePublicKey());
                return rsa.getModulus().equals(pub.getModulus())
                        && rsa.getPublicExponent().equals(pub.getPublicExponent());
            }
            ASN1ObjectIdentifier curve = namedCurve(key.getPrivateKeyAlgorithm());
            Optional<ASN1ObjectIdentifier> leafCurve = curveOf(publicKey.getAlgorithm());
            if (leafCurve.isEmpty() || !curve.equals(leafCurve.get())) {
                return false;
            }
            X9ECParameters parameters = CustomNamedCurves.getByOID(curve);
            ECPoint leafPoint = parameters.getCurve().decodePoint(publicKey.getPublicKeyData().getOctets());
            ECPoint derived = derivePublicPoint(ECPrivateKey.getInstance(key.parsePrivateKey()).getKey(), parameters);
            return derived.equals(leafPoint);
        } catch (IOException | RuntimeException e) {
            return false; // a leaf key that does not even parse cannot be this key's
        }
    }

    /** A public key's type and size for a person: "RSA 2048", "EC P-256", "DSA". */
    static String describe(SubjectPublicKeyInfo publicKey) {
        AlgorithmIdentifier algorithm = publicKey.getAlgorithm();
        try {
            if (algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return "RSA " + RSAPublicKey.getInstance(publicKey.parsePublicKey()).getModulus().bitLength();
            }
        } catch (IOException | RuntimeException e) {
            return "RSA";
        }
        return describe(algorithm);
    }

    /** A (normalized, so RSA or EC) private key's type and size for a person. */
    static String describe(PrivateKeyInfo key) {
        AlgorithmIdentifier algorithm = key.getPrivateKeyAlgorithm();
        try {
            if (algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return "RSA " + RSAPrivateKey.getInstance(key.parsePrivateKey()).getModulus().bitLength();
            }
        } catch (IOException | RuntimeException e) {
            return "RSA";
        }
        return describe(algorithm);
    }

    private static String describe(AlgorithmIdentifier algorithm) {
        if (algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            try {
                return curveOf(algorithm).map(c -> "EC " + curveName(c)).orElse("EC with explicit curve parameters");
            } catch (RuntimeException e) {
                return "EC with unreadable curve parameters";
            }
        }
        return algorithmName(algorithm.getAlgorithm());
    }

    /**
     * Checks that the leaf's public key is one scm-push can push.
     *
     * @throws InvalidCertificateException UNSUPPORTED_KEY
     */
    static void requirePushable(SubjectPublicKeyInfo publicKey, String certificateName) {
        ASN1ObjectIdentifier algorithm = publicKey.getAlgorithm().getAlgorithm();
        boolean pushable = algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)
                || algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)
                        && curveOf(publicKey.getAlgorithm()).filter(SUPPORTED_CURVES::containsKey).isPresent();
        if (!pushable) {
            throw unsupported("the certificate " + certificateName + " has a " + describe(publicKey) + " key; "
                    + PUSHABLE);
        }
    }

    private static PrivateKeyInfo pkcs8(byte[] der) {
        try {
            return PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw malformed("the PKCS#8 private key is not valid ASN.1 (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKeyInfo decryptPkcs8(byte[] der, char @Nullable [] password) {
        if (password == null) {
            throw encrypted("ENCRYPTED PRIVATE KEY");
        }
        PKCS8EncryptedPrivateKeyInfo encryptedKey;
        try {
            encryptedKey = new PKCS8EncryptedPrivateKeyInfo(Der.single(der, "the ENCRYPTED PRIVATE KEY block", CertificateCodes.KEY_MALFORMED));
        } catch (InvalidCertificateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw malformed("the encrypted PKCS#8 private key is not valid ASN.1 (" + e.getMessage() + ")", e);
        }
        requireReasonableCost(encryptedKey.getEncryptionAlgorithm());
        try {
            PrivateKeyInfo key = encryptedKey.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(password));
            // A wrong password almost always fails the padding check; when it passes, the plaintext is noise.
            PrivateKeyInfo.getInstance(key.getEncoded(ASN1Encoding.DER));
            key.parsePrivateKey();
            return key;
        } catch (PKCSException e) {
            if (hasCause(e, OperatorCreationException.class)
                    || hasCause(e, NoSuchAlgorithmException.class)) {
                throw unsupported("the private key is encrypted with " + encryptedKey.getEncryptionAlgorithm()
                        .getAlgorithm() + ", which scm-push cannot decrypt; re-encrypt it with "
                        + "'openssl pkcs8 -topk8 -v2 aes-256-cbc' or pass it unencrypted", e);
            }
            throw passwordWrong(e);
        } catch (OperatorCreationException e) {
            throw unsupported("the private key is encrypted with " + encryptedKey.getEncryptionAlgorithm()
                    .getAlgorithm() + ", which scm-push cannot decrypt", e);
        } catch (IOException | RuntimeException e) {
            throw passwordWrong(e);
        }
    }

    /** PKCS#1 RSA or SEC1 EC, possibly with RFC 1421 headers from {@code openssl rsa -aes256}. */
    private static PrivateKeyInfo traditional(PemBlock block, char @Nullable [] password) {
        byte[] der = decode(block);
        boolean encrypted = block.header("Proc-Type").filter(v -> v.contains("ENCRYPTED")).isPresent();
        if (encrypted) {
            if (password == null) {
                throw encrypted(block.label());
            }
            String[] dekInfo = block.header("DEK-Info").orElse("").split(",", 2);
            if (dekInfo.length != 2) {
                throw malformed("the encrypted " + block.label() + " has no valid DEK-Info header", null);
            }
            try {
                der = new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(password)
                        .get(dekInfo[0].strip()).decrypt(der, Hex.decode(dekInfo[1].strip()));
            } catch (EncryptionException e) {
                if (e.getCause() != null) {
                    throw passwordWrong(e); // BouncyCastle's "exception using cipher": the padding did not check out
                }
                throw unsupported("the private key is encrypted with " + dekInfo[0].strip()
                        + ", which scm-push cannot decrypt; pass it as encrypted PKCS#8 or unencrypted", e);
            } catch (OperatorCreationException | IOException | RuntimeException e) {
                throw passwordWrong(e);
            }
            try {
                // A wrong password almost always fails the padding check; when it passes, the plaintext is noise.
                Der.single(der, "the decrypted key", CertificateCodes.KEY_PASSWORD_WRONG);
                ASN1Primitive.fromByteArray(der);
            } catch (IOException | RuntimeException e) {
                throw passwordWrong(e);
            }
            return wrapTraditional(block.label(), der);
        }
        return wrapTraditional(block.label(), Der.single(der, "the " + block.label() + " block", CertificateCodes.KEY_MALFORMED));
    }

    private static PrivateKeyInfo wrapTraditional(String label, byte[] der) {
        try {
            if (label.equals("RSA PRIVATE KEY")) {
                RSAPrivateKey rsa = RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
                return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        rsa);
            }
            ECPrivateKey ec = ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
            ASN1Object parameters = ec.getParametersObject();
            if (parameters == null) {
                throw malformed("the EC private key does not name its curve; export it again with "
                        + "'openssl ec -in <file> -param_enc named_curve'", null);
            }
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, parameters), ec);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidCertificateException ice) {
                throw ice;
            }
            throw malformed("the " + label + " is not valid ASN.1 (" + e.getMessage() + ")", e);
        }
    }

    /** Checks the key type and its inner consistency, and re-encodes it as DER. */
    private static PrivateKeyInfo normalize(PrivateKeyInfo key) {
        try {
            ASN1ObjectIdentifier algorithm = key.getPrivateKeyAlgorithm().getAlgorithm();
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                RSAPrivateKey rsa = RSAPrivateKey.getInstance(key.parsePrivateKey());
                requireConsistent(rsa);
                return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        rsa);
            }
            if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                return normalizeEc(key);
            }
            throw unsupported("the private key is " + algorithmName(algorithm) + "; " + PUSHABLE, null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidCertificateException ice) {
                throw ice;
            }
            throw malformed("the private key is not a valid " + algorithmName(
                    key.getPrivateKeyAlgorithm().getAlgorithm()) + " key (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A key whose public half matches the certificate can still carry a broken private half, which a
     * service would refuse or, worse, accept and then fail every handshake with. The CRT identities are cheap.
     */
    private static void requireConsistent(RSAPrivateKey rsa) {
        BigInteger n = rsa.getModulus();
        BigInteger e = rsa.getPublicExponent();
        BigInteger d = rsa.getPrivateExponent();
        BigInteger p = rsa.getPrime1();
        BigInteger q = rsa.getPrime2();
        BigInteger one = BigInteger.ONE;
        if (n.signum() <= 0 || e.signum() <= 0 || d.signum() <= 0 || p.compareTo(one) <= 0 || q.compareTo(one) <= 0
                || !p.multiply(q).equals(n)) {
            throw malformed("the RSA private key is inconsistent: its primes do not multiply to its modulus", null);
        }
        BigInteger pMinus1 = p.subtract(one);
        BigInteger qMinus1 = q.subtract(one);
        boolean consistent = e.multiply(d).mod(pMinus1).equals(one.mod(pMinus1))
                && e.multiply(d).mod(qMinus1).equals(one.mod(qMinus1))
                && rsa.getExponent1().equals(d.mod(pMinus1))
                && rsa.getExponent2().equals(d.mod(qMinus1))
                && rsa.getCoefficient().multiply(q).mod(p).equals(one);
        if (!consistent) {
            throw malformed("the RSA private key is inconsistent: its private exponents do not belong to its modulus",
                    null);
        }
    }

    private static PrivateKeyInfo normalizeEc(PrivateKeyInfo key) throws IOException {
        Optional<ASN1ObjectIdentifier> outer = curveOf(key.getPrivateKeyAlgorithm());
        if (outer.isEmpty()) {
            throw unsupported("the EC private key spells out its curve parameters instead of naming its curve; "
                    + "export it again with 'openssl ec -param_enc named_curve' (" + PUSHABLE + ")", null);
        }
        ASN1ObjectIdentifier curve = outer.get();
        if (!SUPPORTED_CURVES.containsKey(curve)) {
            throw unsupported("the private key is an EC key on " + curveName(curve) + "; " + PUSHABLE, null);
        }
        ECPrivateKey ec = ECPrivateKey.getInstance(key.parsePrivateKey());
        ASN1Object inner = ec.getParametersObject();
        if (inner != null) {
            Optional<ASN1ObjectIdentifier> innerCurve = curveOf(X962Parameters.getInstance(inner));
            if (innerCurve.isEmpty() || !innerCurve.get().equals(curve)) {
                throw malformed("the EC private key contradicts itself: PKCS#8 says " + curveName(curve)
                        + " but the key inside says " + innerCurve.map(PrivateKeys::curveName).orElse("explicit parameters")
                        + "; export it again with 'openssl pkcs8 -topk8 -nocrypt'", null);
            }
        }
        X9ECParameters parameters = CustomNamedCurves.getByOID(curve);
        BigInteger d = ec.getKey();
        if (d.signum() <= 0 || d.compareTo(parameters.getN()) >= 0) {
            throw malformed("the EC private key is out of range for " + curveName(curve), null);
        }
        ASN1BitString publicKey = ec.getPublicKey();
        if (publicKey != null) {
            ECPoint embedded = parameters.getCurve().decodePoint(publicKey.getOctets());
            if (!embedded.equals(derivePublicPoint(d, parameters))) {
                throw malformed("the EC private key carries a public key that is not its own", null);
            }
        }
        int orderBits = parameters.getN().bitLength();
        ECPrivateKey normalized = new ECPrivateKey(orderBits, d,
                new DERBitString(derivePublicPoint(d, parameters).getEncoded(false)), null);
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), normalized);
    }

    /**
     * Refuses key-derivation costs far beyond what any tool writes, so that a 1 KiB key cannot keep a
     * thread busy for minutes or take gigabytes of memory.
     */
    private static void requireReasonableCost(AlgorithmIdentifier encryption) {
        long iterations = 0;
        long scryptMemory = 0;
        try {
            ASN1ObjectIdentifier scheme = encryption.getAlgorithm();
            if (scheme.equals(PKCSObjectIdentifiers.id_PBES2)) {
                KeyDerivationFunc kdf = PBES2Parameters.getInstance(encryption.getParameters()).getKeyDerivationFunc();
                if (kdf.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBKDF2)) {
                    iterations = PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount().longValueExact();
                } else if (kdf.getAlgorithm().equals(MiscObjectIdentifiers.id_scrypt)) {
                    // ScryptParams ::= SEQUENCE { salt, costParameter N, blockSize r, parallelization p, keyLength? }
                    ASN1Sequence p = ASN1Sequence.getInstance(kdf.getParameters());
                    BigInteger n = ASN1Integer.getInstance(p.getObjectAt(1)).getValue();
                    BigInteger r = ASN1Integer.getInstance(p.getObjectAt(2)).getValue();
                    BigInteger par = ASN1Integer.getInstance(p.getObjectAt(3)).getValue();
                    scryptMemory = n.multiply(r).multiply(BigInteger.valueOf(128))
                            .max(par.multiply(r).multiply(BigInteger.valueOf(128))).min(BigInteger.valueOf(Long.MAX_VALUE))
                            .longValue();
                }
            } else if (scheme.on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
                iterations = PKCS12PBEParams.getInstance(encryption.getParameters()).getIterations().longValueExact();
            }
        } catch (RuntimeException e) {
            throw malformed("the encrypted private key has invalid encryption parameters (" + e.getMessage() + ")", e);
        }
        if (iterations > MAX_ITERATIONS || scryptMemory > MAX_SCRYPT_MEMORY) {
            throw unsupported("the private key is encrypted with a key-derivation cost beyond what scm-push accepts "
                    + "(at most " + MAX_ITERATIONS + " iterations, " + (MAX_SCRYPT_MEMORY >> 20) + " MiB for scrypt); "
                    + "re-encrypt it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'", null);
        }
    }

    private static ECPoint derivePublicPoint(BigInteger d, X9ECParameters parameters) {
        return parameters.getG().multiply(d).normalize();
    }

    private static ASN1ObjectIdentifier namedCurve(AlgorithmIdentifier algorithm) {
        return curveOf(algorithm).orElseThrow(() -> new IllegalArgumentException("explicit curve parameters"));
    }

    private static Optional<ASN1ObjectIdentifier> curveOf(AlgorithmIdentifier algorithm) {
        ASN1Encodable parameters = algorithm.getParameters();
        if (parameters == null) {
            return Optional.empty();
        }
        return curveOf(X962Parameters.getInstance(parameters));
    }

    private static Optional<ASN1ObjectIdentifier> curveOf(X962Parameters parameters) {
        return parameters.isNamedCurve() ? Optional.of(ASN1ObjectIdentifier.getInstance(parameters.getParameters()))
                : Optional.empty();
    }

    private static String curveName(ASN1ObjectIdentifier curve) {
        String name = SUPPORTED_CURVES.get(curve);
        if (name != null) {
            return name;
        }
        if (curve.equals(GMObjectIdentifiers.sm2p256v1)) {
            return "SM2";
        }
        String standardName = ECNamedCurveTable.getName(curve);
        return standardName != null ? standardName : "curve " + curve.getId();
    }

    private static String algorithmName(ASN1ObjectIdentifier algorithm) {
        return KNOWN_ALGORITHMS.getOrDefault(algorithm, "an algorithm with OID " + algorithm.getId());
    }

    private static byte[] decode(PemBlock block) {
        try {
            return block.decode();
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage(), e);
        }
    }

    private static String labels(List<PemBlock> blocks) {
        return blocks.stream().map(PemBlock::label).distinct().reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static InvalidCertificateException malformed(@Nullable String message, @Nullable Throwable cause) {
        return new InvalidCertificateException(CertificateCodes.KEY_MALFORMED, String.valueOf(message), cause);
    }

    private static InvalidCertificateException encrypted(String label) {
        return new InvalidCertificateException(CertificateCodes.KEY_ENCRYPTED, "the private key (" + label + ") is encrypted; "
                + "pass its password with privateKeyPem(pem, password)");
    }

    private static InvalidCertificateException passwordWrong(Throwable cause) {
        return new InvalidCertificateException(CertificateCodes.KEY_PASSWORD_WRONG,
                "the password does not decrypt the private key; check the password given with privateKeyPem(pem, "
                        + "password)", cause);
    }

    private static InvalidCertificateException unsupported(String message) {
        return unsupported(message, null);
    }

    private static InvalidCertificateException unsupported(String message, @Nullable Throwable cause) {
        return new InvalidCertificateException(CertificateCodes.UNSUPPORTED_KEY, message, cause);
    }
}
