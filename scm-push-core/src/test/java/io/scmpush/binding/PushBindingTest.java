package io.scmpush.binding;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.DuplicatePolicy;
import io.scmpush.InMemoryProvider;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushPlan;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import io.scmpush.TestCertificates;
import io.scmpush.rules.RuleCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code PushRequest.bind}: targets added, the binding rules before any write, binding after the push. */
@Timeout(10)
class PushBindingTest {
    private static final String REGION = "r1";
    private static final Certificate CERT =
            TestCertificates.builder().domains("www.example.com", "api.example.com").build().toCertificate();

    private final BindingProvider provider = new BindingProvider();
    private final ScmPush scm = ScmPush.builder().discoverProviders(false).provider(provider)
            .provider(new InMemoryProvider()).build();

    @AfterEach
    void close() {
        scm.close();
    }

    private static Binding binding(String kind, String resource) {
        return new Binding(BindingProvider.SERVICE, REGION, kind, resource);
    }

    private static PushTarget target() {
        return PushTarget.of(BindingProvider.SERVICE).inRegions(REGION);
    }

    @Test
    void a_binding_points_the_resource_at_the_id_the_push_returned() {
        provider.addResource("lb1");
        String old = provider.store(TestCertificates.builder().build().toCertificate());
        provider.reference("lb1", BindingProvider.SLOT, old);

        PushResult result = scm.push(CERT).to(target()).bind(binding(BindingProvider.SLOT, "lb1")).execute();

        String pushed = result.outcome(BindingProvider.SERVICE, REGION).orElseThrow().remoteId();
        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.certificateId()).isEqualTo(pushed);
            assertThat(b.previousCertificateId()).isEqualTo(old);
            assertThat(b.code()).isNull();
            assertThat(b.requestId()).isEqualTo("r-bind");
        });
        assertThat(provider.references("lb1", BindingProvider.SLOT)).containsExactly(pushed);
        assertThat(result.succeeded()).isTrue();
        assertThat(provider.writes()).containsExactly("push r1", "bind lb1 slot " + pushed);
    }

    @Test
    void a_binding_without_a_target_adds_one_and_a_ca_binding_adds_a_ca_target() {
        provider.addResource("lb1");
        PushResult server = scm.push(CERT).bind(binding(BindingProvider.SLOT, "lb1")).execute();
        assertThat(server.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.service()).isEqualTo(BindingProvider.SERVICE);
            assertThat(o.region()).isEqualTo(REGION);
            assertThat(o.status()).isEqualTo(OutcomeStatus.PUSHED);
        });
        assertThat(server.bindings()).singleElement().extracting(BindingOutcome::status)
                .isEqualTo(BindingStatus.BOUND);

        Certificate ca = TestCertificates.builder().domains("ca.example.com").build().toCertificate();
        PushResult caPush = scm.push(ca).bind(binding(BindingProvider.CA, "lb1")).execute();
        assertThat(caPush.bindings()).singleElement().extracting(BindingOutcome::status)
                .isEqualTo(BindingStatus.BOUND);
        assertThat(provider.writes()).contains("push r1 ca");
    }

    @Test
    void binding_twice_is_already_bound_and_writes_nothing_to_the_resource() {
        provider.addResource("lb1");
        PushResult first = scm.push(CERT).bind(binding(BindingProvider.SLOT, "lb1")).execute();
        assertThat(first.bindings().get(0).status()).isEqualTo(BindingStatus.BOUND);
        int writes = provider.writes().size();

        PushResult second = scm.push(CERT).onDuplicate(DuplicatePolicy.SKIP)
                .bind(binding(BindingProvider.SLOT, "lb1")).execute();

        assertThat(second.outcomes().get(0).status()).isEqualTo(OutcomeStatus.ALREADY_PRESENT);
        assertThat(second.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.ALREADY_BOUND);
            assertThat(b.certificateId()).isEqualTo(first.bindings().get(0).certificateId());
        });
        assertThat(second.succeeded()).isTrue();
        assertThat(provider.writes()).hasSize(writes);
    }

    @Test
    void a_failed_push_leaves_its_bindings_not_attempted() {
        provider.addResource("lb1");
        provider.failPushes(REGION);

        PushResult result = scm.push(CERT).bind(binding(BindingProvider.SLOT, "lb1")).execute();

        assertThat(result.outcomes().get(0).status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.NOT_ATTEMPTED);
            assertThat(b.code()).isEqualTo(OutcomeCodes.PUSH_FAILED);
        });
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void a_rejected_push_leaves_its_bindings_not_attempted_in_the_plan_too() {
        provider.addResource("lb1");
        provider.store(CERT); // ALREADY_PUSHED under FAIL

        PushPlan plan = scm.push(CERT).bind(binding(BindingProvider.SLOT, "lb1")).plan();

        assertThat(plan.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.NOT_ATTEMPTED);
            assertThat(b.code()).isEqualTo(OutcomeCodes.PUSH_FAILED);
        });
        assertThat(plan.allowed()).isFalse();
    }

    @Test
    void a_failed_update_fails_its_binding_alone() {
        provider.addResource("lb1");
        provider.addResource("lb2");
        provider.failBind("lb1", CloudServiceException.builder("DEPLOY.409", "conflict").httpStatus(409)
                .errorCode("DEPLOY.409").requestId("r-409").attempts(1).build());

        PushResult result = scm.push(CERT).bind(binding(BindingProvider.SLOT, "lb1"))
                .bind(binding(BindingProvider.SLOT, "lb2")).execute();

        assertThat(result.bindings()).extracting(BindingOutcome::status)
                .containsExactly(BindingStatus.FAILED, BindingStatus.BOUND);
        assertThat(result.bindings().get(0).code()).isEqualTo("DEPLOY.409");
        assertThat(result.bindings().get(0).requestId()).isEqualTo("r-409");
        assertThat(result.outcomes().get(0).status()).isEqualTo(OutcomeStatus.PUSHED);
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void a_plan_reads_each_resource_reports_what_would_change_and_writes_nothing() {
        provider.addResource("lb1");
        String old = provider.store(TestCertificates.builder().build().toCertificate());
        provider.reference("lb1", BindingProvider.SLOT, old);

        PushPlan plan = scm.push(CERT).bind(binding(BindingProvider.SLOT, "lb1"))
                .bind(binding(BindingProvider.SNI, "lb1")).plan();

        assertThat(plan.bindings()).extracting(BindingOutcome::status)
                .containsExactly(BindingStatus.BOUND, BindingStatus.BOUND);
        assertThat(plan.bindings().get(0).previousCertificateId()).isEqualTo(old);
        assertThat(plan.bindings().get(0).message()).contains("instead of " + old);
        assertThat(plan.allowed()).isTrue();
        assertThat(provider.writes()).isEmpty();
    }

    @Test
    void a_binding_named_twice_is_bound_once() {
        provider.addResource("lb1");
        PushResult result = scm.push(CERT).bind(binding(BindingProvider.SNI, "lb1"))
                .bind(binding(BindingProvider.SNI, "lb1")).execute();
        assertThat(result.bindings()).hasSize(1);
        assertThat(provider.references("lb1", BindingProvider.SNI)).hasSize(1);
    }

    // The binding rules: each fires, and stays silent when its condition does not hold.

    @Test
    void resource_not_found_fires_for_a_missing_resource_and_nothing_is_bound() {
        PushResult result = scm.push(CERT).to(target()).bind(binding(BindingProvider.SLOT, "nowhere")).execute();
        assertRejected(result, RuleCodes.RESOURCE_NOT_FOUND);
        assertThat(provider.writes()).containsExactly("push r1");
    }

    @Test
    void binding_type_fires_for_a_server_slot_on_a_ca_target_and_a_ca_slot_on_a_server_target() {
        provider.addResource("lb1");
        assertRejected(scm.push(CERT).to(target()).bind(binding(BindingProvider.CA, "lb1")).execute(),
                RuleCodes.BINDING_TYPE);
        Certificate ca = TestCertificates.builder().domains("ca.example.com").build().toCertificate();
        assertRejected(scm.push(ca).to(target().withOption(PushTarget.CERTIFICATE_TYPE, "ca"))
                .bind(binding(BindingProvider.SLOT, "lb1")).execute(), RuleCodes.BINDING_TYPE);
        assertThat(scm.push(ca).to(target().withOption(PushTarget.CERTIFICATE_TYPE, "ca"))
                .onDuplicate(DuplicatePolicy.SKIP).bind(binding(BindingProvider.CA, "lb1")).execute().bindings().get(0).status())
                .isEqualTo(BindingStatus.BOUND);
    }

    @Test
    void domain_not_covered_fires_when_the_certificate_covers_none_of_the_resource_names() {
        provider.addResource("host1", "shop.example.org");
        assertRejected(scm.push(CERT).bind(binding(BindingProvider.SLOT, "host1")).plan(), RuleCodes.DOMAIN_NOT_COVERED);

        provider.addResource("host2", "shop.example.org", "api.example.com");
        assertThat(scm.push(CERT).bind(binding(BindingProvider.SLOT, "host2")).plan().bindings().get(0).status())
                .isEqualTo(BindingStatus.BOUND);
        Certificate wildcard = TestCertificates.builder().domains("*.example.org").build().toCertificate();
        assertThat(scm.push(wildcard).bind(binding(BindingProvider.SLOT, "host1")).plan().bindings().get(0)
                .status()).isEqualTo(BindingStatus.BOUND);
    }

    @Test
    void sni_conflict_fires_when_another_entry_serves_one_of_the_domains() {
        provider.addResource("lb1");
        String other = provider.store(TestCertificates.builder().domains("img.example.com").build().toCertificate());
        String clash = provider.store(TestCertificates.builder().domains("API.example.com").build().toCertificate());

        provider.reference("lb1", BindingProvider.SNI, other);
        assertThat(scm.push(CERT).bind(binding(BindingProvider.SNI, "lb1")).plan().bindings().get(0).status())
                .isEqualTo(BindingStatus.BOUND);

        provider.reference("lb1", BindingProvider.SNI, other, clash);
        PushResult result = scm.push(CERT).bind(binding(BindingProvider.SNI, "lb1")).execute();
        assertRejected(result, RuleCodes.SNI_CONFLICT);
        assertThat(result.bindings().get(0).message()).contains(clash);
        assertThat(provider.references("lb1", BindingProvider.SNI)).containsExactly(other, clash);
    }

    @Test
    void binding_unsupported_fires_for_a_provider_without_bindings_a_kind_it_lacks_and_a_resource_that_takes_none() {
        PushResult plugin = scm.push(CERT).to(PushTarget.of(InMemoryProvider.SERVICE).inRegions(REGION))
                .bind(new Binding(InMemoryProvider.SERVICE, REGION, "listener", "x")).execute();
        assertRejected(plugin, RuleCodes.BINDING_UNSUPPORTED);
        assertThat(plugin.outcomes()).singleElement().extracting(o -> o.status()).isEqualTo(OutcomeStatus.PUSHED);

        provider.addResource("lb1");
        assertRejected(scm.push(CERT).bind(binding("other-kind", "lb1")).plan(), RuleCodes.BINDING_UNSUPPORTED);

        provider.addPlainResource("tcp1");
        assertRejected(scm.push(CERT).bind(binding(BindingProvider.SLOT, "tcp1")).plan(), RuleCodes.BINDING_UNSUPPORTED);

        PushResult unknown = scm.push(CERT).bind(new Binding("nosuch", REGION, "listener", "x")).execute();
        assertRejected(unknown, RuleCodes.BINDING_UNSUPPORTED);
        assertThat(unknown.outcomes()).isEmpty();
    }

    @Test
    void a_plugin_that_gives_no_target_for_its_binding_has_it_refused_and_the_push_goes_on() {
        provider.addResource("lb1");
        provider.breakBindingTarget();

        PushResult result = scm.push(CERT).to(PushTarget.of(InMemoryProvider.SERVICE).inRegions(REGION))
                .bind(binding(BindingProvider.SLOT, "lb1")).execute();

        assertRejected(result, RuleCodes.BINDING_UNSUPPORTED);
        assertThat(result.bindings().get(0).message()).contains("gave no target");
        assertThat(result.outcomes()).singleElement().extracting(o -> o.status()).isEqualTo(OutcomeStatus.PUSHED);
    }

    private static void assertRejected(PushResult result, String code) {
        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.REJECTED);
            assertThat(b.code()).isEqualTo(code);
        });
        assertThat(result.succeeded()).isFalse();
    }

    private static void assertRejected(PushPlan plan, String code) {
        assertThat(plan.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.REJECTED);
            assertThat(b.code()).isEqualTo(code);
        });
        assertThat(plan.allowed()).isFalse();
    }

}
