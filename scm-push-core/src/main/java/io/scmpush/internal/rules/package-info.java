/** The built-in push rules. Not API. */
@NullMarked
package io.scmpush.internal.rules;

import org.jspecify.annotations.NullMarked;
