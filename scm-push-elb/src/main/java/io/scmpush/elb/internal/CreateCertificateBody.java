package io.scmpush.elb.internal;

import io.scmpush.Certificate;
import io.scmpush.CertificateCodes;
import io.scmpush.InvalidCertificateException;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.support.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v3/{project_id}/elb/certificates}:
 * {@code {"certificate":{"name","certificate","private_key","type":"server","domain"}}} for a server
 * certificate (with {@code "scm_certificate_id"} and {@code "source":"scm"} for one exported from SCM),
 * {@code {"certificate":{"name","certificate","type":"client"}}} for a CA certificate; both with
 * {@code enterprise_project_id} when the target names one.
 *
 * <p>{@code certificate} is the chain as given, leaf first, for both types. For a CA certificate that
 * matters: a listener verifies client certificates against this bundle, and an intermediate CA without
 * the issuers it was given with leaves OpenSSL-style verifiers no path to a root. A CA given alone is
 * its own leaf, so it is sent alone.
 */
final class CreateCertificateBody {
    /** ELB's limits on {@code domain}: at most 100 names, at most 10000 characters in all. */
    static final int MAX_DOMAINS = 100;
    static final int MAX_DOMAIN_CHARS = 10_000;
    /** ELB's documented limits on {@code certificate} (the chain) and {@code private_key}, in characters. */
    static final int MAX_CERTIFICATE_CHARS = 65_536;
    static final int MAX_PRIVATE_KEY_CHARS = 8_192;

    private static final System.Logger LOG = System.getLogger(CreateCertificateBody.class.getName());

    private CreateCertificateBody() {}

    static JsonObject server(Certificate certificate, @Nullable String enterpriseProjectId) {
        String key = certificate.privateKeyPem().orElseThrow(() -> new InvalidCertificateException(
                RuleCodes.PRIVATE_KEY_REQUIRED, "ELB needs the private key of a server certificate; push a CA certificate with "
                        + "Elb.caCertificateInRegions(...)"));
        checkSizes(certificate.certificatePem(), key);
        JsonObject fields = JsonObject.create()
                .put("name", certificate.name())
                .put("certificate", certificate.certificatePem())
                .put("private_key", key)
                .put("type", "server");
        String domain = domainField(certificate);
        if (!domain.isEmpty()) {
            fields.put("domain", domain);
        }
        // ELB records which SCM certificate this is (it does not check it; the content is still required).
        certificate.scmId().ifPresent(id -> fields.put("scm_certificate_id", id).put("source", "scm"));
        return wrap(fields, enterpriseProjectId);
    }

    static JsonObject ca(Certificate certificate, @Nullable String enterpriseProjectId) {
        checkSizes(certificate.certificatePem(), null);
        // ELB ignores domain for a client certificate, and a CA needs no key.
        return wrap(JsonObject.create()
                .put("name", certificate.name())
                .put("certificate", certificate.certificatePem())
                .put("type", "client"), enterpriseProjectId);
    }

    /**
     * Refuses, before anything is sent, what ELB would refuse for its size: a chain over 65,536
     * characters or a key over 8,192.
     *
     * @throws InvalidCertificateException {@code INPUT_TOO_LARGE}
     */
    static void checkSizes(String certificatePem, @Nullable String privateKeyPem) {
        if (certificatePem.length() > MAX_CERTIFICATE_CHARS) {
            throw new InvalidCertificateException(CertificateCodes.INPUT_TOO_LARGE, "ELB takes a certificate chain of at most "
                    + MAX_CERTIFICATE_CHARS + " characters; this one has " + certificatePem.length());
        }
        if (privateKeyPem != null && privateKeyPem.length() > MAX_PRIVATE_KEY_CHARS) {
            throw new InvalidCertificateException(CertificateCodes.INPUT_TOO_LARGE, "ELB takes a private key of at most "
                    + MAX_PRIVATE_KEY_CHARS + " characters; this one has " + privateKeyPem.length());
        }
    }

    /**
     * The certificate's domains that ELB accepts, comma-joined, within its limits: names it would refuse
     * (an IP address, a CN that is not a host name) are left out rather than failing the upload, and
     * past 100 names or 10000 characters the rest are dropped; both are logged. Empty when none is left,
     * and then the field is omitted: it only serves SNI matching.
     */
    static String domainField(Certificate certificate) {
        StringBuilder field = new StringBuilder();
        int names = 0;
        int dropped = 0;
        List<String> refused = new ArrayList<>();
        for (String domain : certificate.domains()) {
            if (!isElbDomain(domain)) {
                refused.add(domain);
            } else if (names < MAX_DOMAINS
                    && field.length() + (names == 0 ? 0 : 1) + domain.length() <= MAX_DOMAIN_CHARS) {
                field.append(names == 0 ? "" : ",").append(domain);
                names++;
            } else {
                dropped++;
            }
        }
        if (!refused.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "ELB certificate {0}: domain field leaves out {1}, not host "
                    + "names ELB accepts", certificate.name(), refused);
        }
        if (dropped > 0) {
            LOG.log(System.Logger.Level.WARNING, "ELB certificate {0}: domain field sends the first {1} names "
                    + "and leaves out {2} (ELB takes at most {3} names, {4} characters)", certificate.name(),
                    names, dropped, MAX_DOMAINS, MAX_DOMAIN_CHARS);
        }
        return field.toString();
    }

    /**
     * Whether ELB takes the name: labels of 1–63 ASCII letters, digits and hyphens, starting and ending with a
     * letter or digit, joined by dots; {@code *.} only in front. A loop rather than a regular expression: a
     * {@code Matcher} per name cost a push about 450 bytes.
     */
    static boolean isElbDomain(String domain) {
        int start = domain.startsWith("*.") ? 2 : 0;
        while (true) {
            int dot = domain.indexOf('.', start);
            int end = dot < 0 ? domain.length() : dot;
            if (!isLabel(domain, start, end)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            start = dot + 1;
        }
    }

    private static boolean isLabel(String domain, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 63 || domain.charAt(start) == '-' || domain.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = domain.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code {"certificate": fields}}, with {@code enterprise_project_id} when one is given (else ELB's default, 0). */
    private static JsonObject wrap(JsonObject fields, @Nullable String enterpriseProjectId) {
        if (enterpriseProjectId != null) {
            fields.put("enterprise_project_id", enterpriseProjectId);
        }
        JsonObject body = JsonObject.create();
        body.put("certificate", fields);
        return body;
    }
}
