/**
 * Targets of Huawei Cloud ELB (dedicated load balancers, v3 API) for {@code ScmPush.push(...).to(...)}. The
 * provider itself is found by {@link java.util.ServiceLoader} when this module is on the class path or module
 * path.
 *
 * <pre>{@code
 * scm.push(serverCertificate).to(Elb.inRegions("cn-north-4")).execute();
 * scm.push(clientCa).to(Elb.caCertificateInRegions("cn-north-4")).execute();   // mutual TLS, no key
 * }</pre>
 */
@NullMarked
package io.scmpush.elb;

import org.jspecify.annotations.NullMarked;
