package io.scmpush;

import io.scmpush.spi.Deployment;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.RemoteCertificate;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A push provider that keeps certificates in memory, for the engine's tests. Registered for discovery in
 * {@code src/test/resources/META-INF/services}, as service {@value #SERVICE}; tests also build
 * configured instances and register them with {@code ScmPush.builder().provider(...)}. Thread-safe.
 */
public class InMemoryProvider implements PushProvider {
    public static final String SERVICE = "memory";
    private static final String NO_REGION = "";

    private final ProviderDescriptor descriptor;
    private final Map<String, List<RemoteCertificate>> stored = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> pushFailures = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> inventoryFailures = new ConcurrentHashMap<>();
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final InFlight reading = new InFlight();
    private final InFlight writing = new InFlight();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<ProviderContext> contexts = new CopyOnWriteArrayList<>();
    private volatile @Nullable CountDownLatch readRendezvous;
    private volatile @Nullable CountDownLatch pushRendezvous;
    private volatile @Nullable CountDownLatch release;
    private volatile boolean needsCredentials;
    private volatile Consumer<String> beforeRead = region -> { };
    private volatile Consumer<String> beforePush = region -> { };

    /** A regional service {@value #SERVICE} of up to 10 regions that requires the private key. */
    public InMemoryProvider() {
        this(ProviderDescriptor.builder(SERVICE, Scope.REGIONAL).displayName("In-memory test service").maxRegions(10)
                .build());
    }

    public InMemoryProvider(ProviderDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** A global service (no region) with this id. */
    public static InMemoryProvider global(String service) {
        return new InMemoryProvider(
                ProviderDescriptor.builder(service, Scope.GLOBAL).displayName("In-memory global service").build());
    }

    /** Pushes to {@code region} throw {@code failure}. */
    public InMemoryProvider failingPushesIn(String region, RuntimeException failure) {
        pushFailures.put(region, failure);
        return this;
    }

    /** Inventory reads in {@code region} throw {@code failure}. */
    public InMemoryProvider failingInventoryIn(String region, RuntimeException failure) {
        inventoryFailures.put(region, failure);
        return this;
    }

    /** The service is not enabled in {@code region}. */
    public InMemoryProvider unavailableIn(String region) {
        unavailable.add(region);
        return this;
    }

    /**
     * Each inventory read waits until {@code parties} reads are in flight at once, and each push until
     * {@code parties} pushes are (or 10 s pass, so that a broken engine fails the test instead of hanging
     * it); later calls pass straight through.
     */
    public InMemoryProvider meetingUntilInFlight(int parties) {
        readRendezvous = new CountDownLatch(parties);
        pushRendezvous = new CountDownLatch(parties);
        return this;
    }

    /** Each push waits until {@code latch} opens (at most 10 s). */
    public InMemoryProvider holdingPushesUntil(CountDownLatch latch) {
        release = latch;
        return this;
    }

    /** Each inventory read first runs {@code hook} with its region ("" for none), e.g. to wait for a latch. */
    public InMemoryProvider beforeRead(Consumer<String> hook) {
        beforeRead = hook;
        return this;
    }

    /** Each push first runs {@code hook} with its region ("" for none), e.g. to wait for a latch. */
    public InMemoryProvider beforePush(Consumer<String> hook) {
        beforePush = hook;
        return this;
    }

    /** {@code connect} asks for credentials and the signed transport, as a Huawei Cloud provider does. */
    public InMemoryProvider requiringCredentials() {
        needsCredentials = true;
        return this;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public TargetClient connect(ProviderContext context) {
        if (needsCredentials) {
            context.credentials();
            context.http();
        }
        contexts.add(context);
        return new Client();
    }

    /** What (region) holds now; region null for a global service. */
    public List<RemoteCertificate> stored(@Nullable String region) {
        return List.copyOf(stored.getOrDefault(key(region), List.of()));
    }

    /** The regions written to, in the order the writes happened ("" for no region). */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    public int inventoryReads() {
        return reads.get();
    }

    /** The most inventory reads that were ever in flight at once. */
    public int maxReadsInFlight() {
        return reading.max.get();
    }

    /** The most pushes that were ever in flight at once. */
    public int maxPushesInFlight() {
        return writing.max.get();
    }

    public boolean closed() {
        return closed.get();
    }

    /** The context of each {@code connect} call. */
    public List<ProviderContext> contexts() {
        return List.copyOf(contexts);
    }

    private static String key(@Nullable String region) {
        return region == null ? NO_REGION : region;
    }

    private final class Client implements TargetClient {
        @Override
        public TargetInventory inventory(Certificate certificate, PushTarget target, @Nullable String region) {
            reading.enter();
            try {
                reads.incrementAndGet();
                beforeRead.accept(key(region));
                await(readRendezvous, true);
                RuntimeException failure = inventoryFailures.get(key(region));
                if (failure != null) {
                    throw failure;
                }
                if (unavailable.contains(key(region))) {
                    return TargetInventory.unavailable();
                }
                return new TargetInventory(true, stored(region), List.of());
            } finally {
                reading.leave();
            }
        }

        @Override
        public Deployment push(Certificate certificate, PushTarget target, @Nullable String region) {
            writing.enter();
            try {
                beforePush.accept(key(region));
                await(pushRendezvous, true);
                await(release, false);
                RuntimeException failure = pushFailures.get(key(region));
                if (failure != null) {
                    throw failure;
                }
                String id = "mem-" + ids.incrementAndGet();
                stored.computeIfAbsent(key(region), r -> new CopyOnWriteArrayList<>())
                        .add(new RemoteCertificate(id, certificate.name(), certificate.fingerprint(),
                                certificate.notAfter()));
                writes.add(key(region));
                return new Deployment(id, certificate.name(), "request-" + id, 1);
            } finally {
                writing.leave();
            }
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static void await(@Nullable CountDownLatch latch, boolean arrive) {
        if (latch == null) {
            return;
        }
        if (arrive) {
            latch.countDown();
        }
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Counts calls in progress and remembers the most at once. */
    private static final class InFlight {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        void enter() {
            int current = now.incrementAndGet();
            max.accumulateAndGet(current, Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }
    }

    /** A second provider class for the same service, to make discovery ambiguous. */
    public static final class Shadow extends InMemoryProvider {}
}
