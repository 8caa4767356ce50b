package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both push histories: the latest ten per certificate, newest first, safe from many threads; the file one also across restarts. */
class PushHistoryTest {
    private static final String FP_A = "a".repeat(64);
    private static final String FP_B = "b".repeat(64);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private PushHistory history(String kind) {
        return kind.equals("memory") ? PushHistory.inMemory() : PushHistory.file(temp.resolve("history.json"));
    }

    private static PushRecord record(String fingerprint, int n) {
        return new PushRecord(fingerprint, "www.example.com-" + fingerprint.substring(0, 8), "waf",
                n % 2 == 0 ? "cn-north-4" : null, n % 3 == 0 ? OutcomeStatus.FAILED : OutcomeStatus.PUSHED,
                n % 3 == 0 ? null : "id-" + n, "push " + n, T0.plusSeconds(n));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void keeps_the_latest_ten_per_certificate_newest_first(String kind) {
        PushHistory history = history(kind);
        for (int n = 1; n <= 12; n++) {
            history.record(record(FP_A, n));
        }
        history.record(record(FP_B, 1));

        assertThat(history.latest(FP_A)).extracting(PushRecord::message)
                .containsExactly("push 12", "push 11", "push 10", "push 9", "push 8", "push 7", "push 6", "push 5",
                        "push 4", "push 3");
        assertThat(history.latest(FP_B)).containsExactly(record(FP_B, 1));
        assertThat(history.latest("c".repeat(64))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void records_from_many_threads_are_all_kept(String kind) throws Exception {
        PushHistory history = history(kind);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String fingerprint = Character.toString('0' + t).repeat(64);
                done.add(pool.submit(() -> IntStream.rangeClosed(1, 10).forEach(n -> history.record(record(fingerprint, n)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int t = 0; t < 8; t++) {
            assertThat(history.latest(Character.toString('0' + t).repeat(64))).extracting(PushRecord::message)
                    .containsExactly("push 10", "push 9", "push 8", "push 7", "push 6", "push 5", "push 4", "push 3",
                            "push 2", "push 1");
        }
    }

    @Test
    void a_file_history_survives_a_restart_with_every_field() {
        Path file = temp.resolve("nested/dir/history.json");
        PushHistory first = PushHistory.file(file);
        first.record(record(FP_A, 1));
        first.record(record(FP_A, 2));
        first.record(record(FP_B, 3));

        PushHistory reopened = PushHistory.file(file);

        assertThat(reopened.latest(FP_A)).containsExactly(record(FP_A, 2), record(FP_A, 1));
        assertThat(reopened.latest(FP_B)).containsExactly(record(FP_B, 3));
    }

    @Test
    void two_file_histories_on_one_file_do_not_lose_each_others_records() {
        Path file = temp.resolve("history.json");
        PushHistory one = PushHistory.file(file);
        PushHistory other = PushHistory.file(file);

        one.record(record(FP_A, 1));
        other.record(record(FP_A, 2));

        assertThat(one.latest(FP_A)).containsExactly(record(FP_A, 2), record(FP_A, 1));
    }

    @Test
    void a_file_history_replaces_the_file_and_leaves_no_temporary_file() throws IOException {
        Path file = temp.resolve("history.json");
        PushHistory history = PushHistory.file(file);
        history.record(record(FP_A, 1));
        history.record(record(FP_A, 2));

        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(Files.readString(file)).contains("\"version\" : 1", FP_A, "\"status\" : \"PUSHED\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "{\"version\":2,\"certificates\":{}}",
            "{\"version\":1,\"certificates\":{\"x\":[{\"service\":\"waf\"}]}}",
            "{\"version\":1,\"certificates\":{\"x\":[{\"certificateName\":\"n\",\"service\":\"waf\",\"status\":\"DONE\","
                    + "\"message\":\"m\",\"at\":\"2026-01-01T00:00:00Z\"}]}}"})
    void a_corrupt_file_is_reported_naming_it_and_is_left_untouched(String content) throws IOException {
        Path file = temp.resolve("history.json");
        Files.writeString(file, content);

        assertThatThrownBy(() -> PushHistory.file(file)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo("HISTORY_CORRUPT"))
                .hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    @Test
    void a_file_damaged_while_in_use_is_not_overwritten() throws IOException {
        Path file = temp.resolve("history.json");
        PushHistory history = PushHistory.file(file);
        history.record(record(FP_A, 1));
        Files.writeString(file, "{\"truncat");

        assertThatThrownBy(() -> history.record(record(FP_A, 2))).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo("HISTORY_CORRUPT"));
        assertThat(Files.readString(file)).isEqualTo("{\"truncat");
    }

    @Test
    void an_empty_file_is_an_empty_history() throws IOException {
        Path file = Files.createFile(temp.resolve("history.json"));

        PushHistory history = PushHistory.file(file);
        history.record(record(FP_A, 1));

        assertThat(PushHistory.file(file).latest(FP_A)).containsExactly(record(FP_A, 1));
    }
}
