/** The Huawei Cloud CDN provider for scm-push. */
module io.scmpush.cdn {
    requires transitive io.scmpush.core;
    requires static org.jspecify;
    requires com.fasterxml.jackson.databind;

    exports io.scmpush.cdn;

    provides io.scmpush.spi.PushProvider with io.scmpush.cdn.internal.CdnProvider;
}
