package io.scmpush.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A certificate a service already holds.
 *
 * @param id the service's id of it (CDN, which has none: its name)
 * @param name the name it is held under
 * @param fingerprint SHA-256 of the leaf DER in lowercase hex; null where the service does not return the body
 * @param notAfter its expiry, where known
 */
public record RemoteCertificate(String id, String name, @Nullable String fingerprint, @Nullable Instant notAfter) {}
