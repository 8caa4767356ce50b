package com.example.modular;

import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

/** Pushes a certificate (PEM files) to WAF in one region: java -m com.example.modular/... ENDPOINT CERT KEY. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Certificate certificate = Certificate.builder().certificatePem(Files.readString(Path.of(args[1])))
                .privateKeyPem(Files.readString(Path.of(args[2]))).build();
        try (ScmPush scm = ScmPush.builder().endpoint(URI.create(args[0])).credentials(Credentials.fromEnvironment())
                .build()) {
            System.out.println("module " + Main.class.getModule().getName() + " with "
                    + ScmPush.class.getModule().getName() + ", services " + new TreeSet<>(scm.services()));
            PushResult result = scm.push(certificate).to(PushTarget.of("waf").inRegions("cn-north-4")).execute();
            result.outcomes().forEach(o -> System.out.println("outcome " + o.service() + " " + o.region() + " "
                    + o.status()));
            System.exit(result.succeeded() ? 0 : 1);
        }
    }
}
