package io.scmpush.scm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The times SCM answers with: the SDK types {@code not_before}, {@code not_after}, {@code issue_time} and
 * {@code expire_time} as strings without a format, empty when unknown; the documentation's example is
 * {@code 2021-05-27 16:46:25.0}. Each form read, and anything else an error that names the field.
 */
class ScmTimesTest {
    private static final Instant AT = Instant.parse("2021-05-27T16:46:25Z");

    private static Instant parse(String text) {
        return ScmTimes.parse("not_after", text, "scs1");
    }

    @Test
    void the_documented_form_is_read_as_utc_with_or_without_a_fraction() {
        assertThat(parse("2021-05-27 16:46:25.0")).isEqualTo(AT);
        assertThat(parse("2021-05-27 16:46:25")).isEqualTo(AT);
        assertThat(parse("2021-05-27 16:46:25.123")).isEqualTo(AT.plusMillis(123));
        assertThat(parse(" 2021-05-27 16:46:25.0 ")).isEqualTo(AT);
    }

    @Test
    void iso_8601_is_read_with_a_zone_an_offset_or_none() {
        assertThat(parse("2021-05-27T16:46:25Z")).isEqualTo(AT);
        assertThat(parse("2021-05-27T16:46:25.000Z")).isEqualTo(AT);
        assertThat(parse("2021-05-28T00:46:25+08:00")).isEqualTo(AT);
        assertThat(parse("2021-05-28T00:46:25+0800")).isEqualTo(AT);
        assertThat(parse("2021-05-27T16:46:25")).isEqualTo(AT);
    }

    @Test
    void epoch_milliseconds_and_seconds_are_read() {
        assertThat(parse(Long.toString(AT.toEpochMilli()))).isEqualTo(AT);
        assertThat(parse(Long.toString(AT.getEpochSecond()))).isEqualTo(AT);
    }

    @Test
    void an_empty_time_is_unknown() {
        assertThat(parse(null)).isNull();
        assertThat(parse("")).isNull();
        assertThat(parse("  ")).isNull();
        assertThat(parse("null")).isNull();
    }

    @Test
    void anything_else_is_malformed_naming_the_field_the_value_and_the_certificate() {
        for (String bad : new String[] {"27/05/2021", "2021-05-27", "2021-13-27 16:46:25", "tomorrow", "12345",
                "2021-05-27T16:46:25+25:00"}) {
            assertThatThrownBy(() -> ScmTimes.parse("expire_time", bad, "scs1554192131150")).as(bad)
                    .isInstanceOfSatisfying(CloudServiceException.class,
                            e -> assertThat(e.code()).isEqualTo(OutcomeCodes.MALFORMED_RESPONSE))
                    .hasMessageContaining("expire_time").hasMessageContaining(bad)
                    .hasMessageContaining("scs1554192131150");
        }
    }

    @Test
    void a_very_long_value_is_cut_in_the_message() {
        String long_ = "x".repeat(500);
        assertThatThrownBy(() -> parse(long_)).hasMessageNotContaining(long_).hasMessageContaining("...");
    }
}
