package io.scmpush.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import org.junit.jupiter.api.Test;

class PageGuardTest {

    @Test
    void a_listing_ends_when_the_service_says_so_or_a_page_is_empty() {
        assertThat(new PageGuard("L", 3).more(5, false)).isFalse();
        assertThat(new PageGuard("L", 3).more(0, true)).isFalse();
        assertThat(new PageGuard("L", 3).more(5, true)).isTrue();
        assertThat(new PageGuard("L", 3).nextMarker(5, null)).isNull();
        assertThat(new PageGuard("L", 3).nextMarker(5, "")).isNull();
        assertThat(new PageGuard("L", 3).nextMarker(0, "m-1")).isNull();
        assertThat(new PageGuard("L", 3).nextMarker(5, "m-1")).isEqualTo("m-1");
    }

    @Test
    void a_listing_that_would_go_past_its_cap_fails_too_many_pages_after_reading_the_cap() {
        PageGuard pages = new PageGuard("WAF ListCertificates in cn-north-4", 3);
        assertThat(pages.more(100, true)).isTrue();
        assertThat(pages.more(100, true)).isTrue();

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class, () -> pages.more(100, true));

        assertThat(e.code()).isEqualTo(OutcomeCodes.TOO_MANY_PAGES);
        assertThat(e.getMessage()).isEqualTo("WAF ListCertificates in cn-north-4: it did not end within 3 pages, "
                + "more than the service documents; stopped reading");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void the_last_page_of_a_listing_at_its_cap_is_no_failure() {
        PageGuard pages = new PageGuard("L", 2);
        assertThat(pages.more(100, true)).isTrue();
        assertThat(pages.more(7, false)).isFalse();
    }

    @Test
    void a_marker_given_twice_fails_pagination_loop_without_quoting_it() {
        PageGuard pages = new PageGuard("ELB list certificates in cn-north-4", 100);
        assertThat(pages.nextMarker(1, "secret-looking-marker")).isNotNull();
        assertThat(pages.nextMarker(1, "m-2")).isNotNull();

        CloudServiceException e = catchThrowableOfType(CloudServiceException.class,
                () -> pages.nextMarker(1, "secret-looking-marker"));

        assertThat(e.code()).isEqualTo(OutcomeCodes.PAGINATION_LOOP);
        assertThat(e.getMessage()).contains("page 3").doesNotContain("secret-looking-marker");
    }

    @Test
    void new_markers_without_end_fail_too_many_pages() {
        PageGuard pages = new PageGuard("L", 5);
        for (int i = 1; i < 5; i++) {
            assertThat(pages.nextMarker(1, "m-" + i)).isEqualTo("m-" + i);
        }

        assertThat(catchThrowableOfType(CloudServiceException.class, () -> pages.nextMarker(1, "m-5")).code())
                .isEqualTo(OutcomeCodes.TOO_MANY_PAGES);
    }
}
