package io.scmpush.examples.directory;

import io.scmpush.Binding;
import io.scmpush.Certificate;
import io.scmpush.InvalidCertificateException;
import io.scmpush.PushTarget;
import io.scmpush.rules.RuleCodes;
import io.scmpush.spi.BindingChange;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.BoundCertificate;
import io.scmpush.spi.BoundResource;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes {@code <name>.crt} / {@code <name>.key} files. Called from many threads at once.
 *
 * <p>It binds too, to show how a plugin does: a binding is a pair of symbolic links,
 * {@code current.pem} → {@code <name>.crt} and {@code current.key} → {@code <name>.key}, replaced atomically so
 * a server reading them never sees a missing file. The engine judges the binding rules from
 * {@link #boundResource}, and calls {@link #bind} only after the push wrote the files.
 */
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
            String key = certificate.privateKeyPem().orElseThrow(() -> new InvalidCertificateException(
                    RuleCodes.PRIVATE_KEY_REQUIRED, "a directory target needs the certificate's private key"));
            write(dir.resolve(certificate.name() + ".key"), key, true);
            write(crt, certificate.certificatePem(), false);
            return new Deployment(crt.toString(), certificate.name(), null, 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + dir, e);
        }
    }

    @Override
    public List<BindingKind> bindingKinds() {
        return List.of(BindingKind.server(Directory.LINK));
    }

    /** A link binding pushes to the directory the link is in. */
    @Override
    public PushTarget bindingTarget(List<Binding> bindings) {
        return Directory.at(directoryOf(Path.of(bindings.get(0).resource())));
    }

    /** The directory a link is in; for a bare file name, the working directory. */
    private static Path directoryOf(Path link) {
        Path directory = link.toAbsolutePath().getParent();
        if (directory == null) {
            throw new IllegalArgumentException("A link is a file in a directory, not " + link);
        }
        return directory;
    }

    /** The link's directory must exist; the link itself may not yet. Its one reference: the file it points at. */
    @Override
    public Optional<BoundResource> boundResource(PushTarget target, Binding binding) {
        Path link = Path.of(binding.resource());
        if (!Files.isDirectory(directoryOf(link))) {
            return Optional.empty();
        }
        return Optional.of(describe(link));
    }

    @Override
    public BindingChange bind(PushTarget target, Binding binding, @Nullable Certificate certificate,
            String certificateId, Set<String> replacing) {
        Path link = Path.of(binding.resource());
        Path crt = Path.of(certificateId);
        String previous = linked(link);
        if (crt.toString().equals(previous)) {
            return BindingChange.unchanged();
        }
        try {
            relink(link.resolveSibling(link.getFileName().toString().replaceFirst("\\.pem$", "") + ".key"),
                    crt.resolveSibling(crt.getFileName().toString().replaceFirst("\\.crt$", "") + ".key"));
            relink(link, crt); // the certificate last: a reader that finds it new finds its key new too
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + link + " to " + crt, e);
        }
        return new BindingChange(true, previous, null, 1);
    }

    /** Every link in the target's directory that points at one of the certificates. */
    @Override
    public List<BoundResource> boundResources(PushTarget target, @Nullable String region,
            @Nullable Set<String> certificateIds) {
        Path dir = directory(target);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".pem") && Files.isSymbolicLink(f))
                    .filter(f -> certificateIds == null || certificateIds.contains(linked(f)))
                    .map(f -> describe(f.toAbsolutePath()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static BoundResource describe(Path link) {
        String target = linked(link);
        BoundCertificate current = null;
        if (target != null) {
            try {
                X509Certificate leaf = readLeaf(Path.of(target));
                current = new BoundCertificate(target, null, fingerprint(leaf), leaf.getNotAfter().toInstant(),
                        List.of());
            } catch (IOException e) {
                current = BoundCertificate.ofId(target); // a dangling link: the id alone
            }
        }
        return new BoundResource(Directory.SERVICE, null, link.toString(), List.of(),
                Map.of(Directory.LINK, current == null ? List.of() : List.of(current)));
    }

    /** Where a link points, as an absolute path; null when it is not a link. */
    private static @Nullable String linked(Path link) {
        if (!Files.isSymbolicLink(link)) {
            return null;
        }
        try {
            return link.resolveSibling(Files.readSymbolicLink(link)).toAbsolutePath().toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** Make a new link beside the old one, then rename it over the old one: never a moment without a link. */
    private static void relink(Path link, Path target) throws IOException {
        Path tmp = link.resolveSibling(".scm-push-" + UUID.randomUUID() + ".link");
        Files.createSymbolicLink(tmp, target.getFileName());
        try {
            Files.move(tmp, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
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
