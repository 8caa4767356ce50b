/** PEM and key parsing behind {@link io.scmpush.Certificate}. Not API. */
@NullMarked
package io.scmpush.internal.pem;

import org.jspecify.annotations.NullMarked;
