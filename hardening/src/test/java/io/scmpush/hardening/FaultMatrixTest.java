package io.scmpush.hardening;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.scmpush.hardening.RemoteModel.SCENARIO;
import static io.scmpush.hardening.RemoteModel.STORED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushHistory;
import io.scmpush.PushRecord;
import io.scmpush.PushRequest;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.RetryPolicy;
import io.scmpush.ScmPush;
import io.scmpush.TargetOutcome;
import io.scmpush.cdn.Cdn;
import io.scmpush.internal.http.CredentialSecrets;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: every provider meets every fault of {@link FaultCase} in one push to two targets, of
 * which one is faulted. Each case must end in the outcome its row of {@link #EXPECTED} names; leave the
 * faulted target holding exactly one copy of the certificate when the outcome is PUSHED and none
 * otherwise (nothing lost, no duplicate); leave the other target pushed; and record both outcomes, as
 * they are, in the history. All of it runs with logging at ALL under {@link SecretsWatch}.
 *
 * <p>The faulted target is a region of WAF or ELB, or CDN; the other target is another region of the
 * same service, or for CDN a WAF region, on {@link FakeHuaweiCloud}.
 */
class FaultMatrixTest {
    static final String FAULTED_REGION = "ap-southeast-1";
    static final String HEALTHY_REGION = "cn-north-4";
    static final RetryPolicy RETRY = RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(5));
    static final List<RemoteModel> MODELS = List.of(new WafModel(), new ElbModel(), new CdnModel());

    /**
     * Each fault's outcome on the faulted target, per provider: status, code (none for PUSHED), and how
     * many times the write reached the service, which is also the outcome's {@code attempts}.
     */
    static final Map<FaultCase, List<String>> EXPECTED = table("""
            fault                         | WAF                            | ELB                            | CDN
            RESET_AFTER_STORING           | PUSHED 1                       | PUSHED 1                       | PUSHED 2
            RESET_EVERY_TIME              | FAILED IO_ERROR 3              | FAILED IO_ERROR 3              | FAILED IO_ERROR 3
            EMPTY_REPLY_AFTER_STORING     | PUSHED 1                       | PUSHED 1                       | PUSHED 2
            MALFORMED_CHUNK_AFTER_STORING | PUSHED 1                       | PUSHED 1                       | PUSHED 2
            GARBAGE_AFTER_STORING         | PUSHED 1                       | PUSHED 1                       | PUSHED 2
            MALFORMED_JSON_200            | PUSHED 1                       | PUSHED 1                       | PUSHED 1
            NO_ID_200                     | PUSHED 1                       | PUSHED 1                       | PUSHED 1
            ERROR_BODY_200                | FAILED WAF.00010001 1          | FAILED ELB.0001 1              | FAILED CDN.0001 1
            SERVICE_500                   | FAILED WAF.00010001 3          | FAILED ELB.0001 3              | FAILED CDN.0001 1
            SERVICE_500_ONCE              | PUSHED 2                       | PUSHED 2                       | FAILED CDN.0001 1
            GATEWAY_502                   | FAILED APIG.0202 3             | FAILED APIG.0202 3             | FAILED APIG.0202 3
            GATEWAY_503_ONCE              | PUSHED 2                       | PUSHED 2                       | PUSHED 2
            GATEWAY_503                   | FAILED APIG.0202 3             | FAILED APIG.0202 3             | FAILED APIG.0202 3
            GATEWAY_504_AFTER_STORING     | PUSHED 1                       | PUSHED 1                       | PUSHED 2
            THROTTLED                     | FAILED THROTTLED 3             | FAILED THROTTLED 3             | FAILED THROTTLED 3
            THROTTLED_ONCE_RETRY_AFTER_0  | PUSHED 2                       | PUSHED 2                       | PUSHED 2
            THROTTLED_RETRY_AFTER_120     | FAILED THROTTLED 1             | FAILED THROTTLED 1             | FAILED THROTTLED 1
            SLOWER_THAN_TIMEOUT           | PUSHED 1                       | PUSHED 1                       | PUSHED 2
            UNRESOLVABLE_HOST             | FAILED IO_ERROR 0              | FAILED IO_ERROR 0              | FAILED IO_ERROR 0
            UNTRUSTED_TLS                 | FAILED IO_ERROR 0              | FAILED IO_ERROR 0              | FAILED IO_ERROR 0
            FAKE_503_READ_ONCE            | PUSHED 1                       | PUSHED 1                       | PUSHED 1
            FAKE_THROTTLED_READ_ONCE      | PUSHED 1                       | PUSHED 1                       | PUSHED 1
            FAKE_500_READ                 | FAILED WAF.00010001 0          | FAILED ELB.0001 0              | FAILED CDN.0001 0
            FAKE_SERVICE_DISABLED         | REJECTED SERVICE_UNAVAILABLE 0 | REJECTED SERVICE_UNAVAILABLE 0 | FAILED CDN.0004 0
            """);
    @RegisterExtension
    static final WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort())
            .build();

    @RegisterExtension
    static final SecretsWatch secrets = new SecretsWatch();

    private static final String TOKEN = "session-token-3eZq9L0pVx7RmN2kYt5WcB8d";
    private static final Map<FaultCase, Map<RemoteModel, String>> OBSERVED = new ConcurrentHashMap<>();
    private static final LongAdder DUPLICATES = new LongAdder();

    static Stream<Arguments> cases() {
        return Stream.of(FaultCase.values())
                .flatMap(fault -> MODELS.stream().map(model -> Arguments.of(fault, model)));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("cases")
    void each_fault_ends_as_its_row_says_with_no_duplicate_and_the_other_target_pushed(FaultCase fault,
            RemoteModel model) {
        Certificate certificate = TestCertificates.builder().ec().domains("shop.example.com").build().toCertificate();
        boolean global = model instanceof CdnModel;
        Unit faulted = new Unit(model.service(), global ? null : FAULTED_REGION);
        Unit healthy = new Unit(global ? Waf.SERVICE : model.service(), HEALTHY_REGION);
        List<PushTarget> targets = global
                ? List.of(Cdn.matchingDomains(), Waf.inRegions(HEALTHY_REGION))
                : List.of(PushTarget.of(model.service()).inRegions(FAULTED_REGION, HEALTHY_REGION));
        PushHistory history = PushHistory.inMemory();
        secrets.privateKeyOf(certificate);

        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start()) {
            ScmPush.Builder builder = ScmPush.builder()
                    .credentials(temporaryCredentialsOf(cloud))
                    .endpoint(cloud.endpoint())
                    .projectId(HEALTHY_REGION, cloud.projectId(HEALTHY_REGION))
                    .retry(RETRY)
                    .requestTimeout(fault.timeout)
                    .history(history);
            switch (fault.effect) {
                case FAKE -> {
                    builder.projectId(FAULTED_REGION, cloud.projectId(FAULTED_REGION));
                    cloud.addCdnDomain(certificate.domains().get(0));
                    fault.inject(cloud, faulted.service(), faulted.region());
                }
                case UNRESOLVABLE_HOST -> route(builder, faulted, URI.create("https://nonexistent.invalid"));
                case UNTRUSTED_TLS -> route(builder, faulted, URI.create("https://localhost:" + wm.getHttpsPort()));
                default -> {
                    arrange(fault, model, certificate);
                    route(builder, faulted, URI.create(wm.getRuntimeInfo().getHttpBaseUrl()));
                }
            }

            PushResult result;
            try (ScmPush scm = builder.build()) {
                result = push(scm, certificate, targets);
                secrets.show(scm, certificate, result, history);
            }

            TargetOutcome outcome = result.outcome(faulted.service(), faulted.region()).orElseThrow();
            TargetOutcome other = result.outcome(healthy.service(), healthy.region()).orElseThrow();
            int sends;
            int copies;
            if (fault.effect == FaultCase.Effect.FAKE) {
                sends = writesReceived(cloud, faulted);
                copies = copiesOn(cloud, faulted, certificate);
            } else {
                sends = wm.countRequestsMatching(model.writes().build()).getCount();
                copies = model.copies(storingWrites());
                assertThat(wm.findAllUnmatchedRequests()).as("requests the model does not know").isEmpty();
            }
            String cell = cell(outcome, sends);
            OBSERVED.computeIfAbsent(fault, f -> new ConcurrentHashMap<>()).put(model, cell);
            DUPLICATES.add(Math.max(0, copies - 1));
            secrets.show(outcome, other);
            history.latest(certificate.fingerprint()).forEach(secrets::show);

            assertThat(cell).as("%s, %s: %s", model, fault.label, outcome)
                    .isEqualTo(EXPECTED.get(fault).get(MODELS.indexOf(model)));
            assertThat(outcome.attempts()).as("attempts reported = writes received").isEqualTo(sends);
            assertThat(copies).as("certificates on the faulted target after %s", outcome)
                    .isEqualTo(outcome.status() == OutcomeStatus.PUSHED ? 1 : 0);
            assertThat(other.status()).as("the other target: %s", other).isEqualTo(OutcomeStatus.PUSHED);
            assertThat(other.attempts()).isEqualTo(1);
            assertThat(copiesOn(cloud, healthy, certificate)).isEqualTo(1);
            assertThat(history.latest(certificate.fingerprint()))
                    .extracting(PushRecord::service, PushRecord::region, PushRecord::status, PushRecord::remoteId)
                    .containsExactlyInAnyOrder(
                            tuple(outcome.service(), outcome.region(), outcome.status(), outcome.remoteId()),
                            tuple(other.service(), other.region(), other.status(), other.remoteId()));
        }
    }

    @Test
    void the_table_has_a_row_for_every_fault() {
        assertThat(EXPECTED.keySet()).containsExactly(FaultCase.values());
    }

    /** What this run saw, for a reader to hold beside the document: {@code target/reliability-matrix.md}. */
    @AfterAll
    static void writeObservedMatrix() {
        Map<FaultCase, List<String>> observed = new LinkedHashMap<>();
        for (FaultCase fault : FaultCase.values()) {
            Map<RemoteModel, String> cells = OBSERVED.getOrDefault(fault, Map.of());
            observed.put(fault, MODELS.stream().map(m -> cells.getOrDefault(m, "NOT_RUN 0")).toList());
        }
        long run = OBSERVED.values().stream().mapToLong(Map::size).sum();
        List<String> lines = new ArrayList<>(markdown(observed));
        lines.add("");
        lines.add(figure("faults tried", run + " (" + OBSERVED.size() + " faults × " + MODELS.size() + " providers)"));
        lines.add(figure("duplicates created", Long.toString(DUPLICATES.sum())));
        ReliabilityDoc.writeObserved("reliability-matrix.md", String.join("\n", lines) + "\n");
    }

    /** Sets up the faulted service: truthful reads, and writes that meet the fault. */
    private static void arrange(FaultCase fault, RemoteModel model, Certificate certificate) {
        model.reads(certificate).forEach(wm::stubFor);
        ResponseDefinitionBuilder reply = fault.reply(model, certificate);
        ResponseDefinitionBuilder accepted = model.accepted(certificate);
        switch (fault.effect) {
            case STORED_REPLY_LOST -> wm.stubFor(storing(model.write().inScenario(SCENARIO)
                    .whenScenarioStateIs(STARTED).willSetStateTo(STORED).willReturn(reply)));
            case NEVER_STORED -> wm.stubFor(model.write().willReturn(reply));
            case ONCE_THEN_WORKS -> {
                wm.stubFor(model.write().inScenario(SCENARIO).whenScenarioStateIs(STARTED)
                        .willSetStateTo("recovered").willReturn(reply));
                wm.stubFor(storing(model.write().inScenario(SCENARIO).whenScenarioStateIs("recovered")
                        .willSetStateTo(STORED).willReturn(accepted)));
            }
            default -> throw new IllegalArgumentException(fault + " is not played by WireMock");
        }
        // A write sent once the certificate is stored stores it again: a duplicate where names are not unique.
        wm.stubFor(storing(model.write().inScenario(SCENARIO).whenScenarioStateIs(STORED).willReturn(accepted)));
    }

    /**
     * Temporary credentials of the emulator's account: its key pair with a session token, so that the SK
     * and the token are both in play on every request, and both watched for.
     */
    private static Credentials temporaryCredentialsOf(FakeHuaweiCloud cloud) {
        Credentials account = cloud.credentials();
        String secretKey = CredentialSecrets.secretKey(account);
        secrets.secret("the secret key", secretKey);
        secrets.secret("the security token", TOKEN);
        Credentials temporary = Credentials.temporary(account.accessKey(), secretKey, TOKEN)
                .withDomainId(account.domainId().orElseThrow());
        secrets.show(temporary);
        return temporary;
    }

    private static void route(ScmPush.Builder builder, Unit unit, URI endpoint) {
        if (unit.region() == null) {
            builder.endpoint(unit.service(), endpoint);
        } else {
            builder.endpoint(unit.service(), unit.region(), endpoint).projectId(unit.region(), RemoteModel.PROJECT);
        }
    }

    private static PushResult push(ScmPush scm, Certificate certificate, List<PushTarget> targets) {
        PushRequest request = scm.push(certificate);
        for (PushTarget target : targets) {
            request = request.to(target);
        }
        return request.execute();
    }

    private static MappingBuilder storing(MappingBuilder write) {
        return write.withMetadata(Map.of("stores", true));
    }

    /** How many writes the service stored. */
    private static int storingWrites() {
        int stored = 0;
        for (ServeEvent event : wm.getAllServeEvents()) {
            if (event.getStubMapping() != null && event.getStubMapping().getMetadata() != null
                    && event.getStubMapping().getMetadata().getBoolean("stores", false)) {
                stored++;
            }
        }
        return stored;
    }

    /** The creates (WAF, ELB: POST to the unit's project) or HTTPS updates (CDN: PUT) the emulator received. */
    private static int writesReceived(FakeHuaweiCloud cloud, Unit unit) {
        String method = unit.region() == null ? "PUT" : "POST";
        String scope = unit.region() == null ? "/cdn/" : "/" + cloud.projectId(unit.region()) + "/";
        return (int) cloud.requests().stream().filter(r -> r.method().equals(method) && r.path().contains(scope))
                .count();
    }

    /** Copies of the certificate the emulator holds for the unit; CDN's one per domain counts once. */
    private static int copiesOn(FakeHuaweiCloud cloud, Unit unit, Certificate certificate) {
        long copies = cloud.certificates(unit.service(), unit.region()).stream()
                .filter(c -> certificate.fingerprint().equals(c.fingerprint())
                        || c.fingerprint() == null && certificate.name().equals(c.name()))
                .count();
        return unit.region() == null ? (int) Math.min(copies, 1) : (int) copies;
    }

    /** A cell of the table: {@code STATUS[ CODE] SENDS}. */
    private static String cell(TargetOutcome outcome, int sends) {
        return outcome.status() + (outcome.code() == null ? "" : " " + outcome.code()) + " " + sends;
    }

    /** The table as the document shows it: one row per fault, cells such as {@code FAILED IO_ERROR · 3 sends}. */
    static List<String> markdown(Map<FaultCase, List<String>> table) {
        List<String> lines = new ArrayList<>();
        lines.add("| fault | " + String.join(" | ", MODELS.stream().map(Object::toString).toList()) + " |");
        lines.add("|---|---|---|---|");
        table.forEach((fault, cells) -> lines.add("| " + fault.label + " | "
                + String.join(" | ", cells.stream().map(FaultMatrixTest::readable).toList()) + " |"));
        return lines;
    }

    private static String readable(String cell) {
        int last = cell.lastIndexOf(' ');
        String sends = cell.substring(last + 1);
        return cell.substring(0, last) + " · " + sends + (sends.equals("1") ? " send" : " sends");
    }

    static String figure(String name, String value) {
        return "| " + name + " | " + value + " |";
    }

    private static Map<FaultCase, List<String>> table(String text) {
        Map<FaultCase, List<String>> rows = new LinkedHashMap<>();
        text.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] cells = line.split("\\s*\\|\\s*");
            rows.put(FaultCase.valueOf(cells[0]), List.of(cells[1], cells[2], cells[3]));
        });
        return rows;
    }

    /** A (service, region) of the push; region null for CDN. */
    private record Unit(String service, @Nullable String region) {}
}
