/**
 * Test support for scm-push users and provider authors: {@link io.scmpush.testkit.FakeHuaweiCloud}, a local
 * emulator of the Huawei Cloud endpoints scm-push calls, the {@link io.scmpush.testkit.ProviderCompatibilityKit}, and
 * the {@link io.scmpush.testkit.TestProviderContext} to connect a provider's client with in a test.
 */
@NullMarked
package io.scmpush.testkit;

import org.jspecify.annotations.NullMarked;
