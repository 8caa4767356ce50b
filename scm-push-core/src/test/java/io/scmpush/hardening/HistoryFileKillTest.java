package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.OutcomeStatus;
import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PushHistory#file} written by many threads of another JVM that is killed ({@code SIGKILL}) while
 * it writes: the file left behind opens as a valid history that holds every record whose {@code record()}
 * had returned, and takes new records. Three kills, after more and more records.
 */
class HistoryFileKillTest {
    static final int WRITER_THREADS = 8;

    @Test
    void a_history_file_killed_mid_write_by_many_threads_opens_valid_with_every_finished_record(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("history.json");
        List<String> finished = new ArrayList<>();
        for (int killAfter : new int[] {20, 60, 150}) {
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Writer.class.getName(), file.toString(),
                    Integer.toString(WRITER_THREADS), Integer.toString(killAfter))
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                for (int seen = 0; seen < killAfter; seen++) {
                    String line = out.readLine();
                    assertThat(line).as("the writer's output").isNotNull().startsWith("recorded ");
                    finished.add(line.substring("recorded ".length()));
                }
                writer.destroyForcibly(); // the writer's threads keep writing until this moment
                assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                writer.destroyForcibly();
            }

            PushHistory reopened = PushHistory.file(file);

            for (String fingerprint : finished) {
                assertThat(reopened.latest(fingerprint)).as("record %s, finished before a kill", fingerprint)
                        .singleElement().extracting(PushRecord::status).isEqualTo(OutcomeStatus.PUSHED);
            }
        }
        PushHistory afterKills = PushHistory.file(file);
        PushRecord next = Writer.record("after-the-kills");
        afterKills.record(next);
        assertThat(PushHistory.file(file).latest(next.fingerprint())).containsExactly(next);
    }

    /**
     * The child JVM: {@code threads} threads record a new certificate's push each, in a loop, and print
     * {@code recorded <fingerprint>} when {@code record()} has returned; after {@code quiet} lines they
     * keep writing without printing, until killed.
     */
    public static final class Writer {
        public static void main(String[] args) throws InterruptedException {
            PushHistory history = PushHistory.file(Path.of(args[0]));
            int threads = Integer.parseInt(args[1]);
            int quiet = Integer.parseInt(args[2]);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger printed = new AtomicInteger();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread thread = new Thread(() -> {
                    while (true) {
                        PushRecord record = record(args[2] + "-" + next.getAndIncrement());
                        history.record(record);
                        if (printed.incrementAndGet() <= quiet) {
                            System.out.println("recorded " + record.fingerprint());
                        }
                    }
                });
                thread.start();
                writers.add(thread);
            }
            for (Thread thread : writers) {
                thread.join();
            }
        }

        /** A PUSHED record of a certificate of its own: its fingerprint is the SHA-256 of {@code id}. */
        static PushRecord record(String id) {
            String fingerprint;
            try {
                fingerprint = HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            return new PushRecord(fingerprint, "cert-" + id, "waf", "cn-north-4", OutcomeStatus.PUSHED, "remote-" + id,
                    "Pushed as 'cert-" + id + "'", Instant.parse("2026-01-01T00:00:00Z"));
        }
    }
}
