package io.scmpush.elb;

import io.scmpush.PushTarget;

/** Targets of Huawei Cloud dedicated Elastic Load Balance (v3): regional, 1–10 regions per push. */
public final class Elb {
    /** The service id. */
    public static final String SERVICE = "elb";

    private Elb() {}

    /**
     * A server certificate (with its key) for HTTPS listeners in each of these regions.
     *
     * @param regions 1–10 region ids, e.g. {@code cn-north-4}
     * @return the target
     */
    public static PushTarget inRegions(String... regions) {
        return PushTarget.of(SERVICE).inRegions(regions);
    }

    /**
     * A CA certificate (type {@code client}, no key) for listeners that authenticate clients by
     * mutual TLS, in each of these regions.
     *
     * @param regions 1–10 region ids, e.g. {@code cn-north-4}
     * @return the target, with {@code certificate-type=ca}
     */
    public static PushTarget caCertificateInRegions(String... regions) {
        return inRegions(regions).withOption(PushTarget.CERTIFICATE_TYPE, "ca");
    }
}
