package io.scmpush.testkit;

/** TODO(testkit) */
public final class FakeHuaweiCloud {
    private FakeHuaweiCloud() {}
}
