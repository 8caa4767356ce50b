/** Runnable examples: {@link io.scmpush.examples.QuickStart} and {@link io.scmpush.examples.CustomProvider}. */
@NullMarked
package io.scmpush.examples;

import org.jspecify.annotations.NullMarked;
