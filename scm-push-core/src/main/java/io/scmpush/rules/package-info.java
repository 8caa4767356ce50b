/** The push rules: an immutable {@link io.scmpush.rules.RuleEngine} of pure {@link io.scmpush.rules.PushRule}s over a {@link io.scmpush.rules.RuleContext}. */
@NullMarked
package io.scmpush.rules;

import org.jspecify.annotations.NullMarked;
