package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The push machinery without any I/O: {@code ScmPush.push(certificate).to(one regional target).execute()}
 * with a provider whose inventory is empty and whose push succeeds at once. What it allocates per push is
 * the engine's share of {@code PushBenchmark}'s figure (units, futures, rule context and evaluation, plan,
 * outcome, history record).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class EngineBenchmark {
    private ScmPush scm;
    private Certificate certificate;
    private final PushTarget target = PushTarget.of("memory").inRegions("cn-north-4");

    @Setup
    public void setUp() {
        certificate = KeyType.RSA_2048.certificate();
        scm = ScmPush.builder().discoverProviders(false).provider(new InstantProvider()).build();
    }

    @Benchmark
    public PushResult push() {
        return RequestsPerPush.requirePushed(scm.push(certificate).to(target).execute());
    }

    @TearDown
    public void tearDown() {
        scm.close();
    }

    /** A regional service that holds nothing and accepts every push at once. */
    public static final class InstantProvider implements PushProvider {
        private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder("memory", Scope.REGIONAL)
                .displayName("In memory").maxRegions(10).build();

        @Override
        public ProviderDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public TargetClient connect(ProviderContext context) {
            return new TargetClient() {
                @Override
                public TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region) {
                    return new TargetInventory(true, List.of(), List.of());
                }

                @Override
                public Deployment push(Certificate certificate, PushTarget target, @Nullable String region) {
                    return new Deployment("id-1", certificate.name(), null, 1);
                }
            };
        }
    }
}
