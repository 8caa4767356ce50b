/** The Huawei Cloud WAF provider for scm-push. */
module io.scmpush.waf {
    requires transitive io.scmpush.core;
    requires static org.jspecify;
    requires com.fasterxml.jackson.databind;

    exports io.scmpush.waf;

    provides io.scmpush.spi.PushProvider with io.scmpush.waf.internal.WafProvider;
}
