package io.scmpush.spi;

/** Whether a service is pushed per region or once for the account. */
public enum Scope {
    REGIONAL,
    GLOBAL
}
