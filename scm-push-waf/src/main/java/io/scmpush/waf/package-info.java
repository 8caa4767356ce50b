/**
 * Targets of Huawei Cloud WAF for {@code ScmPush.push(...).to(...)}. The provider itself is found by
 * {@link java.util.ServiceLoader} when this module is on the class path or module path.
 *
 * <pre>{@code
 * PushResult result = scm.push(certificate)
 *         .to(Waf.inRegions("cn-north-4", "ap-southeast-1")
 *                 .withOption(Waf.ENTERPRISE_PROJECT_ID, enterpriseProjectId))
 *         .execute();
 * }</pre>
 */
@NullMarked
package io.scmpush.waf;

import org.jspecify.annotations.NullMarked;
