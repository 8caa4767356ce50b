/** The user API: build a {@link io.scmpush.Certificate}, push it with {@link io.scmpush.ScmPush}, read the {@link io.scmpush.PushResult}. */
@NullMarked
package io.scmpush;

import org.jspecify.annotations.NullMarked;
