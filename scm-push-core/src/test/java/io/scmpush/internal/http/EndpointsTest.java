package io.scmpush.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest {

    @Test
    void default_hosts_follow_the_official_sdk() {
        Endpoints endpoints = Endpoints.defaults();

        assertThat(endpoints.endpoint("waf", "cn-north-4")).isEqualTo(URI.create("https://waf.cn-north-4.myhuaweicloud.com"));
        assertThat(endpoints.endpoint("elb", "ap-southeast-1"))
                .isEqualTo(URI.create("https://elb.ap-southeast-1.myhuaweicloud.com"));
        assertThat(endpoints.endpoint("waf", "cn-north-9")).isEqualTo(URI.create("https://waf.cn-north-9.myhuaweicloud.cn"));
        assertThat(endpoints.endpoint("elb", "cn-north-9")).isEqualTo(URI.create("https://elb.cn-north-9.myhuaweicloud.com"));
        assertThat(endpoints.endpoint("cdn", null)).isEqualTo(URI.create("https://cdn.myhuaweicloud.com"));
        assertThat(endpoints.iam()).isEqualTo(URI.create("https://iam.myhuaweicloud.com"));
    }

    @Test
    void a_per_region_override_beats_per_service_which_beats_the_environment_which_beats_the_one_for_all() {
        Endpoints endpoints = new Endpoints(URI.create("http://127.0.0.1:9000"),
                Map.of("elb", URI.create("https://elb.proxy.example")),
                Map.of(new Endpoints.RegionKey("elb", "cn-north-4"), URI.create("https://elb-n4.proxy.example")),
                null,
                Map.of("HUAWEICLOUD_SDK_REGION_ELB_CN_EAST_3", "https://elb-env.example",
                        "HUAWEICLOUD_SDK_REGION_WAF_CN_EAST_3", "https://waf-env.example"));

        assertThat(endpoints.endpoint("elb", "cn-north-4")).isEqualTo(URI.create("https://elb-n4.proxy.example"));
        assertThat(endpoints.endpoint("elb", "cn-east-3")).isEqualTo(URI.create("https://elb.proxy.example"));
        assertThat(endpoints.endpoint("waf", "cn-east-3")).isEqualTo(URI.create("https://waf-env.example"));
        assertThat(endpoints.endpoint("waf", "cn-north-4")).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(endpoints.endpoint("cdn", null)).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(endpoints.iam()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void the_environment_variable_takes_the_first_of_several_comma_separated_endpoints() {
        Endpoints endpoints = new Endpoints(null, Map.of(), Map.of(), null,
                Map.of("HUAWEICLOUD_SDK_REGION_WAF_AP_SOUTHEAST_1", " https://a.example , https://b.example"));

        assertThat(endpoints.endpoint("waf", "ap-southeast-1")).isEqualTo(URI.create("https://a.example"));
    }

    @Test
    void an_endpoint_asked_for_again_is_the_same_and_past_the_remembered_ones_still_right() {
        Endpoints endpoints = Endpoints.defaults();

        assertThat(endpoints.endpoint("waf", "cn-north-4")).isSameAs(endpoints.endpoint("waf", "cn-north-4"));
        assertThat(endpoints.endpoint("cdn", null)).isSameAs(endpoints.endpoint("cdn", null));
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 1_500; i++) {
                assertThat(endpoints.endpoint("elb", "region-" + i))
                        .isEqualTo(URI.create("https://elb.region-" + i + ".myhuaweicloud.com"));
            }
        }
    }

    @Test
    void a_malformed_id_is_refused_every_time_it_is_asked_for() {
        Endpoints endpoints = Endpoints.defaults();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> endpoints.endpoint("waf", "CN_NORTH_4")).isInstanceOfSatisfying(
                    ConfigurationException.class, e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT));
        }
    }

    @Test
    void iam_is_regional_where_the_official_sdk_has_a_regional_endpoint_and_the_eu_site_is_dot_eu() {
        Endpoints endpoints = Endpoints.defaults();

        assertThat(endpoints.iam("cn-north-4")).isEqualTo(URI.create("https://iam.cn-north-4.myhuaweicloud.com"));
        assertThat(endpoints.iam("tr-west-1")).isEqualTo(URI.create("https://iam.tr-west-1.myhuaweicloud.com"));
        assertThat(endpoints.iam("cn-north-12")).isEqualTo(URI.create("https://iam.cn-north-12.myhuaweicloud.com"));
        assertThat(endpoints.iam("eu-west-101")).isEqualTo(URI.create("https://iam.eu-west-101.myhuaweicloud.eu"));
        assertThat(endpoints.iam("cn-north-11")).as("not in iam_endpoints.json")
                .isEqualTo(URI.create("https://iam.myhuaweicloud.com"));
        assertThat(endpoints.iam(null)).isEqualTo(URI.create("https://iam.myhuaweicloud.com"));
        assertThat(endpoints.endpoint("cdn", "eu-west-101")).isEqualTo(URI.create("https://cdn.myhuaweicloud.eu"));
        assertThat(endpoints.endpoint("cdn", "ap-southeast-1")).isEqualTo(URI.create("https://cdn.myhuaweicloud.com"));
    }

    @Test
    void a_configured_or_environment_iam_endpoint_serves_every_region_and_an_iam_override_its_region() {
        Map<String, String> env = Map.of("HUAWEICLOUD_SDK_IAM_ENDPOINT", "https://iam.env.example");
        URI perRegion = URI.create("https://iam-eu.proxy.example");
        Endpoints overridden = new Endpoints(null, Map.of(),
                Map.of(new Endpoints.RegionKey("iam", "eu-west-101"), perRegion), null, Map.of());

        assertThat(new Endpoints(null, Map.of(), Map.of(), null, env).iam("eu-west-101"))
                .isEqualTo(URI.create("https://iam.env.example"));
        assertThat(overridden.iam("eu-west-101")).isEqualTo(perRegion);
        assertThat(overridden.iam("cn-north-4")).isEqualTo(URI.create("https://iam.cn-north-4.myhuaweicloud.com"));
    }

    @Test
    void iam_is_the_iam_override_else_the_environment_else_the_one_for_all() {
        Map<String, String> env = Map.of("HUAWEICLOUD_SDK_IAM_ENDPOINT", "https://iam.env.example");
        URI all = URI.create("https://all.example");

        assertThat(new Endpoints(all, Map.of(), Map.of(), URI.create("https://iam.mine.example/"), env).iam())
                .isEqualTo(URI.create("https://iam.mine.example"));
        assertThat(new Endpoints(all, Map.of(), Map.of(), null, env).iam()).isEqualTo(URI.create("https://iam.env.example"));
        assertThat(new Endpoints(all, Map.of(), Map.of(), null, Map.of()).iam()).isEqualTo(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.3.2.1", "http://localhost:1", "http://[::1]:8080",
            "http://LOCALHOST"})
    void plain_http_is_accepted_on_loopback(String uri) {
        assertThat(new Endpoints(URI.create(uri), Map.of(), Map.of(), null, Map.of()).endpoint("waf", "cn-north-4"))
                .isEqualTo(URI.create(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://waf.cn-north-4.myhuaweicloud.com", "http://10.0.0.1", "http://128.0.0.1",
            "http://localhost.example.com", "http://127.0.0.1.example.com", "http://[::2]"})
    void plain_http_to_a_remote_host_is_refused_wherever_it_is_configured(String uri) {
        URI insecure = URI.create(uri);
        assertInsecure(() -> new Endpoints(insecure, Map.of(), Map.of(), null, Map.of()));
        assertInsecure(() -> new Endpoints(null, Map.of("waf", insecure), Map.of(), null, Map.of()));
        assertInsecure(() -> new Endpoints(null, Map.of(),
                Map.of(new Endpoints.RegionKey("waf", "cn-north-4"), insecure), null, Map.of()));
        assertInsecure(() -> new Endpoints(null, Map.of(), Map.of(), insecure, Map.of()));
        assertInsecure(() -> new Endpoints(null, Map.of(), Map.of(), null,
                Map.of("HUAWEICLOUD_SDK_IAM_ENDPOINT", uri)));
        Endpoints fromEnv = new Endpoints(null, Map.of(), Map.of(), null,
                Map.of("HUAWEICLOUD_SDK_REGION_WAF_CN_NORTH_4", uri));
        assertInsecure(() -> fromEnv.endpoint("waf", "cn-north-4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN-NORTH-4", "cn_north_4", "cn-north-4/..", "", "cn north"})
    void a_malformed_region_id_is_an_invalid_argument(String region) {
        assertThatThrownBy(() -> Endpoints.defaults().endpoint("waf", region))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT))
                .hasMessageContaining("region");
    }

    @Test
    void an_endpoint_that_is_not_a_base_uri_is_an_invalid_argument() {
        assertThatThrownBy(() -> new Endpoints(URI.create("ftp://x.example"), Map.of(), Map.of(), null, Map.of()))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT));
        assertThatThrownBy(() -> new Endpoints(URI.create("https://x.example/?a=b"), Map.of(), Map.of(), null, Map.of()))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT));
    }

    private static void assertInsecure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INSECURE_ENDPOINT)).hasMessageContaining("https://");
    }
}
