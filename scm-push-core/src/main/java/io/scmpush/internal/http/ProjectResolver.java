package io.scmpush.internal.http;

import io.scmpush.spi.CloudHttp;
import java.util.Map;

/** Project ids per region: configured, else {@code GET /v3/projects?name={region}} on IAM, cached. */
public final class ProjectResolver {

    public ProjectResolver(CloudHttp http, Endpoints endpoints, Map<String, String> configured) {
        // TODO(transport)
    }

    /**
     * @throws io.scmpush.ConfigurationException {@code NO_PROJECT} when the account has no project in the region
     */
    public String projectId(String region) {
        throw new UnsupportedOperationException("TODO(transport)");
    }
}
