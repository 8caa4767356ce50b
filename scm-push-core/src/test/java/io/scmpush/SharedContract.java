package io.scmpush;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The team's shared contract folder ({@code ../shared}: signing vectors, certificate corpus), which lies
 * beside a developer's or CI's clone but not beside a user's. Tests that read it are skipped where it is
 * absent, except in CI ({@code CI=true}), where its absence is a failure.
 */
public final class SharedContract {
    private SharedContract() {}

    /** The file or folder {@code relative} inside the shared folder. */
    public static Path resolve(String relative) {
        Path path = Path.of(System.getProperty("scmpush.shared.dir", "../../shared")).resolve(relative);
        if (!Files.exists(path)) {
            String message = path.toAbsolutePath().normalize() + " is absent (system property scmpush.shared.dir)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            abort("skipped: " + message);
        }
        return path;
    }
}
