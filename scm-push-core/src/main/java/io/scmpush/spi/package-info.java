/**
 * The provider SPI: what a target service implements to be pushed to, found by
 * {@link java.util.ServiceLoader} or registered with {@code ScmPush.builder().provider(...)}.
 *
 * <pre>{@code
 * public final class MyProvider implements PushProvider {
 *     public ProviderDescriptor descriptor() {
 *         return ProviderDescriptor.builder("my-service", Scope.REGIONAL)
 *                 .displayName("My service").maxRegions(10).build();
 *     }
 *
 *     public TargetClient connect(ProviderContext context) {
 *         CloudHttp http = context.http();                  // signed, retrying Huawei Cloud transport
 *         return new TargetClient() {
 *             public TargetInventory inventory(Certificate certificate, PushTarget target, String region) {
 *                 CloudHttp.Response listed = http.send(CloudHttp.Request
 *                         .builder("GET", context.endpoint("my-service", region), "/v1/certificates")
 *                         .projectId(context.projectId(region))
 *                         .build());
 *                 return new TargetInventory(true, parse(listed.body()), List.of());
 *             }
 *
 *             public Deployment push(Certificate certificate, PushTarget target, String region) {
 *                 ...                                       // create; never a second copy
 *             }
 *         };
 *     }
 * }
 * }</pre>
 *
 * <p>Register it in {@code META-INF/services/io.scmpush.spi.PushProvider} and with
 * {@code provides io.scmpush.spi.PushProvider with ...} in {@code module-info.java}, and test it by extending
 * the test kit's {@code ProviderCompatibilityKit}.
 */
@NullMarked
package io.scmpush.spi;

import org.jspecify.annotations.NullMarked;
