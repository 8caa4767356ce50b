package io.scmpush.testkit.internal;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One loopback TLS port per bindable resource, presenting what the resource serves at the moment of each
 * handshake: an ELB listener the SNI certificate whose domain matches the client's server name (an exact
 * name before a wildcard), else its default certificate; a WAF host its certificate; a CDN domain its
 * certificate. Thread-safe.
 */
public final class ServedPorts implements AutoCloseable {
    private final BindableResources resources;
    private final Map<String, TlsServer> servers = new ConcurrentHashMap<>();
    /** Parsed once per certificate: a handshake asks for one. */
    private final Map<String, Certificate> parsed = new ConcurrentHashMap<>();
    private boolean closed;

    /**
     * Ports for the resources of one emulator.
     *
     * @param resources what each resource serves
     */
    public ServedPorts(BindableResources resources) {
        this.resources = resources;
    }

    /**
     * The port of the binding's resource, started on first use. The listener kinds of one listener share it.
     *
     * @param binding a binding of the emulator's kinds
     * @return the port's loopback address
     * @throws IllegalArgumentException for a resource the emulator does not have
     * @throws IllegalStateException once closed
     */
    public InetSocketAddress serve(Binding binding) {
        resources.held(binding); // a resource the emulator does not have fails here, not at the handshake
        String key = binding.service() + "/" + binding.region() + "/" + (isListener(binding) ? "listener"
                : binding.kind()) + "/" + binding.resource();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("FakeHuaweiCloud is closed");
            }
            return servers.computeIfAbsent(key, k -> TlsServer.start(name -> presents(binding, name))).address();
        }
    }

    private @Nullable Certificate presents(Binding binding, @Nullable String serverName) {
        if (!isListener(binding)) {
            List<BindableResources.Held> held = resources.held(binding);
            return held.isEmpty() ? null : certificate(held.get(0));
        }
        if (serverName != null) {
            List<BindableResources.Held> sni = resources.held(listener(binding, BindableResources.SNI_LISTENER));
            for (boolean exact : new boolean[] {true, false}) {
                for (BindableResources.Held entry : sni) {
                    for (String domain : entry.domains()) {
                        if (exact ? domain.equalsIgnoreCase(serverName) : wildcardCovers(domain, serverName)) {
                            return certificate(entry);
                        }
                    }
                }
            }
        }
        List<BindableResources.Held> fallback = resources.held(listener(binding, BindableResources.LISTENER));
        return fallback.isEmpty() ? null : certificate(fallback.get(0));
    }

    private @Nullable Certificate certificate(BindableResources.Held held) {
        String key = held.privateKeyPem();
        if (key == null) {
            return null; // a CA certificate: nothing to serve with
        }
        return parsed.computeIfAbsent(held.certificatePem(), pem -> Certificate.builder().certificatePem(pem)
                .privateKeyPem(key).build());
    }

    private static boolean isListener(Binding binding) {
        return binding.kind().equals(BindableResources.LISTENER) || binding.kind().equals(BindableResources.SNI_LISTENER)
                || binding.kind().equals(BindableResources.CLIENT_CA_LISTENER);
    }

    private static Binding listener(Binding binding, String kind) {
        return new Binding(binding.service(), binding.region(), kind, binding.resource());
    }

    /** A wildcard {@code *.example.com} and a name exactly one label below it. */
    private static boolean wildcardCovers(String domain, String serverName) {
        String name = domain.toLowerCase(Locale.ROOT);
        int dot = serverName.indexOf('.');
        return name.startsWith("*.") && dot > 0 && serverName.substring(dot + 1).toLowerCase(Locale.ROOT)
                .equals(name.substring(2));
    }

    /** Closes every port. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        servers.values().forEach(TlsServer::close);
        servers.clear();
    }
}
