package com.acme.scmpush;

import io.scmpush.Certificate;
import io.scmpush.PushTarget;
import io.scmpush.spi.Deployment;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import io.scmpush.spi.TargetInventory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the certificate into the directory named by the target's "dir" option. */
public final class AcmeProvider implements PushProvider {

    @Override
    public ProviderDescriptor descriptor() {
        return ProviderDescriptor.builder("acme", Scope.GLOBAL).displayName("ACME appliance")
                .requiresPrivateKey(false).build();
    }

    @Override
    public TargetClient connect(ProviderContext context) {
        return new TargetClient() {
            @Override
            public TargetInventory inventory(Certificate certificate, PushTarget target, String region) {
                return new TargetInventory(true, List.of(), List.of());
            }

            @Override
            public Deployment push(Certificate certificate, PushTarget target, String region) {
                Path file = Path.of(target.options().get("dir")).resolve(certificate.name() + ".pem");
                try {
                    Files.writeString(file, certificate.certificatePem());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new Deployment(file.toString(), certificate.name(), null, 1);
            }
        };
    }
}
