package io.scmpush.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The corpus's valid chain and key, mutated as text — characters deleted, inserted (NUL, line breaks,
 * dashes, padding, non-ASCII) or replaced, lines dropped, repeated, swapped or invented, labels changed,
 * the whole cut short or repeated — end, within the corpus's guard, in a certificate that pushes or is
 * rejected with a rule's code, or in an {@link io.scmpush.InvalidCertificateException} with one of its
 * codes; never in another exception, an error or a hang, and never quoting the key.
 */
class MutatedPemPropertiesTest {
    static final int TRIES = 1_000;

    private static final String CHAIN = BadInputCorpusTest.read("base.pem");
    private static final String KEY = BadInputCorpusTest.read("base.key");
    private static final String OUTCOME = "PUSHED|REJECTED [A-Z_]+|PEM_MALFORMED|NO_CERTIFICATE|KEY_MALFORMED"
            + "|KEY_MISMATCH|KEY_ENCRYPTED|KEY_PASSWORD_WRONG|UNSUPPORTED_KEY|CHAIN_INVALID|INPUT_TOO_LARGE";

    @Test
    void a_mutated_chain_and_key_end_in_a_push_outcome_or_a_coded_error_in_time() {
        qt().withExamples(TRIES).forAll(mutations(), mutations()).checkAssert((chainMutation, keyMutation) -> {
            String chain = chainMutation.apply(CHAIN);
            String key = keyMutation.apply(KEY);

            BadInputCorpusTest.Result result = BadInputCorpusTest.outcome(chain, key, null);

            assertThat(result.outcome()).as(result.shown()).matches(OUTCOME);
            BadInputCorpusTest.assertQuotesNoKey(result.shown(), KEY, CHAIN);
        });
    }

    /** One edit of the text, named so that a failure report says what was done. */
    record Mutation(String description, UnaryOperator<String> edit) {
        String apply(String text) {
            return edit.apply(text);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Up to four mutations, applied in order; none at all now and then. */
    private static Gen<Mutation> mutations() {
        return lists().of(mutation()).ofSizeBetween(0, 4).map(list -> new Mutation(list.toString(), text -> {
            String mutated = text;
            for (Mutation m : list) {
                mutated = m.apply(mutated);
            }
            return mutated;
        }));
    }

    private static Gen<Mutation> mutation() {
        Gen<Double> at = doubles().between(0, 1);
        Gen<String> character = Generate.oneOf(arbitrary().pick("\0", "\n", "\r", "-", "=", "+", "/", " ", ":",
                "A", "é", "€", "\uD83D\uDD12"), Generate.characters(Character.MIN_VALUE, Character.MAX_VALUE)
                .map(c -> String.valueOf(c.charValue())));
        Gen<String> label = arbitrary().pick("CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY", "X509 CRL", "TRUSTED CERTIFICATE", "", "CERTIFICATE-----");
        return Generate.oneOf(
                at.map(p -> new Mutation("delete at " + p, text -> text.isEmpty() ? text
                        : delete(text, index(text, p)))),
                at.zip(character, (p, c) -> new Mutation("insert " + codes(c) + " at " + p,
                        text -> insert(text, index(text, p), c))),
                at.zip(character, (p, c) -> new Mutation("replace with " + codes(c) + " at " + p,
                        text -> text.isEmpty() ? text : delete(insert(text, index(text, p), c),
                                index(text, p) + c.length()))),
                at.map(p -> new Mutation("drop line at " + p,
                        text -> lines(text, (lines, i) -> lines.remove(i.intValue()), p))),
                at.map(p -> new Mutation("repeat line at " + p,
                        text -> lines(text, (lines, i) -> lines.add(i, lines.get(i)), p))),
                at.zip(at, (p, q) -> new Mutation("swap lines at " + p + " and " + q, text -> swapLines(text, p, q))),
                at.map(p -> new Mutation("cut at " + p, text -> text.substring(0, index(text, p)))),
                arbitrary().pick("CERTIFICATE", "PRIVATE KEY").zip(label, (from, to) -> new Mutation(
                        "relabel " + from + " as " + to, text -> text.replaceFirst(from, to))),
                integers().between(2, 40).map(times -> new Mutation("repeat " + times + " times",
                        text -> text.repeat(times))),
                at.zip(base64Line(), (p, line) -> new Mutation("insert line " + line + " at " + p,
                        text -> lines(text, (lines, i) -> lines.add(i, line), p))));
    }

    private static Gen<String> base64Line() {
        List<Character> alphabet = new ArrayList<>();
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".chars()
                .forEach(c -> alphabet.add((char) c));
        return lists().of(arbitrary().pick(alphabet)).ofSizeBetween(1, 64)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    }

    private static String codes(String text) {
        return text.chars().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
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
