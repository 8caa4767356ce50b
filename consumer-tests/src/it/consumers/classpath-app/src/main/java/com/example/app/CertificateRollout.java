package com.example.app;

import io.scmpush.Certificate;
import io.scmpush.Credentials;
import io.scmpush.PushResult;
import io.scmpush.ScmPush;
import io.scmpush.waf.Waf;
import java.net.URI;

/** What an application writes: push one certificate to WAF in one region. */
public final class CertificateRollout {
    private CertificateRollout() {}

    public static PushResult pushToWaf(URI endpoint, Credentials credentials, Certificate certificate) {
        try (ScmPush scm = ScmPush.builder().endpoint(endpoint).credentials(credentials).build()) {
            if (!scm.services().equals(java.util.Set.of("waf"))) {
                throw new IllegalStateException("expected only the WAF provider, found " + scm.services());
            }
            return scm.push(certificate).to(Waf.inRegions("cn-north-4")).execute();
        }
    }
}
