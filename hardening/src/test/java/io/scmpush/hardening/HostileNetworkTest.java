package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.internal.http.CredentialSecrets;
import io.scmpush.testkit.ChaosProxy;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@link ChaosProxy} between the SDK and {@link FakeHuaweiCloud} spoils the answer to each provider's
 * inventory read: every push still ends, with a typed outcome, and writes nothing. The request timeout is
 * 300 ms; each test bounds itself well above what three such attempts take.
 */
class HostileNetworkTest {
    static final String REGION = "cn-north-4";
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);
    /** The transport's documented cap on one answer. */
    static final String TOKEN = "hostile-session-token-Zq9L0pVx7RmN2kYt5WcB8d3e";
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    @RegisterExtension
    static final SecretsWatch secrets = new SecretsWatch();

    /**
     * A provider, its target, the request line of its inventory read, and how many other listings matching it
     * the provider reads a first page of together with the first (WAF: host=true; CDN: the HTTPS settings).
     */
    record Service(String name, PushTarget target, String inventoryRead, int listedAlongside) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Service> services() {
        return Stream.of(new Service("waf", Waf.inRegions(REGION), "GET [^ ]+/waf/certificate", 1),
                new Service("elb", Elb.inRegions(REGION), "GET [^ ]+/elb/certificates", 0),
                new Service("cdn", Cdn.matchingDomains(), "GET [^ ]+/cdn/domains", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(10)
    void a_dripped_body_ends_the_target_failed_timeout_and_writes_nothing(Service service) {
        TargetOutcome outcome = pushThrough(service, ChaosProxy.Fault.dripBody(Duration.ofMillis(100)));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        assertThat(outcome.message()).contains("no complete response within 300 ms");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(20)
    void an_endless_body_ends_the_target_failed_response_too_large_after_reading_at_most_the_cap(Service service) {
        ChaosProxy[] used = new ChaosProxy[1];
        // A timeout long enough that the cap, not the clock, ends the read, also on a loaded machine.
        TargetOutcome outcome = pushThrough(service, ChaosProxy.Fault.endlessBody(), used, Duration.ofSeconds(8));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.RESPONSE_TOO_LARGE);
        assertThat(outcome.attempts()).isZero();
        // The body was given up: the proxy's writes ended. What it wrote is the cap plus what the kernel buffered
        // for the dropped connection (loopback receive buffers grow to 32 MiB on Linux), never an endless amount.
        // The heap holds at most the cap: BoundedExchangeTest pins that.
        assertThat(used[0].bytesSent()).isLessThan(MAX_RESPONSE_BYTES + 48L * 1024 * 1024);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(10)
    void an_answer_that_never_comes_ends_the_target_failed_timeout(Service service) {
        TargetOutcome outcome = pushThrough(service, ChaosProxy.Fault.stall());

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.TIMEOUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(10)
    void a_reset_connection_ends_the_target_failed_io_error(Service service) {
        // A reset needs no short timeout: 5 s, so that a loaded machine's slow attempt is not a TIMEOUT instead.
        TargetOutcome outcome = pushThrough(service, ChaosProxy.Fault.reset(), new ChaosProxy[1], Duration.ofSeconds(5));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.IO_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(20)
    void a_listing_that_never_ends_fails_the_target_too_many_pages_after_100_pages(Service service) {
        AtomicInteger page = new AtomicInteger();
        ChaosProxy[] used = new ChaosProxy[1];
        // Every page holds one item of another certificate and promises more: a new marker, a huge total.
        // Pages answer at once; a generous timeout keeps a slow machine from retrying one (101 requests).
        TargetOutcome outcome = pushThrough(service, ChaosProxy.Fault.respond(200,
                Map.of("Content-Type", "application/json"), line -> endlessPage(page.incrementAndGet())), used,
                Duration.ofSeconds(5));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.TOO_MANY_PAGES);
        assertThat(outcome.message()).contains("did not end within 100 pages");
        assertThat(used[0].requestLines().stream().filter(line -> line.matches(service.inventoryRead() + ".*")))
                .hasSize(100 + service.listedAlongside());
    }

    @Test
    @Timeout(10)
    void an_elb_listing_whose_marker_comes_back_fails_the_target_pagination_loop() {
        Service elb = services().filter(service -> service.name().equals("elb")).findFirst().orElseThrow();
        AtomicInteger page = new AtomicInteger();
        TargetOutcome outcome = pushThrough(elb, ChaosProxy.Fault.respond(200,
                Map.of("Content-Type", "application/json"), line -> endlessPage(page.incrementAndGet() % 3)));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(OutcomeCodes.PAGINATION_LOOP);
        assertThat(page).hasValue(4);
    }

    /** A page of each listing (WAF, ELB, CDN domains and HTTPS settings) with one item and the promise of more. */
    static String endlessPage(int n) {
        String other = "other-" + n;
        return "{\"items\":[{\"id\":\"" + other + "\",\"name\":\"" + other + "\"}],\"total\":1000000000,"
                + "\"certificates\":[{\"id\":\"" + other + "\",\"name\":\"" + other + "\"}],"
                + "\"page_info\":{\"next_marker\":\"m-" + n + "\",\"current_count\":1},"
                + "\"domains\":[{\"domain_name\":\"" + other + ".example.org\",\"domain_status\":\"online\"}],"
                + "\"https\":[{\"domain_name\":\"" + other + ".example.org\",\"cert_name\":\"" + other + "\"}]}";
    }

    private static TargetOutcome pushThrough(Service service, ChaosProxy.Fault fault) {
        return pushThrough(service, fault, new ChaosProxy[1]);
    }

    private static TargetOutcome pushThrough(Service service, ChaosProxy.Fault fault, ChaosProxy[] used) {
        return pushThrough(service, fault, used, REQUEST_TIMEOUT);
    }

    /** Pushes a fresh certificate to the service through a proxy that applies {@code fault} to its inventory read. */
    private static TargetOutcome pushThrough(Service service, ChaosProxy.Fault fault, ChaosProxy[] used,
            Duration requestTimeout) {
        Certificate certificate = TestCertificates.builder().ec().domains("shop.example.com").build().toCertificate();
        secrets.privateKeyOf(certificate);
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ChaosProxy proxy = ChaosProxy.start(cloud.endpoint())) {
            used[0] = proxy;
            cloud.addCdnDomain("shop.example.com");
            proxy.inject(service.inventoryRead(), fault);
            PushResult result;
            try (ScmPush scm = ScmPush.builder().credentials(temporaryCredentialsOf(cloud)).endpoint(proxy.endpoint())
                    .retry(FaultMatrixTest.RETRY).requestTimeout(requestTimeout).build()) {
                result = scm.push(certificate).to(service.target()).execute();
            }
            secrets.show(result);
            assertThat(cloud.certificates(service.name(), service.name().equals("cdn") ? null : REGION))
                    .as("nothing was written").isEmpty();
            return result.outcomes().get(0);
        }
    }

    /** The emulator's key pair with a session token, both watched for. */
    static Credentials temporaryCredentialsOf(FakeHuaweiCloud cloud) {
        return temporaryCredentialsOf(cloud, secrets);
    }

    /** The emulator's key pair with a session token, both watched for by {@code secrets}. */
    static Credentials temporaryCredentialsOf(FakeHuaweiCloud cloud, SecretsWatch secrets) {
        Credentials account = cloud.credentials();
        String secretKey = CredentialSecrets.secretKey(account);
        secrets.secret("the secret key", secretKey);
        secrets.secret("the security token", TOKEN);
        return Credentials.temporary(account.accessKey(), secretKey, TOKEN).withDomainId(account.domainId().orElseThrow());
    }
}
