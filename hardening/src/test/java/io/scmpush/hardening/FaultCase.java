package io.scmpush.hardening;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.scmpush.Certificate;
import io.scmpush.testkit.FakeHuaweiCloud;
import java.time.Duration;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The faults of the matrix: what the network or the service does to one target's calls. WireMock plays
 * the service for most (the faulted target's writes fail as named, its reads answer truthfully);
 * {@link FakeHuaweiCloud}'s own injection plays the rest.
 */
enum FaultCase {
    RESET_AFTER_STORING("connection reset after the service stored the certificate", Effect.STORED_REPLY_LOST,
            (model, certificate) -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
    RESET_EVERY_TIME("connection reset before anything is stored, every time", Effect.NEVER_STORED,
            (model, certificate) -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
    EMPTY_REPLY_AFTER_STORING("empty reply (connection closed) after the service stored it", Effect.STORED_REPLY_LOST,
            (model, certificate) -> aResponse().withFault(Fault.EMPTY_RESPONSE)),
    MALFORMED_CHUNK_AFTER_STORING("malformed HTTP chunk after the service stored it", Effect.STORED_REPLY_LOST,
            (model, certificate) -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
    GARBAGE_AFTER_STORING("random bytes instead of HTTP after the service stored it", Effect.STORED_REPLY_LOST,
            (model, certificate) -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)),
    MALFORMED_JSON_200("200 with malformed JSON after the service stored it", Effect.STORED_REPLY_LOST,
            (model, certificate) -> RemoteModel.json(200, "{\"id\":\"6b3f0c2a")),
    NO_ID_200("200 with a JSON body that lacks the id, stored", Effect.STORED_REPLY_LOST,
            (model, certificate) -> RemoteModel.json(200, "{\"request_id\":\"r-1\"}")),
    ERROR_BODY_200("200 whose body is the service's error envelope", Effect.NEVER_STORED,
            (model, certificate) -> model.serviceError(200)),
    SERVICE_500("500 with the service's error, every time", Effect.NEVER_STORED,
            (model, certificate) -> model.serviceError(500)),
    SERVICE_500_ONCE("500 once, then the service recovers", Effect.ONCE_THEN_WORKS,
            (model, certificate) -> model.serviceError(500)),
    GATEWAY_502("502 from API Gateway, every time", Effect.NEVER_STORED,
            (model, certificate) -> gateway(502, "APIG.0202")),
    GATEWAY_503_ONCE("503 from API Gateway once, then it recovers", Effect.ONCE_THEN_WORKS,
            (model, certificate) -> gateway(503, "APIG.0202")),
    GATEWAY_503("503 from API Gateway, every time", Effect.NEVER_STORED,
            (model, certificate) -> gateway(503, "APIG.0202")),
    GATEWAY_504_AFTER_STORING("504 from API Gateway after the service stored it", Effect.STORED_REPLY_LOST,
            (model, certificate) -> gateway(504, "APIG.0201")),
    THROTTLED("429 without Retry-After, every time", Effect.NEVER_STORED,
            (model, certificate) -> gateway(429, "APIG.0308")),
    THROTTLED_ONCE_RETRY_AFTER_0("429 with Retry-After: 0 once, then accepted", Effect.ONCE_THEN_WORKS,
            (model, certificate) -> gateway(429, "APIG.0308").withHeader("Retry-After", "0")),
    THROTTLED_RETRY_AFTER_120("429 with Retry-After: 120 (longer than the SDK waits)", Effect.NEVER_STORED,
            (model, certificate) -> gateway(429, "APIG.0308").withHeader("Retry-After", "120")),
    SLOWER_THAN_TIMEOUT("reply slower than the 1 s request timeout, stored", Effect.STORED_REPLY_LOST,
            (model, certificate) -> model.accepted(certificate).withFixedDelay(2_500), Duration.ofSeconds(1)),
    UNRESOLVABLE_HOST("endpoint host does not resolve (https://nonexistent.invalid)", Effect.UNRESOLVABLE_HOST),
    UNTRUSTED_TLS("endpoint's TLS certificate is self-signed (WireMock HTTPS)", Effect.UNTRUSTED_TLS),
    FAKE_503_READ_ONCE("FakeHuaweiCloud: failNext 503 (the inventory read)", Effect.FAKE),
    FAKE_THROTTLED_READ_ONCE("FakeHuaweiCloud: throttleNext (the inventory read)", Effect.FAKE),
    FAKE_500_READ("FakeHuaweiCloud: failNext 500 (the inventory read)", Effect.FAKE),
    FAKE_SERVICE_DISABLED("FakeHuaweiCloud: disableService", Effect.FAKE);

    /** Constants an enum's constructors may read. */
    private static final class Timeout {
        /** The request timeout of every case but the slow one: far above any loopback call on a busy machine. */
        static final Duration USUAL = Duration.ofSeconds(10);
    }

    /** What the service does with the faulted target's writes, or where the target is. */
    enum Effect {
        /** The first write is stored, its reply is the fault; later writes are accepted and stored again. */
        STORED_REPLY_LOST,
        /** Every write gets the fault and nothing is stored. */
        NEVER_STORED,
        /** The first write gets the fault, nothing stored; the next is accepted and stored. */
        ONCE_THEN_WORKS,
        /** The target's endpoint is a host that does not resolve. */
        UNRESOLVABLE_HOST,
        /** The target's endpoint is WireMock's HTTPS port, whose certificate no one trusts. */
        UNTRUSTED_TLS,
        /** The target is on FakeHuaweiCloud, whose own injection plays the fault. */
        FAKE
    }

    final String label;
    final Effect effect;
    private final @Nullable BiFunction<RemoteModel, Certificate, ResponseDefinitionBuilder> reply;
    final Duration timeout;

    FaultCase(String label, Effect effect) {
        this(label, effect, null, Timeout.USUAL);
    }

    FaultCase(String label, Effect effect, BiFunction<RemoteModel, Certificate, ResponseDefinitionBuilder> reply) {
        this(label, effect, reply, Timeout.USUAL);
    }

    FaultCase(String label, Effect effect,
            @Nullable BiFunction<RemoteModel, Certificate, ResponseDefinitionBuilder> reply, Duration timeout) {
        this.label = label;
        this.effect = effect;
        this.reply = reply;
        this.timeout = timeout;
    }

    /** The faulty reply to a write, for a WireMock case. */
    ResponseDefinitionBuilder reply(RemoteModel model, Certificate certificate) {
        if (reply == null) {
            throw new IllegalStateException(this + " is not played by WireMock");
        }
        return reply.apply(model, certificate);
    }

    /** Queues this case's fault for the next calls of (service, region) on the emulator. */
    void inject(FakeHuaweiCloud cloud, String service, @Nullable String region) {
        switch (this) {
            case FAKE_503_READ_ONCE -> cloud.failNext(service, region, 503);
            case FAKE_THROTTLED_READ_ONCE -> cloud.throttleNext(service, region);
            case FAKE_500_READ -> cloud.failNext(service, region, 500);
            case FAKE_SERVICE_DISABLED -> cloud.disableService(service, region);
            default -> throw new IllegalStateException(this + " is not played by FakeHuaweiCloud");
        }
    }

    /** API Gateway's envelope: the same for every service behind it. */
    private static ResponseDefinitionBuilder gateway(int status, String code) {
        return RemoteModel.json(status, "{\"error_code\":\"" + code + "\",\"error_msg\":\"gateway says " + status
                + "\",\"request_id\":\"apig-" + status + "\"}");
    }
}
