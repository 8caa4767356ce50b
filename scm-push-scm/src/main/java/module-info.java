/**
 * scm-push's bridge to Huawei Cloud's certificate manager (SCM): lists, shows and exports the certificates
 * it holds, and pushes them with SCM's own push calls.
 */
module io.scmpush.scm {
    requires transitive io.scmpush.core;
    requires static org.jspecify;
    requires com.fasterxml.jackson.databind;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;

    exports io.scmpush.scm;
}
