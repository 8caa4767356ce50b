package io.scmpush.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PlannedAction;
import io.scmpush.PushPlan;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.rules.RuleCodes;
import io.scmpush.rules.RuleEngine;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import io.scmpush.testkit.internal.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The contract every scm-push provider keeps, checked end to end through {@link ScmPush}: an abstract JUnit
 * Jupiter test that a provider's test module extends once. The subclass names the provider, the backend it
 * writes into and how its targets are made:
 *
 * <pre>{@code
 * class WafCompatibilityTest extends ProviderCompatibilityKit {
 *     protected PushProvider provider() { return ProviderCompatibilityKit.discovered("waf"); }
 *     protected CompatibilityBackend createBackend() { return HuaweiCloudBackend.start(); }
 *     protected PushTarget target(String... regions) { return Waf.inRegions(regions); }
 * }
 * }</pre>
 *
 * <p>Before each case the kit creates a fresh backend, generates a certificate for {@link #DOMAINS} and
 * builds an {@link ScmPush} with the provider registered explicitly (discovery off), configured by the
 * backend. The cases are grouped in {@link Nested} suites: {@link Inventory}, {@link Push},
 * {@link AmbiguousFailure}, {@link Concurrency}, {@link Errors} and {@link Bindings}, plus
 * {@link HuaweiCloudTransport} for a {@link HuaweiCloudBackend}. A global provider ({@link Scope#GLOBAL}) is
 * given no region, and the cases that need two regions are skipped for it. A case that needs a fault the
 * backend cannot inject is skipped, and says why.
 *
 * <p>A provider that cannot keep a case opts out of it by name in {@link #optOuts()}, with the reason: the
 * case is then reported as skipped with that reason, so the gap stays visible in every test report.
 * Subclasses may add their own cases on {@link #scm()}, {@link #backend()} and {@link #certificate()}.
 *
 * <p>The kit needs JUnit Jupiter 5 on the test class path (the test kit declares it {@code provided}).
 */
public abstract class ProviderCompatibilityKit {
    /** The region of single-region cases, and the first of two. */
    protected static final String REGION = "cn-north-4";
    /** The second region of two-region cases. */
    protected static final String OTHER_REGION = "ap-southeast-1";
    /** The certificate's DNS names: {@link CompatibilityBackend#DOMAINS}. */
    protected static final List<String> DOMAINS = CompatibilityBackend.DOMAINS;

    private static final RetryPolicy FAST_RETRY = RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofMillis(50));
    private static final long WAIT_SECONDS = 30;

    private @Nullable CompatibilityBackend backend;
    private @Nullable ScmPush scm;
    private @Nullable KitProvider kitProvider;
    private TestCertificates.@Nullable Generated generated;

    /** For subclasses: one per provider. */
    protected ProviderCompatibilityKit() {}

    /**
     * The provider under test; called before each case, after {@link #createBackend()}, so that a provider
     * that writes into an in-process backend can be given {@link #backend()}.
     *
     * @return a new or shared instance of the provider
     */
    protected abstract PushProvider provider();

    /**
     * A fresh backend for one case: the service the provider writes into, as the kit observes it. Closed by
     * the kit after the case.
     *
     * @return {@link HuaweiCloudBackend#start()} for a Huawei Cloud service; the plugin's own otherwise
     */
    protected abstract CompatibilityBackend createBackend();

    /**
     * A target of the provider's service.
     *
     * @param regions the regions to push to; none for a global service
     * @return a target of the provider under test, as its typed helper makes it
     */
    protected abstract PushTarget target(String... regions);

    /**
     * The cases this provider does not keep, by method name, each with the reason; they are reported as
     * skipped with it. Default: none.
     *
     * @return case name to reason
     */
    protected Map<String, String> optOuts() {
        return Map.of();
    }

    /**
     * The provider of a service, found by {@link ServiceLoader} as {@code ScmPush} finds it: for a
     * subclass's {@link #provider()} when the provider class is not public API.
     *
     * @param service the service id, such as {@code waf}
     * @return the registered provider of that service
     * @throws AssertionError when none is registered
     */
    public static PushProvider discovered(String service) {
        for (PushProvider provider : ServiceLoader.load(PushProvider.class)) {
            if (provider.descriptor().service().equals(service)) {
                return provider;
            }
        }
        throw new AssertionError("no provider for '" + service + "' is registered in "
                + "META-INF/services/io.scmpush.spi.PushProvider (or with 'provides' in module-info)");
    }

    /**
     * Creates the backend, generates the certificate and builds {@link #scm()}; skips a case named in
     * {@link #optOuts()}.
     *
     * @param test the case about to run
     */
    @BeforeEach
    public final void setUpKit(TestInfo test) {
        String name = test.getTestMethod().map(m -> m.getName()).orElse("");
        String reason = optOuts().get(name);
        Assumptions.assumeTrue(reason == null, () -> "opted out: " + reason);
        backend = Objects.requireNonNull(createBackend(), "createBackend()");
        kitProvider = new KitProvider(Objects.requireNonNull(provider(), "provider()"));
        generated = TestCertificates.builder().domains(DOMAINS.toArray(String[]::new)).build();
        scm = build(b -> backend().configure(b));
    }

    /** Closes {@link #scm()} and the backend. */
    @AfterEach
    public final void tearDownKit() {
        try {
            if (scm != null) {
                scm.close();
            }
        } finally {
            if (backend != null) {
                backend.close();
            }
        }
    }

    /** {@return this case's {@link ScmPush}: the provider alone, configured by the backend, fast retries} */
    protected final ScmPush scm() {
        return Objects.requireNonNull(scm, "the kit builds ScmPush before each case");
    }

    /** {@return this case's backend, as {@link #createBackend()} made it} */
    protected final CompatibilityBackend backend() {
        return Objects.requireNonNull(backend, "the kit creates the backend before each case");
    }

    /** {@return the certificate pushed: RSA 2048 with its key, for {@link #DOMAINS}, generated for each case} */
    protected final Certificate certificate() {
        return generated().toCertificate();
    }

    /** Reading what a target holds writes nothing. */
    @Nested
    public class Inventory {
        /** For JUnit. */
        public Inventory() {}

        /** {@code plan()} reads the target and plans {@code CREATE}, without writing anything. */
        @Test
        public void a_plan_reads_but_writes_nothing() {
            long before = backend().writes();

            PushPlan plan = scm().push(certificate()).to(target(regions(1))).plan();

            assertTrue(plan.allowed(), () -> "expected a plan to create: " + plan.actions());
            assertTrue(plan.actions().stream().allMatch(a -> a.action() == PlannedAction.Action.CREATE),
                    () -> plan.actions().toString());
            assertEquals(before, backend().writes(), "a plan must not write");
            assertEquals(List.of(), held(region()));
        }

        /**
         * The client's {@code inventory}, called directly and from several threads at once, writes nothing and
         * finds no copy of a certificate never pushed.
         *
         * @throws InterruptedException if the test is interrupted
         */
        @Test
        public void inventory_called_directly_and_concurrently_writes_nothing() throws InterruptedException {
            Certificate certificate = certificate();
            PushTarget target = target(regions(1));
            long before = backend().writes();

            List<TargetInventory> read = concurrently(4, i -> kitProvider().client().inventory(certificate, target,
                    region()));

            assertEquals(before, backend().writes(), "inventory must not write");
            for (TargetInventory inventory : read) {
                assertTrue(inventory.certificates().stream()
                        .noneMatch(c -> certificate.fingerprint().equals(c.fingerprint())), inventory::toString);
            }
        }

        /** Reading a target that holds the certificate finds it, and writes nothing. */
        @Test
        public void reading_a_target_that_holds_the_certificate_finds_it_and_writes_nothing() {
            Certificate certificate = certificate();
            assertEquals(OutcomeStatus.PUSHED, outcome(scm().push(certificate).to(target(regions(1))).execute(),
                    region()).status());
            long before = backend().writes();

            PushPlan plan = scm().push(certificate).to(target(regions(1))).onDuplicate(DuplicatePolicy.SKIP).plan();

            assertEquals(List.of(PlannedAction.Action.SKIP_PRESENT),
                    plan.actions().stream().map(PlannedAction::action).toList(), plan.actions()::toString);
            assertEquals(before, backend().writes(), "reading must not write");
        }

        /** A target whose service is not enabled is {@code REJECTED} {@code SERVICE_UNAVAILABLE}; nothing is
         * written. */
        @Test
        public void a_disabled_service_is_rejected_as_unavailable() {
            assumeInjected(backend().disableService(service(), region()), "disable the service");
            long before = backend().writes();

            TargetOutcome outcome = outcome(scm().push(certificate()).to(target(regions(1))).execute(), region());

            assertEquals(OutcomeStatus.REJECTED, outcome.status(), outcome::toString);
            assertEquals(RuleCodes.SERVICE_UNAVAILABLE, outcome.code(), outcome::toString);
            assertEquals(before, backend().writes(), "nothing is written to a disabled service");
        }
    }

    /** A push stores one copy, and a second push of it writes nothing. */
    @Nested
    public class Push {
        /** For JUnit. */
        public Push() {}

        /** A push stores the certificate in every region of the target, each outcome {@code PUSHED}. */
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
                assertEquals(1, copies(region, certificate), () -> "one copy in " + region + ": " + held(region));
            }
        }

        /** Pushing again with {@link DuplicatePolicy#FAIL} is {@code REJECTED} {@code ALREADY_PUSHED}, and
         * nothing is written. */
        @Test
        public void a_second_push_with_fail_is_rejected_as_already_pushed() {
            Certificate certificate = certificate();
            PushTarget target = target(regions(1));
            assertEquals(OutcomeStatus.PUSHED, outcome(scm().push(certificate).to(target).execute(), region()).status());
            long before = backend().writes();

            TargetOutcome second = outcome(scm().push(certificate).to(target).onDuplicate(DuplicatePolicy.FAIL)
                    .execute(), region());

            assertEquals(OutcomeStatus.REJECTED, second.status(), second::toString);
            assertEquals(RuleCodes.ALREADY_PUSHED, second.code(), second::toString);
            assertFalse(second.message().contains(RuleCodes.ALREADY_PUSHED), () -> "the message does not repeat "
                    + "the code: " + second.message());
            assertEquals(before, backend().writes(), "a rejected push must not write");
        }

        /** Pushing again with {@link DuplicatePolicy#SKIP} is {@code ALREADY_PRESENT} with the copy's id, and
         * nothing is written. */
        @Test
        public void a_second_push_with_skip_writes_nothing() {
            Certificate certificate = certificate();
            PushTarget target = target(regions(1));
            TargetOutcome first = outcome(scm().push(certificate).to(target).execute(), region());
            long before = backend().writes();

            TargetOutcome second = outcome(scm().push(certificate).to(target).onDuplicate(DuplicatePolicy.SKIP)
                    .execute(), region());

            assertEquals(OutcomeStatus.ALREADY_PRESENT, second.status(), second::toString);
            assertEquals(RuleCodes.ALREADY_PUSHED, second.code(), second::toString);
            assertEquals(first.remoteId(), second.remoteId(), "SKIP names the copy it found");
            assertEquals(before, backend().writes(), "SKIP must not write again");
            assertEquals(1, copies(region(), certificate));
        }
    }

    /** After an ambiguous failure (the write took effect, its answer was lost) no second copy is made. */
    @Nested
    public class AmbiguousFailure {
        /** For JUnit. */
        public AmbiguousFailure() {}

        /**
         * A write whose answer is lost leaves one copy: the provider re-reads before it creates again, and a
         * later push finds the copy instead of making another.
         */
        @Test
        public void a_write_whose_answer_is_lost_leaves_one_copy_and_a_second_push_finds_it() {
            Certificate certificate = certificate();
            if (!backend().loseNextWriteAnswer(service(), region())) {
                kitProvider().loseNextAnswer.set(true);
            }

            TargetOutcome first = outcome(scm().push(certificate).to(target(regions(1))).execute(), region());

            assertTrue(first.status() == OutcomeStatus.PUSHED || first.status() == OutcomeStatus.FAILED,
                    first::toString);
            assertEquals(1, copies(region(), certificate),
                    () -> "the lost answer's write took effect: one copy, whatever the outcome: " + held(region()));

            TargetOutcome second = outcome(scm().push(certificate).to(target(regions(1)))
                    .onDuplicate(DuplicatePolicy.SKIP).execute(), region());

            assertEquals(OutcomeStatus.ALREADY_PRESENT, second.status(), second::toString);
            assertEquals(1, copies(region(), certificate), () -> "never a second copy: " + held(region()));
        }
    }

    /** One client serves many threads at once. */
    @Nested
    public class Concurrency {
        /** For JUnit. */
        public Concurrency() {}

        /**
         * Within one {@code ScmPush}, concurrent pushes of one certificate never race: one copy, one
         * {@code PUSHED}, the others {@code ALREADY_PRESENT}.
         *
         * @throws InterruptedException if the test is interrupted
         */
        @Test
        public void eight_concurrent_pushes_of_one_certificate_leave_one_copy_one_pushed_and_the_rest_already_present()
                throws InterruptedException {
            Certificate certificate = certificate();

            List<TargetOutcome> outcomes = concurrently(8, i -> outcome(scm().push(certificate)
                    .to(target(regions(1))).onDuplicate(DuplicatePolicy.SKIP).execute(), region()));

            assertEquals(1, outcomes.stream().filter(o -> o.status() == OutcomeStatus.PUSHED).count(),
                    outcomes::toString);
            assertEquals(7, outcomes.stream().filter(o -> o.status() == OutcomeStatus.ALREADY_PRESENT).count(),
                    outcomes::toString);
            assertEquals(1, copies(region(), certificate), () -> "one copy: " + held(region()));
        }

        /**
         * Concurrent pushes of different certificates to one target all succeed, none of them twice.
         *
         * @throws InterruptedException if the test is interrupted
         */
        @Test
        public void concurrent_pushes_of_different_certificates_all_succeed_none_stored_twice() throws InterruptedException {
            List<Certificate> certificates = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                certificates.add(TestCertificates.builder().domains(DOMAINS.toArray(String[]::new)).build()
                        .toCertificate());
            }

            List<TargetOutcome> outcomes = concurrently(certificates.size(), i -> outcome(scm()
                    .push(certificates.get(i)).to(target(regions(1))).execute(), region()));

            assertTrue(outcomes.stream().allMatch(o -> o.status() == OutcomeStatus.PUSHED), outcomes::toString);
            long stored = 0;
            for (Certificate certificate : certificates) {
                long copies = copies(region(), certificate);
                assertTrue(copies <= 1, () -> "at most one copy each: " + held(region()));
                stored += copies;
            }
            // A service whose places hold one certificate each (CDN domains) keeps the last one written.
            assertTrue(stored >= 1, () -> "the pushed certificates are held: " + held(region()));
        }
    }

    /** Failures become typed outcomes; secrets never show. */
    @Nested
    public class Errors {
        /** For JUnit. */
        public Errors() {}

        /** A server error ends {@code FAILED} with the service's code, a message and, over HTTP, a request id. */
        @Test
        public void a_server_error_fails_the_target_with_a_code_and_a_message() {
            assumeInjected(backend().failNextCall(service(), region()), "fail the next call");

            TargetOutcome outcome = outcome(scm().push(certificate()).to(target(regions(1))).execute(), region());

            assertEquals(OutcomeStatus.FAILED, outcome.status(), outcome::toString);
            assertNotNull(outcome.code(), outcome::toString);
            assertNotEquals(OutcomeCodes.PROVIDER_ERROR, outcome.code(),
                    () -> "a service error must surface as the service's code, not as a provider crash: " + outcome);
            assertFalse(outcome.message().isBlank(), outcome::toString);
            assertFalse(outcome.message().contains(Objects.requireNonNull(outcome.code())),
                    () -> "the message does not repeat the code: " + outcome);
            if (backend() instanceof HuaweiCloudBackend) {
                assertNotNull(outcome.requestId(), () -> "the service's request id is kept for support: " + outcome);
            }
        }

        /** A failure in one region leaves the other region pushed (skipped for a global service). */
        @Test
        public void a_failure_in_one_region_leaves_the_other_region_pushed() {
            Assumptions.assumeFalse(global(), () -> service() + " is a global service: there is no other region");
            assumeInjected(backend().failNextCall(service(), REGION), "fail the next call");

            PushResult result = scm().push(certificate()).to(target(REGION, OTHER_REGION)).execute();

            assertEquals(OutcomeStatus.FAILED, outcome(result, REGION).status(), result.outcomes()::toString);
            assertEquals(OutcomeStatus.PUSHED, outcome(result, OTHER_REGION).status(), result.outcomes()::toString);
            assertEquals(1, copies(OTHER_REGION, certificate()));
            assertEquals(List.of(), held(REGION));
        }

        /** A throttled call is sent again, and the push still succeeds with one copy. */
        @Test
        public void a_throttled_call_is_retried_and_the_push_succeeds() {
            assumeInjected(backend().throttleNextCall(service(), region()), "throttle the next call");

            TargetOutcome outcome = outcome(scm().push(certificate()).to(target(regions(1))).execute(), region());

            assertEquals(OutcomeStatus.PUSHED, outcome.status(), outcome::toString);
            assertEquals(1, copies(region(), certificate()));
        }

        /** Credentials the service refuses end {@code FAILED} {@code AUTH_FAILED}, and nothing is written. */
        @Test
        public void refused_credentials_fail_as_auth_failed_and_write_nothing() {
            AtomicBoolean configured = new AtomicBoolean();
            try (ScmPush refused = build(b -> configured.set(backend().configureRefusedCredentials(b)))) {
                assumeInjected(configured.get(), "give refused credentials");
                long before = backend().writes();

                TargetOutcome outcome = outcome(refused.push(certificate()).to(target(regions(1))).execute(), region());

                assertEquals(OutcomeStatus.FAILED, outcome.status(), outcome::toString);
                assertEquals(OutcomeCodes.AUTH_FAILED, outcome.code(), outcome::toString);
                assertEquals(before, backend().writes());
            }
        }

        /**
         * A certificate without its key, pushed with the {@code PRIVATE_KEY_REQUIRED} rule removed, reaches the
         * provider: it ends {@code FAILED} with that same code in every provider that needs a key, and nothing
         * is written.
         */
        @Test
        public void a_certificate_without_its_key_fails_as_private_key_required_even_without_the_rule() {
            Assumptions.assumeTrue(kitProvider().descriptor().requiresPrivateKey(), () -> service() + " needs no key");
            Certificate keyless = Certificate.builder().certificatePem(generated().certificatePem()).build();
            try (ScmPush withoutRule = build(b -> {
                backend().configure(b);
                b.rules(RuleEngine.standard().without(RuleCodes.PRIVATE_KEY_REQUIRED));
            })) {
                long before = backend().writes();

                TargetOutcome outcome = outcome(withoutRule.push(keyless).to(target(regions(1))).execute(), region());

                assertEquals(OutcomeStatus.FAILED, outcome.status(), outcome::toString);
                assertEquals(RuleCodes.PRIVATE_KEY_REQUIRED, outcome.code(), outcome::toString);
                assertEquals(before, backend().writes(), "nothing is written without the key");
            }
        }

        /** Neither the private key nor a secret key appears in outcomes, results, history or
         * {@code toString()}. */
        @Test
        public void secrets_never_appear_in_outcomes_results_or_history() {
            Certificate certificate = certificate();
            backend().failNextCall(service(), region());
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
            List<String> secrets = new ArrayList<>(Arrays.asList(generated().privateKeyPem().split("\n")));
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
    }

    /** Bindings, where the provider makes them; a kind it does not make is refused. */
    @Nested
    public class Bindings {
        /** For JUnit. */
        public Bindings() {}

        /** A binding of a kind the provider does not make is {@code REJECTED} {@code BINDING_UNSUPPORTED}. */
        @Test
        public void a_binding_of_a_kind_the_provider_does_not_make_is_rejected_as_unsupported() {
            Binding binding = new Binding(service(), region(), "no-such-kind", "no-such-resource");

            PushResult result = scm().push(certificate()).to(target(regions(1))).bind(binding).execute();

            BindingOutcome outcome = bindingOutcome(result, binding);
            assertEquals(BindingStatus.REJECTED, outcome.status(), outcome::toString);
            assertEquals(RuleCodes.BINDING_UNSUPPORTED, outcome.code(), outcome::toString);
        }

        /** Each kind the provider makes binds the pushed certificate, and binding it again changes nothing. */
        @Test
        public void each_binding_kind_binds_the_certificate_and_binding_it_again_writes_nothing() {
            List<BindingKind> kinds = kitProvider().client().bindingKinds();
            Assumptions.assumeFalse(kinds.isEmpty(), () -> service() + " makes no bindings");
            Certificate certificate = certificate();
            int bound = 0;
            for (BindingKind kind : kinds) {
                Optional<Binding> made = backend().newBinding(service(), region(), kind);
                if (made.isEmpty()) {
                    continue;
                }
                Binding binding = made.get();

                BindingOutcome first = bindingOutcome(scm().push(certificate).to(target(regions(1)))
                        .onDuplicate(DuplicatePolicy.SKIP).bind(binding).execute(), binding);
                long before = backend().writes();
                BindingOutcome second = bindingOutcome(scm().push(certificate).to(target(regions(1)))
                        .onDuplicate(DuplicatePolicy.SKIP).bind(binding).execute(), binding);

                assertEquals(BindingStatus.BOUND, first.status(), first::toString);
                assertTrue(backend().boundFingerprints(binding).contains(certificate.fingerprint()),
                        () -> binding + " serves " + backend().boundFingerprints(binding));
                assertEquals(BindingStatus.ALREADY_BOUND, second.status(), second::toString);
                assertEquals(before, backend().writes(), "binding again must not write");
                bound++;
            }
            Assumptions.assumeTrue(bound > 0, () -> backend() + " makes no resource to bind for " + kinds);
        }

        /** {@code plan()} with a binding reads the resource and writes nothing. */
        @Test
        public void a_plan_with_a_binding_writes_nothing() {
            List<BindingKind> kinds = kitProvider().client().bindingKinds();
            Assumptions.assumeFalse(kinds.isEmpty(), () -> service() + " makes no bindings");
            Optional<Binding> made = kinds.stream().map(k -> backend().newBinding(service(), region(), k))
                    .flatMap(Optional::stream).findFirst();
            Assumptions.assumeTrue(made.isPresent(), () -> backend() + " makes no resource to bind for " + kinds);
            long before = backend().writes();

            scm().push(certificate()).to(target(regions(1))).bind(made.get()).plan();

            assertEquals(before, backend().writes(), "a plan must not write");
        }
    }

    /** The signed Huawei Cloud transport, as the provider uses it: only with a {@link HuaweiCloudBackend}. */
    @Nested
    public class HuaweiCloudTransport {
        /** For JUnit. */
        public HuaweiCloudTransport() {}

        /** Credentials from a supplier are asked for each request: a rotation applies without a new
         * {@code ScmPush}. */
        @Test
        public void credentials_from_a_supplier_are_asked_for_each_request_so_a_rotation_applies_without_a_new_scm_push() {
            FakeHuaweiCloud cloud = huaweiCloud();
            Certificate certificate = certificate();
            AtomicReference<io.scmpush.Credentials> current = new AtomicReference<>(
                    io.scmpush.Credentials.of(cloud.credentials().accessKey(), "a-revoked-key"));
            try (ScmPush rotating = build(b -> {
                backend().configure(b);
                b.credentials(current::get);
            })) {
                PushResult refused = rotating.push(certificate).to(target(regions(1))).execute();
                current.set(cloud.credentials());
                PushResult pushed = rotating.push(certificate).to(target(regions(1))).execute();

                assertEquals(OutcomeCodes.AUTH_FAILED, outcome(refused, region()).code(), refused.outcomes()::toString);
                assertEquals(OutcomeStatus.PUSHED, outcome(pushed, region()).status(), pushed.outcomes()::toString);
            }
        }

        /** The builder's clock is the rules' "now" only: requests are signed with the system clock. */
        @Test
        public void the_rules_clock_is_not_the_signing_clock() {
            huaweiCloud();
            // An hour ahead: requests signed with it would be refused (API Gateway allows 15 minutes).
            try (ScmPush ahead = build(b -> {
                backend().configure(b);
                b.clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(1)));
            })) {
                PushResult result = ahead.push(certificate()).to(target(regions(1))).execute();

                assertTrue(result.succeeded(), () -> "signed with the system clock: " + result.outcomes());
            }
        }

        private FakeHuaweiCloud huaweiCloud() {
            Assumptions.assumeTrue(backend() instanceof HuaweiCloudBackend, "a Huawei Cloud service's case");
            return ((HuaweiCloudBackend) backend()).cloud();
        }
    }

    // ---- helpers ----

    private ScmPush build(Consumer<ScmPush.Builder> configure) {
        ScmPush.Builder builder = ScmPush.builder().discoverProviders(false).provider(kitProvider())
                .retry(FAST_RETRY);
        configure.accept(builder);
        return builder.build();
    }

    private KitProvider kitProvider() {
        return Objects.requireNonNull(kitProvider, "the kit wraps the provider before each case");
    }

    private TestCertificates.Generated generated() {
        return Objects.requireNonNull(generated, "the kit generates the certificate before each case");
    }

    private String service() {
        return kitProvider().descriptor().service();
    }

    private boolean global() {
        return kitProvider().descriptor().scope() == Scope.GLOBAL;
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

    private static void assumeInjected(boolean injected, String fault) {
        Assumptions.assumeTrue(injected, () -> "the backend cannot " + fault);
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

    private static BindingOutcome bindingOutcome(PushResult result, Binding binding) {
        return result.bindings().stream().filter(b -> b.binding().equals(binding)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + binding + " in " + result.bindings()));
    }

    private List<RemoteCertificate> held(@Nullable String region) {
        return backend().certificates(service(), region);
    }

    /** How many copies of the certificate the place holds: by fingerprint, else by name and expiry. */
    private long copies(@Nullable String region, Certificate certificate) {
        return held(region).stream().filter(c -> c.fingerprint() != null
                ? c.fingerprint().equals(certificate.fingerprint())
                : c.name().equals(certificate.name())).count();
    }

    private static <T> List<T> concurrently(int count, java.util.function.IntFunction<T> task)
            throws InterruptedException {
        List<T> results = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                    results.add(task.apply(index));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    done.countDown();
                }
            }, "compatibility-kit-" + i);
            worker.setDaemon(true);
            worker.start();
        }
        go.countDown();
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS), "the concurrent pushes did not end");
        assertEquals(List.of(), failures);
        assertEquals(count, results.size());
        return results;
    }

    /**
     * The provider under test, registered explicitly; its client can lose the next write's answer after
     * the write, for a backend that cannot inject that fault itself.
     */
    private static final class KitProvider implements PushProvider {
        private final PushProvider delegate;
        private final AtomicBoolean loseNextAnswer = new AtomicBoolean();
        private final AtomicReference<@Nullable TargetClient> client = new AtomicReference<>();

        KitProvider(PushProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public ProviderDescriptor descriptor() {
            return delegate.descriptor();
        }

        @Override
        public TargetClient connect(ProviderContext context) {
            TargetClient connected = new KitClient(delegate.connect(context), loseNextAnswer);
            client.set(connected);
            return connected;
        }

        TargetClient client() {
            return Objects.requireNonNull(client.get(), "ScmPush connects the provider when it is built");
        }
    }

    /** Delegates every call; after a write whose answer is to be lost, throws as a reset connection would. */
    private static final class KitClient implements TargetClient {
        private final TargetClient delegate;
        private final AtomicBoolean loseNextAnswer;

        KitClient(TargetClient delegate, AtomicBoolean loseNextAnswer) {
            this.delegate = delegate;
            this.loseNextAnswer = loseNextAnswer;
        }

        @Override
        public TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region) {
            return delegate.inventory(certificate, target, region);
        }

        @Override
        public Deployment push(Certificate certificate, PushTarget target, @Nullable String region) {
            return answered(delegate.push(certificate, target, region));
        }

        /** The push the engine makes: the provider's own, given its inventory, is the one put to the test. */
        @Override
        public Deployment push(Certificate certificate, PushTarget target, @Nullable String region,
                TargetInventory read) {
            return answered(delegate.push(certificate, target, region, read));
        }

        private Deployment answered(Deployment deployment) {
            if (loseNextAnswer.getAndSet(false)) {
                throw CloudServiceException.builder(OutcomeCodes.IO_ERROR,
                        "the compatibility kit lost the answer of a write that took effect").retryable(true)
                        .attempts(deployment.attempts()).build();
            }
            return deployment;
        }

        @Override
        public List<BindingKind> bindingKinds() {
            return delegate.bindingKinds();
        }

        @Override
        public PushTarget bindingTarget(List<Binding> bindings) {
            return delegate.bindingTarget(bindings);
        }

        @Override
        public Optional<BoundResource> boundResource(PushTarget target, Binding binding) {
            return delegate.boundResource(target, binding);
        }

        @Override
        public BindingChange bind(PushTarget target, Binding binding, @Nullable Certificate certificate,
                String certificateId, Set<String> replacing) {
            return delegate.bind(target, binding, certificate, certificateId, replacing);
        }

        @Override
        public List<BoundResource> boundResources(PushTarget target, @Nullable String region,
                @Nullable Set<String> certificateIds) {
            return delegate.boundResources(target, region, certificateIds);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
