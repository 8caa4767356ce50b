package io.scmpush.waf;

import io.scmpush.Binding;
import io.scmpush.PushTarget;
import java.util.Objects;

/** Targets of Huawei Cloud Web Application Firewall: regional, 1–10 regions per push. */
public final class Waf {
    /** The service id. */
    public static final String SERVICE = "waf";
    /** Binding kind: a cloud-mode protected host's certificate. */
    public static final String HOST = "host";
    /** Binding kind: a dedicated-mode (premium) protected host's certificate. */
    public static final String PREMIUM_HOST = "premium-host";

    /**
     * Option: the enterprise project the certificate is read from and created in
     * ({@code enterprise_project_id}); the account's default project ({@code 0}) when absent. A blank
     * value is refused, as for ELB and CDN.
     */
    public static final String ENTERPRISE_PROJECT_ID = "enterprise-project-id";

    private Waf() {}

    /**
     * WAF in each of these regions.
     *
     * @param regions 1–10 region ids, e.g. {@code cn-north-4} (more than 10 is rejected as
     *     {@code REGION_LIMIT} when pushed)
     * @return the target; add {@link #ENTERPRISE_PROJECT_ID} with {@code withOption} if needed
     * @throws NullPointerException when {@code regions} or one of them is null
     * @throws IllegalArgumentException when none is named, or one is blank
     */
    public static PushTarget inRegions(String... regions) {
        if (regions.length == 0) {
            throw new IllegalArgumentException("name at least one region, e.g. Waf.inRegions(\"cn-north-4\")");
        }
        for (String region : regions) {
            if (Objects.requireNonNull(region, "region").isBlank()) {
                throw new IllegalArgumentException("a region id is blank");
            }
        }
        return PushTarget.of(SERVICE).inRegions(regions);
    }

    /**
     * A cloud-mode protected host: WAF serves the pushed certificate to its clients. The certificate must
     * cover the host's domain ({@code DOMAIN_NOT_COVERED}).
     *
     * @param region the host's region
     * @param hostId the host's id, as WAF lists it
     * @return the binding, of kind {@value #HOST}
     */
    public static Binding host(String region, String hostId) {
        return new Binding(SERVICE, region, HOST, hostId);
    }

    /**
     * A dedicated-mode protected host: WAF serves the pushed certificate to its clients. The certificate
     * must cover the host's domain ({@code DOMAIN_NOT_COVERED}).
     *
     * @param region the host's region
     * @param hostId the host's id, as WAF lists it
     * @return the binding, of kind {@value #PREMIUM_HOST}
     */
    public static Binding premiumHost(String region, String hostId) {
        return new Binding(SERVICE, region, PREMIUM_HOST, hostId);
    }
}
