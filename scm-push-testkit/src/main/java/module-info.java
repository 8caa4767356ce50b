/** FakeHuaweiCloud and the provider compatibility kit. */
module io.scmpush.testkit {
    requires transitive io.scmpush.core;
    requires static org.jspecify;
    requires jdk.httpserver;
    requires com.fasterxml.jackson.databind;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    // ProviderCompatibilityKit's subclasses inherit its JUnit annotations; the tests that use it bring
    // JUnit Jupiter, so FakeHuaweiCloud alone needs no JUnit.
    requires static transitive org.junit.jupiter.api;

    exports io.scmpush.testkit;

    // ProviderCompatibilityKit finds the provider under test to learn its scope.
    uses io.scmpush.spi.PushProvider;
}
