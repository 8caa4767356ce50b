package io.scmpush.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.CloudServiceException;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import io.scmpush.testkit.TestProviderContext.EndpointRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The context a provider author connects a TargetClient with, against the emulator. */
class TestProviderContextTest {
    private static final String REGION = "cn-north-4";

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();

    @AfterEach
    void close() {
        cloud.close();
    }

    private TestProviderContext.Builder forTheCloud() {
        return TestProviderContext.builder(cloud.endpoint()).credentials(cloud.credentials())
                .projectId(REGION, cloud.projectId(REGION));
    }

    /** What a WAF provider would send: list the certificates of the region's project. */
    private static CloudHttp.Response listWafCertificates(TestProviderContext context) {
        String project = context.projectId(REGION);
        return context.http().send(CloudHttp.Request.builder("GET", context.endpoint("waf", REGION),
                "/v1/" + project + "/waf/certificate").projectId(project).build());
    }

    @Test
    void a_call_through_the_context_is_signed_with_its_credentials_and_reaches_the_cloud() {
        TestProviderContext context = forTheCloud().build();

        CloudHttp.Response response = listWafCertificates(context);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"total\":0");
        assertThat(context.credentials()).isEqualTo(cloud.credentials());
        assertThat(cloud.requests()).singleElement().satisfies(request -> assertThat(request.headers())
                .containsEntry("X-Project-Id", List.of(cloud.projectId(REGION))));
    }

    @Test
    void other_credentials_are_refused_by_the_cloud_so_the_context_really_signs_with_what_it_was_given() {
        TestProviderContext context = forTheCloud().credentials(Credentials.of("AK", "SK")).build();

        assertThatThrownBy(() -> listWafCertificates(context))
                .isInstanceOfSatisfying(CloudServiceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("APIG.0301");
                });
    }

    @Test
    void retries_follow_the_policy_without_sleeping_its_waits() {
        TestProviderContext context = forTheCloud()
                .retry(RetryPolicy.of(3, Duration.ofSeconds(30), Duration.ofSeconds(60))).build();
        cloud.throttleNext("waf", REGION);
        cloud.throttleNext("waf", REGION);
        long started = System.nanoTime();

        CloudHttp.Response response = listWafCertificates(context);

        assertThat(response.attempts()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void the_given_clock_is_the_one_the_transport_signs_with() {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        TestProviderContext context = forTheCloud().clock(anHourAgo).build();

        assertThat(context.clock()).isSameAs(anHourAgo);
        assertThatThrownBy(() -> listWafCertificates(context))
                .isInstanceOfSatisfying(CloudServiceException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void every_service_and_region_is_served_at_the_one_endpoint_and_each_request_is_recorded() {
        TestProviderContext context = forTheCloud().build();

        assertThat(context.endpoint("waf", REGION)).isEqualTo(cloud.endpoint());
        assertThat(context.endpoint("cdn", null)).isEqualTo(cloud.endpoint());
        assertThat(context.endpoint("waf", REGION)).isEqualTo(cloud.endpoint());

        assertThat(context.endpointRequests()).containsExactly(new EndpointRequest("waf", REGION),
                new EndpointRequest("cdn", null), new EndpointRequest("waf", REGION));
        assertThat(context.projectRequests()).isEmpty();
    }

    @Test
    void a_region_without_a_project_is_refused_with_no_project_and_says_how_to_add_one() {
        TestProviderContext context = forTheCloud().build();

        assertThatThrownBy(() -> context.projectId("ap-southeast-1"))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(OutcomeCodes.NO_PROJECT))
                .hasMessageContaining("projectId(\"ap-southeast-1\", id)");
        assertThat(context.projectId(REGION)).isEqualTo(cloud.projectId(REGION));
        assertThat(context.projectRequests()).containsExactly("ap-southeast-1", REGION);
    }

    @Test
    void a_request_timeout_that_is_not_positive_is_refused_when_built() {
        assertThatThrownBy(() -> forTheCloud().requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestTimeout");
    }
}
