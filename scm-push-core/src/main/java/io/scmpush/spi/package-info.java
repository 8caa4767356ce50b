/** The provider SPI: what a target service implements to be pushed to, found by {@link java.util.ServiceLoader}. */
@NullMarked
package io.scmpush.spi;

import org.jspecify.annotations.NullMarked;
