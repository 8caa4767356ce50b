package io.scmpush.examples.directory;

import io.scmpush.rules.PushRule;
import io.scmpush.rules.Violation;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import java.util.Map;

/**
 * The plugin's entry point: found by {@link java.util.ServiceLoader} through its line in
 * {@code META-INF/services/io.scmpush.spi.PushProvider}, so it needs a public no-arg constructor.
 */
public final class DirectoryProvider implements PushProvider {

    /** A provider rule: pure, like every rule, so it checks the target's options and nothing on disk. */
    private static final PushRule PATH_REQUIRED = context -> context.targets().stream()
            .filter(t -> t.service().equals(Directory.SERVICE) && !t.options().containsKey(Directory.PATH))
            .map(t -> Violation.error("PATH_REQUIRED", Directory.SERVICE, null,
                    "a directory target needs a path: use Directory.at(path)"))
            .toList();

    private static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.builder(Directory.SERVICE, Scope.GLOBAL)
            .displayName("Local directory").uniqueNames(true).rule("PATH_REQUIRED", PATH_REQUIRED).build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TargetClient connect(ProviderContext context) {
        // No credentials, no endpoint: a local directory needs nothing from the context.
        return new DirectoryClient();
    }
}
