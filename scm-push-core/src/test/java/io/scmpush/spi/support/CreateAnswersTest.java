package io.scmpush.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.Certificate;
import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import io.scmpush.TestCertificates;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.RemoteCertificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every provider's push reads with IdempotentCreate: a create's answer, and our copy in a listing. */
class CreateAnswersTest {
    static final Certificate CERTIFICATE = TestCertificates.builder().build().toCertificate();

    @Test
    void created_reads_the_id_and_name_of_a_member_and_keeps_the_request_id_and_attempts() {
        CloudHttp.Response response = new CloudHttp.Response(201, Map.of(),
                "{\"certificate\":{\"id\":\"c-1\",\"name\":\"stored-as\",\"certificate\":\"PEM\"}}", "r-1", 2);

        Deployment d = IdempotentCreate.created(response, "ELB create certificate in x", "certificate", "sent");

        assertThat(d).isEqualTo(new Deployment("c-1", "stored-as", "r-1", 2));
    }

    @Test
    void created_falls_back_to_the_name_sent_and_refuses_an_answer_without_an_id() {
        CloudHttp.Response named = new CloudHttp.Response(200, Map.of(), "{\"id\":\"c-2\"}", null, 1);
        CloudHttp.Response anonymous = new CloudHttp.Response(200, Map.of(), "{\"name\":\"n\"}", "r-3", 1);

        assertThat(IdempotentCreate.created(named, "WAF CreateCertificate", null, "sent").remoteName())
                .isEqualTo("sent");
        assertThatThrownBy(() -> IdempotentCreate.created(anonymous, "WAF CreateCertificate in x", null, "sent"))
                .isInstanceOfSatisfying(CloudServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(OutcomeCodes.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).isEqualTo("WAF CreateCertificate in x answered HTTP 200 without a "
                            + "certificate id");
                    assertThat(e.requestId()).isEqualTo("r-3");
                });
    }

    @Test
    void our_copy_is_the_listed_certificate_with_our_fingerprint_never_one_without_a_fingerprint() {
        RemoteCertificate unknown = new RemoteCertificate("a", CERTIFICATE.name(), null, null);
        RemoteCertificate other = new RemoteCertificate("b", CERTIFICATE.name(), "0".repeat(64), null);
        RemoteCertificate ours = new RemoteCertificate("c", CERTIFICATE.name(), CERTIFICATE.fingerprint(), null);

        assertThat(IdempotentCreate.ourCopy(CERTIFICATE, List.of(unknown, other, ours)))
                .contains(new Deployment("c", CERTIFICATE.name(), null, 0));
        assertThat(IdempotentCreate.ourCopy(CERTIFICATE, List.of(unknown, other))).isEqualTo(Optional.empty());
    }
}
