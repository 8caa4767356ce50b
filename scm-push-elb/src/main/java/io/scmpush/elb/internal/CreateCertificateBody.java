package io.scmpush.elb.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.Certificate;
import io.scmpush.internal.provider.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v3/{project_id}/elb/certificates}:
 * {@code {"certificate":{"name","certificate","private_key","type":"server","domain"}}} for a server
 * certificate, {@code {"certificate":{"name","certificate","type":"client"}}} for a CA certificate.
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

    /** Labels of 1–63 letters, digits and hyphens, starting and ending with a letter or digit; {@code *.} only in front. */
    private static final Pattern ELB_DOMAIN = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private static final System.Logger LOG = System.getLogger(CreateCertificateBody.class.getName());

    private CreateCertificateBody() {}

    static ObjectNode server(Certificate certificate) {
        String key = certificate.privateKeyPem().orElseThrow(() -> new IllegalStateException(
                "ELB needs the private key of a server certificate; push a CA certificate with "
                        + "Elb.caCertificateInRegions(...)"));
        ObjectNode fields = Json.object()
                .put("name", certificate.name())
                .put("certificate", certificate.certificatePem())
                .put("private_key", key)
                .put("type", "server");
        String domain = domainField(certificate);
        if (!domain.isEmpty()) {
            fields.put("domain", domain);
        }
        return wrap(fields);
    }

    static ObjectNode ca(Certificate certificate) {
        // ELB ignores domain for a client certificate, and a CA needs no key.
        return wrap(Json.object()
                .put("name", certificate.name())
                .put("certificate", certificate.certificatePem())
                .put("type", "client"));
    }

    /**
     * The certificate's domains that ELB accepts, comma-joined, within its limits: names it would refuse
     * (an IP address, a CN that is not a host name) are left out rather than failing the upload, and
     * past 100 names or 10000 characters the rest are dropped; both are logged. Empty when none is left,
     * and then the field is omitted: it only serves SNI matching.
     */
    static String domainField(Certificate certificate) {
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int chars = 0;
        int dropped = 0;
        for (String domain : certificate.domains()) {
            if (!ELB_DOMAIN.matcher(domain).matches()) {
                refused.add(domain);
            } else if (accepted.size() < MAX_DOMAINS
                    && chars + domain.length() + (accepted.isEmpty() ? 0 : 1) <= MAX_DOMAIN_CHARS) {
                chars += domain.length() + (accepted.isEmpty() ? 0 : 1);
                accepted.add(domain);
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
                    accepted.size(), dropped, MAX_DOMAINS, MAX_DOMAIN_CHARS);
        }
        return String.join(",", accepted);
    }

    private static ObjectNode wrap(ObjectNode fields) {
        ObjectNode body = Json.object();
        body.set("certificate", fields);
        return body;
    }
}
