/** Targets of Huawei Cloud ELB for {@code ScmPush.push(...).to(...)}. */
@NullMarked
package io.scmpush.elb;

import org.jspecify.annotations.NullMarked;
