package io.scmpush.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.scmpush.Certificate;
import java.util.List;

/**
 * One provider's certificate API as a stateful WireMock model, in the shapes the real service answers
 * with. Every read stub answers "nothing stored" until the scenario {@value #SCENARIO} reaches the state
 * {@value #STORED}; from then on the reads show the certificate, as the service would once a write
 * stored it, whatever became of the write's reply.
 */
interface RemoteModel {
    String SCENARIO = "remote";
    String STORED = "stored";
    /** The project the faulted region resolves to: WireMock, unlike FakeHuaweiCloud, accepts any. */
    String PROJECT = "5f0e3a1b2c4d4e6f8a9b0c1d2e3f4a5b";

    /** The service id: waf, elb or cdn. */
    String service();


    /** Stubs every read of the service: empty in every state but {@value #STORED}. */
    List<MappingBuilder> reads(Certificate certificate);

    /** The write a push sends: a create (WAF, ELB) or the domains' HTTPS update (CDN). */
    MappingBuilder write();

    /** The same write, to count it. */
    RequestPatternBuilder writes();

    /** The service's success answer to the write. */
    ResponseDefinitionBuilder accepted(Certificate certificate);

    /** The code of the service's own error envelope in {@link #serviceError}. */
    String serviceErrorCode();

    /** The service's own error envelope with {@code status}, as its backend (not the gateway) sends it. */
    ResponseDefinitionBuilder serviceError(int status);

    /** How many remote certificates {@code storingWrites} writes that stored one leave behind. */
    int copies(int storingWrites);

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("X-Request-Id", "req-" + status)
                .withBody(body);
    }
}
