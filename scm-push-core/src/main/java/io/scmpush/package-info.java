/**
 * The user API: build a {@link io.scmpush.Certificate}, push it with {@link io.scmpush.ScmPush}, read the
 * {@link io.scmpush.PushResult}.
 *
 * <pre>{@code
 * try (ScmPush scm = ScmPush.builder().credentials(Credentials.fromEnvironment()).build()) {
 *     Certificate cert = Certificate.builder()
 *             .certificatePem(Files.readString(Path.of("chain.pem")))
 *             .privateKeyPem(Files.readString(Path.of("key.pem")))
 *             .build();
 *     PushResult result = scm.push(cert)
 *             .to(Waf.inRegions("cn-north-4"))
 *             .onDuplicate(DuplicatePolicy.SKIP)
 *             .execute();
 *     for (TargetOutcome outcome : result.failures()) {
 *         System.err.println(outcome.service() + " " + outcome.region() + ": " + outcome.code());
 *     }
 * }
 * }</pre>
 *
 * <p>Every type here is immutable and thread-safe except the builders. Bad input throws an
 * {@link io.scmpush.InvalidCertificateException} or a {@link io.scmpush.ConfigurationException} at once;
 * what happens at each target is a {@link io.scmpush.TargetOutcome}, never an exception.
 */
@NullMarked
package io.scmpush;

import org.jspecify.annotations.NullMarked;
