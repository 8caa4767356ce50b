package io.scmpush.elb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scmpush.Binding;
import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.PushResult;
import io.scmpush.RotationResult;
import io.scmpush.ScmPush;
import io.scmpush.elb.internal.ElbProvider;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listener whose SNI list holds two certificates that one renewal replaces (one per domain, as ELB allows no
 * repeated SNI domain), between others: the renewal takes the first one's place, the second leaves the list, no
 * entry is repeated and the others keep their order; a rollback puts both back.
 */
@Timeout(30)
class ElbSniRotationTest {
    private static final String REGION = "cn-north-4";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Certificate IMG = certificate(365, "img.example.com");
    private static final Certificate WWW = certificate(30, "www.example.com");
    private static final Certificate SHOP = certificate(365, "shop.example.com");
    private static final Certificate API = certificate(40, "api.example.com");
    private static final Certificate RENEWED = certificate(90, "www.example.com", "api.example.com");

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final ScmPush scm = ScmPush.builder().discoverProviders(false).provider(new ElbProvider())
            .endpoint(cloud.endpoint()).credentials(cloud.credentials()).build();
    private Binding sni;
    private final List<String> ids = new ArrayList<>();

    private static Certificate certificate(int days, String... domains) {
        return TestCertificates.builder().ec().domains(domains).validity(Duration.ofDays(days)).build()
                .toCertificate();
    }

    @BeforeEach
    void aListenerWithTwoReplacedEntriesBetweenOthers() {
        String listener = cloud.addElbListener(REGION, "HTTPS");
        sni = Elb.sniListener(REGION, listener);
        PushResult byDefault = scm.push(IMG).bind(Elb.listener(REGION, listener)).execute();
        assertThat(byDefault.succeeded()).isTrue();
        for (Certificate entry : List.of(IMG, WWW, SHOP, API)) {
            PushResult pushed = scm.push(entry).onDuplicate(io.scmpush.DuplicatePolicy.SKIP).bind(sni).execute();
            assertThat(pushed.succeeded()).as(pushed.toString()).isTrue();
            ids.add(pushed.outcomes().get(0).remoteId());
        }
        assertThat(fingerprints()).containsExactly(IMG.fingerprint(), WWW.fingerprint(), SHOP.fingerprint(),
                API.fingerprint());
    }

    @AfterEach
    void close() {
        scm.close();
        cloud.close();
    }

    private List<String> fingerprints() {
        return cloud.bound(sni).stream().map(RemoteCertificate::fingerprint).toList();
    }

    /** The {@code sni_container_refs} of every listener update sent since {@code from}. */
    private List<List<String>> sniUpdates(int from) throws Exception {
        List<List<String>> updates = new ArrayList<>();
        List<FakeHuaweiCloud.RecordedRequest> requests = cloud.requests();
        for (FakeHuaweiCloud.RecordedRequest request : requests.subList(from, requests.size())) {
            if (request.method().equals("PUT") && request.path().contains("/elb/listeners/")) {
                JsonNode body = JSON.readTree(request.body());
                assertThat(body.get("listener").fieldNames()).toIterable().containsExactly("sni_container_refs");
                List<String> refs = new ArrayList<>();
                body.get("listener").get("sni_container_refs").forEach(ref -> refs.add(ref.asText()));
                updates.add(refs);
            }
        }
        return updates;
    }

    @Test
    void both_replaced_entries_give_way_to_one_renewal_in_the_first_ones_place_and_a_rollback_restores_both()
            throws Exception {
        String img = ids.get(0);
        String www = ids.get(1);
        String shop = ids.get(2);
        String api = ids.get(3);
        int before = cloud.requests().size();

        RotationResult rotation = scm.rotate(RENEWED).replacingOlder().across(Elb.inRegions(REGION)).execute();

        assertThat(rotation.succeeded()).as(rotation.toString()).isTrue();
        String renewed = rotation.push().outcomes().get(0).remoteId();
        assertThat(rotation.bindings()).singleElement().satisfies(b -> {
            assertThat(b.binding()).isEqualTo(sni);
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.previousCertificateId()).isEqualTo(www);
            assertThat(b.message()).contains(api);
        });
        assertThat(sniUpdates(before)).containsExactly(List.of(img, renewed, shop));
        assertThat(fingerprints()).containsExactly(IMG.fingerprint(), RENEWED.fingerprint(), SHOP.fingerprint())
                .doesNotHaveDuplicates();

        int beforeRollback = cloud.requests().size();
        RotationResult back = rotation.rollback();

        assertThat(back.bindings()).singleElement().satisfies(b -> {
            assertThat(b.status()).isEqualTo(BindingStatus.BOUND);
            assertThat(b.certificateId()).isEqualTo(www);
            assertThat(b.previousCertificateId()).isEqualTo(renewed);
        });
        // The first back in its place, the second appended: each update keeps the list free of repeats.
        assertThat(sniUpdates(beforeRollback)).containsExactly(List.of(img, www, shop), List.of(img, www, shop, api));
        assertThat(fingerprints()).containsExactly(IMG.fingerprint(), WWW.fingerprint(), SHOP.fingerprint(),
                API.fingerprint());

        // Forth again: both give way once more, to one entry.
        int beforeForth = cloud.requests().size();
        assertThat(back.rollback().bindings()).extracting(BindingOutcome::status).containsExactly(BindingStatus.BOUND);
        assertThat(sniUpdates(beforeForth)).containsExactly(List.of(img, renewed, shop));
    }
}
