/** The Huawei Cloud ELB provider for scm-push. */
module io.scmpush.elb {
    requires transitive io.scmpush.core;
    requires static transitive org.jspecify; // @Nullable is part of the published signatures
    requires com.fasterxml.jackson.databind;

    exports io.scmpush.elb;

    provides io.scmpush.spi.PushProvider with io.scmpush.elb.internal.ElbProvider;
}
