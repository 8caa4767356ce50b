/** Huawei Cloud transport: SDK-HMAC-SHA256 signing, the retrying HTTP client, endpoints and projects. Not API. */
@NullMarked
package io.scmpush.internal.http;

import org.jspecify.annotations.NullMarked;
