/**
 * A complete third-party provider plugin: a "service" that is a directory of PEM files. Read it as the
 * template for your own; it is registered in {@code META-INF/services/io.scmpush.spi.PushProvider}.
 */
@NullMarked
package io.scmpush.examples.directory;

import org.jspecify.annotations.NullMarked;
