package io.scmpush.benchmarks;

import io.scmpush.Certificate;
import io.scmpush.OutcomeStatus;
import io.scmpush.PushResult;
import io.scmpush.PushTarget;
import io.scmpush.ScmPush;
import io.scmpush.cdn.Cdn;
import io.scmpush.elb.Elb;
import io.scmpush.testkit.FakeHuaweiCloud;
import io.scmpush.waf.Waf;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints how many HTTP requests one push to one target makes once the project id is cached, and which:
 * the divisor that turns {@code PushBenchmark}'s allocation per push into allocation per request.
 * {@code java -cp target/benchmarks.jar io.scmpush.benchmarks.RequestsPerPush}
 */
public final class RequestsPerPush {
    private RequestsPerPush() {}

    public static void main(String[] args) {
        List<Certificate> certificates = Fixtures.namedCopies(Fixtures.rsaChain(), "count", 0, 6);
        try (FakeHuaweiCloud cloud = FakeHuaweiCloud.start();
                ScmPush scm = ScmPush.builder().endpoint(cloud.endpoint()).credentials(cloud.credentials()).build()) {
            cloud.addCdnDomain(Fixtures.DOMAIN);
            List<PushTarget> targets = List.of(Waf.inRegions("cn-north-4"), Elb.inRegions("cn-north-4"),
                    Cdn.matchingDomains());
            for (int t = 0; t < targets.size(); t++) {
                PushTarget target = targets.get(t);
                push(scm, certificates.get(2 * t), target); // the first one also looks the project up
                int before = cloud.requests().size();
                push(scm, certificates.get(2 * t + 1), target);
                List<FakeHuaweiCloud.RecordedRequest> requests = cloud.requests().subList(before, cloud.requests().size());
                System.out.printf("%s: %d requests per push: %s%n", target.service(), requests.size(),
                        requests.stream().map(r -> r.method() + " " + r.path().replaceAll("[0-9a-f]{32}", "{id}"))
                                .collect(Collectors.joining(", ")));
            }
        }
    }

    static PushResult push(ScmPush scm, Certificate certificate, PushTarget target) {
        return requirePushed(scm.push(certificate).to(target).execute());
    }

    /** {@code result}, when every outcome is PUSHED: a benchmark that stops writing must fail, not speed up. */
    static PushResult requirePushed(PushResult result) {
        if (result.outcomes().stream().anyMatch(o -> o.status() != OutcomeStatus.PUSHED)) {
            throw new IllegalStateException("a benchmark push did not write: " + result.outcomes());
        }
        return result;
    }
}
