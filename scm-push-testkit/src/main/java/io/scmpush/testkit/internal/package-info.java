/** The emulator's service handlers. Not API. */
@NullMarked
package io.scmpush.testkit.internal;

import org.jspecify.annotations.NullMarked;
