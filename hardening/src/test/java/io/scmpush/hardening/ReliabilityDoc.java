package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code docs/reliability.md}: the tests write what they observed beside it and hold it to the same lines. */
final class ReliabilityDoc {
    private static final Path DOC = Path.of("docs", "reliability.md");

    private ReliabilityDoc() {}

    /** Asserts that the document has each of {@code lines}, verbatim, as a line of its own. */
    static void assertHasLines(List<String> lines) {
        List<String> doc = read();
        assertThat(doc).as("%s must show what the tests observed (see target/reliability-*.md)", path())
                .containsAll(lines);
    }

    /** Writes {@code text} to {@code target/name}, where a reader (or CI) can compare it with the document. */
    static void writeObserved(String name, String text) {
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read() {
        try {
            return Files.readAllLines(path(), StandardCharsets.UTF_8);
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
