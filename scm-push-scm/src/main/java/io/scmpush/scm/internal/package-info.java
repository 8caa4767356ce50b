/** SCM v3's wire format, time formats, the native push and the rule description of an SCM certificate. Not API. */
@NullMarked
package io.scmpush.scm.internal;

import org.jspecify.annotations.NullMarked;
