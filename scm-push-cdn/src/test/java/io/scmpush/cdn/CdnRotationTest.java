package io.scmpush.cdn;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.scmpush.cdn.CdnStubs.CONFIG_HTTPS;
import static io.scmpush.cdn.CdnStubs.HTTPS_INFO;
import static io.scmpush.cdn.CdnStubs.configHttpsBody;
import static io.scmpush.cdn.CdnStubs.configHttpsResult;
import static io.scmpush.cdn.CdnStubs.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.RetryPolicy;
import io.scmpush.RotationResult;
import io.scmpush.ScmPush;
import io.scmpush.cdn.internal.CdnProvider;
import io.scmpush.testkit.TestCertificates;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rotating a CDN domain and rolling it back, against WireMock playing CDN's state: the domain's certificate
 * listing answers what the last {@code UpdateDomainMultiCertificates} set. CDN sets a certificate by content,
 * so the way back is the replaced certificate's content and key, under the name the domain had.
 */
@Timeout(20)
class CdnRotationTest {
    @RegisterExtension
    static final WireMockExtension wiremock =
            WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOMAIN = "www.example.com";
    /** The name the old certificate has in CDN: set by another tool, not {@code OLD.name()}. */
    private static final String OLD_NAME = "www-2025-renewal";
    private static final Certificate OLD = TestCertificates.builder().ec().domains(DOMAIN)
            .validity(Duration.ofDays(30)).build().toCertificate();
    private static final Certificate RENEWED = TestCertificates.builder().ec().domains(DOMAIN)
            .validity(Duration.ofDays(90)).build().toCertificate();
    private static final String STATE = "cdn domain";
    private static final String RENEWED_STATE = "serves the renewal";
    private static final String OLD_AGAIN = "serves the old certificate again";

    private final CdnStubs cdn = new CdnStubs(wiremock);
    private ScmPush scm;

    @BeforeEach
    void connect() {
        scm = ScmPush.builder().discoverProviders(false).provider(new CdnProvider())
                .endpoint(URI.create(wiremock.baseUrl()))
                .credentials(Credentials.of("AK", "SK").withDomainId(CdnStubs.DOMAIN_ID))
                .retry(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5)).build();
        cdn.onlineDomains(DOMAIN);
        serves(Scenario.STARTED, OLD_NAME, OLD);
        serves(RENEWED_STATE, RENEWED.name(), RENEWED);
        serves(OLD_AGAIN, OLD_NAME, OLD);
        wiremock.stubFor(signed(put(urlPathEqualTo(CONFIG_HTTPS))).inScenario(STATE)
                .whenScenarioStateIs(Scenario.STARTED).withQueryParam("enterprise_project_id", absent())
                .withRequestBody(equalToJson(configHttpsBody(RENEWED, DOMAIN)))
                .willReturn(okJson(configHttpsResult(DOMAIN, Map.of()))).willSetStateTo(RENEWED_STATE));
    }

    @AfterEach
    void close() {
        scm.close();
        assertThat(wiremock.findAllUnmatchedRequests()).as("requests of a shape CDN does not accept").isEmpty();
    }

    /** In this state, the listing shows the domain with this certificate: its name, body and expiry. */
    private void serves(String state, String name, Certificate certificate) {
        ObjectNode item = CdnStubs.binding(DOMAIN, name, certificate.notAfter().toEpochMilli())
                .put("certificate", certificate.certificatePem());
        ObjectNode body = JSON.createObjectNode().put("total", 1);
        body.putArray("https").add(item);
        wiremock.stubFor(CdnStubs.page(HTTPS_INFO, 1).inScenario(STATE).whenScenarioStateIs(state)
                .willReturn(okJson(body.toString())));
    }

    /** The exact write that puts the old certificate back: its content and key, under the name it had. */
    private static String restoringBody() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(configHttpsBody(OLD, DOMAIN));
        ((ObjectNode) body.get("https")).put("cert_name", OLD_NAME);
        return body.toString();
    }

    @Test
    void a_rollback_sets_the_replaced_certificate_given_to_rollback_with_again_under_its_old_name() throws Exception {
        wiremock.stubFor(signed(put(urlPathEqualTo(CONFIG_HTTPS))).inScenario(STATE)
                .whenScenarioStateIs(RENEWED_STATE).withQueryParam("enterprise_project_id", absent())
                .withRequestBody(equalToJson(restoringBody()))
                .willReturn(okJson(configHttpsResult(DOMAIN, Map.of())).withHeader("X-Request-Id", "r-back"))
                .willSetStateTo(OLD_AGAIN));
        RotationResult rotation = scm.rotate(RENEWED).across(Cdn.matchingDomains()).rollbackWith(OLD).execute();
        assertThat(rotation.succeeded()).as(rotation.toString()).isTrue();
        assertThat(rotation.bindings()).singleElement().satisfies(b -> {
            assertThat(b.binding()).isEqualTo(Cdn.domain(DOMAIN));
            assertThat(b.previousCertificateId()).isEqualTo(OLD_NAME);
        });

        RotationResult back = rotation.rollback();

        assertThat(back.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.certificateId()).isEqualTo(OLD_NAME);
            assertThat(b.previousCertificateId()).isEqualTo(RENEWED.name());
            assertThat(b.requestId()).isEqualTo("r-back");
        });
        wiremock.verify(2, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void without_the_replaced_certificate_a_rollback_writes_nothing_and_says_what_to_do() {
        RotationResult rotation = scm.rotate(RENEWED).across(Cdn.matchingDomains()).execute();
        assertThat(rotation.succeeded()).as(rotation.toString()).isTrue();

        RotationResult back = rotation.rollback();

        assertThat(back.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.FAILED);
            assertThat(b.code()).isEqualTo(OutcomeCodes.ROLLBACK_NEEDS_CERTIFICATE);
            assertThat(b.message()).contains(DOMAIN, OLD_NAME, "rollbackWith(", "it still serves " + RENEWED.name());
        });
        assertThat(back.succeeded()).isFalse();
        wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }

    @Test
    void a_certificate_given_to_rollback_with_that_was_not_replaced_is_not_used() {
        Certificate unrelated = TestCertificates.builder().ec().domains(DOMAIN).validity(Duration.ofDays(10)).build()
                .toCertificate();
        RotationResult rotation = scm.rotate(RENEWED).across(Cdn.matchingDomains()).rollbackWith(unrelated)
                .execute();

        assertThat(rotation.rollback().bindings()).extracting(BindingOutcome::code)
                .containsExactly(OutcomeCodes.ROLLBACK_NEEDS_CERTIFICATE);
        wiremock.verify(1, putRequestedFor(urlPathEqualTo(CONFIG_HTTPS)));
    }
}
