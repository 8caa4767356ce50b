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
    // The transport internals are shared with our own provider modules only.
    exports io.scmpush.internal.http to io.scmpush.waf, io.scmpush.cdn, io.scmpush.elb, io.scmpush.testkit,
            io.scmpush.scm;
    exports io.scmpush.internal.provider to io.scmpush.waf, io.scmpush.cdn, io.scmpush.elb, io.scmpush.testkit,
            io.scmpush.scm;

    // The certificate manager's module reads SCM through the engine's transport, history and listener.
    exports io.scmpush.internal.engine to io.scmpush.scm;

    uses io.scmpush.spi.PushProvider;
}
