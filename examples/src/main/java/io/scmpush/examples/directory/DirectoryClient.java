package io.scmpush.examples.directory;

import io.scmpush.Certificate;
import io.scmpush.PushTarget;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Reads and writes {@code <name>.crt} / {@code <name>.key} files. Called from many threads at once. */
final class DirectoryClient implements TargetClient {

    @Override
    public TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region) {
        Path dir = directory(target);
        if (!Files.isDirectory(dir)) {
            return new TargetInventory(true, List.of(), List.of());
        }
        List<RemoteCertificate> held = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".crt")).toList()) {
                X509Certificate leaf = readLeaf(file);
                String name = file.getFileName().toString().replaceFirst("\\.crt$", "");
                held.add(new RemoteCertificate(file.toString(), name, fingerprint(leaf),
                        leaf.getNotAfter().toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return new TargetInventory(true, held, List.of());
    }

    @Override
    public Deployment push(Certificate certificate, PushTarget target, @Nullable String region) {
        Path dir = directory(target);
        try {
            Files.createDirectories(dir);
            Path crt = dir.resolve(certificate.name() + ".crt");
            write(dir.resolve(certificate.name() + ".key"), certificate.privateKeyPem().orElseThrow(), true);
            write(crt, certificate.certificatePem(), false);
            return new Deployment(crt.toString(), certificate.name(), null, 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + dir, e);
        }
    }

    private static Path directory(PushTarget target) {
        return Path.of(target.options().get(Directory.PATH));
    }

    /** Write to a temporary file, then move it in place, so a reader never sees half a file. */
    private static void write(Path file, String content, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".scm-push", ".tmp");
        try {
            if (secret && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static X509Certificate readLeaf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " does not hold a certificate", e);
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
