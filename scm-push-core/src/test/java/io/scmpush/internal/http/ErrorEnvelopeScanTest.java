package io.scmpush.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.quicktheories.core.Gen;
import org.junit.jupiter.params.provider.ValueSource;

/** The scan of a 2xx body skips its parser only where the parser could find nothing. */
class ErrorEnvelopeScanTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"items\":[],\"total\":0}",
            "{\"id\":\"c1\",\"name\":\"n\",\"content\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"}",
            "{\"request_id\":\"r-1\",\"certificate\":{\"id\":\"c1\"}}",
            "{\"request_id\":\"\",\"certificate\":{\"request_id\":\"nested\"}}",
            "{\"error_code\":\"CDN.0001\",\"error_msg\":\"bad\"}",
            "{\"error_code\":\"\"}",
            "{\"error\":{\"code\":\"X\",\"message\":\"m\"}}",
            "{\"error\":\"a string, not an object\"}",
            "{\"\\u0065rror_code\":\"CDN.0001\"}",
            "{\"request\\u005fid\":\"escaped\"}",
            "{\"result\":[{\"error_code\":\"nested\"}],\"status\":\"success\"}",
            "[{\"error_code\":\"in an array\"}]",
            "{\"note\":\"an error in a value\",\"request_id\":7}",
            "not json at all",
            "",
            "{\"truncated\":"})
    void it_finds_what_the_parser_finds(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertThat(ErrorEnvelope.scan(bytes)).isEqualTo(ErrorEnvelope.parseTopLevel(bytes));
    }

    @Test
    void it_finds_what_the_parser_finds_in_bodies_made_of_fragments() {
        qt().withExamples(2_000).forAll(bodies()).checkAssert(body -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

            assertThat(ErrorEnvelope.scan(bytes)).isEqualTo(ErrorEnvelope.parseTopLevel(bytes));
        });
    }

    @Test
    void a_body_without_the_names_or_an_escape_is_not_parsed() {
        qt().withExamples(500).forAll(plainBodies())
                .checkAssert(body -> assertThat(ErrorEnvelope.mayName(body.getBytes(StandardCharsets.UTF_8))).isFalse());
    }

    private static Gen<String> bodies() {
        List<String> fragments = List.of("{", "}", "[", "]", ",", ":", "\"", "\"error_code\"", "\"error\"",
                "\"request_id\"", "\"code\"", "\"message\"", "\"x\"", "\"\"", "null", "7", "true", "\\u0065",
                "\\u005f", "\"\\u0065rror_code\"", "error", "request_id", "{\"error\":{\"code\":\"C\"}}",
                "{\"request_id\":\"r\"}", "{\"error_code\":\"E\"}", " ", "\\");
        return lists().of(arbitrary().pick(fragments)).ofSizeBetween(0, 12).map(parts -> String.join("", parts));
    }

    private static Gen<String> plainBodies() {
        List<Character> chars = "{}[],:\"0123456789 abcdrstuvwxyz_".chars().mapToObj(c -> (char) c).toList();
        return lists().of(arbitrary().pick(chars)).ofSizeBetween(0, 60)
                .map(list -> list.stream().map(String::valueOf).collect(Collectors.joining()))
                .assuming(s -> !s.contains("error") && !s.contains("request_id"));
    }
}
