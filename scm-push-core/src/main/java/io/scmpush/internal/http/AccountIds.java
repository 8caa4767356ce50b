package io.scmpush.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import io.scmpush.spi.CloudHttp;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The account (domain) id of the credentials, for the {@code X-Domain-Id} of global calls when the
 * credentials carry none: {@code GET /v3/auth/domains} on IAM, signed, the first domain's id, as the
 * official SDK's {@code GlobalCredentials} does. One lookup per IAM endpoint, shared by concurrent callers;
 * a failed lookup is not kept, so a later call asks again. Thread-safe.
 */
final class AccountIds {
    private final Function<@Nullable String, URI> iamEndpoints;
    private final SharedLookups<URI, String> resolved = new SharedLookups<>();

    /** @param iamEndpoints the IAM endpoint for a region (null: the global one) */
    AccountIds(Function<@Nullable String, URI> iamEndpoints) {
        this.iamEndpoints = iamEndpoints;
    }

    /**
     * @param http sends the lookup (a call that is not itself domain-scoped)
     * @param region the region of the global call; its IAM endpoint is asked
     * @throws CloudServiceException IAM's failure, or {@code DOMAIN_LOOKUP_FAILED} when it names no account
     */
    String domainId(CloudHttp http, @Nullable String region) {
        URI iam = iamEndpoints.apply(region);
        return resolved.get(iam, key -> lookUp(http, key));
    }

    private static String lookUp(CloudHttp http, URI iam) {
        CloudHttp.Response response = http.send(CloudHttp.Request.builder("GET", iam, "/v3/auth/domains").build());
        JsonNode id;
        try {
            id = ErrorEnvelope.JSON.readTree(response.body()).path("domains").path(0).path("id");
        } catch (IOException e) {
            throw failed(response, "a body that is not JSON", e);
        }
        if (!id.isTextual() || id.asText().isBlank()) {
            throw failed(response, "no domain", null);
        }
        return id.asText();
    }

    private static CloudServiceException failed(CloudHttp.Response response, String what, @Nullable IOException cause) {
        return CloudServiceException.builder(OutcomeCodes.DOMAIN_LOOKUP_FAILED, "IAM answered GET /v3/auth/domains with " + what + ": set the account id with Credentials.withDomainId(...) or HUAWEICLOUD_SDK_DOMAIN_ID")
                .httpStatus(response.status()).requestId(response.requestId()).attempts(response.attempts())
                .cause(cause).build();
    }
}
