package io.scmpush.internal.engine;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.PushTarget;
import io.scmpush.Verification;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code RotationRequest} asks for.
 *
 * @param replacing the SHA-256 fingerprint of the one certificate to replace, lower case; null for every older
 *     one that shares a domain ({@code replacingOlder()})
 * @param across where to look, as the request names it
 * @param checks what to verify after re-pointing
 * @param timeout one deadline for the whole call; null for none
 * @param restorable replaced certificates with their keys, for places set by content (a CDN domain) to be set
 *     again by a rollback
 */
public record RotationSpec(Certificate replacement, @Nullable String replacing, List<PushTarget> across,
        List<Verification> checks, DuplicatePolicy policy, @Nullable Duration timeout, List<Certificate> restorable) {

    /** Copies the lists. */
    public RotationSpec {
        across = List.copyOf(across);
        checks = List.copyOf(checks);
        restorable = List.copyOf(restorable);
    }
}
