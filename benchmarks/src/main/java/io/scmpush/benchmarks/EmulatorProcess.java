package io.scmpush.benchmarks;

import io.scmpush.Credentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code FakeHuaweiCloud} in a process of its own ({@code java -cp <this class path> FakeHuaweiCloud 0
 * <cdn domains>}), so that what a benchmark measures in its JVM (time, allocation, CPU) is the client's
 * alone. The endpoint and the test access key are read from what the emulator prints when it starts.
 */
public final class EmulatorProcess implements AutoCloseable {
    private static final String LISTENING = "FakeHuaweiCloud listening on ";

    private final Process process;
    private final URI endpoint;
    private final Credentials credentials;

    private EmulatorProcess(Process process, URI endpoint, Credentials credentials) {
        this.process = process;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** Starts an emulator on a free loopback port with these CDN acceleration domains and waits until it listens. */
    public static EmulatorProcess start(String... cdnDomains) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // It keeps every request it receives: room for a few hundred thousand.
                "-Xmx2g",
                // jdk.httpserver writes a response's headers and body apart; without TCP_NODELAY the body
                // waits for the client's delayed ACK, 40 ms a response on Linux.
                "-Dsun.net.httpserver.nodelay=true",
                // Past 200 idle connections it closes the one that just answered, and the client's next request
                // on it fails ("header parser received no bytes"). Clients that are built per push (and on Java
                // 17 cannot be closed) leave many idle connections behind.
                "-Dsun.net.httpserver.maxIdleConnections=100000",
                "-cp", System.getProperty("java.class.path"),
                "io.scmpush.testkit.FakeHuaweiCloud", "0"));
        command.addAll(List.of(cdnDomains));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator: " + command, e);
        }
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            URI endpoint = null;
            Map<String, String> variables = new HashMap<>();
            for (String line; (line = out.readLine()) != null && !line.startsWith("Stop with"); ) {
                if (line.startsWith(LISTENING)) {
                    endpoint = URI.create(line.substring(LISTENING.length()).trim());
                } else if (line.startsWith("HUAWEICLOUD_SDK_")) {
                    int eq = line.indexOf('=');
                    variables.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            String ak = variables.get("HUAWEICLOUD_SDK_AK");
            String sk = variables.get("HUAWEICLOUD_SDK_SK");
            String domainId = variables.get("HUAWEICLOUD_SDK_DOMAIN_ID");
            if (endpoint == null || ak == null || sk == null || domainId == null) {
                throw new IllegalStateException("the emulator did not print its endpoint, keys and account id");
            }
            Credentials credentials = Credentials.of(ak, sk).withDomainId(domainId);
            return new EmulatorProcess(process, endpoint, credentials);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Stops the emulator (its shutdown hook closes the server) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
