package io.scmpush.spi;

/** Whether a service is pushed per region or once for the account. */
public enum Scope {
    /** Pushed once per region, each region with its own endpoint and project (WAF, ELB). */
    REGIONAL,
    /** Pushed once for the account, with no region (CDN). */
    GLOBAL
}
