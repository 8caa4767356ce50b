package io.scmpush.spi.support;

import io.scmpush.Credentials;
import io.scmpush.PushListener;
import io.scmpush.ScmPush;
import io.scmpush.internal.engine.EngineAccess;
import io.scmpush.internal.engine.PushEngine;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a module that builds on an {@link ScmPush} without being a provider gets of it: the provider's view of
 * its transport (credentials, the signed {@link CloudHttp}, endpoint overrides, project ids, the rules' clock),
 * its listener, and the descriptors of the providers it connected. scm-push-scm reads the certificate manager
 * and pushes natively through one, so that it uses what the user configured on the builder, and tells the
 * same listener.
 *
 * <pre>{@code
 * ClientContext context = ClientContext.of(scm, "SCM (io.scmpush.scm)");
 * CloudHttp.Response listed = context.http().send(CloudHttp.Request
 *         .builder("GET", context.endpoint("scm", "ap-southeast-1"), "/v3/scm/certificates")
 *         .domainScoped("ap-southeast-1").build());
 * }</pre>
 */
public interface ClientContext extends ProviderContext {

    /**
     * The context of an open {@link ScmPush}.
     *
     * @param scm the push client whose configuration is used
     * @param client names the caller in errors, e.g. {@code "SCM (io.scmpush.scm)"}
     * @return a context that lives as long as {@code scm}
     * @throws IllegalStateException when {@code scm} is closed
     */
    static ClientContext of(ScmPush scm, String client) {
        Objects.requireNonNull(client, "client");
        PushEngine engine = EngineAccess.engine(Objects.requireNonNull(scm, "scm"));
        engine.ensureOpen();
        ProviderContext transport = engine.transportFor(client);
        return new ClientContext() {
            @Override
            public Credentials credentials() {
                return transport.credentials();
            }

            @Override
            public CloudHttp http() {
                return transport.http();
            }

            @Override
            public URI endpoint(String service, @Nullable String region) {
                return transport.endpoint(service, region);
            }

            @Override
            public String projectId(String region) {
                return transport.projectId(region);
            }

            @Override
            public Clock clock() {
                return transport.clock();
            }

            @Override
            public PushListener listener() {
                return engine.listener();
            }

            @Override
            public Optional<ProviderDescriptor> descriptor(String service) {
                return engine.descriptorOf(service);
            }

            @Override
            public String toString() {
                return "ClientContext[" + client + "]";
            }
        };
    }

    /** {@return the listener configured with {@code ScmPush.builder().listener(...)}; a no-op one by default} */
    PushListener listener();

    /**
     * The descriptor of a connected provider.
     *
     * @param service a service id, e.g. {@code waf}
     * @return its provider's descriptor; empty when no provider of that service is connected
     */
    Optional<ProviderDescriptor> descriptor(String service);
}
