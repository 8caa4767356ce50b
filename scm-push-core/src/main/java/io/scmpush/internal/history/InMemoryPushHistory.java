package io.scmpush.internal.history;

import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import java.util.List;

/** {@link PushHistory#inMemory()}. */
public final class InMemoryPushHistory implements PushHistory {
    @Override
    public void record(PushRecord record) {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    @Override
    public List<PushRecord> latest(String fingerprint) {
        throw new UnsupportedOperationException("TODO(engine)");
    }
}
