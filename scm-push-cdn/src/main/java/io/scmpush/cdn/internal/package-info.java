/** The Huawei Cloud CDN provider. Not API. */
@NullMarked
package io.scmpush.cdn.internal;

import org.jspecify.annotations.NullMarked;
