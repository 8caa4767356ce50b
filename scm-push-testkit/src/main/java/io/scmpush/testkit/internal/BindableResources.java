package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.Binding;
import io.scmpush.spi.RemoteCertificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The resources of the emulated account that serve certificates: ELB listeners, WAF cloud and premium hosts,
 * CDN domains; and what each of their places references now. Thread-safe.
 */
public final class BindableResources {
    /** The binding kinds of the Elb, Waf and Cdn factories. */
    static final String LISTENER = "listener";
    static final String SNI_LISTENER = "listener-sni";
    static final String CLIENT_CA_LISTENER = "listener-client-ca";
    static final String HOST = "host";
    static final String PREMIUM_HOST = "premium-host";
    static final String DOMAIN = "domain";

    private final ElbService elb;
    private final WafService waf;
    private final CdnService cdn;
    final ElbListenerService listeners;
    final WafHostService cloudHosts;
    final WafHostService premiumHosts;

    BindableResources(ElbService elb, WafService waf, CdnService cdn) {
        this.elb = elb;
        this.waf = waf;
        this.cdn = cdn;
        this.listeners = new ElbListenerService(elb);
        this.cloudHosts = new WafHostService(waf, false);
        this.premiumHosts = new WafHostService(waf, true);
        waf.boundHosts(region -> {
            Map<String, List<ObjectNode>> hosts = new LinkedHashMap<>();
            cloudHosts.addBoundHosts(region, hosts);
            premiumHosts.addBoundHosts(region, hosts);
            return hosts;
        });
    }

    /**
     * Adds an ELB listener without certificates.
     *
     * @param region its region
     * @param protocol its protocol, e.g. {@code HTTPS}
     * @param now its creation time
     * @return its id
     */
    public String addElbListener(String region, String protocol, Instant now) {
        requireRegion(region);
        return listeners.add(region, protocol, now);
    }

    /**
     * Adds an HTTPS WAF host without a certificate.
     *
     * @param region its region
     * @param hostname the domain it protects
     * @param premium true for dedicated mode
     * @param now its creation time
     * @return its id
     */
    public String addWafHost(String region, String hostname, boolean premium, Instant now) {
        requireRegion(region);
        return (premium ? premiumHosts : cloudHosts).add(region, hostname, now);
    }

    /**
     * A certificate a place references, with what serving it takes.
     *
     * @param certificate its id, name, fingerprint and expiry
     * @param certificatePem its chain as stored
     * @param privateKeyPem null for a CA certificate
     * @param domains the leaf's DNS names
     */
    public record Held(RemoteCertificate certificate, String certificatePem, @Nullable String privateKeyPem,
            List<String> domains) {
        @Override
        public String toString() {
            return "Held[" + certificate + "]"; // never the key
        }
    }

    /**
     * What a binding's place references now, in the service's order: the default certificate, the SNI list,
     * the client CA, a host's certificate, a domain's certificate (its id is its name); empty when none.
     *
     * @param binding a binding of the Elb, Waf or Cdn kinds
     * @return the certificates, in order
     * @throws IllegalArgumentException for a kind the emulator does not know, or a resource it does not have
     */
    public List<Held> held(Binding binding) {
        String region = binding.region();
        return switch (binding.kind()) {
            case LISTENER, SNI_LISTENER, CLIENT_CA_LISTENER -> {
                String listenerRegion = requireRegion(region);
                Map<String, List<String>> references = listeners.references(listenerRegion, binding.resource());
                String field = switch (binding.kind()) {
                    case LISTENER -> "default_tls_container_ref";
                    case SNI_LISTENER -> "sni_container_refs";
                    default -> "client_ca_tls_container_ref";
                };
                List<Held> held = new ArrayList<>();
                for (String id : references.getOrDefault(field, List.of())) {
                    ObjectNode certificate = elb.certificate(listenerRegion, id);
                    if (certificate != null) {
                        String pem = certificate.path("certificate").asText();
                        Pem.Chain chain = Pem.chain(pem);
                        held.add(new Held(new RemoteCertificate(id, certificate.path("name").asText(),
                                chain == null ? null : chain.fingerprint(), chain == null ? null : chain.notAfter()),
                                pem, elb.privateKey(id), chain == null ? List.of() : chain.dnsNames()));
                    }
                }
                yield held;
            }
            case HOST, PREMIUM_HOST -> {
                WafHostService hosts = binding.kind().equals(HOST) ? cloudHosts : premiumHosts;
                String hostRegion = requireRegion(region);
                String id = hosts.certificateId(hostRegion, binding.resource());
                String[] certificate = id == null ? null : waf.certificate(hostRegion, id);
                if (id == null || certificate == null) {
                    yield List.of();
                }
                Pem.Chain chain = Pem.chain(certificate[1]);
                yield List.of(new Held(new RemoteCertificate(id, certificate[0],
                        chain == null ? null : chain.fingerprint(), chain == null ? null : chain.notAfter()),
                        certificate[1], certificate[2], chain == null ? List.of() : chain.dnsNames()));
            }
            case DOMAIN -> {
                String[] served = cdn.served(binding.resource());
                Pem.Chain chain = served == null ? null : Pem.chain(served[1]);
                yield served == null || chain == null ? List.of() : List.of(new Held(new RemoteCertificate(served[0],
                        served[0], chain.fingerprint(), chain.notAfter()), served[1], served[2], chain.dnsNames()));
            }
            default -> throw new IllegalArgumentException("FakeHuaweiCloud knows no binding of kind " + binding.kind());
        };
    }

    private static String requireRegion(@Nullable String region) {
        if (region == null || Account.projectId(region).isEmpty()) {
            throw new IllegalArgumentException("FakeHuaweiCloud has no project in " + region + "; its regions: "
                    + Account.REGIONS);
        }
        return region;
    }
}
