package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.PushRequest;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.waf.Waf;
import java.time.Duration;
import java.util.List;
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
 * Fan-out: one certificate to WAF in 10 regions, ELB in 10 regions and CDN (21 targets) through one
 * {@code execute()}, against {@code FakeHuaweiCloud} answering every request after {@value #LATENCY_MS} ms
 * (L). The score divided by L is the figure: the critical path of one target is ≈ 4 L (CDN reads its
 * domains and their certificates one after the other, then reads the domains again and writes; WAF and
 * ELB look the project up, list by name, create), a region-by-region loop would take ≈ 21 × 3 L.
 *
 * <p>Each push gets a new {@code ScmPush}, built and closed outside the timed region: with
 * {@code projects=iam} it looks up the 10 project ids through IAM (once per region, WAF and ELB sharing
 * the lookup), as the first push of an application does; with {@code projects=configured} they are given
 * to the builder. A new one per push also keeps CDN's 20 calls a minute out of the figure. Every push
 * writes (a name not used before) and every outcome must be PUSHED. {@code maxConcurrency} is the
 * builder's setting; the default, 8, runs the 21 targets in three waves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The in-process emulator runs on jdk.httpserver: see EmulatorProcess for these two settings.
@Fork(value = 1, jvmArgsAppend = {"-Dsun.net.httpserver.nodelay=true",
        "-Dsun.net.httpserver.maxIdleConnections=100000"})
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 3, time = 4)
public class FanOutBenchmark {
    static final int LATENCY_MS = 50;

    @Param({"32", "8"})
    public int maxConcurrency;

    @Param({"iam", "configured"})
    public String projects;

    private FakeHuaweiCloud cloud;
    private List<Certificate> certificates;
    private int next;
    private ScmPush scm;

    @Setup(Level.Trial)
    public void startCloud() {
        certificates = Fixtures.namedCopies(Fixtures.rsaChain(), "fan", 0, 2_000);
        cloud = FakeHuaweiCloud.start();
        cloud.addCdnDomain(Fixtures.DOMAIN);
        cloud.latency(Duration.ofMillis(LATENCY_MS));
    }

    @Setup(Level.Invocation)
    public void newScmPush() {
        scm = scmPush(cloud, maxConcurrency, projects.equals("configured"));
    }

    static ScmPush scmPush(FakeHuaweiCloud cloud, int maxConcurrency, boolean configuredProjects) {
        ScmPush.Builder builder = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials())
                .maxConcurrency(maxConcurrency);
        if (configuredProjects) {
            Fixtures.TEN_REGIONS.forEach(region -> builder.projectId(region, cloud.projectId(region)));
        }
        return builder.build();
    }

    /** The 21 targets. */
    static PushRequest toAll(ScmPush scm, Certificate certificate) {
        String[] regions = Fixtures.TEN_REGIONS.toArray(String[]::new);
        return scm.push(certificate).to(Waf.inRegions(regions)).to(Elb.inRegions(regions)).to(Cdn.matchingDomains());
    }

    @Benchmark
    public PushResult push() {
        if (next == certificates.size()) {
            throw new IllegalStateException("every name was pushed: make more certificates");
        }
        return RequestsPerPush.requirePushed(toAll(scm, certificates.get(next++)).execute());
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
