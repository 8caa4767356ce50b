package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.DuplicatePolicy;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushRecord;
import io.scmpush.PushTarget;
import io.scmpush.rules.RuleContext;
import io.scmpush.rules.RuleEngine;
import io.scmpush.rules.RuleReport;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetInventory;
import io.scmpush.testkit.TestCertificates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code RuleEngine.standard().evaluate(context)} over the context a 21-target push builds: WAF in 10
 * regions, ELB in 10 regions and CDN, every inventory read (each regional one holding an older
 * certificate of another name, CDN ten acceleration domains), and a full push history of 10 records.
 * No I/O: the context is built once. One thread: the figure is per core.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RuleEngineBenchmark {
    private final RuleEngine engine = RuleEngine.standard();
    private RuleContext context;

    @Setup
    public void setUp() {
        Certificate certificate = KeyType.RSA_2048.certificate();
        Instant now = certificate.notBefore().plus(Duration.ofDays(1));
        RuleContext.Builder builder = RuleContext.builder()
                .certificate(certificate)
                .now(now)
                .duplicatePolicy(DuplicatePolicy.FAIL)
                .target(PushTarget.of("waf").inRegions(Fixtures.TEN_REGIONS.toArray(String[]::new)))
                .target(PushTarget.of("elb").inRegions(Fixtures.TEN_REGIONS.toArray(String[]::new)))
                .target(PushTarget.of("cdn"))
                .descriptor(regional("waf", "Huawei Cloud WAF"))
                .descriptor(regional("elb", "Huawei Cloud ELB"))
                .descriptor(ProviderDescriptor.builder("cdn", Scope.GLOBAL).displayName("Huawei Cloud CDN")
                        .uniqueNames(true).build());
        TargetInventory regional = new TargetInventory(true, List.of(new RemoteCertificate("3f2a9c1e",
                "www.example.com-0badc0de", null, now.minus(Duration.ofDays(3)))), List.of());
        for (String region : Fixtures.TEN_REGIONS) {
            builder.inventory("waf", region, regional).inventory("elb", region, regional);
        }
        List<String> domains = new ArrayList<>();
        for (int i = 1; i < 10; i++) {
            domains.add("cdn" + i + ".example.com");
        }
        domains.add("www.example.com");
        builder.inventory("cdn", null, new TargetInventory(true, List.of(), domains));
        List<PushRecord> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            history.add(new PushRecord(certificate.fingerprint(), certificate.name(), "waf", Fixtures.TEN_REGIONS.get(i),
                    OutcomeStatus.FAILED, null, "Throttled", now.minusSeconds(60 * i)));
        }
        context = builder.history(history).build();
    }

    private static ProviderDescriptor regional(String service, String displayName) {
        return ProviderDescriptor.builder(service, Scope.REGIONAL).displayName(displayName).maxRegions(10).build();
    }

    @Benchmark
    public RuleReport evaluate() {
        return engine.evaluate(context);
    }
}
