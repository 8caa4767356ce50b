package io.scmpush;

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
     * @param record the record to add
     */
    void record(PushRecord record);

    /**
     * The latest records of one certificate.
     *
     * @param fingerprint the certificate's SHA-256 fingerprint ({@link Certificate#fingerprint()})
     * @return at most {@link #LIMIT} records, newest first; empty when none
     */
    List<PushRecord> latest(String fingerprint);

    /**
     * The latest records of one certificate: {@code latest(certificate.fingerprint())}.
     *
     * @param certificate the certificate
     * @return at most {@link #LIMIT} records, newest first; empty when none
     */
    default List<PushRecord> latest(Certificate certificate) {
        return latest(certificate.fingerprint());
    }

    /** How many certificates {@link #inMemory()} keeps records of. */
    int DEFAULT_MAX_CERTIFICATES = 10_000;

    /**
     * A history that lives as long as this JVM, of the {@value #DEFAULT_MAX_CERTIFICATES} certificates most
     * recently recorded or read.
     *
     * @return a new, empty history
     */
    static PushHistory inMemory() {
        return inMemory(DEFAULT_MAX_CERTIFICATES);
    }

    /**
     * A history that lives as long as this JVM, of at most {@code maxCertificates} certificates: past that,
     * the records of the certificate least recently recorded or read are dropped.
     *
     * @param maxCertificates how many certificates' records are kept, at least 1
     * @return a new, empty history
     * @throws IllegalArgumentException when {@code maxCertificates} is below 1
     */
    static PushHistory inMemory(int maxCertificates) {
        return new InMemoryPushHistory(maxCertificates);
    }

    /**
     * A history kept in {@code file}, which survives restarts: a log of JSON lines, one appended (and forced to
     * disk) per record, compacted now and then. A process killed while recording loses at most that record,
     * never the file. Processes sharing the file take turns through a lock on {@code <file>.lock} beside it;
     * in one JVM, every instance on one file (by whatever path) shares one lock. A file that is not a history
     * is reported and never written to. Files of earlier releases (one JSON object) are read and converted.
     *
     * @param file the history file; its directory is created at the first record if missing
     * @return the history
     * @throws ConfigurationException {@code HISTORY_CORRUPT} when the file exists but is not a history
     * @throws IllegalArgumentException when {@code file} is a directory
     */
    static PushHistory file(Path file) {
        return new FilePushHistory(file);
    }
}
