/** JMH benchmarks and the cold-start program; how to run them is in {@code benchmarks/README.md}. */
@NullMarked
package io.scmpush.benchmarks;

import org.jspecify.annotations.NullMarked;
