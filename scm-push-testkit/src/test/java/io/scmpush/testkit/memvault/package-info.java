/** An in-memory provider plugin that runs the compatibility kit without Huawei Cloud. */
@NullMarked
package io.scmpush.testkit.memvault;

import org.jspecify.annotations.NullMarked;
