package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The corpus's valid chain and key, mutated as text — characters deleted, inserted (NUL, line breaks,
 * dashes, padding, non-ASCII) or replaced, lines dropped, repeated, swapped or invented, labels changed,
 * the whole cut short or repeated — end, within the corpus's guard, in a certificate that pushes or is
 * rejected with a rule's code, or in an {@link io.scmpush.InvalidCertificateException} with one of its
 * codes; never in another exception, an error or a hang, and never quoting the key.
 */
class MutatedPemProperties {
    static final int TRIES = 1_000;

    private static final String CHAIN = BadInputCorpusTest.read("base.pem");
    private static final String KEY = BadInputCorpusTest.read("base.key");
    private static final String OUTCOME = "PUSHED|REJECTED [A-Z_]+|PEM_MALFORMED|NO_CERTIFICATE|KEY_MALFORMED"
            + "|KEY_MISMATCH|KEY_ENCRYPTED|KEY_PASSWORD_WRONG|UNSUPPORTED_KEY|CHAIN_INVALID|INPUT_TOO_LARGE";

    @Property(tries = TRIES)
    void a_mutated_chain_and_key_end_in_a_push_outcome_or_a_coded_error_in_time(
            @ForAll("mutationsOfTheChain") UnaryOperator<String> chainMutation,
            @ForAll("mutationsOfTheKey") UnaryOperator<String> keyMutation) {
        String chain = chainMutation.apply(CHAIN);
        String key = keyMutation.apply(KEY);

        BadInputCorpusTest.Result result = BadInputCorpusTest.outcome(chain, key, null);

        assertThat(result.outcome()).as(result.shown()).matches(OUTCOME);
        BadInputCorpusTest.assertQuotesNoKey(result.shown(), KEY, CHAIN);
    }

    @Provide
    Arbitrary<UnaryOperator<String>> mutationsOfTheChain() {
        return mutations();
    }

    @Provide
    Arbitrary<UnaryOperator<String>> mutationsOfTheKey() {
        return mutations();
    }

    /** Up to four mutations, applied in order; none at all now and then. */
    private static Arbitrary<UnaryOperator<String>> mutations() {
        return mutation().list().ofMaxSize(4).map(list -> text -> {
            String mutated = text;
            for (UnaryOperator<String> m : list) {
                mutated = m.apply(mutated);
            }
            return mutated;
        });
    }

    private static Arbitrary<UnaryOperator<String>> mutation() {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        Arbitrary<String> character = Arbitraries.oneOf(Arbitraries.of("\0", "\n", "\r", "-", "=", "+", "/", " ", ":",
                "A", "é", "€", "\uD83D\uDD12"), Arbitraries.chars().map(String::valueOf));
        Arbitrary<String> label = Arbitraries.of("CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY", "X509 CRL", "TRUSTED CERTIFICATE", "", "CERTIFICATE-----");
        return Arbitraries.oneOf(
                at.map(p -> text -> text.isEmpty() ? text : delete(text, index(text, p))),
                Combinators.combine(at, character).as((p, c) -> text -> insert(text, index(text, p), c)),
                Combinators.combine(at, character).as((p, c) -> text -> text.isEmpty() ? text
                        : delete(insert(text, index(text, p), c), index(text, p) + c.length())),
                at.map(p -> text -> lines(text, (lines, i) -> lines.remove(i.intValue()), p)),
                at.map(p -> text -> lines(text, (lines, i) -> lines.add(i, lines.get(i)), p)),
                Combinators.combine(at, at).as((p, q) -> text -> swapLines(text, p, q)),
                at.map(p -> text -> text.substring(0, index(text, p))),
                Combinators.combine(Arbitraries.of("CERTIFICATE", "PRIVATE KEY"), label)
                        .as((from, to) -> text -> text.replaceFirst(from, to)),
                Arbitraries.integers().between(2, 40).map(times -> text -> text.repeat(times)),
                Combinators.combine(at, base64Line()).as((p, line) -> text -> lines(text,
                        (lines, i) -> lines.add(i, line), p)));
    }

    private static Arbitrary<String> base64Line() {
        return Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9')
                .withChars("+/=").ofMinLength(1).ofMaxLength(64);
    }

    private static int index(String text, double at) {
        return (int) Math.min(text.length(), Math.floor(at * (text.length() + 1)));
    }

    private static String delete(String text, int at) {
        return at >= text.length() ? text : text.substring(0, at) + text.substring(at + 1);
    }

    private static String insert(String text, int at, String inserted) {
        return text.substring(0, at) + inserted + text.substring(at);
    }

    private static String lines(String text, BiConsumer<List<String>, Integer> edit, double at) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.isEmpty()) {
            return text;
        }
        edit.accept(lines, Math.min(lines.size() - 1, (int) (at * lines.size())));
        return String.join("\n", lines);
    }

    private static String swapLines(String text, double p, double q) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int i = Math.min(lines.size() - 1, (int) (p * lines.size()));
        int j = Math.min(lines.size() - 1, (int) (q * lines.size()));
        Collections.swap(lines, i, j);
        return String.join("\n", lines);
    }
}
