/** Targets of Huawei Cloud WAF for {@code ScmPush.push(...).to(...)}. */
@NullMarked
package io.scmpush.waf;

import org.jspecify.annotations.NullMarked;
