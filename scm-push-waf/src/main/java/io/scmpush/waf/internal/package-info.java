/** The Huawei Cloud WAF provider. Not API. */
@NullMarked
package io.scmpush.waf.internal;

import org.jspecify.annotations.NullMarked;
