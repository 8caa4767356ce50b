/** Targets of Huawei Cloud CDN for {@code ScmPush.push(...).to(...)}. */
@NullMarked
package io.scmpush.cdn;

import org.jspecify.annotations.NullMarked;
