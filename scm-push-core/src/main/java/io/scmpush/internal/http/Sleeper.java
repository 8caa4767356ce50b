package io.scmpush.internal.http;

import java.time.Duration;

/** Waits between retries; tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
