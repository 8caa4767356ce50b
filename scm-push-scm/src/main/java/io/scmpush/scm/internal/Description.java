package io.scmpush.scm.internal;

import io.scmpush.Certificate;
import io.scmpush.scm.ManagedCertificate;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * What the push rules see of a certificate that stays in SCM: a {@link Certificate} made from
 * {@code show}'s answer — SCM's name, status, CSR origin and id, its domains and validity — around a
 * stand-in leaf. The rule engine reads certificates, and a certificate is PEM; exporting the real one
 * would bring its private key out of SCM, which is what a native push exists to avoid (and a push-only
 * IAM policy may not even allow it). The stand-in's key and fingerprint are its own: {@code WEAK_KEY}
 * and fingerprint comparisons say nothing about the SCM certificate, and the stand-in is never sent
 * anywhere.
 */
final class Description {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{3,63}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration SLACK = Duration.ofMinutes(1);

    private Description() {}

    /** The rules' view of the certificate {@code shown}, as of {@code now}. */
    static Certificate of(ScmApi.Shown shown, Instant now) {
        ManagedCertificate m = shown.certificate();
        Instant notAfter = m.notAfter() != null ? m.notAfter() : now.plus(Duration.ofDays(1));
        Instant notBefore = shown.notBefore() != null && !shown.notBefore().isAfter(notAfter) ? shown.notBefore()
                : (notAfter.isBefore(now) ? notAfter : now).minus(SLACK);
        Certificate.Builder builder;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            String commonName = m.domains().isEmpty() ? m.name() : m.domains().get(0);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            X500Name issuer = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "scm-push description of an SCM certificate")
                    .addRDN(BCStyle.CN, m.id()).build();
            X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(
                    BigInteger.ONE), Date.from(notBefore), Date.from(notAfter), subject, pair.getPublic());
            if (!m.domains().isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                m.domains().forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
                leaf.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            byte[] der = leaf.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
                    .getEncoded();
            builder = Certificate.builder()
                    .certificatePem(pem("CERTIFICATE", der))
                    .privateKeyPem(pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot describe SCM certificate " + m.id() + " to the rules", e);
        }
        String name = name(m);
        if (name != null) {
            builder.name(name);
        }
        return builder.status(m.status()).csrOrigin(m.csrOrigin()).scmId(m.id()).build();
    }

    /** SCM's name when it is a valid certificate name (3 to 63 of {@code [A-Za-z0-9_.-]}), else null. */
    static @Nullable String name(ManagedCertificate certificate) {
        return NAME.matcher(certificate.name()).matches() ? certificate.name() : null;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
