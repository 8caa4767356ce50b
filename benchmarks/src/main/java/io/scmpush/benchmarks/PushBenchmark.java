package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.waf.Waf;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-call overhead: one push of one certificate to one target (WAF in one region, ELB in one region, or
 * CDN), end to end through {@code ScmPush}, against {@code FakeHuaweiCloud} with no injected latency,
 * running in a process of its own so that {@code -prof gc} counts the client's allocation only. One
 * thread, pushes one after another.
 *
 * <p>Every push writes: each pushes a certificate under a name not yet used (see
 * {@link Fixtures#namedCopies}, all made before the run: {@code -prof gc} counts what an iteration's set-up
 * allocates too), and the benchmark fails if an outcome is anything but PUSHED. The emulator and the {@code ScmPush} live for the whole run (the project id is
 * looked up once, in the first warm-up push). The warm-up is long because the JIT needs some ten thousand
 * pushes before the client's CPU time per push settles.
 *
 * <p>CDN allows 20 certificate calls a minute, and the CDN provider keeps to it per {@code ScmPush}: to
 * measure the call rather than that limit, the CDN case moves to a new {@code ScmPush} every 20 pushes,
 * outside the timed region (its building is still counted by {@code -prof gc}: a small share per push).
 * The ones it leaves stay open until the run ends, because on JDK 17 {@code -prof gc} sums the
 * allocation of live threads only, and closing an {@code ScmPush} ends its threads. So that moving on
 * opens no new connection, every {@code ScmPush} is given one shared {@code HttpClient}, built as
 * {@code ScmPush} builds its own (connect timeout 30 s, HTTP/2 preferred) but on the client's default
 * executor; WAF and ELB use it too, so that the three figures compare.
 *
 * <p>Requests per push (see {@link RequestsPerPush}): WAF 2, ELB 2, CDN 4. Allocation per request is
 * {@code gc.alloc.rate.norm} divided by those. The client's CPU time per push is printed after each
 * iteration (process CPU time over pushes: JIT and GC threads included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 3, time = 5)
public class PushBenchmark {
    /** More than a run pushes (up to a few hundred a second for 40 s): the benchmark fails past it. */
    private static final int NAMES = 40_000;
    private static final int CDN_CALLS_PER_MINUTE = 20;

    @Param({"waf", "elb", "cdn"})
    public String service;

    private List<Certificate> certificates;
    private PushTarget target;
    private EmulatorProcess cloud;
    private HttpClient httpClient;
    private ScmPush scm;
    private final List<ScmPush> leftOpen = new ArrayList<>();
    private int next;
    private int pushedBefore;
    private int pushesOnThisScmPush;
    private long cpuAtStart;

    @Setup(Level.Trial)
    public void setUp() {
        certificates = Fixtures.namedCopies(Fixtures.rsaChain(), "bench", 0, NAMES);
        target = switch (service) {
            case "waf" -> Waf.inRegions("cn-north-4");
            case "elb" -> Elb.inRegions("cn-north-4");
            case "cdn" -> Cdn.matchingDomains();
            default -> throw new IllegalArgumentException("no such service: " + service);
        };
        cloud = EmulatorProcess.start(Fixtures.DOMAIN);
        httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        scm = newScmPush();
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        pushedBefore = next;
        cpuAtStart = processCpuNanos();
    }

    @Setup(Level.Invocation)
    public void keepWithinCdnRateLimit() {
        if (service.equals("cdn") && pushesOnThisScmPush == CDN_CALLS_PER_MINUTE) {
            leftOpen.add(scm);
            scm = newScmPush();
        }
    }

    private ScmPush newScmPush() {
        pushesOnThisScmPush = 0;
        return ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).httpClient(httpClient)
                .build();
    }

    @Benchmark
    public PushResult push() {
        if (next == certificates.size()) {
            throw new IllegalStateException("all " + NAMES + " names were pushed: raise NAMES");
        }
        pushesOnThisScmPush++;
        return RequestsPerPush.push(scm, certificates.get(next++), target);
    }

    @TearDown(Level.Iteration)
    public void printCpuPerPush() {
        long cpu = processCpuNanos() - cpuAtStart;
        int pushes = next - pushedBefore;
        System.out.printf(" [%d pushes, client CPU %.0f µs per push] ", pushes, cpu / 1e3 / Math.max(1, pushes));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        leftOpen.forEach(ScmPush::close);
        scm.close();
        cloud.close();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
