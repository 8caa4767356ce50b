package io.scmpush.spi;

import java.util.Objects;

/**
 * A kind of {@link io.scmpush.Binding} a {@link TargetClient} can make.
 *
 * @param kind the kind's name, as {@link io.scmpush.Binding#kind()} carries it, e.g. {@code listener}
 * @param caCertificate whether the place takes a CA certificate (a target with option
 *     {@code certificate-type=ca}), as a listener's client-CA reference does, rather than a server
 *     certificate
 * @param sni whether the place is a list from which the service picks a certificate by the client's server
 *     name (an SNI list): a certificate may join it only when no other entry serves one of its domains
 *     ({@code SNI_CONFLICT})
 */
public record BindingKind(String kind, boolean caCertificate, boolean sni) {

    /**
     * Checks the name.
     *
     * @param kind the kind's name, as {@link io.scmpush.Binding#kind()} carries it, e.g. {@code listener}
     * @param caCertificate whether the place takes a CA certificate (a target with option
     *     {@code certificate-type=ca}), as a listener's client-CA reference does, rather than a server
     *     certificate
     * @param sni whether the place is a list from which the service picks a certificate by the client's server
     *     name (an SNI list): a certificate may join it only when no other entry serves one of its domains
     *     ({@code SNI_CONFLICT})
     * @throws NullPointerException when kind is null
     * @throws IllegalArgumentException when it is blank, or when it is both a CA and an SNI kind
     */
    public BindingKind {
        if (Objects.requireNonNull(kind, "kind").isBlank()) {
            throw new IllegalArgumentException("kind must not be blank");
        }
        if (caCertificate && sni) {
            throw new IllegalArgumentException("an SNI list holds server certificates, not CA certificates");
        }
    }

    /**
     * A single place that takes a server certificate.
     *
     * @param kind the kind's name
     * @return the kind
     */
    public static BindingKind server(String kind) {
        return new BindingKind(kind, false, false);
    }

    /**
     * A single place that takes a CA certificate.
     *
     * @param kind the kind's name
     * @return the kind
     */
    public static BindingKind ca(String kind) {
        return new BindingKind(kind, true, false);
    }

    /**
     * A list of server certificates picked by server name.
     *
     * @param kind the kind's name
     * @return the kind
     */
    public static BindingKind sni(String kind) {
        return new BindingKind(kind, false, true);
    }
}
