package io.scmpush.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeCodes;
import io.scmpush.OutcomeStatus;
import io.scmpush.PlannedAction;
import io.scmpush.PlannedBinding;
import io.scmpush.PushTarget;
import io.scmpush.RotationPlan;
import io.scmpush.RotationRequest;
import io.scmpush.RotationResult;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.TestCertificates;
import io.scmpush.rules.RuleCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ScmPush.rotate}: which places it re-points, how it reports each, and the way back. */
@Timeout(10)
class RotationTest {
    private static final String REGION = "r1";
    private static final Instant NOW = Instant.now();
    private static final Certificate OLD = certificate(30, "www.example.com", "api.example.com");
    private static final Certificate RENEWED = certificate(90, "www.example.com", "api.example.com");
    private static final Certificate OTHER = certificate(10, "img.example.com");

    private final BindingProvider provider = new BindingProvider();
    private final ScmPush scm = ScmPush.builder().discoverProviders(false).provider(provider).build();

    @AfterEach
    void close() {
        scm.close();
    }

    private static Certificate certificate(int days, String... domains) {
        return TestCertificates.builder().ec().domains(domains).notBefore(NOW.minus(Duration.ofDays(1)))
                .validity(Duration.ofDays(days)).build().toCertificate();
    }

    private static Binding binding(String kind, String resource) {
        return new Binding(BindingProvider.SERVICE, REGION, kind, resource);
    }

    private RotationRequest rotation() {
        return scm.rotate(RENEWED).across(PushTarget.of(BindingProvider.SERVICE).inRegions(REGION));
    }

    @Test
    void renewing_re_points_every_place_of_an_older_certificate_that_shares_a_domain() {
        String old = provider.store(OLD);
        String other = provider.store(OTHER);
        String newer = provider.store(certificate(200, "www.example.com"));
        String elsewhere = provider.store(certificate(20, "shop.example.com"));
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);
        provider.addResource("lb2");
        provider.reference("lb2", BindingProvider.SNI, other, old);
        provider.addResource("lb3");
        provider.reference("lb3", BindingProvider.SLOT, newer);
        provider.addResource("lb4");
        provider.reference("lb4", BindingProvider.SLOT, elsewhere);

        RotationResult result = rotation().execute();

        String renewed = result.push().outcome(BindingProvider.SERVICE, REGION).orElseThrow().remoteId();
        assertThat(result.succeeded()).as(result.toString()).isTrue();
        assertThat(result.bindings()).extracting(BindingOutcome::binding)
                .containsExactly(binding(BindingProvider.SLOT, "lb1"), binding(BindingProvider.SNI, "lb2"));
        assertThat(result.bindings()).allSatisfy(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.certificateId()).isEqualTo(renewed);
            assertThat(b.previousCertificateId()).isEqualTo(old);
        });
        assertThat(provider.references("lb1", BindingProvider.SLOT)).containsExactly(renewed);
        assertThat(provider.references("lb2", BindingProvider.SNI)).as("in place, the other entry kept")
                .containsExactly(other, renewed);
        assertThat(provider.references("lb3", BindingProvider.SLOT)).as("expires later").containsExactly(newer);
        assertThat(provider.references("lb4", BindingProvider.SLOT)).as("no shared domain").containsExactly(elsewhere);
        assertThat(provider.writes()).containsExactly("push r1", "bind lb1 slot " + renewed, "bind lb2 sni " + renewed);
    }

    @Test
    void replacing_a_fingerprint_re_points_that_certificate_only_even_a_later_one() {
        Certificate later = certificate(300, "www.example.com");
        String old = provider.store(OLD);
        String laterId = provider.store(later);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);
        provider.addResource("lb2");
        provider.reference("lb2", BindingProvider.SLOT, laterId);

        RotationResult result = rotation().replacing(later.fingerprint().toUpperCase()).execute();

        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.binding()).isEqualTo(binding(BindingProvider.SLOT, "lb2"));
            assertThat(b.previousCertificateId()).isEqualTo(laterId);
        });
        assertThat(provider.references("lb1", BindingProvider.SLOT)).containsExactly(old);
    }

    @Test
    void a_plan_lists_the_places_and_what_would_happen_and_writes_nothing() {
        String old = provider.store(OLD);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);

        RotationPlan plan = rotation().plan();

        assertThat(plan.bindings()).containsExactly(new PlannedBinding(binding(BindingProvider.SLOT, "lb1"), old,
                OLD.fingerprint()));
        assertThat(plan.push().actions()).extracting(PlannedAction::action).containsExactly(PlannedAction.Action.CREATE);
        assertThat(plan.push().bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.previousCertificateId()).isEqualTo(old);
        });
        assertThat(plan.push().allowed()).isTrue();
        assertThat(provider.writes()).isEmpty();
    }

    @Test
    void a_failed_update_fails_that_binding_alone_and_it_still_serves_the_old_certificate() {
        String old = provider.store(OLD);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);
        provider.addResource("lb2");
        provider.reference("lb2", BindingProvider.SLOT, old);
        provider.failBind("lb1", CloudServiceException.builder("DEPLOY.409", "busy").httpStatus(409)
                .errorCode("DEPLOY.409").requestId("r-409").attempts(1).build());

        RotationResult result = rotation().execute();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.bindings().get(0)).satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.FAILED);
            assertThat(b.code()).isEqualTo("DEPLOY.409");
            assertThat(b.requestId()).isEqualTo("r-409");
            assertThat(b.message()).contains("still serves " + old);
        });
        assertThat(result.bindings().get(1).status()).isEqualTo(BindingStatus.BOUND);
        assertThat(provider.references("lb1", BindingProvider.SLOT)).containsExactly(old);
    }

    @Test
    void a_failed_push_leaves_every_binding_of_its_target_not_attempted() {
        String old = provider.store(OLD);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);
        provider.failPushes(REGION);

        RotationResult result = rotation().execute();

        assertThat(result.push().outcomes()).extracting(TargetOutcome::status).containsExactly(OutcomeStatus.FAILED);
        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.NOT_ATTEMPTED);
            assertThat(b.code()).isEqualTo(OutcomeCodes.PUSH_FAILED);
        });
        assertThat(provider.references("lb1", BindingProvider.SLOT)).containsExactly(old);
    }

    @Test
    void a_host_the_replacement_does_not_cover_is_rejected_and_left_alone() {
        String old = provider.store(certificate(30, "www.example.com", "shop.example.com"));
        provider.addResource("shop", "shop.example.com");
        provider.reference("shop", BindingProvider.SLOT, old);

        RotationResult result = rotation().execute();

        assertThat(result.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.REJECTED);
            assertThat(b.code()).isEqualTo(RuleCodes.DOMAIN_NOT_COVERED);
            assertThat(b.previousCertificateId()).isEqualTo(old);
        });
        assertThat(result.push().outcomes()).as("nothing to push for").isEmpty();
        assertThat(provider.writes()).isEmpty();
    }

    @Test
    void a_search_that_fails_is_a_failed_outcome_of_its_target() {
        provider.failSearches(CloudServiceException.builder(OutcomeCodes.AUTH_FAILED, "denied").httpStatus(403)
                .errorCode("APIG.0301").requestId("r-403").build());

        RotationResult result = rotation().execute();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.push().outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(o.code()).isEqualTo(OutcomeCodes.AUTH_FAILED);
        });
        assertThat(rotation().plan().push().allowed()).isFalse();
    }

    @Test
    void rotating_twice_finds_every_place_bound_already_and_writes_nothing() {
        String old = provider.store(OLD);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SNI, old);
        assertThat(rotation().execute().succeeded()).isTrue();
        int writes = provider.writes().size();

        RotationResult again = rotation().execute();

        assertThat(again.bindings()).extracting(BindingOutcome::status).containsExactly(BindingStatus.ALREADY_BOUND);
        assertThat(again.push().outcomes()).isEmpty();
        assertThat(provider.writes()).hasSize(writes);
    }

    @Test
    void a_rollback_points_every_bound_binding_back_and_can_itself_be_rolled_back() {
        String old = provider.store(OLD);
        String other = provider.store(OTHER);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);
        provider.reference("lb1", BindingProvider.SNI, old, other);
        RotationResult rotation = rotation().execute();
        String renewed = rotation.bindings().get(0).certificateId();

        RotationResult back = rotation.rollback();

        assertThat(back.bindings()).allSatisfy(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.certificateId()).isEqualTo(old);
            assertThat(b.previousCertificateId()).isEqualTo(renewed);
        }).hasSize(2);
        assertThat(back.push().outcomes()).isEmpty();
        assertThat(back.verifications()).isEmpty();
        assertThat(provider.references("lb1", BindingProvider.SLOT)).containsExactly(old);
        assertThat(provider.references("lb1", BindingProvider.SNI)).containsExactly(old, other);

        back.rollback();

        assertThat(provider.references("lb1", BindingProvider.SNI)).containsExactly(renewed, other);
    }

    @Test
    void a_rollback_hands_back_the_certificate_given_to_rollback_with_for_places_set_by_content() {
        String old = provider.store(OLD);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);
        provider.addResource("lb2");
        provider.reference("lb2", BindingProvider.SLOT, old);
        Certificate unrelated = certificate(5, "www.example.com");
        RotationResult rotation = rotation().rollbackWith(unrelated, OLD).execute();
        String renewed = rotation.bindings().get(0).certificateId();

        RotationResult back = rotation.rollback();
        back.rollback();

        assertThat(provider.contents()).containsExactly(
                renewed + " with " + RENEWED.name(), renewed + " with " + RENEWED.name(),
                old + " with " + OLD.name(), old + " with " + OLD.name(),
                renewed + " with " + RENEWED.name(), renewed + " with " + RENEWED.name());
    }

    @Test
    void without_rollback_with_a_rollback_hands_over_no_content() {
        String old = provider.store(OLD);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);
        RotationResult rotation = rotation().execute();
        String renewed = rotation.bindings().get(0).certificateId();

        rotation.rollback();

        assertThat(provider.contents()).containsExactly(renewed + " with " + RENEWED.name(), old + " with none");
    }

    @Test
    void a_timeout_that_passes_before_the_push_writes_nothing() {
        String old = provider.store(OLD);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);

        RotationResult result = rotation().timeout(Duration.ofNanos(1)).execute();

        assertThat(result.push().outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(o.code()).isEqualTo(OutcomeCodes.TIMEOUT);
        });
        assertThat(result.bindings()).extracting(BindingOutcome::status).containsExactly(BindingStatus.NOT_ATTEMPTED);
        assertThat(provider.writes()).isEmpty();
    }

    @Test
    void a_duplicate_policy_of_fail_refuses_a_replacement_that_is_there_already() {
        String old = provider.store(OLD);
        provider.store(RENEWED);
        provider.addResource("lb1");
        provider.reference("lb1", BindingProvider.SLOT, old);

        RotationResult result = rotation().onDuplicate(DuplicatePolicy.FAIL).execute();

        assertThat(result.push().outcomes()).extracting(TargetOutcome::code).containsExactly(RuleCodes.ALREADY_PUSHED);
        assertThat(result.bindings()).extracting(BindingOutcome::status).containsExactly(BindingStatus.NOT_ATTEMPTED);
        assertThat(rotation().execute().bindings()).as("SKIP, the default, binds the copy there")
                .extracting(BindingOutcome::status).containsExactly(BindingStatus.BOUND);
    }

    @Test
    void misuse_is_refused_before_anything_is_read() {
        assertThatThrownBy(() -> scm.rotate(RENEWED).execute()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("across(");
        assertThatThrownBy(() -> rotation().replacing("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rotation().replacing(RENEWED.fingerprint()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replacement itself");
        assertThatThrownBy(() -> rotation().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        Certificate withoutKey = Certificate.builder().certificatePem(OLD.certificatePem()).build();
        assertThatThrownBy(() -> rotation().rollbackWith(withoutKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> rotation().rollbackWith(RENEWED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replacement itself");
        scm.close();
        assertThatThrownBy(() -> scm.rotate(RENEWED)).isInstanceOf(IllegalStateException.class);
    }
}
