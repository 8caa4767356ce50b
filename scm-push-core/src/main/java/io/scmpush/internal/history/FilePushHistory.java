package io.scmpush.internal.history;

import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import java.nio.file.Path;
import java.util.List;

/** {@link PushHistory#file(Path)}. */
public final class FilePushHistory implements PushHistory {
    public FilePushHistory(Path file) {
        // TODO(engine)
    }

    @Override
    public void record(PushRecord record) {
        throw new UnsupportedOperationException("TODO(engine)");
    }

    @Override
    public List<PushRecord> latest(String fingerprint) {
        throw new UnsupportedOperationException("TODO(engine)");
    }
}
