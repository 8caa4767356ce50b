/**
 * The provider-support tier: what a {@link io.scmpush.spi.PushProvider} for a Huawei Cloud service needs
 * beyond {@link io.scmpush.spi.CloudHttp}, published for plugin authors and kept compatible like the rest of
 * the API (users of {@code ScmPush} never need it). scm-push's own WAF, ELB and CDN providers are built on
 * this package and nothing else of core's but the API and the SPI.
 *
 * <ul>
 *   <li>{@link io.scmpush.spi.support.IdempotentCreate}: creates a certificate at most once although the
 *       create call is not idempotent, re-reading the target after an ambiguous failure.</li>
 *   <li>{@link io.scmpush.spi.support.IdempotentUpdate}: points a resource at a certificate by
 *       read-then-update, safely repeated.</li>
 *   <li>{@link io.scmpush.spi.support.RemotePem}: fingerprints the certificate bodies a service returns, to
 *       tell our certificate from another of the same name.</li>
 *   <li>{@link io.scmpush.spi.support.PageGuard}: keeps a paged listing finite whatever the service answers
 *       ({@code TOO_MANY_PAGES}, {@code PAGINATION_LOOP}).</li>
 *   <li>{@link io.scmpush.spi.support.EnterpriseProject}: the {@code enterprise-project-id} option every
 *       Huawei Cloud target reads alike.</li>
 * </ul>
 *
 * <pre>{@code
 * public Deployment push(Certificate certificate, PushTarget target, String region) {
 *     CloudHttp http = context.http();
 *     return IdempotentCreate.run(http,
 *             () -> findByFingerprint(region, certificate),          // Optional<Deployment>: already there?
 *             () -> http.send(createRequest(region, certificate)),   // sent once per round
 *             response -> new Deployment(idIn(response), certificate.name(), response.requestId(),
 *                     response.attempts()));
 * }
 * }</pre>
 *
 * <p>Everything here is thread-safe unless its class says otherwise, and takes and returns JDK and scm-push
 * types only: a provider reads and writes JSON with the library of its choice.
 */
@NullMarked
package io.scmpush.spi.support;

import org.jspecify.annotations.NullMarked;
