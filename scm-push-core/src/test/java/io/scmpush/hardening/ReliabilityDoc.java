package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code docs/reliability.md}, held to the figures the tests establish. */
final class ReliabilityDoc {
    private static final Path DOC = Path.of("docs", "reliability.md");

    private ReliabilityDoc() {}

    /** Asserts that the document has each of {@code lines}, verbatim, as a line of its own. */
    static void assertHasLines(List<String> lines) {
        Path doc = path();
        try {
            assertThat(Files.readAllLines(doc, StandardCharsets.UTF_8)).as("%s must say what the tests show", doc)
                    .containsAll(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document in the repository: surefire runs a module's tests in the module's directory. */
    private static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DOC))) {
                return dir.resolve(DOC);
            }
        }
        throw new AssertionError("no " + DOC + " above " + Path.of("").toAbsolutePath());
    }
}
