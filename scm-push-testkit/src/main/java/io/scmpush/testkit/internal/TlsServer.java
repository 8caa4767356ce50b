package io.scmpush.testkit.internal;

import io.scmpush.Certificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * A loopback TLS server that presents, for each handshake, the certificate a function chooses for the SNI
 * name the client sent — asked anew on every handshake, so it follows whatever the function reads (an
 * emulated listener's configuration, a test's variable). When the function answers null the handshake fails,
 * as a server with no certificate for that name does. After the handshake it reads until the client closes,
 * and answers nothing. Thread-safe.
 */
public final class TlsServer implements AutoCloseable {
    /** How long a connection may stay open: a client that never finishes does not keep a thread. */
    private static final int CONNECTION_TIMEOUT_MILLIS = 5_000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SSLServerSocket socket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<@Nullable String> serverNames;
    private final AtomicLong received = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String name;
    private final Thread acceptor;

    private TlsServer(SSLServerSocket socket, List<@Nullable String> serverNames, String name) {
        this.socket = socket;
        this.serverNames = serverNames;
        this.name = name;
        this.acceptor = new Thread(this::accept, name + "-accept");
        acceptor.setDaemon(true);
    }

    /**
     * Starts a server on a free port of the loopback address.
     *
     * @param presents the certificate (chain and private key) to present for an SNI name, lower case, or for
     *     null when the client sent none; null for none
     * @return the running server
     */
    public static TlsServer start(Function<@Nullable String, @Nullable Certificate> presents) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            List<@Nullable String> serverNames = new CopyOnWriteArrayList<>();
            context.init(new KeyManager[] {new ChosenKeys(presents, serverNames)}, null, null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TlsServer server = new TlsServer(socket, serverNames, "tls-server-" + INSTANCES.incrementAndGet());
            server.acceptor.start();
            return server;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot start a TLS server on the loopback address", e);
        }
    }

    /** @return where the server listens: the loopback address (as an address, not a name) and its port */
    public InetSocketAddress address() {
        try {
            // The address without a host name: getHostString() is then "127.0.0.1", never a name to resolve.
            return new InetSocketAddress(InetAddress.getByAddress(socket.getInetAddress().getAddress()),
                    socket.getLocalPort());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the loopback address is malformed", e);
        }
    }

    /**
     * @return the SNI name of every handshake a certificate was presented for, in order; null where the client
     *     sent none
     */
    public List<@Nullable String> serverNames() {
        return new ArrayList<>(serverNames);
    }

    /** @return how many bytes clients sent after their handshakes, all connections together */
    public long bytesReceivedAfterHandshakes() {
        return received.get();
    }

    private void accept() {
        while (!closed.get()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(client);
            Thread handler = new Thread(() -> handle(client), name + "-connection");
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(CONNECTION_TIMEOUT_MILLIS);
            SSLSocket tls = (SSLSocket) client;
            tls.startHandshake();
            InputStream in = tls.getInputStream();
            byte[] ignored = new byte[256];
            for (int n = in.read(ignored); n >= 0; n = in.read(ignored)) {
                received.addAndGet(n); // counted, never answered
            }
        } catch (IOException e) {
            // a failed handshake or a client gone: the client sees what happened
        } finally {
            synchronized (open) {
                open.remove(client);
                open.notifyAll();
            }
        }
    }

    /**
     * Waits until no connection is open, so that what clients sent has been read.
     *
     * @param timeout how long to wait at most
     * @return whether no connection is open
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitNoConnections(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (open) {
            for (long left = timeout.toNanos(); !open.isEmpty() && left > 0; left = end - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(open, left);
            }
            return open.isEmpty();
        }
    }

    private static @Nullable String serverName(@Nullable SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName requested : extended.getRequestedServerNames()) {
                if (requested instanceof SNIHostName host) {
                    return host.getAsciiName().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    /**
     * Stops accepting and closes every open connection. Idempotent. When it returns the port is free: the
     * socket stays listening (and the kernel completes connections to it) until the thread blocked in
     * {@code accept} has left it, so this waits for that thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (acceptor != Thread.currentThread()) {
            try {
                acceptor.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket client : open) {
            try {
                client.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public String toString() {
        return "TlsServer[" + address() + (closed.get() ? ", closed" : "") + "]";
    }

    /**
     * Chooses the key and chain per handshake from the SNI name. An alias is the certificate's fingerprint;
     * the chosen ones are remembered so that the JDK can ask for their chain and key by alias.
     */
    private static final class ChosenKeys extends X509ExtendedKeyManager {
        private final Function<@Nullable String, @Nullable Certificate> presents;
        private final List<@Nullable String> serverNames;
        private final Map<String, Keyed> chosen = new ConcurrentHashMap<>();

        ChosenKeys(Function<@Nullable String, @Nullable Certificate> presents, List<@Nullable String> serverNames) {
            this.presents = presents;
            this.serverNames = serverNames;
        }

        @Override
        public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers,
                @Nullable Socket socket) {
            return choose(keyType, socket instanceof SSLSocket tls ? tls.getHandshakeSession() : null);
        }

        @Override
        public @Nullable String chooseEngineServerAlias(String keyType, Principal @Nullable [] issuers,
                @Nullable SSLEngine engine) {
            return choose(keyType, engine != null ? engine.getHandshakeSession() : null);
        }

        private @Nullable String choose(String keyType, @Nullable SSLSession handshake) {
            String serverName = serverName(handshake);
            Certificate certificate = presents.apply(serverName);
            if (certificate == null) {
                return null;
            }
            Keyed keyed = chosen.computeIfAbsent(certificate.fingerprint(), fingerprint -> Keyed.of(certificate));
            // The JDK asks once per key type the handshake allows; answer only the one the key has.
            if (!keyed.key().getAlgorithm().equals(keyType)) {
                return null;
            }
            serverNames.add(serverName); // before the client can see the certificate
            return certificate.fingerprint();
        }

        @Override
        public X509Certificate @Nullable [] getCertificateChain(String alias) {
            Keyed keyed = chosen.get(alias);
            return keyed == null ? null : keyed.chain().clone();
        }

        @Override
        public @Nullable PrivateKey getPrivateKey(String alias) {
            Keyed keyed = chosen.get(alias);
            return keyed == null ? null : keyed.key();
        }

        @Override
        public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
            return chosen.entrySet().stream().filter(e -> e.getValue().key().getAlgorithm().equals(keyType))
                    .map(Map.Entry::getKey).toArray(String[]::new);
        }

        @Override
        public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
            return null;
        }

        @Override
        public @Nullable String chooseClientAlias(String[] keyType, Principal @Nullable [] issuers,
                @Nullable Socket socket) {
            return null;
        }
    }

    private record Keyed(X509Certificate[] chain, PrivateKey key) {

        static Keyed of(Certificate certificate) {
            String pem = certificate.privateKeyPem().orElseThrow(() -> new IllegalArgumentException(
                    "a TLS server needs the private key of " + certificate.name()));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            try {
                PrivateKey key = KeyFactory.getInstance(certificate.leaf().getPublicKey().getAlgorithm())
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
                return new Keyed(certificate.chain().toArray(X509Certificate[]::new), key);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read the private key of " + certificate.name(), e);
            }
        }
    }
}
