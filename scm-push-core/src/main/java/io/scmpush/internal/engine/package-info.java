/** The push engine behind {@link io.scmpush.ScmPush}: discovery, inventories, fan-out, history. Not API. */
@NullMarked
package io.scmpush.internal.engine;

import org.jspecify.annotations.NullMarked;
