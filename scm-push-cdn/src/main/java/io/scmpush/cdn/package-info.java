/**
 * Targets of Huawei Cloud CDN for {@code ScmPush.push(...).to(...)}. CDN is global: a target names no
 * region, and the certificate is set on the acceleration domains it covers. The provider itself is found
 * by {@link java.util.ServiceLoader} when this module is on the class path or module path.
 *
 * <pre>{@code
 * scm.push(certificate).to(Cdn.matchingDomains()).execute();
 * scm.push(certificate).to(Cdn.domains("www.example.com")).execute();
 * }</pre>
 */
@NullMarked
package io.scmpush.cdn;

import org.jspecify.annotations.NullMarked;
