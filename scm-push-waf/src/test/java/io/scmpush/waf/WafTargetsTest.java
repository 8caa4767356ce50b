package io.scmpush.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Waf's typed helpers refuse a bad argument at the call, as Cdn.domains() does. */
class WafTargetsTest {

    @Test
    void a_target_without_a_region_is_refused_at_the_call() {
        assertThatThrownBy(Waf::inRegions).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one region");
    }

    @Test
    void a_blank_or_null_region_is_refused_at_the_call() {
        assertThatThrownBy(() -> Waf.inRegions("cn-north-4", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Waf.inRegions("cn-north-4", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_target_names_its_regions_in_order() {
        assertThat(Waf.inRegions("cn-north-4", "ap-southeast-1").regions())
                .containsExactly("cn-north-4", "ap-southeast-1");
    }
}
