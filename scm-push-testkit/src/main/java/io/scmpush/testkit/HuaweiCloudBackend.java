package io.scmpush.testkit;

import io.scmpush.Binding;
import io.scmpush.Credentials;
import io.scmpush.ScmPush;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.RemoteCertificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CompatibilityBackend} of a Huawei Cloud service: a fresh {@link FakeHuaweiCloud} behind a
 * {@link ChaosProxy}, whose CDN account has the kit's {@link CompatibilityBackend#DOMAINS} as acceleration
 * domains. Writes are the requests the fake receives that are not {@code GET}; a lost answer is the proxy's
 * {@link ChaosProxy.Fault#answerLost()} on the next write; bindings are new ELB listeners, WAF hosts and CDN
 * domains of the fake.
 *
 * <pre>{@code
 * class WafCompatibilityTest extends ProviderCompatibilityKit {
 *     protected PushProvider provider() { return ProviderCompatibilityKit.discovered("waf"); }
 *     protected CompatibilityBackend createBackend() { return HuaweiCloudBackend.start(); }
 *     protected PushTarget target(String... regions) { return Waf.inRegions(regions); }
 * }
 * }</pre>
 */
public final class HuaweiCloudBackend implements CompatibilityBackend {
    private static final String WRITE = "^(POST|PUT|PATCH|DELETE) ";
    private static final String CDN = "cdn";

    private final FakeHuaweiCloud cloud;
    private final ChaosProxy proxy;

    private HuaweiCloudBackend(FakeHuaweiCloud cloud, ChaosProxy proxy) {
        this.cloud = cloud;
        this.proxy = proxy;
    }

    /**
     * Starts the emulator and the proxy in front of it.
     *
     * @return a backend to return from {@link ProviderCompatibilityKit#createBackend()}
     */
    public static HuaweiCloudBackend start() {
        FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
        try {
            DOMAINS.forEach(cloud::addCdnDomain);
            return new HuaweiCloudBackend(cloud, ChaosProxy.start(cloud.endpoint()));
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    /** {@return the emulator, for a subclass's own cases and assertions} */
    public FakeHuaweiCloud cloud() {
        return cloud;
    }

    /** Points the push at the proxy, with the emulator's credentials. */
    @Override
    public void configure(ScmPush.Builder builder) {
        builder.endpoint(proxy.endpoint()).credentials(cloud.credentials());
    }

    /** Points the push at the proxy, with the emulator's access key and a wrong secret key. */
    @Override
    public boolean configureRefusedCredentials(ScmPush.Builder builder) {
        Credentials good = cloud.credentials();
        builder.endpoint(proxy.endpoint()).credentials(Credentials.of(good.accessKey(), "not-the-secret-key")
                .withDomainId(good.domainId().orElseThrow()));
        return true;
    }

    /**
     * What {@link FakeHuaweiCloud#certificates} lists, except for CDN: CDN sets a certificate on each of its
     * domains and knows it by its name (its outcomes' remote id), so a certificate on two domains is listed
     * once, with its name as id.
     */
    @Override
    public List<RemoteCertificate> certificates(String service, @Nullable String region) {
        List<RemoteCertificate> held = cloud.certificates(service, region);
        if (!service.equals(CDN)) {
            return held;
        }
        Map<String, RemoteCertificate> byName = new LinkedHashMap<>();
        for (RemoteCertificate c : held) {
            byName.putIfAbsent(c.name(), new RemoteCertificate(c.name(), c.name(), c.fingerprint(), c.notAfter()));
        }
        return List.copyOf(byName.values());
    }

    @Override
    public long writes() {
        return cloud.requests().stream().filter(r -> !r.method().equals("GET")).count();
    }

    @Override
    public boolean loseNextWriteAnswer(String service, @Nullable String region) {
        proxy.injectOnce(WRITE, ChaosProxy.Fault.answerLost());
        return true;
    }

    @Override
    public boolean failNextCall(String service, @Nullable String region) {
        cloud.failNext(service, region, 500);
        return true;
    }

    @Override
    public boolean throttleNextCall(String service, @Nullable String region) {
        cloud.throttleNext(service, region);
        return true;
    }

    @Override
    public boolean disableService(String service, @Nullable String region) {
        cloud.disableService(service, region);
        return true;
    }

    /**
     * A new HTTPS listener for ELB's {@code listener} kind, a new cloud or premium host for WAF's, one of the
     * kit's domains for CDN's. None for a CA-certificate kind, and none for {@code listener-sni}: ELB refuses
     * an SNI list on a listener without a default certificate (ELB.1001), which a new listener lacks.
     */
    @Override
    public Optional<Binding> newBinding(String service, @Nullable String region, BindingKind kind) {
        if (kind.caCertificate()) {
            return Optional.empty();
        }
        String domain = DOMAINS.get(0);
        String resource = switch (kind.kind()) {
            case "listener" -> cloud.addElbListener(Objects.requireNonNull(region, "region"),
                    "HTTPS");
            case "host" -> cloud.addWafHost(Objects.requireNonNull(region, "region"), domain, false);
            case "premium-host" -> cloud.addWafHost(Objects.requireNonNull(region, "region"), domain, true);
            case "domain" -> domain;
            default -> null;
        };
        return resource == null ? Optional.empty() : Optional.of(new Binding(service, region, kind.kind(), resource));
    }

    @Override
    public List<String> boundFingerprints(Binding binding) {
        return cloud.bound(binding).stream().map(RemoteCertificate::fingerprint).filter(Objects::nonNull).toList();
    }

    /** Closes the proxy and the emulator. */
    @Override
    public void close() {
        proxy.close();
        cloud.close();
    }

    @Override
    public String toString() {
        return "HuaweiCloudBackend[" + cloud.endpoint() + "]";
    }
}
