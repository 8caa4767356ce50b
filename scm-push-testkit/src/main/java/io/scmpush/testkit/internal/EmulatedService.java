package io.scmpush.testkit.internal;

import io.scmpush.spi.RemoteCertificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One emulated Huawei Cloud service: its state, its API and its error dialect. */
interface EmulatedService {

    /** The scm-push service id: {@code iam}, {@code waf}, {@code elb}, {@code cdn}. */
    String id();

    /** Answers one authenticated call. */
    ApiResponse handle(Call call);

    /** The answer of this service when it is not enabled for the account (in that region). */
    ApiError disabled(@Nullable String region);

    /**
     * The service's own answer with {@code status}, for an injected failure that the API Gateway does not
     * produce itself (it answers 429, 502, 503 and 504).
     */
    ApiError failure(int status);

    /** The certificates the service holds (in {@code region}; null for a global service). */
    List<RemoteCertificate> certificates(@Nullable String region);
}
