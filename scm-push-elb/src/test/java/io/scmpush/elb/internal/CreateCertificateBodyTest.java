package io.scmpush.elb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scmpush.Certificate;
import io.scmpush.CertificateCodes;
import io.scmpush.InvalidCertificateException;
import io.scmpush.spi.support.JsonObject;
import io.scmpush.testkit.TestCertificates;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** What goes into ELB's {@code domain} field, which ELB limits to 100 host names and 10000 characters. */
class CreateCertificateBodyTest {

    private static Certificate withDomains(String... domains) {
        return TestCertificates.builder().ec().domains(domains).build().toCertificate();
    }

    @Test
    void a_chain_over_65536_characters_or_a_key_over_8192_is_refused_before_sending() {
        assertThatThrownBy(() -> CreateCertificateBody.checkSizes("c".repeat(65_537), null))
                .isInstanceOfSatisfying(InvalidCertificateException.class,
                        e -> assertThat(e.code()).isEqualTo(CertificateCodes.INPUT_TOO_LARGE))
                .hasMessageContaining("65536");
        assertThatThrownBy(() -> CreateCertificateBody.checkSizes("c", "k".repeat(8_193)))
                .isInstanceOfSatisfying(InvalidCertificateException.class,
                        e -> assertThat(e.code()).isEqualTo(CertificateCodes.INPUT_TOO_LARGE))
                .hasMessageContaining("8192")
                .hasMessageNotContaining("kkkk");
        CreateCertificateBody.checkSizes("c".repeat(65_536), "k".repeat(8_192));
    }

    @Test
    void the_domain_field_lists_the_sans_in_certificate_order() {
        Certificate certificate = withDomains("www.example.com", "*.example.com", "example.com");

        assertThat(CreateCertificateBody.domainField(certificate)).isEqualTo("www.example.com,*.example.com,example.com");
    }

    @Test
    void past_100_names_only_the_first_100_are_sent() {
        String[] domains = IntStream.rangeClosed(1, 120).mapToObj(i -> "host" + i + ".example.com").toArray(String[]::new);

        String field = CreateCertificateBody.domainField(withDomains(domains));

        assertThat(field.split(",")).hasSize(100).startsWith("host1.example.com").endsWith("host100.example.com");
    }

    @Test
    void the_names_sent_never_exceed_10000_characters() {
        String label = "a".repeat(63);
        String[] domains = IntStream.rangeClosed(1, 60)
                .mapToObj(i -> String.join(".", label, label, label, "n" + i + ".example.com"))
                .toArray(String[]::new);

        Certificate certificate = TestCertificates.builder().ec().commonName("long.example.com").domains(domains)
                .build().toCertificate();

        String field = CreateCertificateBody.domainField(certificate);

        assertThat(field.length()).isLessThanOrEqualTo(10_000);
        assertThat(List.of(field.split(","))).hasSizeLessThan(60).allSatisfy(d -> assertThat(domains).contains(d));
    }

    @Test
    void names_elb_would_refuse_are_left_out() {
        Certificate certificate = withDomains("www.example.com", "bad_label.example.com", "-dash.example.com",
                "a.*.example.com", "api.example.com");

        assertThat(CreateCertificateBody.domainField(certificate)).isEqualTo("www.example.com,api.example.com");
    }

    /** ELB's documented host-name pattern, which the provider checks without a regular expression. */
    private static final Pattern ELB_DOMAIN = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    @Test
    void a_name_is_sent_exactly_when_it_matches_elbs_host_name_pattern() {
        qt().withExamples(3000).forAll(names()).checkAssert(name ->
                assertThat(CreateCertificateBody.isElbDomain(name)).as(name)
                        .isEqualTo(ELB_DOMAIN.matcher(name).matches()));
    }

    /** Dotted names of labels around the 1 and 63 character limits, some with a wildcard or a stray character. */
    private static Gen<String> names() {
        Gen<String> label = Generate.oneOf(stringsOf("aZ09-", 0, 3), stringsOf("az09-", 60, 65),
                stringsOf("aZ09-_*. é", 0, 8));
        Gen<String> dotted = lists().of(label).ofSizeBetween(1, 4).map(labels -> String.join(".", labels));
        return Generate.oneOf(dotted, dotted.map(name -> "*." + name));
    }

    private static Gen<String> stringsOf(String chars, int minLength, int maxLength) {
        List<Character> alphabet = chars.chars().mapToObj(c -> (char) c).toList();
        return lists().of(arbitrary().pick(alphabet)).ofSizeBetween(minLength, maxLength)
                .map(list -> list.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    @Test
    void a_certificate_whose_only_name_is_not_a_host_name_is_sent_without_a_domain_field() {
        Certificate certificate = TestCertificates.builder().ec().domains().commonName("Payments Team").build()
                .toCertificate();

        assertThat(CreateCertificateBody.server(certificate, null).toJson()).doesNotContain("\"domain\"");
    }

    @Test
    void a_ca_body_carries_neither_key_nor_domain() {
        Certificate ca = Certificate.builder().certificatePem(TestCertificates.builder().build().caCertificatePem())
                .build();

        assertThat(tree(CreateCertificateBody.ca(ca, null)).path("certificate").fieldNames())
                .toIterable().containsExactlyInAnyOrder("name", "certificate", "type");
    }

    @Test
    void a_certificate_from_scm_names_its_scm_id_and_source() {
        Certificate own = withDomains("www.example.com");
        Certificate exported = TestCertificates.builder().ec().domains("www.example.com").build().toCertificate();
        Certificate withScmId = Certificate.builder().certificatePem(exported.certificatePem())
                .privateKeyPem(exported.privateKeyPem().orElseThrow()).scmId("scs1554192131150").build();

        var body = tree(CreateCertificateBody.server(withScmId, null)).get("certificate");
        var plain = tree(CreateCertificateBody.server(own, null)).get("certificate");

        assertThat(body.get("scm_certificate_id").asText()).isEqualTo("scs1554192131150");
        assertThat(body.get("source").asText()).isEqualTo("scm");
        assertThat(plain.has("scm_certificate_id")).isFalse();
        assertThat(plain.has("source")).isFalse();
    }

    /** The body as the service reads it. */
    private static JsonNode tree(JsonObject body) {
        try {
            return new ObjectMapper().readTree(body.toJson());
        } catch (JsonProcessingException e) {
            throw new AssertionError("the body is not JSON", e);
        }
    }
}
