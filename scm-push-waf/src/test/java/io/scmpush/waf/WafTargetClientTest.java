package io.scmpush.waf;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.scmpush.waf.WafStubs.PATH;
import static io.scmpush.waf.WafStubs.PROJECT;
import static io.scmpush.waf.WafStubs.REGION;
import static io.scmpush.waf.WafStubs.error;
import static io.scmpush.waf.WafStubs.list;
import static io.scmpush.waf.WafStubs.listPage;
import static io.scmpush.waf.WafStubs.show;
import static io.scmpush.waf.WafStubs.shown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.scmpush.Certificate;
import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.Credentials;
import io.scmpush.InvalidCertificateException;
import io.scmpush.PushTarget;
import io.scmpush.RetryPolicy;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.testkit.TestProviderContext;
import io.scmpush.waf.WafStubs.Listed;
import io.scmpush.waf.internal.WafProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider as the engine sees it: {@code connect(context)}, then inventory and push per region. */
class WafTargetClientTest {
    @RegisterExtension
    static final WireMockExtension waf = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .failOnUnmatchedRequests(true)
            .build();

    private final TestCertificates.Generated generated =
            TestCertificates.builder().domains("api.example.com").build();
    private final Certificate certificate = generated.toCertificate();
    private final TargetClient client = new WafProvider().connect(
            TestProviderContext.builder(URI.create(waf.baseUrl())).credentials(Credentials.of("AK", "SK"))
                    .projectId(REGION, PROJECT).retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5))
                    .build());

    @Test
    void the_descriptor_says_waf_is_regional_with_ten_regions_non_unique_names_and_a_required_key() {
        assertThat(new WafProvider().descriptor()).isEqualTo(
                ProviderDescriptor.builder("waf", Scope.REGIONAL).displayName("Huawei Cloud WAF").maxRegions(10)
                        .build());
    }

    @Test
    void the_inventory_keeps_exact_names_and_reads_a_body_only_where_the_expiry_matches_to_the_second() {
        Instant ours = certificate.notAfter();
        Certificate other = TestCertificates.builder().domains("api.example.com").build().toCertificate();
        String name = certificate.name();
        waf.stubFor(list(1, name, null).willReturn(listPage(5,
                new Listed("aaaa0000000000000000000000000001", name + "-old", ours),       // fuzzy match only
                new Listed("aaaa0000000000000000000000000002", name, ours.plusSeconds(86_400)), // another expiry
                new Listed("aaaa0000000000000000000000000003", name, ours.plusMillis(999)),  // same second: ours
                new Listed("aaaa0000000000000000000000000004", name, ours),                  // same name, other body
                new Listed("aaaa0000000000000000000000000005", name.toUpperCase(), ours)))); // names are case-sensitive
        waf.stubFor(show("aaaa0000000000000000000000000003", null)
                .willReturn(shown("aaaa0000000000000000000000000003", name, certificate.certificatePem())));
        waf.stubFor(show("aaaa0000000000000000000000000004", null)
                .willReturn(shown("aaaa0000000000000000000000000004", name, other.certificatePem())));

        TargetInventory inventory = client.inventory(certificate, Waf.inRegions(REGION), REGION);

        assertThat(inventory.serviceAvailable()).isTrue();
        assertThat(inventory.domains()).isEmpty();
        assertThat(inventory.certificates()).containsExactly(
                new RemoteCertificate("aaaa0000000000000000000000000002", name, null, ours.plusSeconds(86_400)),
                new RemoteCertificate("aaaa0000000000000000000000000003", name, certificate.fingerprint(),
                        ours.plusMillis(999)),
                new RemoteCertificate("aaaa0000000000000000000000000004", name, other.fingerprint(), ours));
        waf.verify(2, getRequestedFor(urlPathEqualTo(PATH))); // unbound and bound, the same ids read once
        waf.verify(0, getRequestedFor(urlPathEqualTo(PATH + "/aaaa0000000000000000000000000001")));
        waf.verify(0, getRequestedFor(urlPathEqualTo(PATH + "/aaaa0000000000000000000000000002")));
        waf.verify(0, getRequestedFor(urlPathEqualTo(PATH + "/aaaa0000000000000000000000000005")));
    }

    @Test
    void a_short_last_page_ends_the_listing_when_waf_omits_the_total() {
        waf.stubFor(list(1, certificate.name(), null).willReturn(listPage(0).withBody("{\"items\":[]}")));

        assertThat(client.inventory(certificate, Waf.inRegions(REGION), REGION).certificates()).isEmpty();
        waf.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void the_enterprise_project_scopes_the_body_reads_too() {
        String ep = "2b1e6a0c-3f4d-4e5a-9b8c-7d6e5f4a3b2c";
        String id = "bbbb0000000000000000000000000001";
        waf.stubFor(list(1, certificate.name(), ep)
                .willReturn(listPage(1, new Listed(id, certificate.name(), certificate.notAfter()))));
        waf.stubFor(show(id, ep).willReturn(shown(id, certificate.name(), certificate.certificatePem())));

        TargetInventory inventory = client.inventory(certificate,
                Waf.inRegions(REGION).withOption(Waf.ENTERPRISE_PROJECT_ID, ep), REGION);

        assertThat(inventory.certificates()).extracting(RemoteCertificate::fingerprint)
                .containsExactly(certificate.fingerprint());
    }

    @Test
    void a_region_without_a_waf_subscription_is_an_unavailable_inventory() {
        waf.stubFor(list(1, certificate.name(), null).willReturn(error(403, "WAF.00012005", "not.subscribe")));

        assertThat(client.inventory(certificate, Waf.inRegions(REGION), REGION))
                .isEqualTo(TargetInventory.unavailable());
    }

    @Test
    void a_ca_certificate_target_is_refused_before_any_call() {
        PushTarget ca = Waf.inRegions(REGION).withOption(PushTarget.CERTIFICATE_TYPE, "ca");

        assertThatThrownBy(() -> client.push(certificate, ca, REGION))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("certificate-type=ca")
                .extracting(e -> ((ConfigurationException) e).code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT);
    }

    @Test
    void a_blank_enterprise_project_is_refused_before_any_call() {
        PushTarget blank = Waf.inRegions(REGION).withOption(Waf.ENTERPRISE_PROJECT_ID, " ");

        assertThatThrownBy(() -> client.inventory(certificate, blank, REGION))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(Waf.ENTERPRISE_PROJECT_ID)
                .extracting(e -> ((ConfigurationException) e).code()).isEqualTo(ConfigurationCodes.INVALID_ARGUMENT);
    }

    @Test
    void a_certificate_without_its_key_is_refused_before_any_call() {
        Certificate keyless = Certificate.builder().certificatePem(generated.certificatePem()).build();

        assertThatThrownBy(() -> client.push(keyless, Waf.inRegions(REGION), REGION))
                .isInstanceOf(InvalidCertificateException.class)
                .hasMessageContaining("private key")
                .extracting(e -> ((InvalidCertificateException) e).code()).isEqualTo(RuleCodes.PRIVATE_KEY_REQUIRED);
    }
}
