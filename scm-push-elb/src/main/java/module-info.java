/** The Huawei Cloud ELB provider for scm-push. */
module io.scmpush.elb {
    requires transitive io.scmpush.core;
    requires static org.jspecify;
    requires com.fasterxml.jackson.databind;

    exports io.scmpush.elb;

    provides io.scmpush.spi.PushProvider with io.scmpush.elb.internal.ElbProvider;
}
