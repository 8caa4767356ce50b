package io.scmpush.elb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Elb's typed helpers refuse a bad argument at the call, as Cdn.domains() does. */
class ElbTargetsTest {

    @Test
    void a_target_without_a_region_is_refused_at_the_call() {
        assertThatThrownBy(Elb::inRegions).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one region");
    }

    @Test
    void a_blank_or_null_region_is_refused_at_the_call() {
        assertThatThrownBy(() -> Elb.inRegions("cn-north-4", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Elb.inRegions("cn-north-4", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_ca_target_without_a_region_is_refused_at_the_call() {
        assertThatThrownBy(Elb::caCertificateInRegions).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_target_names_its_regions_in_order() {
        assertThat(Elb.inRegions("cn-north-4", "ap-southeast-1").regions())
                .containsExactly("cn-north-4", "ap-southeast-1");
    }
}
