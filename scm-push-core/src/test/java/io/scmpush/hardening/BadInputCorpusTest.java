package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.scmpush.Certificate;
import io.scmpush.CertificateCodes;
import io.scmpush.InMemoryProvider;
import io.scmpush.InvalidCertificateException;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.function.Supplier;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus ({@code src/test/resources/bad-input}, made by {@link BadInputGenerator}):
 * each certificate input, with the key input and password its row names, ends within
 * {@value #GUARD_SECONDS} s in exactly the outcome of its row — an {@link InvalidCertificateException}
 * code from {@code build()}, or the push's outcome: {@code PUSHED} for unusual but valid input,
 * {@code REJECTED} with the rule's code — and never in another exception, an error or a hang. No
 * message, {@code toString()} or log line of any case quotes the private key it was given.
 */
class BadInputCorpusTest {
    static final int GUARD_SECONDS = 5;
    static final String RIGHT_PASSWORD = BadInputGenerator.PASSWORD;

    /** key: the key input file, {@code -} for none; password: {@code right}, {@code wrong} or {@code -} for none. */
    static final List<Row> EXPECTED = table("""
            certificate                           | key                                       | password | expected
            base.pem                              | base.key                                  | -        | PUSHED
            crlf.pem                              | base.key                                  | -        | PUSHED
            text-around-block.pem                 | base.key                                  | -        | PUSHED
            nul-bytes-around-block.pem            | base.key                                  | -        | PUSHED
            chain-shuffled.pem                    | base.key                                  | -        | PUSHED
            chain-duplicated.pem                  | base.key                                  | -        | PUSHED
            chain-12-levels.pem                   | chain-12-levels.key                       | -        | PUSHED
            sans-1000.pem                         | sans-1000.key                             | -        | PUSHED
            cn-unicode.pem                        | cn-unicode.key                            | -        | PUSHED
            cn-10000-chars.pem                    | cn-10000-chars.key                        | -        | PUSHED
            san-idn-punycode.pem                  | san-idn-punycode.key                      | -        | PUSHED
            san-raw-utf8.pem                      | san-raw-utf8.key                          | -        | PUSHED
            v1-certificate.pem                    | v1-certificate.key                        | -        | PUSHED
            ca-as-leaf.pem                        | ca-as-leaf.key                            | -        | PUSHED
            rsa-2048.pem                          | rsa-2048.key                              | -        | PUSHED
            base.pem                              | key-sec1.key                              | -        | PUSHED
            base.pem                              | key-encrypted-pkcs8.key                   | right    | PUSHED
            rsa-2048.pem                          | key-legacy-encrypted.key                  | right    | PUSHED
            empty.pem                             | base.key                                  | -        | NO_CERTIFICATE
            whitespace.pem                        | base.key                                  | -        | NO_CERTIFICATE
            der-bytes.der                         | base.key                                  | -        | NO_CERTIFICATE
            flattened-one-line.pem                | base.key                                  | -        | NO_CERTIFICATE
            label-lowercase.pem                   | base.key                                  | -        | NO_CERTIFICATE
            label-certificate-request.pem         | base.key                                  | -        | NO_CERTIFICATE
            label-x509-crl.pem                    | base.key                                  | -        | NO_CERTIFICATE
            label-pkcs7.pem                       | base.key                                  | -        | NO_CERTIFICATE
            key-given-as-certificate.pem          | base.key                                  | -        | NO_CERTIFICATE
            truncated-base64.pem                  | base.key                                  | -        | PEM_MALFORMED
            truncated-before-end.pem              | base.key                                  | -        | PEM_MALFORMED
            base64-bad-characters.pem             | base.key                                  | -        | PEM_MALFORMED
            nul-bytes-in-base64.pem               | base.key                                  | -        | PEM_MALFORMED
            label-mismatch.pem                    | base.key                                  | -        | PEM_MALFORMED
            two-begin-lines.pem                   | base.key                                  | -        | PEM_MALFORMED
            key-der-labelled-certificate.pem      | base.key                                  | -        | PEM_MALFORMED
            random-bytes-labelled-certificate.pem | base.key                                  | -        | PEM_MALFORMED
            concatenated-garbage-block.pem        | base.key                                  | -        | PEM_MALFORMED
            der-with-trailing-bytes.pem           | base.key                                  | -        | PEM_MALFORMED
            der-length-overflow.pem               | base.key                                  | -        | PEM_MALFORMED
            asn1-deeply-nested.pem                | base.key                                  | -        | PEM_MALFORMED
            chain-loop.pem                        | base.key                                  | -        | CHAIN_INVALID
            chain-loop-with-leaf.pem              | chain-loop-with-leaf.key                  | -        | CHAIN_INVALID
            chain-17-levels.pem                   | chain-17-levels.key                       | -        | CHAIN_INVALID
            chain-two-leaves.pem                  | base.key                                  | -        | CHAIN_INVALID
            chain-missing-intermediate.pem        | chain-missing-intermediate.key            | -        | CHAIN_INVALID
            ec-secp256k1.pem                      | ec-secp256k1.key                          | -        | UNSUPPORTED_KEY
            ec-p192.pem                           | ec-p192.key                               | -        | UNSUPPORTED_KEY
            ed25519.pem                           | ed25519.key                               | -        | UNSUPPORTED_KEY
            dsa.pem                               | dsa.key                                   | -        | UNSUPPORTED_KEY
            rsa-1024.pem                          | rsa-1024.key                              | -        | REJECTED WEAK_KEY
            expired.pem                           | expired.key                               | -        | REJECTED CERT_EXPIRED
            not-yet-valid.pem                     | not-yet-valid.key                         | -        | REJECTED CERT_NOT_YET_VALID
            dates-reversed.pem                    | dates-reversed.key                        | -        | REJECTED CERT_EXPIRED
            base.pem                              | -                                         | -        | REJECTED PRIVATE_KEY_REQUIRED
            base.pem                              | key-mismatched.key                        | -        | KEY_MISMATCH
            base.pem                              | key-other-curve.key                       | -        | KEY_MISMATCH
            base.pem                              | key-rsa-for-ec-certificate.key            | -        | KEY_MISMATCH
            base.pem                              | key-encrypted-pkcs8.key                   | -        | KEY_ENCRYPTED
            base.pem                              | key-encrypted-pkcs8.key                   | wrong    | KEY_PASSWORD_WRONG
            rsa-2048.pem                          | key-legacy-encrypted.key                  | -        | KEY_ENCRYPTED
            rsa-2048.pem                          | key-legacy-encrypted.key                  | wrong    | KEY_PASSWORD_WRONG
            base.pem                              | key-legacy-encrypted-ec-without-curve.key | right    | KEY_MALFORMED
            base.pem                              | key-pbkdf2-two-billion-iterations.key     | -        | KEY_ENCRYPTED
            base.pem                              | key-pbkdf2-two-billion-iterations.key     | right    | UNSUPPORTED_KEY
            base.pem                              | key-truncated.key                         | -        | KEY_MALFORMED
            base.pem                              | key-empty.key                             | -        | KEY_MALFORMED
            base.pem                              | key-certificate-given-as-key.key          | -        | KEY_MALFORMED
            base.pem                              | key-public-key.key                        | -        | KEY_MALFORMED
            base.pem                              | key-two-keys.key                          | -        | KEY_MALFORMED
            base.pem                              | key-label-mismatch.key                    | -        | KEY_MALFORMED
            base.pem                              | key-nul-bytes.key                         | -        | KEY_MALFORMED
            rsa-2048.pem                          | key-rsa-tampered-modulus.key              | -        | KEY_MALFORMED
            base.pem                              | key-ed25519.key                           | -        | UNSUPPORTED_KEY
            base.pem                              | key-x25519.key                            | -        | UNSUPPORTED_KEY
            base.pem                              | key-dsa.key                               | -        | UNSUPPORTED_KEY
            base.pem                              | key-openssh.key                           | -        | UNSUPPORTED_KEY
            """);

    /** Inputs too large to commit, made when their case runs: a certificate input, a key input, the outcome. */
    static Stream<Arguments> generated() {
        Supplier<String> base = () -> read("base.pem");
        Supplier<String> key = () -> read("base.key");
        return Stream.of(
                Arguments.of("a 10 MB line as the certificate",
                        (Supplier<String>) () -> tenMegabyteBlock("CERTIFICATE"), key, CertificateCodes.INPUT_TOO_LARGE),
                Arguments.of("a 10 MB line as the key", base, (Supplier<String>) () -> tenMegabyteBlock("PRIVATE KEY"),
                        CertificateCodes.INPUT_TOO_LARGE),
                Arguments.of("ASN.1 nested 140,000 deep, just under the size limit", (Supplier<String>) () ->
                        BadInputGenerator.block("CERTIFICATE",
                                Base64.getEncoder().encodeToString(BadInputGenerator.nested(140_000))),
                        key, CertificateCodes.PEM_MALFORMED),
                Arguments.of("20,000 BEGIN lines and no END",
                        (Supplier<String>) () -> "-----BEGIN CERTIFICATE-----\n".repeat(20_000), key, CertificateCodes.PEM_MALFORMED));
    }

    private static String tenMegabyteBlock(String label) {
        return "-----BEGIN " + label + "-----\n" + "A".repeat(10 << 20) + "\n-----END " + label + "-----\n";
    }

    // Every log line of every case, at the most verbose level: each case's lines are scanned with its outcome.
    private static final Logger ROOT = Logger.getLogger("");
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter line = new StringWriter().append(record.getLoggerName()).append(": ")
                    .append(new SimpleFormatter().formatMessage(record));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(line));
            }
            logLines.add(line.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previousLevel = Level.INFO;

    @BeforeEach
    void captureEveryLogLine() {
        previousLevel = ROOT.getLevel();
        ROOT.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        ROOT.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        ROOT.removeHandler(capture);
        ROOT.setLevel(previousLevel);
    }

    @Test
    void the_table_names_every_file_of_the_corpus() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Row row : EXPECTED) {
            named.add(row.certificate());
            if (row.key() != null) {
                named.add(row.key());
            }
        }
        try (Stream<Path> files = Files.list(corpus())) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("README.md")))
                    .containsExactlyInAnyOrderElementsOf(named);
        }
        assertThat(EXPECTED).hasSizeGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0} with {1}, password {2}: {3}")
    @MethodSource("rows")
    void each_input_ends_in_its_outcome_in_time_and_quotes_no_key(String certificate, String key, String password,
            String expected) {
        String keyPem = key.equals("-") ? null : read(key);
        char[] secret = switch (password) {
            case "right" -> RIGHT_PASSWORD.toCharArray();
            case "wrong" -> "Tr0ub4dor&3".toCharArray();
            default -> null;
        };

        Result result = outcome(read(certificate), keyPem, secret);

        assertThat(result.outcome()).as(result.shown()).isEqualTo(expected);
        if (keyPem != null) {
            assertQuotesNoKey(result.shown() + String.join("\n", logLines), keyPem, read(certificate));
        }
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("generated")
    void inputs_too_large_to_commit_end_in_their_outcome_in_time(String what, Supplier<String> certificatePem,
            Supplier<String> keyPem, String expected) {
        Result result = outcome(certificatePem.get(), keyPem.get(), null);

        assertThat(result.outcome()).as(result.shown()).isEqualTo(expected);
        assertThat(result.shown()).hasSizeLessThan(5_000); // the message does not echo the input
    }

    @Test
    void unusual_names_become_a_name_every_service_takes_and_every_domain_is_kept() {
        Certificate unicode = Certificate.builder().certificatePem(read("cn-unicode.pem")).build();
        Certificate longName = Certificate.builder().certificatePem(read("cn-10000-chars.pem")).build();
        Certificate manyNames = Certificate.builder().certificatePem(read("sans-1000.pem")).build();

        assertThat(List.of(unicode.name(), longName.name(), manyNames.name()))
                .allMatch(name -> name.matches("[A-Za-z0-9_.-]{3,63}"));
        assertThat(longName.name()).startsWith("aaaa");
        assertThat(manyNames.domains()).hasSize(1_000).startsWith("host-0.example.com")
                .endsWith("host-999.example.com");
        assertThat(unicode.domains()).containsExactly("xn--fiqs8s.example");
    }

    @Test
    void the_reliability_document_states_how_many_inputs_were_tried() {
        ReliabilityDoc.assertHasLines(List.of("| hostile inputs tried | " + EXPECTED.size() + " corpus cases + "
                + generated().count() + " generated at test time + " + MutatedPemPropertiesTest.TRIES
                + " mutated PEM texts |"));
    }

    static Stream<Arguments> rows() {
        return EXPECTED.stream().map(r -> Arguments.of(r.certificate(), r.key() == null ? "-" : r.key(),
                r.password(), r.expected()));
    }

    /**
     * Builds the certificate and pushes it to an in-memory service, under a {@value #GUARD_SECONDS} s guard:
     * the build's code, or {@code PUSHED}, or {@code REJECTED CODE}; with what a user would see of it.
     */
    static Result outcome(String certificatePem, @Nullable String keyPem, char @Nullable [] password) {
        return assertTimeoutPreemptively(Duration.ofSeconds(GUARD_SECONDS), () -> {
            Certificate certificate;
            try {
                Certificate.Builder builder = Certificate.builder().certificatePem(certificatePem);
                if (keyPem != null && password != null) {
                    builder.privateKeyPem(keyPem, password);
                } else if (keyPem != null) {
                    builder.privateKeyPem(keyPem);
                }
                certificate = builder.build();
            } catch (InvalidCertificateException e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                return new Result(e.code(), trace.toString());
            }
            try (ScmPush scm = ScmPush.builder().discoverProviders(false).provider(new InMemoryProvider()).build()) {
                TargetOutcome outcome = scm.push(certificate)
                        .to(PushTarget.of(InMemoryProvider.SERVICE).inRegions("cn-north-4")).execute()
                        .outcomes().get(0);
                String shown = certificate + "\n" + outcome;
                return new Result(outcome.status() == OutcomeStatus.PUSHED ? "PUSHED"
                        : outcome.status() + " " + outcome.code(), shown);
            }
        });
    }

    /** The outcome, and what a user would see: the exception with its trace, or the certificate and outcome. */
    record Result(String outcome, String shown) {}

    /** No 16-character piece of the key's base64 that the (public) certificate input lacks. */
    static void assertQuotesNoKey(String shown, String keyPem, String certificatePem) {
        String key = keyPem.lines().filter(line -> !line.startsWith("-----") && !line.contains(":"))
                .reduce("", String::concat);
        assertThat(shown).doesNotContain("PRIVATE KEY-----\n");
        for (int i = 0; i + SECRET_PIECE <= key.length(); i++) {
            String piece = key.substring(i, i + SECRET_PIECE);
            if (!certificatePem.replace("\n", "").contains(piece)) {
                assertThat(shown).as("a piece of the private key").doesNotContain(piece);
            }
        }
    }

    private static final int SECRET_PIECE = 16;

    static Path corpus() {
        try {
            return Path.of(BadInputCorpusTest.class.getResource("/bad-input").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A corpus file as text; DER as Latin-1, so that every byte stays one char. */
    static String read(String file) {
        try {
            byte[] bytes = Files.readAllBytes(corpus().resolve(file));
            return new String(bytes, file.endsWith(".der") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Row(String certificate, @Nullable String key, String password, String expected) {}

    private static List<Row> table(String text) {
        List<Row> rows = new ArrayList<>();
        text.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] c = line.split("\\s*\\|\\s*");
            rows.add(new Row(c[0], c[1].equals("-") ? null : c[1], c[2], c[3]));
        });
        return rows;
    }
}
