/**
 * Test support for scm-push users and provider authors: {@link io.scmpush.testkit.FakeHuaweiCloud}, a local
 * emulator of the Huawei Cloud endpoints scm-push calls; {@link io.scmpush.testkit.TestCertificates}, real
 * certificates made at run time; the {@link io.scmpush.testkit.ProviderCompatibilityKit}; and the
 * {@link io.scmpush.testkit.TestProviderContext} to connect a provider's client with in a test.
 *
 * <pre>{@code
 * try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
 *      ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build()) {
 *     Certificate cert = TestCertificates.builder().domains("www.example.com").build().toCertificate();
 *     scm.push(cert).to(Waf.inRegions("cn-north-4")).execute();
 *     assertThat(cloud.certificates("waf", "cn-north-4")).hasSize(1);
 * }
 * }</pre>
 */
@NullMarked
package io.scmpush.testkit;

import org.jspecify.annotations.NullMarked;
