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
    // The providers use the published SPI and its support tier only. The test kit and the certificate
    // manager's module still reach the transport and JSON internals (issue #15: to be replaced).
    exports io.scmpush.internal.http to io.scmpush.testkit, io.scmpush.scm;
    exports io.scmpush.internal.provider to io.scmpush.testkit, io.scmpush.scm;

    // The certificate manager's module reads SCM through the engine's transport, history and listener.
    exports io.scmpush.internal.engine to io.scmpush.scm;

    uses io.scmpush.spi.PushProvider;
}
