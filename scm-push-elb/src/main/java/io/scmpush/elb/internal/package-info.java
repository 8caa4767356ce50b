/** The Huawei Cloud ELB provider. Not API. */
@NullMarked
package io.scmpush.elb.internal;

import org.jspecify.annotations.NullMarked;
