package io.scmpush.internal.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.ConfigurationCodes;
import io.scmpush.ConfigurationException;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link PushHistory#file(Path)}: the latest {@link #LIMIT} records per certificate, as a log of JSON lines
 * that {@link #record} appends to.
 *
 * <pre>{@code
 * {"scm-push-history":2}
 * {"fingerprint":"<64 hex>","certificateName":"...","service":"waf","region":"cn-north-4","status":"PUSHED",
 *  "remoteId":"...","code":null,"message":"...","attempts":1,"at":"2026-01-01T00:00:00Z"}      (one line)
 * }</pre>
 *
 * <p><b>Crash safety.</b> A record is one line written by one append and forced to disk before
 * {@code record} returns. A process killed while appending leaves at most an unfinished last line, which
 * readers ignore and the next writer cuts off: that record is lost, the file never is. When the file holds
 * many more lines than records kept, a writer compacts it: the kept records go to {@code <name>.compact},
 * which then atomically replaces the file; a compaction cut short leaves that file, which the next
 * writer removes.
 *
 * <p><b>Sharing.</b> Every call takes an exclusive lock on {@code <name>.lock} beside the file (created once,
 * never removed), so processes that share the file take turns; within one JVM, instances that reach one
 * file by any path (symbolic links resolved) share one lock and one cache of the parsed log, and each call
 * reads only what other processes appended since.
 *
 * <p><b>Damage.</b> A file that is not a history this class wrote (a line that is not a record, a second
 * header, text after the end of a version 1 history) is refused with {@code HISTORY_CORRUPT} and never
 * written to. A version 1 file (one JSON object, as earlier releases wrote) is read, and rewritten in this
 * format by the first {@code record}.
 */
public final class FilePushHistory implements PushHistory {
    static final String HEADER = "{\"scm-push-history\":2}";
    /** How every record line starts: an unfinished last line that does not is damage, not a torn append. */
    static final String RECORD_START = "{\"fingerprint\":\"";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Map<Path, Store> STORES = new ConcurrentHashMap<>();

    private final Path file;
    private final Store store;

    /**
     * @throws ConfigurationException {@code HISTORY_CORRUPT} when the file exists but is not a history
     * @throws IllegalArgumentException when the path is a directory
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public FilePushHistory(Path file) {
        this.file = realPath(file);
        if (Files.isDirectory(this.file)) {
            throw new IllegalArgumentException("PushHistory.file(" + file + "): " + this.file
                    + " is a directory; give the path of a file in it, e.g. " + this.file.resolve("history.json"));
        }
        this.store = STORES.computeIfAbsent(this.file, Store::new);
        store.perform(Store::refresh, false); // fail now, not at the first push, on a file we could never use
    }

    /**
     * @throws ConfigurationException {@code HISTORY_CORRUPT} when the file was damaged since; it is left as it is
     * @throws UncheckedIOException when the file cannot be read or written
     */
    @Override
    public void record(PushRecord record) {
        Objects.requireNonNull(record, "record");
        store.perform(s -> {
            s.refresh();
            s.append(record);
        }, true);
    }

    @Override
    public List<PushRecord> latest(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return store.run(s -> {
            s.refresh();
            return s.latest(fingerprint);
        }, false);
    }

    @Override
    public String toString() {
        return "FilePushHistory[" + file + "]";
    }

    /** The file's real path: symbolic links in it resolved, also when the file does not exist yet. */
    private static Path realPath(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                return absolute.toRealPath();
            }
            Path parent = absolute.getParent();
            return parent != null && Files.isDirectory(parent) ? parent.toRealPath().resolve(absolute.getFileName())
                    : absolute;
        } catch (IOException e) {
            return absolute; // unreadable: the first read says why
        }
    }

    /** One history file as this JVM sees it: its lock, and the log parsed so far. */
    private static final class Store {
        private final Path file;
        private final Path lockFile;
        private final Path compactFile;
        /** The kept records per fingerprint, newest first, as of {@link #parsedTo}. */
        private final Map<String, List<PushRecord>> records = new HashMap<>();
        /** Which file (inode) was parsed, and up to which byte: the end of its last complete line. */
        private @Nullable Object parsedKey;
        private long parsedTo;
        /** Whether to read the whole file at the next refresh: nothing parsed yet, or nothing to trust. */
        private boolean reparse = true;
        /** Whether the file starts with {@link #HEADER}: else the next append starts it afresh. */
        private boolean hasHeader;
        /** Lines in the file (records and header): a compaction is due when they far outnumber those kept. */
        private long lines;
        private int kept;
        /** A version 1 file: read whole, rewritten before the next append. */
        private boolean legacy;
        /** Bytes after {@link #parsedTo}: an append cut short by a crash. */
        private boolean tornTail;


        Store(Path file) {
            this.file = file;
            this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
            this.compactFile = file.resolveSibling(file.getFileName() + ".compact");
        }

        /** {@link #run} for a call that answers nothing. */
        void perform(IoAction action, boolean write) {
            run(s -> {
                action.apply(s);
                return Boolean.TRUE;
            }, write);
        }

        /**
         * Runs {@code call} holding this JVM's monitor; a write also holds the file lock, which other processes
         * take too. Reads take no file lock: appends are whole lines and compaction replaces the file at once,
         * so a reader sees a finished state, perhaps with an append still under way, which it skips.
         */
        synchronized <T> T run(IoCall<T> call, boolean write) {
            try {
                if (!write) {
                    return call.apply(this);
                }
                Path directory = file.getParent();
                if (directory != null) {
                    Files.createDirectories(directory);
                }
                createPrivate(lockFile);
                // Closing the channel releases the lock it holds.
                try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                    lockChannel.lock();
                    Files.deleteIfExists(compactFile); // a compaction cut short: the log it was made from stands
                    return call.apply(this);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot use the push history file " + file + ": " + e.getMessage(), e);
            }
        }

        /** Brings the parsed log up to the file: reads what was appended since, or all of a replaced file. */
        void refresh() throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                reset();
                reparse = true;
                return;
            }
            Object key = attributes.fileKey();
            long size = attributes.size();
            boolean sameFile = !reparse && hasHeader && key != null && key.equals(parsedKey) && size >= parsedTo
                    && !legacy;
            if (!sameFile) {
                reset();
                parsedKey = key;
            }
            if (size == parsedTo) {
                tornTail = false;
                return;
            }
            byte[] bytes = read(parsedTo, size);
            if (parsedTo == 0) {
                parseWhole(bytes);
            } else {
                parseLines(bytes, parsedTo);
            }
            reparse = key == null; // no identity to trust: read it all again next time
        }

        private void reset() {
            records.clear();
            parsedKey = null;
            parsedTo = 0;
            hasHeader = false;
            lines = 0;
            kept = 0;
            legacy = false;
            tornTail = false;
        }

        private byte[] read(long from, long to) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
                while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
                    // until the size read before; a concurrent appender is held off by the lock
                }
                return buffer.hasRemaining() ? Arrays.copyOf(buffer.array(), buffer.position())
                        : buffer.array();
            }
        }

        private void parseWhole(byte[] bytes) {
            int start = 0;
            while (start < bytes.length && Character.isWhitespace(bytes[start])) {
                start++;
            }
            if (start == bytes.length) {
                parsedTo = bytes.length; // empty: e.g. a file the user created to hold the history
                return;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.startsWith(HEADER)) {
                if (HEADER.startsWith(text) || (HEADER + "\n").startsWith(text)) {
                    parsedTo = 0; // the first append of a new file, cut short: nothing in it yet
                    tornTail = true;
                    return;
                }
                parseLegacy(bytes);
                return;
            }
            parseLines(bytes, 0);
        }

        /** Lines from {@code offset} of the file; line 1 is the header when {@code offset} is 0. */
        private void parseLines(byte[] bytes, long offset) {
            int start = 0;
            long line = lines;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                if (offset == 0 && start == 0) {
                    if (!text.equals(HEADER)) {
                        throw corrupt("its first line is not the header " + HEADER);
                    }
                    hasHeader = true;
                } else {
                    add(parseRecord(text, line + 1));
                }
                line++;
                start = i + 1;
            }
            lines = line;
            parsedTo = offset + start;
            tornTail = start < bytes.length;
            if (tornTail) {
                String tail = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
                if (!(tail.startsWith(RECORD_START) || RECORD_START.startsWith(tail))) {
                    throw corrupt("it ends with text that is not a record");
                }
            }
        }

        private PushRecord parseRecord(String line, long number) {
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw corrupt("line " + number + " is not JSON");
            }
            if (node == null || !node.isObject()) {
                throw corrupt("line " + number + " is not a record");
            }
            return record(node, text(node, "fingerprint", number), number);
        }

        /** A version 1 file: {@code {"version":1,"certificates":{"<fingerprint>":[records]}}}, nothing after it. */
        private void parseLegacy(byte[] bytes) {
            JsonNode root;
            try {
                root = MAPPER.readTree(bytes);
            } catch (JsonProcessingException e) {
                throw corrupt("it is not JSON, or has more after its end (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (root == null || !root.isObject()) {
                throw corrupt("the top level is not an object");
            }
            JsonNode version = root.path("version");
            if (!version.isInt() || version.intValue() != 1) {
                throw corrupt("\"version\" is " + version + ", expected 1");
            }
            JsonNode certificates = root.path("certificates");
            if (!certificates.isObject()) {
                throw corrupt("\"certificates\" is not an object");
            }
            for (Map.Entry<String, JsonNode> entry : certificates.properties()) {
                if (!entry.getValue().isArray()) {
                    throw corrupt("the records of " + entry.getKey() + " are not an array");
                }
                List<PushRecord> newestFirst = new ArrayList<>();
                for (JsonNode node : entry.getValue()) {
                    newestFirst.add(record(node, entry.getKey(), 0));
                }
                for (int i = Math.min(newestFirst.size(), LIMIT) - 1; i >= 0; i--) {
                    add(newestFirst.get(i));
                }
            }
            legacy = true;
            parsedTo = bytes.length;
        }

        private PushRecord record(JsonNode node, String fingerprint, long number) {
            String where = number > 0 ? "line " + number : "a record of " + fingerprint;
            if (!node.isObject()) {
                throw corrupt(where + " is not an object");
            }
            String status = text(node, "status", number);
            String at = text(node, "at", number);
            JsonNode attempts = node.path("attempts");
            try {
                return new PushRecord(fingerprint, text(node, "certificateName", number), text(node, "service", number),
                        optionalText(node, "region", number), OutcomeStatus.valueOf(status),
                        optionalText(node, "remoteId", number), optionalText(node, "code", number),
                        text(node, "message", number), attempts.isInt() ? attempts.intValue() : 0, Instant.parse(at));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw corrupt(where + " has status \"" + status + "\" and time \"" + at
                        + "\"; expected an outcome status and an ISO-8601 instant");
            }
        }

        private String text(JsonNode node, String field, long number) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                throw corrupt((number > 0 ? "line " + number : "a record") + " has no text \"" + field + "\"");
            }
            return value.textValue();
        }

        private @Nullable String optionalText(JsonNode node, String field, long number) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : text(node, field, number);
        }

        private void add(PushRecord record) {
            List<PushRecord> before = records.get(record.fingerprint());
            List<PushRecord> after = InMemoryPushHistory.prepend(record, before);
            kept += after.size() - (before == null ? 0 : before.size());
            records.put(record.fingerprint(), after);
        }

        List<PushRecord> latest(String fingerprint) {
            return records.getOrDefault(fingerprint, List.of());
        }

        /** Appends one line (after the header, for a new file), cutting off a torn last line first. */
        void append(PushRecord record) throws IOException {
            if (legacy || lines > 2L * kept + 64) {
                add(record);
                compact();
                return;
            }
            String json = toJson(record);
            long at = hasHeader ? parsedTo : 0;
            byte[] line = ((hasHeader ? "" : HEADER + "\n") + json + "\n").getBytes(StandardCharsets.UTF_8);
            createPrivate(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                if (channel.size() > at) {
                    channel.truncate(at); // an append a crash cut short (or a new file's blank): that record is lost
                }
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, at + buffer.position());
                }
                channel.force(false); // on disk before record() returns
            }
            lines += hasHeader ? 1 : 2;
            hasHeader = true;
            parsedTo = at + line.length;
            tornTail = false;
            add(record);
            parsedKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            reparse = parsedKey == null;
        }

        /** Writes the kept records, oldest first, to {@code <name>.compact}, which then replaces the file. */
        private void compact() throws IOException {
            StringBuilder text = new StringBuilder(HEADER).append('\n');
            long count = 1;
            for (List<PushRecord> newestFirst : records.values()) {
                for (int i = newestFirst.size() - 1; i >= 0; i--) {
                    text.append(toJson(newestFirst.get(i))).append('\n');
                    count++;
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            createPrivate(compactFile);
            try (FileChannel channel = FileChannel.open(compactFile, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true); // on disk before it replaces the log
            }
            Files.move(compactFile, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            legacy = false;
            tornTail = false;
            hasHeader = true;
            lines = count;
            parsedTo = bytes.length;
            parsedKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            reparse = parsedKey == null;
        }

        /** Creates {@code path} readable and writable by its owner only (where the file system says who that is). */
        private static void createPrivate(Path path) throws IOException {
            if (Files.exists(path)) {
                return;
            }
            try {
                if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(path);
                }
            } catch (FileAlreadyExistsException raced) {
                // another writer made it first: fine
            }
        }

        private static String toJson(PushRecord r) {
            ObjectNode node = MAPPER.createObjectNode()
                    .put("fingerprint", r.fingerprint()) // first: a torn last line starts as every record does
                    .put("certificateName", r.certificateName())
                    .put("service", r.service())
                    .put("region", r.region())
                    .put("status", r.status().name())
                    .put("remoteId", r.remoteId())
                    .put("code", r.code())
                    .put("message", r.message())
                    .put("attempts", r.attempts())
                    .put("at", r.at().toString());
            try {
                return MAPPER.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write JSON", e); // cannot happen for a tree
            }
        }

        private ConfigurationException corrupt(String why) {
            reset();
            reparse = true;
            return new ConfigurationException(ConfigurationCodes.HISTORY_CORRUPT, "The push history file " + file
                    + " is not an scm-push history: " + why + ". It was left untouched; repair it, move it away, "
                    + "or give PushHistory.file(...) another path.");
        }
    }

    /** A call on the store that may fail with an I/O error. */
    @FunctionalInterface
    private interface IoCall<T> {
        T apply(Store store) throws IOException;
    }

    /** A call on the store that answers nothing and may fail with an I/O error. */
    @FunctionalInterface
    private interface IoAction {
        void apply(Store store) throws IOException;
    }
}
