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
    // No internal package is exported, not even to our own modules: the providers, the certificate manager's
    // module and the test kit use the published API, SPI and support tier only.

    uses io.scmpush.spi.PushProvider;
}
