package io.scmpush.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class JacksonVersionsTest {

    @Test
    void the_jackson_this_build_runs_on_passes() {
        assertThatCode(JacksonVersions::check).doesNotThrowAnyException();
    }

    @Test
    void the_floor_in_the_code_is_the_floor_the_build_tests() {
        assertThat(JacksonVersions.FLOOR).isEqualTo(System.getProperty("scmpush.jackson.floor"));
    }

    @Test
    void jackson_at_the_floor_or_newer_passes() {
        assertThat(JacksonVersions.problem("2.16.0", "2.16.0", "2.16.0")).isNull();
        assertThat(JacksonVersions.problem("2.21.8", "2.21.8", "2.21")).isNull();
        assertThat(JacksonVersions.problem("2.17.0-rc1", "2.17.0-rc1", "2.17.0-rc1")).isNull();
    }

    @Test
    void a_databind_below_the_floor_names_what_was_found_and_what_is_needed() {
        assertThat(JacksonVersions.problem("2.15.4", "2.15.4", "2.15.4")).isEqualTo(
                "scm-push needs Jackson 2.16.0 or later; found jackson-databind 2.15.4, jackson-core 2.15.4,"
                        + " jackson-annotations 2.15.4. Upgrade Jackson: import com.fasterxml.jackson:jackson-bom in"
                        + " your dependencyManagement so that jackson-databind, jackson-core and jackson-annotations"
                        + " share one version (2.16.0 or later)");
    }

    @Test
    void a_core_below_the_floor_under_a_new_databind_is_refused_too() {
        assertThat(JacksonVersions.problem("2.16.2", "2.15.4", "2.16.2")).startsWith("scm-push needs Jackson 2.16.0");
    }

    @Test
    void annotations_older_than_databind_is_a_mismatch_named_as_such() {
        assertThat(JacksonVersions.problem("2.21.8", "2.21.8", "2.20")).isEqualTo(
                "Jackson's parts do not match: jackson-annotations 2.20 is older than jackson-databind 2.21.8 needs"
                        + " (2.21 or later); found jackson-databind 2.21.8, jackson-core 2.21.8, jackson-annotations"
                        + " 2.20. import com.fasterxml.jackson:jackson-bom in your dependencyManagement so that"
                        + " jackson-databind, jackson-core and jackson-annotations share one version");
    }

    @Test
    void a_core_older_than_databind_is_a_mismatch() {
        assertThat(JacksonVersions.problem("2.21.8", "2.20.1", "2.21"))
                .startsWith("Jackson's parts do not match: jackson-core 2.20.1 is older than jackson-databind 2.21.8");
    }

    @Test
    void newer_core_and_annotations_than_databind_pass() {
        assertThat(JacksonVersions.problem("2.16.0", "2.21.8", "2.21")).isNull();
    }

    @Test
    void annotations_of_unknown_version_are_left_to_the_mapper_check() {
        assertThat(JacksonVersions.problem("2.21.8", "2.21.8", null)).isNull();
        assertThat(JacksonVersions.problem("2.15.4", "2.15.4", null)).contains("jackson-annotations of unknown version");
    }
}
