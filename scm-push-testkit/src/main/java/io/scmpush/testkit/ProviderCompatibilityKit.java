package io.scmpush.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PlannedAction;
import io.scmpush.PushListener;
import io.scmpush.PushPlan;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.testkit.internal.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every scm-push provider keeps, checked end to end: the provider is found by
 * {@link ServiceLoader}, built into an {@link ScmPush} and run against a fresh {@link FakeHuaweiCloud} in
 * each test. A provider module adds one subclass:
 *
 * <pre>{@code
 * class WafCompatibilityTest extends ProviderCompatibilityKit {
 *     @Override
 *     protected PushTarget target(String... regions) {
 *         return Waf.inRegions(regions);
 *     }
 * }
 * }</pre>
 *
 * <p>A global service (scope {@link Scope#GLOBAL}, CDN) is given no region, and the cases that need two
 * regions are skipped for it. The certificate covers {@link #DOMAINS}, which are acceleration domains of
 * the fake CDN account. A provider that cannot keep a case overrides it, annotated {@code @Test} and
 * {@code @Disabled("why")}, so that the gap stays visible in every test report. Subclasses may add their
 * own tests on {@link #cloud()}, {@link #scm()} and {@link #certificate()}.
 */
public abstract class ProviderCompatibilityKit {
    /** The region of single-region cases, and the first of two. */
    protected static final String REGION = "cn-north-4";
    /** The second region of two-region cases. */
    protected static final String OTHER_REGION = "ap-southeast-1";
    /** The certificate's DNS names; both are CDN acceleration domains of the fake account. */
    protected static final List<String> DOMAINS = List.of("www.scm-push.example", "api.scm-push.example");

    private static final RetryPolicy FAST_RETRY = RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofMillis(50));
    private static final String IAM_PATH = "/v3/projects";

    private @Nullable FakeHuaweiCloud cloud;
    private @Nullable ScmPush scm;
    private TestCertificates.@Nullable Generated generated;

    /** For subclasses: one per provider module. */
    protected ProviderCompatibilityKit() {}

    /**
     * The target of this provider's service.
     *
     * @param regions the regions to push to; none for a global service
     * @return a target of the provider under test, as its module's typed helper makes it
     */
    protected abstract PushTarget target(String... regions);

    /** Starts a fresh {@link FakeHuaweiCloud}, generates the certificate and builds {@link #scm()}. */
    @BeforeEach
    public final void startCloud() {
        cloud = FakeHuaweiCloud.start();
        DOMAINS.forEach(cloud::addCdnDomain);
        generated = TestCertificates.builder().domains(DOMAINS.toArray(String[]::new)).build();
        scm = scmPush(cloud.credentials(), new PushListener() {});
    }

    /** Closes {@link #scm()} and the emulator. */
    @AfterEach
    public final void stopCloud() {
        if (scm != null) {
            scm.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    /** {@return this test's emulator} */
    protected final FakeHuaweiCloud cloud() {
        return Objects.requireNonNull(cloud, "the kit starts the cloud before each test");
    }

    /** {@return this test's {@link ScmPush}: the fake's endpoint and credentials, discovered providers, fast retries} */
    protected final ScmPush scm() {
        return Objects.requireNonNull(scm, "the kit builds ScmPush before each test");
    }

    /** {@return the certificate pushed: RSA 2048 with its key, for {@link #DOMAINS}, generated for each test} */
    protected final Certificate certificate() {
        return Objects.requireNonNull(generated, "the kit generates the certificate before each test").toCertificate();
    }

    /** The provider is found by {@link ServiceLoader} and connected by {@link ScmPush}. */
    @Test
    public void the_provider_is_discovered_and_connected() {
        assertTrue(scm().services().contains(service()),
                "ScmPush connected " + scm().services() + " but not " + service() + ": register the provider in "
                        + "META-INF/services/io.scmpush.spi.PushProvider and with 'provides' in module-info");
    }

    /** A push stores the certificate in every region of the target, each outcome {@code PUSHED} with the
     * remote id. */
    @Test
    public void a_push_puts_the_certificate_in_every_target() {
        Certificate certificate = certificate();
        List<String> regions = regions(2);

        PushResult result = scm().push(certificate).to(target(regions)).execute();

        assertTrue(result.succeeded(), () -> "expected every target PUSHED: " + result.outcomes());
        for (String region : regionsOrGlobal(regions)) {
            TargetOutcome outcome = outcome(result, region);
            assertEquals(OutcomeStatus.PUSHED, outcome.status(), outcome::toString);
            assertNull(outcome.code(), outcome::toString);
            assertNotNull(outcome.remoteId(), () -> "a pushed target names the remote certificate: " + outcome);
            assertTrue(outcome.attempts() >= 1, outcome::toString);
            assertHolds(region, certificate);
        }
    }

    /** {@code plan()} reads the target and plans {@code CREATE}, without writing anything. */
    @Test
    public void a_plan_reads_but_writes_nothing() {
        PushPlan plan = scm().push(certificate()).to(target(regions(1))).plan();

        assertTrue(plan.allowed(), () -> "expected a plan to create: " + plan.actions());
        assertTrue(plan.actions().stream().allMatch(a -> a.action() == PlannedAction.Action.CREATE),
                () -> plan.actions().toString());
        assertEquals(List.of(), writes(cloud().requests()), "a plan must not write");
        assertEquals(List.of(), cloud().certificates(service(), region()));
    }

    /** Pushing the same certificate again with {@link DuplicatePolicy#FAIL} is {@code REJECTED}
     * {@code ALREADY_PUSHED}, and nothing is written. */
    @Test
    public void a_second_push_with_fail_is_rejected_as_already_pushed() {
        Certificate certificate = certificate();
        PushTarget target = target(regions(1));
        assertEquals(OutcomeStatus.PUSHED, outcome(scm().push(certificate).to(target).execute(), region()).status());
        List<RemoteCertificate> before = cloud().certificates(service(), region());

        TargetOutcome second = outcome(scm().push(certificate).to(target).onDuplicate(DuplicatePolicy.FAIL).execute(),
                region());

        assertEquals(OutcomeStatus.REJECTED, second.status(), second::toString);
        assertEquals(RuleCodes.ALREADY_PUSHED, second.code(), second::toString);
        assertEquals(before, cloud().certificates(service(), region()), "a rejected push must not write");
    }

    /** Pushing the same certificate again with {@link DuplicatePolicy#SKIP} is {@code ALREADY_PRESENT}, and
     * nothing is written. */
    @Test
    public void a_second_push_with_skip_writes_nothing() {
        Certificate certificate = certificate();
        PushTarget target = target(regions(1));
        scm().push(certificate).to(target).execute();
        int writesBefore = writes(cloud().requests()).size();
        List<RemoteCertificate> before = cloud().certificates(service(), region());

        TargetOutcome second = outcome(scm().push(certificate).to(target).onDuplicate(DuplicatePolicy.SKIP).execute(),
                region());

        assertEquals(OutcomeStatus.ALREADY_PRESENT, second.status(), second::toString);
        assertEquals(RuleCodes.ALREADY_PUSHED, second.code(), second::toString);
        assertEquals(writesBefore, writes(cloud().requests()).size(), "SKIP must not write again");
        assertEquals(before, cloud().certificates(service(), region()));
    }

    /** A target whose service is not enabled is {@code REJECTED} {@code SERVICE_UNAVAILABLE}, and nothing is
     * written. */
    @Test
    public void a_disabled_service_is_rejected_as_unavailable() {
        cloud().disableService(service(), region());

        TargetOutcome outcome = outcome(scm().push(certificate()).to(target(regions(1))).execute(), region());

        assertEquals(OutcomeStatus.REJECTED, outcome.status(), outcome::toString);
        assertEquals(RuleCodes.SERVICE_UNAVAILABLE, outcome.code(), outcome::toString);
        assertEquals(List.of(), writes(cloud().requests()), "nothing is written to a disabled service");
    }

    /** A throttled read is sent again, and the push still succeeds. */
    @Test
    public void a_throttled_read_is_retried_and_the_push_succeeds() {
        cloud().throttleNext(service(), region());

        TargetOutcome outcome = outcome(scm().push(certificate()).to(target(regions(1))).execute(), region());

        assertEquals(OutcomeStatus.PUSHED, outcome.status(), outcome::toString);
        assertFirstRequestResent(serviceRequests(cloud().requests()), outcome);
        assertHolds(region(), certificate());
    }

    /** A throttled write is sent again, and the push still succeeds with one remote copy. */
    @Test
    public void a_throttled_write_is_retried_and_the_push_succeeds() {
        AtomicInteger plannedAt = new AtomicInteger(-1);
        try (ScmPush throttledAfterPlan = scmPush(cloud().credentials(), new PushListener() {
            @Override
            public void onPlanned(PushPlan plan) {
                plannedAt.set(cloud().requests().size());
                cloud().throttleNext(service(), region());
            }
        })) {
            TargetOutcome outcome = outcome(throttledAfterPlan.push(certificate()).to(target(regions(1))).execute(),
                    region());

            assertEquals(OutcomeStatus.PUSHED, outcome.status(), outcome::toString);
            List<FakeHuaweiCloud.RecordedRequest> all = cloud().requests();
            assertFirstRequestResent(serviceRequests(all.subList(plannedAt.get(), all.size())), outcome);
            assertHolds(region(), certificate());
        }
    }

    /** A request refused as unauthenticated ends {@code FAILED} {@code AUTH_FAILED} and is never sent again. */
    @Test
    public void an_authentication_failure_fails_without_retry() {
        Credentials wrong = Credentials.of(cloud().credentials().accessKey(), "not-the-secret-key")
                .withDomainId(cloud().credentials().domainId().orElseThrow());
        try (ScmPush withWrongKey = scmPush(wrong, new PushListener() {})) {
            TargetOutcome outcome = outcome(withWrongKey.push(certificate()).to(target(regions(1))).execute(),
                    region());

            assertEquals(OutcomeStatus.FAILED, outcome.status(), outcome::toString);
            assertEquals(OutcomeCodes.AUTH_FAILED, outcome.code(), outcome::toString);
            List<FakeHuaweiCloud.RecordedRequest> requests = cloud().requests();
            assertFalse(requests.isEmpty(), "the failure must come from the service");
            assertEquals(requests.stream().map(ProviderCompatibilityKit::identity).distinct().count(),
                    requests.size(), () -> "a request refused as unauthenticated must not be sent again: "
                            + requests);
            assertEquals(List.of(), writes(requests));
        }
    }

    /** A server error ends {@code FAILED} with the service's own code, a message and the request id. */
    @Test
    public void a_server_error_fails_the_target_with_the_services_code() {
        cloud().failNext(service(), region(), 500);

        TargetOutcome outcome = outcome(scm().push(certificate()).to(target(regions(1))).execute(), region());

        assertEquals(OutcomeStatus.FAILED, outcome.status(), outcome::toString);
        assertNotNull(outcome.code(), outcome::toString);
        assertNotEquals(OutcomeCodes.PROVIDER_ERROR, outcome.code(),
                () -> "a service error must surface as the service's code, not as a provider crash: " + outcome);
        assertFalse(outcome.message().isBlank(), outcome::toString);
        assertNotNull(outcome.requestId(), () -> "the service's request id is kept for support: " + outcome);
    }

    /** A failure in one region leaves the other region pushed (skipped for a global service). */
    @Test
    public void a_failure_in_one_region_leaves_the_other_region_pushed() {
        Assumptions.assumeFalse(global(), () -> service() + " is a global service: there is no other region");
        cloud().failNext(service(), REGION, 500);

        PushResult result = scm().push(certificate()).to(target(REGION, OTHER_REGION)).execute();

        assertEquals(OutcomeStatus.FAILED, outcome(result, REGION).status(), result.outcomes()::toString);
        assertEquals(OutcomeStatus.PUSHED, outcome(result, OTHER_REGION).status(), result.outcomes()::toString);
        assertHolds(OTHER_REGION, certificate());
        assertEquals(List.of(), cloud().certificates(service(), REGION));
    }

    /** Neither the private key nor the secret key appears in outcomes, results, history or {@code toString()}. */
    @Test
    public void secrets_never_appear_in_outcomes_results_or_history() {
        Certificate certificate = certificate();
        String key = Objects.requireNonNull(generated).privateKeyPem();
        cloud().failNext(service(), region(), 500);
        PushResult failed = scm().push(certificate).to(target(regions(1))).execute();
        PushResult pushed = scm().push(certificate).to(target(regions(1))).execute();

        List<String> shown = new ArrayList<>();
        for (PushResult result : List.of(failed, pushed)) {
            shown.add(result.toString());
            result.outcomes().forEach(o -> shown.add(o.toString() + o.message()));
        }
        scm().history().latest(certificate.fingerprint()).forEach(r -> shown.add(r.toString() + r.message()));
        shown.add(certificate.toString());
        shown.add(scm().toString());
        List<String> secrets = new ArrayList<>(Arrays.asList(key.split("\n")));
        secrets.removeIf(line -> line.isBlank() || line.startsWith("-----"));
        secrets.add("PRIVATE KEY");
        secrets.add(Account.SECRET_KEY);
        for (String text : shown) {
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    fail("a secret shows in: " + text.replace(secret, "<secret>"));
                }
            }
        }
    }

    // ---- helpers ----

    /**
     * Within one {@code ScmPush}, pushes of one certificate to one place never race: one write, one
     * {@code PUSHED}, the others {@code ALREADY_PRESENT}.
     *
     * @throws InterruptedException if the test is interrupted
     */
    @Test
    public void eight_concurrent_pushes_of_one_certificate_leave_one_copy_one_pushed_and_the_rest_already_present()
            throws InterruptedException {
        Certificate certificate = certificate();
        cloud().latency(Duration.ofMillis(20)); // widen the window in which the pushes overlap
        List<TargetOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> pushers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread pusher = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                outcomes.add(outcome(scm().push(certificate).to(target(regions(1))).onDuplicate(DuplicatePolicy.SKIP)
                        .execute(), region()));
            });
            pusher.start();
            pushers.add(pusher);
        }
        go.countDown();
        for (Thread pusher : pushers) {
            pusher.join(30_000);
        }

        assertEquals(8, outcomes.size(), outcomes::toString);
        assertEquals(1, outcomes.stream().filter(o -> o.status() == OutcomeStatus.PUSHED).count(),
                outcomes::toString);
        assertEquals(7, outcomes.stream().filter(o -> o.status() == OutcomeStatus.ALREADY_PRESENT).count(),
                outcomes::toString);
        assertEquals(1, writes(serviceRequests(cloud().requests())).size(),
                () -> "one write for eight pushes of one certificate: " + writes(cloud().requests()));
        assertHolds(region(), certificate);
    }

    /** Credentials from a supplier are asked for each request: a rotation applies without a new {@code ScmPush}. */
    @Test
    public void credentials_from_a_supplier_are_asked_for_each_request_so_a_rotation_applies_without_a_new_scm_push() {
        Certificate certificate = certificate();
        Credentials good = cloud().credentials();
        java.util.concurrent.atomic.AtomicReference<Credentials> current =
                new java.util.concurrent.atomic.AtomicReference<>(Credentials.of(good.accessKey(), "a-revoked-key"));
        try (ScmPush rotating = ScmPush.builder().endpoint(cloud().endpoint()).credentials(current::get)
                .retry(FAST_RETRY).build()) {
            PushResult refused = rotating.push(certificate).to(target(regions(1))).execute();
            current.set(good);
            PushResult pushed = rotating.push(certificate).to(target(regions(1))).execute();

            assertEquals(OutcomeCodes.AUTH_FAILED, outcome(refused, region()).code(), refused.outcomes()::toString);
            assertEquals(OutcomeStatus.PUSHED, outcome(pushed, region()).status(), pushed.outcomes()::toString);
            assertHolds(region(), certificate);
        }
    }

    /** The builder's clock is the rules' "now" only: requests are signed with the system clock. */
    @Test
    public void the_rules_clock_is_not_the_signing_clock() {
        Certificate certificate = certificate();
        // An hour ahead: requests signed with it would be refused (API Gateway allows 15 minutes).
        try (ScmPush ahead = ScmPush.builder().endpoint(cloud().endpoint()).credentials(cloud().credentials())
                .retry(FAST_RETRY).clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(1)))
                .build()) {
            PushResult result = ahead.push(certificate).to(target(regions(1))).execute();

            assertTrue(result.succeeded(), () -> "signed with the system clock: " + result.outcomes());
        }
    }

    private ScmPush scmPush(Credentials credentials, PushListener listener) {
        return ScmPush.builder().endpoint(cloud().endpoint()).credentials(credentials).retry(FAST_RETRY)
                .listener(listener).build();
    }

    private String service() {
        return target().service();
    }

    private boolean global() {
        return descriptorScope() == Scope.GLOBAL;
    }

    private Scope descriptorScope() {
        for (PushProvider provider : ServiceLoader.load(PushProvider.class)) {
            if (provider.descriptor().service().equals(service())) {
                return provider.descriptor().scope();
            }
        }
        throw new AssertionError("no provider for '" + service() + "' is registered in "
                + "META-INF/services/io.scmpush.spi.PushProvider");
    }

    /** The first {@code count} regions of the kit, none for a global service. */
    private List<String> regions(int count) {
        return global() ? List.of() : List.of(REGION, OTHER_REGION).subList(0, count);
    }

    private PushTarget target(List<String> regions) {
        return target(regions.toArray(String[]::new));
    }

    /** The single-region cases' region, null for a global service. */
    private @Nullable String region() {
        return global() ? null : REGION;
    }

    private static List<@Nullable String> regionsOrGlobal(List<String> regions) {
        List<@Nullable String> all = new ArrayList<>(regions);
        if (all.isEmpty()) {
            all.add(null);
        }
        return all;
    }

    private TargetOutcome outcome(PushResult result, @Nullable String region) {
        return result.outcome(service(), region).orElseThrow(() -> new AssertionError(
                "no outcome for " + service() + "/" + region + " in " + result.outcomes()));
    }

    private void assertHolds(@Nullable String region, Certificate certificate) {
        List<RemoteCertificate> held = cloud().certificates(service(), region);
        assertTrue(held.stream().anyMatch(c -> certificate.fingerprint().equals(c.fingerprint())
                && certificate.name().equals(c.name())),
                () -> service() + "/" + region + " should hold " + certificate.name() + " (" + certificate.fingerprint()
                        + "), holds " + held);
    }

    /**
     * The first request to the service after a throttle was answered 429 and sent again as is; when it
     * was the write, the outcome counts both attempts.
     */
    private static void assertFirstRequestResent(List<FakeHuaweiCloud.RecordedRequest> requests,
            TargetOutcome outcome) {
        assertTrue(requests.size() >= 2, () -> "expected the throttled request and its retry: " + requests);
        assertEquals(identity(requests.get(0)), identity(requests.get(1)),
                () -> "the throttled request must be retried as is: " + requests);
        if (!requests.get(0).method().equals("GET")) {
            assertTrue(outcome.attempts() >= 2, () -> "a retried write counts its attempts: " + outcome);
        }
    }

    /** What makes a request the same request again: the signature's date differs between attempts. */
    private static String identity(FakeHuaweiCloud.RecordedRequest r) {
        return r.method() + " " + r.path() + "?" + r.query() + "\n" + r.body();
    }

    /** The requests to the service itself, IAM's project look-ups left out. */
    private static List<FakeHuaweiCloud.RecordedRequest> serviceRequests(List<FakeHuaweiCloud.RecordedRequest> all) {
        return all.stream().filter(r -> !r.path().startsWith(IAM_PATH)).toList();
    }

    private static List<FakeHuaweiCloud.RecordedRequest> writes(List<FakeHuaweiCloud.RecordedRequest> all) {
        return all.stream().filter(r -> !r.method().equals("GET")).toList();
    }
}
