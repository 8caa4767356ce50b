package io.scmpush.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomProviderTest {

    @Test
    void the_directory_plugin_is_discovered_and_written_beside_waf(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = CustomProvider.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        assertThat(out).contains("directory").containsPattern("directory +- +PUSHED")
                .containsPattern("waf +cn-north-4 +PUSHED");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .hasSize(2)
                    .anyMatch(n -> n.endsWith(".crt"))
                    .anyMatch(n -> n.endsWith(".key"));
        }
    }
}
