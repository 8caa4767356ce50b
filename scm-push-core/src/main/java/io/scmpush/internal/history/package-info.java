/** The push history stores behind {@link io.scmpush.PushHistory}. Not API. */
@NullMarked
package io.scmpush.internal.history;

import org.jspecify.annotations.NullMarked;
