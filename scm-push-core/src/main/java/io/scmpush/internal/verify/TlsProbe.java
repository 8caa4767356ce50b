package io.scmpush.internal.verify;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * One TLS handshake that reads the leaf a server presents for a server name. It trusts any chain (the
 * question is which certificate is served, not whether to trust it), sends nothing after the handshake,
 * and bounds both the connect and the whole handshake, so a server that accepts and then stalls or
 * drips bytes cannot hold it.
 */
final class TlsProbe {
    private static final SSLSocketFactory SOCKETS = trustingAnything();

    private TlsProbe() {}

    /** What one handshake showed: the served leaf, or why there is none. */
    record Attempt(@Nullable X509Certificate leaf, @Nullable String fingerprint, @Nullable String failureCode,
            String failure) {

        static Attempt served(X509Certificate leaf) {
            return new Attempt(leaf, TlsProbe.fingerprint(leaf), null, "");
        }

        static Attempt failed(String code, String why) {
            return new Attempt(null, null, code, why);
        }
    }

    /**
     * Connects to {@code host}:{@code port} within {@code connectTimeout}, shakes hands with SNI
     * {@code serverName} within {@code handshakeTimeout}, and closes.
     */
    static Attempt probe(String serverName, String host, int port, Duration connectTimeout,
            Duration handshakeTimeout) {
        Socket raw = new Socket();
        @Nullable SSLSocket tls = null;
        try {
            try {
                raw.connect(new InetSocketAddress(host, port), millis(connectTimeout));
            } catch (UnknownHostException e) {
                return Attempt.failed(Verifier.UNREACHABLE, "unknown host " + host);
            } catch (SocketTimeoutException e) {
                return Attempt.failed(Verifier.UNREACHABLE, "no connection within " + connectTimeout.toMillis() + " ms");
            } catch (IOException | IllegalArgumentException | SecurityException e) {
                return Attempt.failed(Verifier.UNREACHABLE, describe(e));
            }
            // The socket timeout bounds each read; the guard bounds the whole handshake.
            CompletableFuture<Void> guard = new CompletableFuture<>();
            guard.orTimeout(handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((done, timedOut) -> {
                if (timedOut instanceof TimeoutException) {
                    closeQuietly(raw);
                }
            });
            try {
                raw.setSoTimeout(millis(handshakeTimeout));
                tls = (SSLSocket) SOCKETS.createSocket(raw, serverName, port, true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(serverName)));
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                java.security.cert.Certificate[] served = tls.getSession().getPeerCertificates();
                if (served.length == 0 || !(served[0] instanceof X509Certificate leaf)) {
                    return Attempt.failed(Verifier.TLS_ERROR, "the server presented no X.509 certificate");
                }
                return Attempt.served(leaf);
            } catch (IOException e) {
                if (guard.isCompletedExceptionally() || e instanceof SocketTimeoutException) {
                    return Attempt.failed(Verifier.TLS_ERROR, "the TLS handshake did not finish within "
                            + handshakeTimeout.toMillis() + " ms");
                }
                return Attempt.failed(Verifier.TLS_ERROR, describe(e));
            } finally {
                guard.complete(null);
            }
        } finally {
            // Closing the TLS socket says close_notify, the only thing ever sent after the handshake.
            closeQuietly(tls != null ? tls : raw);
        }
    }

    static String fingerprint(X509Certificate leaf) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the served certificate", e);
        }
    }

    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    private static String describe(Exception e) {
        String kind = e instanceof SSLException ? "TLS" : e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closing: nothing to do
        }
    }

    private static SSLSocketFactory trustingAnything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyChain()}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS", e);
        }
    }

    /**
     * Accepts every chain. Extending {@link X509ExtendedTrustManager} keeps the JDK from adding host name
     * checks of its own: the probe reports which certificate is served, it does not decide whether to trust it.
     */
    private static final class AcceptAnyChain extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a probe is never a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a probe is never a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a probe is never a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
