package io.scmpush.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RotateTest {

    @Test
    @Timeout(60)
    void the_demo_renews_every_binding_verifies_it_over_tls_and_exits_0() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Rotate.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        String planned = out.substring(out.indexOf("3. "), out.indexOf("4. "));
        assertThat(planned.lines().filter(l -> l.contains(" serves "))).hasSize(5);
        String rotated = out.substring(out.indexOf("4. "));
        assertThat(rotated).containsPattern("elb +cn-north-4 +listener +\\S+ +BOUND")
                .containsPattern("elb +cn-north-4 +listener-sni +\\S+ +BOUND")
                .containsPattern("waf +cn-north-4 +host +\\S+ +BOUND")
                .containsPattern("waf +cn-north-4 +premium-host +\\S+ +BOUND")
                .containsPattern("cdn +- +domain +www.example.com +BOUND");
        assertThat(rotated.lines().filter(l -> l.contains("MATCHES"))).hasSize(5);
        assertThat(rotated).contains("The renewal is served everywhere.");
        assertThat(out).doesNotContain("PRIVATE KEY");
    }

    @Test
    void live_mode_without_a_target_says_what_to_add() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Rotate.run(new String[] {"--live", "--cert"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--cert needs a value");
    }
}
