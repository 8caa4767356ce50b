/** What the Huawei Cloud providers share beyond the transport: JSON, remote PEM handling. Not API. */
@NullMarked
package io.scmpush.internal.provider;

import org.jspecify.annotations.NullMarked;
