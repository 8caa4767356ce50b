package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.testkit.TestCertificates;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Certificate.builder().certificatePem(chain).privateKeyPem(key).build()}: PEM decoding, X.509
 * parsing, chain ordering, the key's PKCS#8 reading and the key-matches-certificate check, the SHA-256
 * fingerprint and the default name. The chain is leaf + CA; the key unencrypted PKCS#8.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class CertificateParsingBenchmark {
    @Param({"RSA_2048", "EC_P256"})
    public KeyType key;

    private TestCertificates.Generated generated;

    @Setup
    public void setUp() {
        generated = key.generate("www.example.com", "api.example.com");
    }

    @Benchmark
    public Certificate build() {
        return Certificate.builder()
                .certificatePem(generated.certificatePem())
                .privateKeyPem(generated.privateKeyPem())
                .build();
    }
}
