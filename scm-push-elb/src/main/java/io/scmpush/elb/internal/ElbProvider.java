package io.scmpush.elb.internal;

import io.scmpush.elb.Elb;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.ProviderDescriptor;
import io.scmpush.spi.PushProvider;
import io.scmpush.spi.Scope;
import io.scmpush.spi.TargetClient;
import java.util.Map;

/**
 * Huawei Cloud dedicated Elastic Load Balance (v3): uploads a server certificate with its key, or a CA
 * certificate for mutual TLS, to the certificate list of each region. Names need not be unique there.
 */
public final class ElbProvider implements PushProvider {
    private static final ProviderDescriptor DESCRIPTOR =
            ProviderDescriptor.builder(Elb.SERVICE, Scope.REGIONAL).displayName("Huawei Cloud ELB").maxRegions(10)
                    .build();

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TargetClient connect(ProviderContext context) {
        context.credentials(); // every ELB call is signed: fail now with NO_CREDENTIALS, not at the first push
        ElbCalls calls = new ElbCalls(context);
        ElbCertificateApi certificates = new ElbCertificateApi(calls);
        return new ElbTargetClient(certificates, new ElbBindings(new ElbListenerApi(calls), certificates));
    }
}
