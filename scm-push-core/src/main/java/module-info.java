/**
 * scm-push core: the certificate model, the push rules, the provider SPI, the fluent {@code ScmPush}
 * entry point and the signed Huawei Cloud transport.
 */
module io.scmpush.core {
    requires transitive java.net.http;
    requires static org.jspecify;
    requires com.fasterxml.jackson.databind;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports io.scmpush;
    exports io.scmpush.rules;
    exports io.scmpush.spi;
    exports io.scmpush.spi.support;
    // The providers and the certificate manager's module use the published API, SPI and support tier only.
    // The test kit still builds the real transport for TestProviderContext and checks Jackson's version
    // (issue #15: to be replaced by published API).
    exports io.scmpush.internal.http to io.scmpush.testkit;
    exports io.scmpush.internal.provider to io.scmpush.testkit;

    uses io.scmpush.spi.PushProvider;
}
