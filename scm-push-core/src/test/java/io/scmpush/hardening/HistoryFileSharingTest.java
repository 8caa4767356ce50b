package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs record into one {@link PushHistory#file} at the same time, each with several threads: every
 * record of both is there afterwards, and the file is one valid log.
 */
class HistoryFileSharingTest {
    static final int RECORDS = 200;
    static final int THREADS = 4;

    @Test
    void two_processes_writing_one_history_file_at_once_lose_no_record(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.json");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Appender.class.getName(), file.toString(), "child")
                .redirectErrorStream(true).start();
        try {
            Appender.append(PushHistory.file(file), "parent"); // while the child appends too
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child finished").isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(output).isZero();
        } finally {
            child.destroyForcibly();
        }

        PushHistory reopened = PushHistory.file(file);
        List<String> missing = new ArrayList<>();
        for (String writer : List.of("parent", "child")) {
            for (int i = 0; i < RECORDS; i++) {
                PushRecord expected = HistoryFileKillTest.Writer.record(writer + "-" + i);
                if (!reopened.latest(expected.fingerprint()).equals(List.of(expected))) {
                    missing.add(writer + "-" + i);
                }
            }
        }
        assertThat(missing).as("records lost").isEmpty();
        assertThat(Files.readAllLines(file)).hasSize(1 + 2 * RECORDS);
    }

    /** The child JVM: {@value #THREADS} threads append {@value #RECORDS} records in all, then it exits. */
    public static final class Appender {
        public static void main(String[] args) throws Exception {
            append(PushHistory.file(Path.of(args[0])), args[1]);
        }

        static void append(PushHistory history, String writer) throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                Thread thread = new Thread(() -> {
                    for (int i = first; i < RECORDS; i += THREADS) {
                        history.record(HistoryFileKillTest.Writer.record(writer + "-" + i));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
