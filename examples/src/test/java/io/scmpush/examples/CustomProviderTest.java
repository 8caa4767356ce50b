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
    void the_directory_plugin_is_discovered_written_beside_waf_and_its_current_link_bound(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = CustomProvider.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        assertThat(out).contains("directory").containsPattern("directory +- +PUSHED")
                .containsPattern("waf +cn-north-4 +PUSHED");
        assertThat(out).containsPattern("directory .*current.pem BOUND");
        Path crt;
        try (Stream<Path> files = Files.list(dir)) {
            crt = files.filter(p -> p.toString().endsWith(".crt")).findFirst().orElseThrow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(crt.getFileName().toString(),
                            crt.getFileName().toString().replace(".crt", ".key"), "current.pem", "current.key");
        }
        assertThat(Files.isSymbolicLink(dir.resolve("current.pem"))).isTrue();
        assertThat(dir.resolve("current.pem").toRealPath()).isEqualTo(crt.toRealPath());
        assertThat(dir.resolve("current.key").toRealPath().getFileName().toString())
                .isEqualTo(crt.getFileName().toString().replace(".crt", ".key"));
    }
}
