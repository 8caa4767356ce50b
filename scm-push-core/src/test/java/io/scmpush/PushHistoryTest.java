package io.scmpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
                n % 3 == 0 ? null : "id-" + n, n % 3 == 0 ? "WAF.00010001" : null, "push " + n, n % 3 == 0 ? 3 : 1,
                T0.plusSeconds(n));
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
    void a_file_history_appends_a_line_per_record_to_the_same_file_and_leaves_only_its_lock_beside_it()
            throws IOException {
        Path file = temp.resolve("history.json");
        PushHistory history = PushHistory.file(file);
        history.record(record(FP_A, 1));
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        String before = Files.readString(file);
        history.record(record(FP_A, 3));

        String after = Files.readString(file);
        assertThat(after).startsWith(before).hasLineCount(3);
        assertThat(after.lines().skip(2)).singleElement().asString().startsWith("{\"fingerprint\":\"" + FP_A + "\"")
                .contains("\"code\":\"WAF.00010001\"", "\"attempts\":3", "\"status\":\"FAILED\"");
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactlyInAnyOrder(file, temp.resolve("history.json.lock"));
        }
    }

    @Test
    void a_file_history_is_readable_and_writable_by_its_owner_only() throws IOException {
        Path file = temp.resolve("history.json");
        assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
        PushHistory.file(file).record(record(FP_A, 1));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_file_history_of_one_certificate_pushed_again_and_again_stays_small() throws IOException {
        Path file = temp.resolve("history.json");
        PushHistory history = PushHistory.file(file);
        for (int n = 1; n <= 200; n++) {
            history.record(record(FP_A, n));
        }

        assertThat(Files.readString(file).lines().count()).as("lines after compactions").isLessThanOrEqualTo(2 * 10 + 66);
        assertThat(PushHistory.file(file).latest(FP_A)).extracting(PushRecord::message).first().isEqualTo("push 200");
        try (var files = Files.list(temp)) {
            assertThat(files).as("no compaction file left").containsExactlyInAnyOrder(file,
                    temp.resolve("history.json.lock"));
        }
    }

    @Test
    void a_record_cut_short_by_a_crash_is_dropped_and_the_next_record_replaces_it() throws IOException {
        Path file = temp.resolve("history.json");
        PushHistory.file(file).record(record(FP_A, 1));
        Files.writeString(file, "{\"fingerprint\":\"" + FP_A + "\",\"certificateName\":\"cut sh",
                StandardOpenOption.APPEND);

        PushHistory reopened = PushHistory.file(file);
        assertThat(reopened.latest(FP_A)).containsExactly(record(FP_A, 1));
        reopened.record(record(FP_A, 2));

        assertThat(Files.readString(file)).doesNotContain("cut sh").hasLineCount(3);
        assertThat(PushHistory.file(file).latest(FP_A)).containsExactly(record(FP_A, 2), record(FP_A, 1));
    }

    @Test
    void a_compaction_file_left_by_a_killed_process_is_removed_by_the_next_writer() throws IOException {
        Path file = temp.resolve("history.json");
        PushHistory.file(file).record(record(FP_A, 1));
        Path stray = Files.writeString(temp.resolve("history.json.compact"), "{\"scm-push-history\":2}\n{\"fing");

        PushHistory reopened = PushHistory.file(file);
        assertThat(reopened.latest(FP_A)).containsExactly(record(FP_A, 1));
        reopened.record(record(FP_A, 2));

        assertThat(stray).doesNotExist();
        assertThat(PushHistory.file(file).latest(FP_A)).containsExactly(record(FP_A, 2), record(FP_A, 1));
    }

    @Test
    void a_history_of_an_earlier_release_is_read_and_converted_by_the_next_record() throws IOException {
        Path file = temp.resolve("history.json");
        Files.writeString(file, """
                {"version" : 1, "certificates" : {"%s" : [
                  {"certificateName" : "n", "service" : "waf", "region" : "cn-north-4", "status" : "PUSHED",
                   "remoteId" : "id-2", "message" : "second", "at" : "2026-01-01T00:00:02Z"},
                  {"certificateName" : "n", "service" : "waf", "region" : null, "status" : "FAILED",
                   "remoteId" : null, "message" : "first", "at" : "2026-01-01T00:00:01Z"}]}}
                """.formatted(FP_A));

        PushHistory history = PushHistory.file(file);
        assertThat(history.latest(FP_A)).extracting(PushRecord::message).containsExactly("second", "first");
        history.record(record(FP_A, 3));

        assertThat(Files.readString(file)).startsWith("{\"scm-push-history\":2}\n");
        assertThat(PushHistory.file(file).latest(FP_A)).extracting(PushRecord::message)
                .containsExactly("push 3", "second", "first");
    }

    @Test
    void a_directory_at_the_path_is_an_illegal_argument() {
        assertThatThrownBy(() -> PushHistory.file(temp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void two_histories_reaching_one_file_through_a_symbolic_link_share_its_lock_and_lose_nothing() throws Exception {
        Path real = Files.createDirectory(temp.resolve("real"));
        Path link;
        try {
            link = Files.createSymbolicLink(temp.resolve("link"), real);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
            return;
        }
        PushHistory one = PushHistory.file(real.resolve("history.json"));
        PushHistory other = PushHistory.file(link.resolve("history.json"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String fingerprint = String.format("%064x", i);
                PushHistory via = i % 2 == 0 ? one : other;
                writes.add(pool.submit(() -> via.record(record(fingerprint, 1))));
            }
            for (Future<?> write : writes) {
                write.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        PushHistory reopened = PushHistory.file(real.resolve("history.json"));
        for (int i = 0; i < 100; i++) {
            assertThat(reopened.latest(String.format("%064x", i))).as("record %d", i).hasSize(1);
        }
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
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.HISTORY_CORRUPT))
                .hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "garbage\n", "{\"scm-push-history\":2}\n", "{\"x\":1}\n"})
    void a_valid_history_followed_by_anything_else_is_refused_and_left_untouched(String tail) throws IOException {
        Path file = temp.resolve("history.json");
        PushHistory.file(file).record(record(FP_A, 1));
        String content = Files.readString(file) + tail;
        Files.writeString(file, content);

        assertThatThrownBy(() -> PushHistory.file(file)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.HISTORY_CORRUPT));
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    @Test
    void two_histories_of_an_earlier_release_one_after_the_other_are_refused_and_left_untouched() throws IOException {
        Path file = temp.resolve("history.json");
        String one = "{\"version\":1,\"certificates\":{}}";
        Files.writeString(file, one + "\n" + one);

        assertThatThrownBy(() -> PushHistory.file(file)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.HISTORY_CORRUPT));
        assertThat(Files.readString(file)).isEqualTo(one + "\n" + one);
    }

    @Test
    void the_in_memory_history_forgets_the_certificate_least_recently_used_past_its_bound() {
        PushHistory history = PushHistory.inMemory(2);
        history.record(record(FP_A, 1));
        history.record(record(FP_B, 1));
        history.latest(FP_A); // A is now the more recently used
        String fpC = "c".repeat(64);
        history.record(record(fpC, 1));

        assertThat(history.latest(FP_B)).isEmpty();
        assertThat(history.latest(FP_A)).containsExactly(record(FP_A, 1));
        assertThat(history.latest(fpC)).containsExactly(record(fpC, 1));
        assertThatThrownBy(() -> PushHistory.inMemory(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_file_damaged_while_in_use_is_not_overwritten() throws IOException {
        Path file = temp.resolve("history.json");
        PushHistory history = PushHistory.file(file);
        history.record(record(FP_A, 1));
        Files.writeString(file, "{\"truncat");

        assertThatThrownBy(() -> history.record(record(FP_A, 2))).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.code()).isEqualTo(ConfigurationCodes.HISTORY_CORRUPT));
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
