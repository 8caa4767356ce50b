package io.scmpush.elb;

import io.scmpush.Binding;
import io.scmpush.PushTarget;
import java.util.Objects;

/** Targets of Huawei Cloud dedicated Elastic Load Balance (v3): regional, 1–10 regions per push. */
public final class Elb {
    /** The service id. */
    public static final String SERVICE = "elb";
    /** Binding kind: an HTTPS listener's default certificate ({@code default_tls_container_ref}). */
    public static final String LISTENER = "listener";
    /** Binding kind: an entry of an HTTPS listener's SNI list ({@code sni_container_refs}). */
    public static final String SNI_LISTENER = "listener-sni";
    /** Binding kind: an HTTPS listener's CA certificate for mutual TLS ({@code client_ca_tls_container_ref}). */
    public static final String CLIENT_CA_LISTENER = "listener-client-ca";

    /**
     * Option: the enterprise project the certificate is read from and created in, sent as
     * {@code enterprise_project_id} on the list and in the create body. When absent the list covers every
     * enterprise project the caller may see and ELB creates in the default project ({@code 0}). A blank
     * value is refused, as for WAF and CDN.
     *
     * <pre>{@code
     * scm.push(cert).to(Elb.inRegions("cn-north-4").withOption(Elb.ENTERPRISE_PROJECT_ID, projectId)).execute();
     * }</pre>
     */
    public static final String ENTERPRISE_PROJECT_ID = "enterprise-project-id";

    private Elb() {}

    /**
     * A server certificate (with its key) for HTTPS listeners in each of these regions.
     *
     * @param regions 1–10 region ids, e.g. {@code cn-north-4} (more than 10 is rejected as
     *     {@code REGION_LIMIT} when pushed)
     * @return the target
     * @throws NullPointerException when {@code regions} or one of them is null
     * @throws IllegalArgumentException when none is named, or one is blank
     */
    public static PushTarget inRegions(String... regions) {
        if (regions.length == 0) {
            throw new IllegalArgumentException("name at least one region, e.g. Elb.inRegions(\"cn-north-4\")");
        }
        for (String region : regions) {
            if (Objects.requireNonNull(region, "region").isBlank()) {
                throw new IllegalArgumentException("a region id is blank");
            }
        }
        return PushTarget.of(SERVICE).inRegions(regions);
    }

    /**
     * A CA certificate (type {@code client}, no key) for listeners that authenticate clients by
     * mutual TLS, in each of these regions.
     *
     * @param regions 1–10 region ids, e.g. {@code cn-north-4}
     * @return the target, with {@code certificate-type=ca}
     * @throws NullPointerException when {@code regions} or one of them is null
     * @throws IllegalArgumentException when none is named, or one is blank
     */
    public static PushTarget caCertificateInRegions(String... regions) {
        return inRegions(regions).withOption(PushTarget.CERTIFICATE_TYPE, "ca");
    }

    /**
     * An HTTPS listener's default certificate: the pushed server certificate replaces the one it serves to
     * clients that send no matching server name.
     *
     * @param region the listener's region
     * @param listenerId the listener's id
     * @return the binding, of kind {@value #LISTENER}
     */
    public static Binding listener(String region, String listenerId) {
        return new Binding(SERVICE, region, LISTENER, listenerId);
    }

    /**
     * An entry of an HTTPS listener's SNI list: the pushed server certificate is added to the list, every
     * other entry kept in its order. Refused ({@code SNI_CONFLICT}) when another entry serves one of its
     * domains; a rotation replaces such an entry in place.
     *
     * @param region the listener's region
     * @param listenerId the listener's id
     * @return the binding, of kind {@value #SNI_LISTENER}
     */
    public static Binding sniListener(String region, String listenerId) {
        return new Binding(SERVICE, region, SNI_LISTENER, listenerId);
    }

    /**
     * An HTTPS listener's CA certificate for mutual TLS: the certificate is pushed as a CA certificate and
     * the listener verifies client certificates against it.
     *
     * @param region the listener's region
     * @param listenerId the listener's id
     * @return the binding, of kind {@value #CLIENT_CA_LISTENER}
     */
    public static Binding clientCaListener(String region, String listenerId) {
        return new Binding(SERVICE, region, CLIENT_CA_LISTENER, listenerId);
    }
}
