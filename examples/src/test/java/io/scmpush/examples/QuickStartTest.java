package io.scmpush.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void the_demo_pushes_to_every_target_of_the_emulator_and_exits_0() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = QuickStart.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        String firstPush = out.substring(out.indexOf("1. "), out.indexOf("2. "));
        assertThat(firstPush).containsPattern("waf +cn-north-4 +PUSHED")
                .containsPattern("waf +ap-southeast-1 +PUSHED")
                .containsPattern("elb +cn-north-4 +PUSHED")
                .containsPattern("elb +ap-southeast-1 +PUSHED")
                .containsPattern("cdn +- +PUSHED");
        assertThat(out.substring(out.indexOf("2. "), out.indexOf("3. "))).contains("CREATE");
        assertThat(out.substring(out.indexOf("3. "), out.indexOf("4. "))).containsPattern("REJECTED +MANUAL_CSR");
        String repeated = out.substring(out.indexOf("4. "), out.indexOf("5. "));
        assertThat(repeated).containsPattern("REJECTED +ALREADY_PUSHED").containsPattern("ALREADY_PRESENT +ALREADY_PUSHED");
        assertThat(out).doesNotContain("PRIVATE KEY");
    }

    @Test
    void live_mode_without_a_target_says_what_to_add() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = QuickStart.run(new String[] {"--live", "--cert"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--cert needs a value");
    }
}
