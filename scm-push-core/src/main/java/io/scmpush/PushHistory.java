package io.scmpush;

import io.scmpush.internal.provider.JacksonVersions;
import io.scmpush.internal.history.FilePushHistory;
import io.scmpush.internal.history.InMemoryPushHistory;
import java.nio.file.Path;
import java.util.List;

/**
 * The latest push records per certificate: every outcome of {@link PushRequest#execute()},
 * REJECTED and FAILED included. Implementations are thread-safe.
 */
public interface PushHistory {

    /** How many records are kept per certificate. */
    int LIMIT = 10;

    /**
     * Adds a record; the oldest beyond {@link #LIMIT} for that certificate are dropped.
     *
     * @param record one outcome of a push
     */
    void record(PushRecord record);

    /**
     * The latest records of one certificate.
     *
     * @param fingerprint the certificate's SHA-256 fingerprint ({@link Certificate#fingerprint()})
     * @return at most {@link #LIMIT} records, newest first; empty for a certificate never pushed
     */
    List<PushRecord> latest(String fingerprint);

    /** {@return a new history that lives as long as this JVM} */
    static PushHistory inMemory() {
        return new InMemoryPushHistory();
    }

    /**
     * A history kept as JSON in {@code file}, which survives restarts. Each record replaces the file
     * atomically; a corrupt file is reported and never overwritten.
     *
     * @param file where the JSON lives; created at the first record
     * @return a history backed by the file
     * @throws ConfigurationException {@code HISTORY_CORRUPT} when the file exists but cannot be read;
     *     {@code DEPENDENCY_VERSION} as {@link ScmPush.Builder#build()}
     */
    static PushHistory file(Path file) {
        JacksonVersions.check(); // the file is JSON: check Jackson before reading it
        return new FilePushHistory(file);
    }
}
