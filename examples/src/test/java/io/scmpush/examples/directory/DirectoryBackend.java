package io.scmpush.examples.directory;

import io.scmpush.Binding;
import io.scmpush.spi.BindingKind;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.testkit.CompatibilityBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The compatibility kit's view of the directory plugin's "service": a temporary directory, read straight from
 * disk. A write is any change of the directory's listing (names, sizes, modification times, link targets). It
 * cannot fail or throttle a file system call, so the kit skips those cases and loses a write's answer itself.
 */
final class DirectoryBackend implements CompatibilityBackend {
    private final Path directory;
    private @Nullable List<String> lastListing;
    private long writes;

    DirectoryBackend() {
        try {
            directory = Files.createTempDirectory("scm-push-tck").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path directory() {
        return directory;
    }

    @Override
    public List<RemoteCertificate> certificates(String service, @Nullable String region) {
        List<RemoteCertificate> held = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path crt : files.filter(f -> f.toString().endsWith(".crt")).sorted().toList()) {
                X509Certificate leaf = read(crt);
                held.add(new RemoteCertificate(crt.toString(), crt.getFileName().toString().replaceFirst("\\.crt$", ""),
                        fingerprint(leaf), leaf.getNotAfter().toInstant()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return held;
    }

    @Override
    public synchronized long writes() {
        List<String> listing = listing();
        if (lastListing != null && !listing.equals(lastListing)) {
            writes++;
        }
        lastListing = listing;
        return writes;
    }

    @Override
    public Optional<Binding> newBinding(String service, @Nullable String region, BindingKind kind) {
        return kind.kind().equals(Directory.LINK) ? Optional.of(Directory.current(directory)) : Optional.empty();
    }

    @Override
    public List<String> boundFingerprints(Binding binding) {
        Path link = Path.of(binding.resource());
        if (!Files.exists(link)) {
            return List.of();
        }
        return List.of(fingerprint(read(link)));
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "DirectoryBackend[" + directory + "]";
    }

    private List<String> listing() {
        try (Stream<Path> files = Files.list(directory)) {
            List<String> listing = new ArrayList<>();
            for (Path f : files.sorted().toList()) {
                String entry = f.getFileName() + " " + Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS)
                        + " " + Files.size(f);
                listing.add(Files.isSymbolicLink(f) ? entry + " -> " + Files.readSymbolicLink(f) : entry);
            }
            return listing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " does not hold a certificate", e);
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
