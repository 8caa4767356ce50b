package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TargetOutcomeTest {

    @Test
    void to_string_names_the_request_id_once() {
        TargetOutcome failed = new TargetOutcome("waf", "cn-north-4", OutcomeStatus.FAILED, null, "WAF.00014002",
                "Not found (POST https://waf.example/v1/p/waf/certificate: HTTP 404, request id r-42)", "r-42", 1,
                Duration.ZERO);
        TargetOutcome pushed = new TargetOutcome("elb", "cn-north-4", OutcomeStatus.PUSHED, "c-1", null,
                "Pushed as 'www'", "r-43", 1, Duration.ZERO);

        assertThat(failed.toString()).isEqualTo("waf/cn-north-4 FAILED [WAF.00014002]: Not found (POST "
                + "https://waf.example/v1/p/waf/certificate: HTTP 404, request id r-42)");
        assertThat(pushed.toString()).isEqualTo("elb/cn-north-4 PUSHED id=c-1: Pushed as 'www' (request r-43)");
    }
}
