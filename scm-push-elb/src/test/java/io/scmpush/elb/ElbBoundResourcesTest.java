package io.scmpush.elb;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.Certificate;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.elb.internal.ElbProvider;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.TargetClient;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.testkit.TestProviderContext;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a rotation finds: the listeners that reference certificates, as the emulator serves them. */
@Timeout(30)
class ElbBoundResourcesTest {
    private static final String REGION = "cn-north-4";
    private static final Certificate WWW = TestCertificates.builder().ec().domains("www.example.com").build()
            .toCertificate();
    private static final Certificate IMG = TestCertificates.builder().ec().domains("img.example.com").build()
            .toCertificate();

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final ScmPush scm = ScmPush.builder().discoverProviders(false).provider(new ElbProvider())
            .endpoint(cloud.endpoint()).credentials(cloud.credentials()).build();
    private final TargetClient client = new ElbProvider().connect(TestProviderContext.builder(cloud.endpoint())
            .credentials(cloud.credentials()).projectId(REGION, cloud.projectId(REGION)).build());

    @AfterEach
    void close() {
        client.close();
        scm.close();
        cloud.close();
    }

    @Test
    void listeners_are_found_by_their_default_sni_and_client_ca_references_and_read_with_every_reference() {
        String plain = cloud.addElbListener(REGION, "HTTPS");
        String withSni = cloud.addElbListener(REGION, "HTTPS");
        cloud.addElbListener(REGION, "TCP");
        PushResult img = scm.push(IMG).bind(Elb.listener(REGION, plain)).bind(Elb.listener(REGION, withSni)).execute();
        PushResult www = scm.push(WWW).bind(Elb.sniListener(REGION, withSni)).execute();
        assertThat(img.succeeded() && www.succeeded()).isTrue();
        String imgId = img.outcomes().get(0).remoteId();
        String wwwId = www.outcomes().get(0).remoteId();

        List<BoundResource> usingWww = client.boundResources(Elb.inRegions(REGION), REGION, Set.of(wwwId));
        List<BoundResource> usingImg = client.boundResources(Elb.inRegions(REGION), REGION, Set.of(imgId));
        List<BoundResource> all = client.boundResources(Elb.inRegions(REGION), REGION, null);

        assertThat(usingWww).extracting(BoundResource::resource).containsExactly(withSni);
        BoundResource listener = usingWww.get(0);
        assertThat(listener.kinds()).containsExactly(Elb.LISTENER, Elb.SNI_LISTENER, Elb.CLIENT_CA_LISTENER);
        assertThat(listener.references(Elb.LISTENER)).extracting(BoundCertificate::id).containsExactly(imgId);
        assertThat(listener.references(Elb.SNI_LISTENER)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(wwwId);
            assertThat(c.fingerprint()).isEqualTo(WWW.fingerprint());
            assertThat(c.domains()).containsExactly("www.example.com");
            assertThat(c.notAfter()).isNotNull();
        });
        assertThat(usingImg).extracting(BoundResource::resource).containsExactlyInAnyOrder(plain, withSni);
        assertThat(all).hasSize(2);
        assertThat(client.boundResources(Elb.inRegions(REGION), REGION, Set.of("nosuch"))).isEmpty();
    }
}
