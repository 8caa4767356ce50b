package io.scmpush.internal.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProjectResolverTest {
    static final String PROJECTS = "{\"projects\":[{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"cn-north-4\","
            + "\"domain_id\":\"d1\",\"enabled\":true}],\"links\":{}}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void a_configured_project_id_is_used_without_asking_iam() {
        ProjectResolver resolver = resolver(Map.of("cn-north-4", "configured-id"));

        assertThat(resolver.projectId("cn-north-4")).isEqualTo("configured-id");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void an_unknown_region_is_looked_up_on_iam_by_name_as_a_global_signed_call_and_cached() {
        wm.stubFor(get("/v3/projects?name=cn-north-4").willReturn(okJson(PROJECTS)));
        ProjectResolver resolver = resolver(Map.of());

        assertThat(resolver.projectId("cn-north-4")).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(resolver.projectId("cn-north-4")).isEqualTo("0123456789abcdef0123456789abcdef");

        wm.verify(1, getRequestedFor(urlEqualTo("/v3/projects?name=cn-north-4"))
                .withoutHeader("X-Project-Id").withHeader("X-Domain-Id", equalTo("dom-1")));
        HuaweiCloudHttpTest.assertSignedCorrectly(wm, "AK", "SK-secret");
    }

    @Test
    void concurrent_callers_for_one_region_share_one_lookup() throws Exception {
        wm.stubFor(get("/v3/projects?name=cn-north-4").willReturn(okJson(PROJECTS).withFixedDelay(300)));
        ProjectResolver resolver = resolver(Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(pool.submit(() -> {
                    start.await();
                    return resolver.projectId("cn-north-4");
                }));
            }
            start.countDown();
            for (Future<String> id : ids) {
                assertThat(id.get()).isEqualTo("0123456789abcdef0123456789abcdef");
            }
        } finally {
            pool.shutdownNow();
        }
        wm.verify(1, getRequestedFor(urlEqualTo("/v3/projects?name=cn-north-4")));
    }

    @Test
    void a_region_without_a_project_is_a_configuration_error_naming_the_region_and_is_not_cached() {
        wm.stubFor(get("/v3/projects?name=eu-west-0").willReturn(okJson("{\"projects\":[]}")));
        ProjectResolver resolver = resolver(Map.of());

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> resolver.projectId("eu-west-0"))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.code()).isEqualTo(OutcomeCodes.NO_PROJECT))
                    .hasMessageContaining("eu-west-0").hasMessageContaining("projectId(");
        }
        wm.verify(2, getRequestedFor(urlEqualTo("/v3/projects?name=eu-west-0")));
    }

    @Test
    void a_project_of_another_name_is_not_taken() {
        wm.stubFor(get("/v3/projects?name=cn-north-4").willReturn(
                okJson("{\"projects\":[{\"id\":\"sub\",\"name\":\"cn-north-4_sub\"}]}")));

        assertThatThrownBy(() -> resolver(Map.of()).projectId("cn-north-4"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.code()).isEqualTo(OutcomeCodes.NO_PROJECT));
    }

    @Test
    void two_projects_named_after_the_region_are_refused_rather_than_guessed() {
        wm.stubFor(get("/v3/projects?name=cn-north-4").willReturn(okJson("{\"projects\":["
                + "{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"cn-north-4\"},"
                + "{\"id\":\"fedcba9876543210fedcba9876543210\",\"name\":\"cn-north-4\"}]}")));

        assertThatThrownBy(() -> resolver(Map.of()).projectId("cn-north-4"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.code()).isEqualTo(OutcomeCodes.PROJECT_AMBIGUOUS))
                .hasMessageContaining("0123456789abcdef0123456789abcdef")
                .hasMessageContaining("fedcba9876543210fedcba9876543210")
                .hasMessageContaining("projectId(\"cn-north-4\"");
    }

    @Test
    void the_lookup_asks_the_regions_own_iam_endpoint() {
        wm.stubFor(get("/eu-iam/v3/projects?name=eu-west-101").willReturn(okJson(
                "{\"projects\":[{\"id\":\"0123456789abcdef0123456789abcdef\",\"name\":\"eu-west-101\"}]}")));
        Endpoints endpoints = new Endpoints(null, Map.of(),
                Map.of(new Endpoints.RegionKey("iam", "eu-west-101"), URI.create(wm.baseUrl() + "/eu-iam")), null, Map.of());
        HuaweiCloudHttp http = new HuaweiCloudHttp(Credentials.of("AK", "SK-secret"),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), RetryPolicy.none(),
                Duration.ofSeconds(5), Clock.systemUTC(), d -> { });

        assertThat(new ProjectResolver(http, endpoints, Map.of()).projectId("eu-west-101"))
                .isEqualTo("0123456789abcdef0123456789abcdef");
        wm.verify(1, getRequestedFor(urlEqualTo("/eu-iam/v3/projects?name=eu-west-101")));
    }

    @Test
    void a_malformed_region_is_refused_before_any_call() {
        assertThatThrownBy(() -> resolver(Map.of()).projectId("cn-north-4&name=x"))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT));
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void when_a_lookup_throws_an_error_the_callers_waiting_for_it_get_it_too_and_do_not_hang() throws Exception {
        CountDownLatch owning = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        int[] calls = {0};
        CloudHttp failing = request -> {
            calls[0]++;
            owning.countDown();
            try {
                fail.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("a provider bug");
        };
        ProjectResolver resolver = new ProjectResolver(failing,
                new Endpoints(null, Map.of(), Map.of(), URI.create(wm.baseUrl()), Map.of()), Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> owner = pool.submit(() -> resolver.projectId("cn-north-4"));
            owning.await();
            List<Thread> waiting = new ArrayList<>();
            Future<?> waiter = pool.submit(() -> {
                waiting.add(Thread.currentThread());
                return resolver.projectId("cn-north-4");
            });
            while (waiting.isEmpty() || waiting.get(0).getState() != Thread.State.WAITING) {
                Thread.onSpinWait(); // the waiter has joined the lookup in flight
            }
            fail.countDown();

            assertThatThrownBy(() -> owner.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AssertionError.class);
            assertThatThrownBy(() -> waiter.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(AssertionError.class);
            assertThat(calls[0]).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ProjectResolver resolver(Map<String, String> configured) {
        HuaweiCloudHttp http = new HuaweiCloudHttp(Credentials.of("AK", "SK-secret").withDomainId("dom-1"),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), RetryPolicy.none(),
                Duration.ofSeconds(5), Clock.systemUTC(), d -> { });
        Endpoints endpoints = new Endpoints(null, Map.of(), Map.of(), URI.create(wm.baseUrl()), Map.of());
        return new ProjectResolver(http, endpoints, configured);
    }
}
