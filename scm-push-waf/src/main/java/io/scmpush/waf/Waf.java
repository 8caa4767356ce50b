package io.scmpush.waf;

import io.scmpush.PushTarget;

/** Targets of Huawei Cloud Web Application Firewall: regional, 1–10 regions per push. */
public final class Waf {
    /** The service id. */
    public static final String SERVICE = "waf";

    /**
     * Option: the enterprise project the certificate is created in ({@code enterprise_project_id});
     * the account's default project when absent.
     */
    public static final String ENTERPRISE_PROJECT_ID = "enterprise-project-id";

    private Waf() {}

    /**
     * WAF in each of these regions.
     *
     * @param regions 1–10 region ids, e.g. {@code cn-north-4}
     * @return the target; add {@link #ENTERPRISE_PROJECT_ID} with {@code withOption} if needed
     */
    public static PushTarget inRegions(String... regions) {
        return PushTarget.of(SERVICE).inRegions(regions);
    }
}
