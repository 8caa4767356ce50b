package io.scmpush.internal.http;

import io.scmpush.Credentials;
import io.scmpush.RetryPolicy;
import io.scmpush.spi.CloudHttp;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/** {@link CloudHttp} on {@link HttpClient}: signs, scopes, times out, retries, maps error envelopes. */
public final class HuaweiCloudHttp implements CloudHttp {

    public HuaweiCloudHttp(Credentials credentials, HttpClient client, RetryPolicy retry, Duration requestTimeout,
            Clock clock, Sleeper sleeper) {
        // TODO(transport)
    }

    @Override
    public Response send(Request request) {
        throw new UnsupportedOperationException("TODO(transport)");
    }
}
