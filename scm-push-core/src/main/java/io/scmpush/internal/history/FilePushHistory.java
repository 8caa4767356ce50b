package io.scmpush.internal.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scmpush.ConfigurationException;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link PushHistory#file(Path)}: the latest {@link #LIMIT} records per certificate as JSON.
 *
 * <p>Every call reads the file, and {@link #record} rewrites it whole to a temporary file in the same
 * directory that then atomically replaces it, so a crash leaves the old or the new history, never half
 * of one. Calls on one file are serialized JVM-wide (through a lock per path, so two instances on one
 * file do not lose each other's records); other processes writing the same file are not coordinated.
 * A file that is not a history this class wrote is refused with {@code HISTORY_CORRUPT} and never
 * overwritten.
 *
 * <pre>{@code
 * {"version":1,"certificates":{"<fingerprint>":[{"certificateName":"...","service":"waf",
 *   "region":"cn-north-4","status":"PUSHED","remoteId":"...","message":"...","at":"2026-01-01T00:00:00Z"}]}}
 * }</pre>
 */
public final class FilePushHistory implements PushHistory {
    private static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Object lock;

    /**
     * @throws ConfigurationException {@code HISTORY_CORRUPT} when the file exists but is not a history
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public FilePushHistory(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.lock = LOCKS.computeIfAbsent(this.file, f -> new Object());
        synchronized (lock) {
            read(); // fail now, not at the first push, on a file we could never use
        }
    }

    /**
     * @throws ConfigurationException {@code HISTORY_CORRUPT} when the file was damaged since; it is left as it is
     * @throws UncheckedIOException when the file cannot be read or replaced
     */
    @Override
    public void record(PushRecord record) {
        synchronized (lock) {
            Map<String, List<PushRecord>> all = read();
            all.put(record.fingerprint(), InMemoryPushHistory.prepend(record, all.get(record.fingerprint())));
            write(all);
        }
    }

    @Override
    public List<PushRecord> latest(String fingerprint) {
        synchronized (lock) {
            return read().getOrDefault(fingerprint, List.of());
        }
    }

    @Override
    public String toString() {
        return "FilePushHistory[" + file + "]";
    }

    private Map<String, List<PushRecord>> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the push history file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            return new LinkedHashMap<>(); // nothing to lose: e.g. a file the user created to hold the history
        }
        try {
            return parse(MAPPER.readTree(bytes));
        } catch (JsonProcessingException e) {
            throw corrupt("it is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the push history file " + file + ": " + e.getMessage(), e);
        }
    }

    private Map<String, List<PushRecord>> parse(JsonNode root) {
        if (!root.isObject()) {
            throw corrupt("the top level is not an object");
        }
        JsonNode version = root.path("version");
        if (!version.isInt() || version.intValue() != VERSION) {
            throw corrupt("\"version\" is " + version + ", expected " + VERSION);
        }
        JsonNode certificates = root.path("certificates");
        if (!certificates.isObject()) {
            throw corrupt("\"certificates\" is not an object");
        }
        Map<String, List<PushRecord>> all = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : certificates.properties()) {
            String fingerprint = entry.getKey();
            if (!entry.getValue().isArray()) {
                throw corrupt("the records of " + fingerprint + " are not an array");
            }
            List<PushRecord> records = new ArrayList<>();
            for (JsonNode node : entry.getValue()) {
                if (records.size() < LIMIT) {
                    records.add(parseRecord(fingerprint, node));
                }
            }
            all.put(fingerprint, List.copyOf(records));
        }
        return all;
    }

    private PushRecord parseRecord(String fingerprint, JsonNode node) {
        if (!node.isObject()) {
            throw corrupt("a record of " + fingerprint + " is not an object");
        }
        String status = text(node, "status", fingerprint);
        String at = text(node, "at", fingerprint);
        try {
            return new PushRecord(fingerprint, text(node, "certificateName", fingerprint),
                    text(node, "service", fingerprint), optionalText(node, "region", fingerprint),
                    OutcomeStatus.valueOf(status),
                    optionalText(node, "remoteId", fingerprint), text(node, "message", fingerprint), Instant.parse(at));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw corrupt("a record of " + fingerprint + " has status \"" + status + "\" and time \"" + at
                    + "\"; expected an outcome status and an ISO-8601 instant");
        }
    }

    private String text(JsonNode node, String field, String fingerprint) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw corrupt("a record of " + fingerprint + " has no text \"" + field + "\"");
        }
        return value.textValue();
    }

    private @Nullable String optionalText(JsonNode node, String field, String fingerprint) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(node, field, fingerprint);
    }

    private ConfigurationException corrupt(String why) {
        return new ConfigurationException("HISTORY_CORRUPT", "The push history file " + file
                + " is not an scm-push history: " + why + ". It was left untouched; repair it, move it away, "
                + "or give PushHistory.file(...) another path.");
    }

    private void write(Map<String, List<PushRecord>> all) {
        ObjectNode root = MAPPER.createObjectNode().put("version", VERSION);
        ObjectNode certificates = root.putObject("certificates");
        all.forEach((fingerprint, records) -> {
            ArrayNode array = certificates.putArray(fingerprint);
            for (PushRecord r : records) {
                array.addObject()
                        .put("certificateName", r.certificateName())
                        .put("service", r.service())
                        .put("region", r.region())
                        .put("status", r.status().name())
                        .put("remoteId", r.remoteId())
                        .put("message", r.message())
                        .put("at", r.at().toString());
            }
        });
        Path directory = file.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(MAPPER.writeValueAsBytes(root));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true); // on disk before it replaces the old file
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the push history file " + file + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the write already failed; that is the error worth reporting
                }
            }
        }
    }
}
