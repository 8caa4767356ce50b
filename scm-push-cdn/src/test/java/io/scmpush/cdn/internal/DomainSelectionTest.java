package io.scmpush.cdn.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import io.scmpush.PushTarget;
import io.scmpush.cdn.Cdn;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class DomainSelectionTest {

    @Test
    void a_wildcard_covers_exactly_one_label_below_it() {
        assertThat(DomainSelection.covers("*.example.com", "a.example.com")).isTrue();
        assertThat(DomainSelection.covers("*.example.com", "example.com")).isFalse();
        assertThat(DomainSelection.covers("*.example.com", "a.b.example.com")).isFalse();
        assertThat(DomainSelection.covers("*.example.com", "a.example.org")).isFalse();
        assertThat(DomainSelection.covers("*.example.com", ".example.com")).isFalse();
    }

    @Test
    void a_name_covers_itself_whatever_the_case_and_a_wildcard_domain_only_by_a_wildcard() {
        assertThat(DomainSelection.covers("WWW.Example.com", "www.example.COM")).isTrue();
        assertThat(DomainSelection.covers("*.example.com", "*.example.com")).isTrue();
        assertThat(DomainSelection.covers("www.example.com", "*.example.com")).isFalse();
        assertThat(DomainSelection.covers("www.example.com", "img.example.com")).isFalse();
    }

    @Test
    void a_wildcard_covers_any_single_label_and_never_two() {
        qt().withExamples(1_000).forAll(labels(), labels()).checkAssert((first, second) -> {
            assertThat(DomainSelection.covers("*.example.com", first + ".example.com")).isTrue();
            assertThat(DomainSelection.covers("*.example.com", first + "." + second + ".example.com")).isFalse();
        });
    }

    /** Labels of 1 to 20 ASCII letters. */
    private static Gen<String> labels() {
        List<Character> letters = IntStream.concat(IntStream.rangeClosed('a', 'z'), IntStream.rangeClosed('A', 'Z'))
                .mapToObj(c -> (char) c).toList();
        return lists().of(arbitrary().pick(letters)).ofSizeBetween(1, 20)
                .map(list -> list.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    @Test
    void matching_domains_are_every_acceleration_domain_the_certificate_covers_in_inventory_order() {
        DomainSelection selection = DomainSelection.of(List.of("example.com", "*.example.com"),
                Cdn.matchingDomains(),
                List.of("img.example.com", "other.org", "example.com", "a.b.example.com", "www.example.com"));

        assertThat(selection.problems()).isEmpty();
        assertThat(selection.domains()).containsExactly("img.example.com", "example.com", "www.example.com");
    }

    @Test
    void matching_domains_with_none_covered_is_a_problem_naming_the_certificate_domains() {
        DomainSelection selection = DomainSelection.of(List.of("www.example.com"), Cdn.matchingDomains(),
                List.of("www.other.org"));

        assertThat(selection.domains()).isEmpty();
        assertThat(selection.problems()).singleElement().asString()
                .contains("none of the certificate's domains [www.example.com] is an acceleration domain");
    }

    @Test
    void named_domains_are_used_as_named_when_covered_and_onboarded() {
        DomainSelection selection = DomainSelection.of(List.of("*.example.com"),
                Cdn.domains("WWW.example.com", "img.example.com", "www.example.com"),
                List.of("img.example.com", "www.example.com", "api.example.com"));

        assertThat(selection.problems()).isEmpty();
        assertThat(selection.domains()).containsExactly("www.example.com", "img.example.com");
    }

    @Test
    void a_named_domain_the_certificate_does_not_cover_or_cdn_does_not_serve_is_a_problem_each() {
        DomainSelection selection = DomainSelection.of(List.of("*.example.com"),
                Cdn.domains("www.example.com", "example.com", "new.example.com"),
                List.of("www.example.com", "example.com"));

        assertThat(selection.domains()).isEmpty();
        assertThat(selection.problems()).containsExactly(
                "example.com is not covered by the certificate, whose domains are [*.example.com]",
                "new.example.com is not a usable acceleration domain of this account: add it in the CDN console"
                        + " (or wait until it is online), or leave it out of Cdn.domains(...)");
    }

    @Test
    void a_domains_option_that_names_nothing_is_a_problem_not_a_silent_push_to_every_domain() {
        DomainSelection selection = DomainSelection.of(List.of("www.example.com"),
                PushTarget.of(Cdn.SERVICE).withOption(Cdn.DOMAINS, " , "), List.of("www.example.com"));

        assertThat(selection.domains()).isEmpty();
        assertThat(selection.problems()).singleElement().asString().contains("names no domain");
    }
}
