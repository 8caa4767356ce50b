/**
 * The provider-support tier: what a {@link io.scmpush.spi.PushProvider} for a Huawei Cloud service needs
 * beyond {@link io.scmpush.spi.CloudHttp}, published for plugin authors and kept compatible like the rest of
 * the API (users of {@code ScmPush} never need it). scm-push's own WAF, ELB and CDN providers, and its SCM
 * module, are built on this package and nothing else of core's but the API and the SPI.
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
 *   <li>{@link io.scmpush.spi.support.JsonListing}: reads a page of a list answer as a stream, keeping only
 *       the fields asked for; {@link io.scmpush.spi.support.JsonValue} and
 *       {@link io.scmpush.spi.support.JsonObject} read and write other bodies, with JDK types only.</li>
 *   <li>{@link io.scmpush.spi.support.EnterpriseProject}: the {@code enterprise-project-id} option every
 *       Huawei Cloud target reads alike.</li>
 *   <li>{@link io.scmpush.spi.support.ClientContext}: for a module that builds on an {@code ScmPush} without
 *       being a provider (as scm-push-scm does), the transport, listener and descriptors it configured.</li>
 * </ul>
 *
 * <pre>{@code
 * public Deployment push(Certificate certificate, PushTarget target, String region) {
 *     CloudHttp http = context.http();
 *     return IdempotentCreate.run(http,
 *             () -> IdempotentCreate.ourCopy(certificate, listNamed(region, certificate.name())),
 *             () -> http.send(createRequest(region, certificate)),   // sent once per round
 *             response -> IdempotentCreate.created(response, "MY create in " + region, null,
 *                     certificate.name()));                           // {"id":..., "name":...}
 * }
 *
 * List<RemoteCertificate> listNamed(String region, String name) {      // every page, each fingerprinted
 *     List<RemoteCertificate> found = new ArrayList<>();
 *     PageGuard pages = new PageGuard("MY list in " + region, 100);
 *     for (int page = 1; ; page++) {
 *         JsonListing listing = JsonListing.read(http.send(listRequest(region, name, page)).body(),
 *                 "MY list", "items", List.of("id", "name", "content"), List.of("total"));
 *         for (JsonListing.Item item : listing.items()) {
 *             found.add(new RemoteCertificate(item.path("id").asText(""), item.path("name").asText(""),
 *                     RemotePem.leafFingerprint(item.path("content").asTextOrNull()), null));
 *         }
 *         if (!pages.more(listing.items().size(), page * 100 < listing.top().path("total").asLong(0))) {
 *             return found;
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Everything here is thread-safe unless its class says otherwise, and takes and returns JDK and scm-push
 * types only: a provider reads and writes JSON with the library of its choice.
 */
@NullMarked
package io.scmpush.spi.support;

import org.jspecify.annotations.NullMarked;
