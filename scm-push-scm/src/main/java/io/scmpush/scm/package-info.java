/**
 * The certificate manager (SCM) as the source of certificates: {@link io.scmpush.scm.ScmCertificates}
 * lists, shows, exports and natively pushes what SCM holds, with the credentials and transport of an
 * {@link io.scmpush.ScmPush}.
 *
 * <pre>{@code
 * try (ScmPush scm = ScmPush.builder().credentials(Credentials.fromEnvironment()).build()) {
 *     ScmCertificates certs = ScmCertificates.of(scm);
 *     for (ManagedCertificate m : certs.list(ScmQuery.all().status(CertificateStatus.ISSUED)
 *             .expiringWithin(Duration.ofDays(30)))) {
 *         scm.push(certs.export(m.id())).to(Waf.inRegions("cn-north-4")).execute();
 *     }
 *     certs.push("scs1554192131150", Elb.inRegions("cn-north-4"));   // SCM pushes it; the key stays there
 * }
 * }</pre>
 */
@NullMarked
package io.scmpush.scm;

import org.jspecify.annotations.NullMarked;
