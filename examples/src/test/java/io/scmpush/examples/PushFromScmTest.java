package io.scmpush.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PushFromScmTest {

    @Test
    @Timeout(20)
    void the_example_lists_exports_pushes_and_pushes_natively_against_the_emulator() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = PushFromScm.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        assertThat(out).contains("shop.example.com").doesNotContain("blog.example.com")
                .containsPattern("own-csr.example.com.*your own CSR")
                .containsPattern("waf +cn-north-4 +PUSHED").containsPattern("elb +cn-north-4 +PUSHED")
                .containsPattern("waf +ap-southeast-1 +PUSHED")
                .doesNotContain("PRIVATE KEY");
    }
}
