package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.waf.Waf;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an application does to push one certificate once, measured as a whole process by
 * {@code coldstart.sh}: read the chain and key, build {@code ScmPush} (providers discovered, credentials
 * from {@code HUAWEICLOUD_SDK_*}), push to WAF in {@code cn-north-4} (IAM project lookup, inventory,
 * create), close, exit. It uses only what an application ships (core, waf, elb, cdn and their
 * dependencies); exit status 0 when the push wrote.
 *
 * <p>{@code java -cp <app class path> io.scmpush.benchmarks.ColdStart <endpoint> <chain.pem> <key.pem> <name>}
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ColdStart <endpoint> <chain.pem> <key.pem> <certificate name>");
            System.exit(2);
        }
        Certificate certificate = Certificate.builder()
                .certificatePem(Files.readString(Path.of(args[1])))
                .privateKeyPem(Files.readString(Path.of(args[2])))
                .name(args[3])
                .build();
        try (ScmPush scm = ScmPush.builder()
                .endpoint(URI.create(args[0]))
                .credentials(Credentials.fromEnvironment())
                .build()) {
            PushResult result = scm.push(certificate).to(Waf.inRegions("cn-north-4")).execute();
            result.outcomes().forEach(System.out::println);
            System.exit(result.succeeded() ? 0 : 1);
        }
    }
}
