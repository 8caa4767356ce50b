package io.scmpush.waf;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.BindingOutcome;
import io.scmpush.BindingStatus;
import io.scmpush.Certificate;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
import io.scmpush.spi.TargetClient;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.testkit.TestProviderContext;
import io.scmpush.waf.internal.WafProvider;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WAF hosts of both modes bound through the emulator, and found again by the certificate they serve. */
@Timeout(30)
class WafBoundResourcesTest {
    private static final String REGION = "cn-north-4";
    private static final Certificate WWW = TestCertificates.builder().ec()
            .domains("www.example.com", "shop.example.com").build().toCertificate();

    private final FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
    private final ScmPush scm = ScmPush.builder().discoverProviders(false).provider(new WafProvider())
            .endpoint(cloud.endpoint()).credentials(cloud.credentials()).build();
    private final TargetClient client = new WafProvider().connect(TestProviderContext.builder(cloud.endpoint())
            .credentials(cloud.credentials()).projectId(REGION, cloud.projectId(REGION)).build());

    @AfterEach
    void close() {
        client.close();
        scm.close();
        cloud.close();
    }

    @Test
    void hosts_of_both_modes_are_bound_and_found_by_the_certificate_they_serve() {
        String cloudHost = cloud.addWafHost(REGION, "www.example.com", false);
        String premiumHost = cloud.addWafHost(REGION, "shop.example.com", true);
        cloud.addWafHost(REGION, "other.example.org", false);

        PushResult pushed = scm.push(WWW).bind(Waf.host(REGION, cloudHost)).bind(Waf.premiumHost(REGION, premiumHost))
                .execute();

        assertThat(pushed.bindings()).extracting(BindingOutcome::status)
                .containsExactly(BindingStatus.BOUND, BindingStatus.BOUND);
        String id = pushed.outcomes().get(0).remoteId();
        List<BoundResource> found = client.boundResources(Waf.inRegions(REGION), REGION, Set.of(id));
        assertThat(found).extracting(BoundResource::resource).containsExactly(cloudHost, premiumHost);
        assertThat(found.get(1).names()).containsExactly("shop.example.com");
        assertThat(found.get(1).references(Waf.PREMIUM_HOST)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.name()).isEqualTo(WWW.name());
            assertThat(c.fingerprint()).isEqualTo(WWW.fingerprint());
        });
        assertThat(found.get(0).references(Waf.HOST)).extracting(BoundCertificate::domains)
                .containsExactly(List.of("www.example.com", "shop.example.com"));
        assertThat(client.boundResources(Waf.inRegions(REGION), REGION, null)).hasSize(2);
        assertThat(client.boundResources(Waf.inRegions(REGION), REGION, Set.of("nosuch"))).isEmpty();
    }
}
