/**
 * The certificate manager (SCM) as the source of certificates: {@link io.scmpush.scm.ScmCertificates}
 * lists, shows, exports and natively pushes what SCM holds, with the credentials and transport of an
 * {@link io.scmpush.ScmPush}.
 */
@NullMarked
package io.scmpush.scm;

import org.jspecify.annotations.NullMarked;
