package io.scmpush;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;

/**
 * A check of what a server presents: a TLS handshake with SNI {@code serverName} to {@code host}:{@code port}
 * that reads the leaf certificate served and compares its SHA-256 fingerprint with the expected one. Trust is
 * not the question it answers, identity is: any chain is accepted, and nothing is sent after the handshake.
 * Immutable; {@link #at(String, int)} and {@link #within(Duration)} return new checks.
 *
 * <pre>{@code
 * Verification.of("www.example.com")                       // www.example.com:443, one attempt
 * Verification.of("www.example.com").at("10.0.0.8", 8443)   // the load balancer itself, SNI www.example.com
 * Verification.of("cdn.example.com").within(Duration.ofMinutes(10))   // CDN propagates slowly
 * }</pre>
 *
 * @param serverName the host name sent as SNI, e.g. {@code www.example.com}; not an IP address or a wildcard
 * @param host where to connect: a host name or an IP address
 * @param port the TCP port, 1 to 65535
 * @param within how long to keep trying until the expected certificate is served; zero: one attempt
 */
public record Verification(String serverName, String host, int port, Duration within) {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    /**
     * Checks the values.
     *
     * @param serverName the host name sent as SNI
     * @param host where to connect
     * @param port the TCP port
     * @param within how long to keep trying; zero for one attempt
     * @throws IllegalArgumentException when {@code serverName} is not a host name that SNI can carry, {@code host}
     *     is blank, {@code port} is outside 1 to 65535 or {@code within} is negative
     */
    public Verification {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(within, "within");
        if (IP_LITERAL.matcher(serverName).matches()) {
            throw new IllegalArgumentException("serverName must be a host name, not the address '" + serverName
                    + "': name the host and connect to the address with Verification.of(name).at(address, port)");
        }
        try {
            new SNIHostName(serverName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("serverName '" + serverName + "' is not a host name that SNI can "
                    + "carry; name one host, such as www.example.com", e);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
        if (within.isNegative()) {
            throw new IllegalArgumentException("within must not be negative, was " + within);
        }
    }

    /**
     * A check of {@code serverName} itself: connects to it on port 443, one attempt.
     *
     * @param serverName the host name to connect to and to send as SNI
     * @return the check
     * @throws IllegalArgumentException when {@code serverName} is not a host name that SNI can carry
     */
    public static Verification of(String serverName) {
        return new Verification(serverName, serverName, 443, Duration.ZERO);
    }

    /**
     * This check, connecting elsewhere: a load balancer's address, a test server. SNI stays {@link #serverName()}.
     *
     * @param host a host name or an IP address
     * @param port the TCP port, 1 to 65535
     * @return a new check
     * @throws IllegalArgumentException when {@code host} is blank or {@code port} is out of range
     */
    public Verification at(String host, int port) {
        return new Verification(serverName, host, port, within);
    }

    /**
     * This check, trying again until the expected certificate is served or {@code within} has passed.
     *
     * @param within how long to keep trying; zero for one attempt
     * @return a new check
     * @throws IllegalArgumentException when {@code within} is negative
     */
    public Verification within(Duration within) {
        return new Verification(serverName, host, port, within);
    }

    @Override
    public String toString() {
        return serverName + (host.equals(serverName) ? "" : " at " + host) + ":" + port
                + (within.isZero() ? "" : " within " + within);
    }
}
