package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.PushRequest;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.elb.Elb;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.testkit.TestCertificates;
import io.scmpush.waf.Waf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 100 certificates at once (100 {@code executeAsync()} calls on one {@code ScmPush}, then waiting for all),
 * each to WAF in 10 regions and ELB in 10 regions ({@code targets=waf+elb}, 2,000 target pushes, 4,000
 * requests after 10 project look-ups), or to those and CDN ({@code targets=waf+elb+cdn}, 21 targets),
 * against {@code FakeHuaweiCloud} answering after {@value FanOutBenchmark#LATENCY_MS} ms (L).
 *
 * <p>{@code maxConcurrency} bounds the provider calls in flight for the whole {@code ScmPush}, so the
 * floor is about {@code 100 × 20 × 2 calls × L / maxConcurrency} (each call here is one request), 125 L at
 * 32. With CDN the floor is CDN's own limit: 20 certificate calls a minute, which the provider keeps to,
 * so 100 certificates take at least 4 minutes whatever the concurrency; run that case once
 * ({@code -p targets=waf+elb+cdn -wi 0 -i 1}). Each run uses a new {@code ScmPush} and fresh names;
 * every outcome must be PUSHED.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The in-process emulator runs on jdk.httpserver: see EmulatorProcess for these two settings.
@Fork(value = 1, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true",
        "-Dsun.net.httpserver.maxIdleConnections=100000"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ManyCertificatesBenchmark {
    private static final int CERTIFICATES = 100;

    @Param({"waf+elb"})
    public String targets;

    @Param({"32"})
    public int maxConcurrency;

    private FakeHuaweiCloud cloud;
    private TestCertificates.Generated chain;
    private int namesUsed;
    private List<Certificate> certificates;
    private ScmPush scm;

    @Setup(Level.Trial)
    public void startCloud() {
        chain = Fixtures.rsaChain();
        cloud = FakeHuaweiCloud.start();
        cloud.addCdnDomain(Fixtures.DOMAIN);
        cloud.latency(Duration.ofMillis(FanOutBenchmark.LATENCY_MS));
    }

    @Setup(Level.Invocation)
    public void newScmPush() {
        certificates = Fixtures.namedCopies(chain, "many", namesUsed, CERTIFICATES);
        namesUsed += CERTIFICATES;
        scm = FanOutBenchmark.scmPush(cloud, maxConcurrency, false);
    }

    @Benchmark
    public List<PushResult> pushAll() {
        List<CompletableFuture<PushResult>> pushes = new ArrayList<>();
        for (Certificate certificate : certificates) {
            pushes.add(request(certificate).executeAsync());
        }
        return pushes.stream().map(push -> RequestsPerPush.requirePushed(push.join())).toList();
    }

    private PushRequest request(Certificate certificate) {
        String[] regions = Fixtures.TEN_REGIONS.toArray(String[]::new);
        return switch (targets) {
            case "waf+elb" -> scm.push(certificate).to(Waf.inRegions(regions)).to(Elb.inRegions(regions));
            case "waf+elb+cdn" -> FanOutBenchmark.toAll(scm, certificate);
            default -> throw new IllegalArgumentException("targets is waf+elb or waf+elb+cdn, not " + targets);
        };
    }

    @TearDown(Level.Invocation)
    public void closeScmPush() {
        scm.close();
    }

    @TearDown(Level.Trial)
    public void stopCloud() {
        cloud.close();
    }
}
