/** What a server presents over TLS: the handshake probe behind {@code ScmPush.verify}. */
@NullMarked
package io.scmpush.internal.verify;

import org.jspecify.annotations.NullMarked;
