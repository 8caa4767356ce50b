/**
 * Test support for scm-push users and provider authors: {@link io.scmpush.testkit.FakeHuaweiCloud}, a local
 * emulator of the Huawei Cloud endpoints scm-push calls, and the {@link io.scmpush.testkit.ProviderCompatibilityKit}.
 */
@NullMarked
package io.scmpush.testkit;

import org.jspecify.annotations.NullMarked;
