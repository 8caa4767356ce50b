package io.scmpush.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The error envelopes of the emulated services (as Huawei Cloud's API reference shows them). */
public enum ErrorStyle {
    /** WAF: {@code {"error_code","error_msg"}}; the request id only in the {@code X-Request-Id} header. */
    FLAT,
    /** ELB v3 and the API Gateway (APIG.*): {@code {"error_code","error_msg","request_id"}}. */
    FLAT_WITH_REQUEST_ID,
    /** CDN: {@code {"error":{"error_code","error_msg"}}}. */
    NESTED,
    /** IAM (Keystone): {@code {"error":{"code":<status>,"message","title"}}}. */
    KEYSTONE;

    ObjectNode render(int status, String code, String message, String requestId) {
        ObjectNode body = Json.object();
        switch (this) {
            case FLAT -> body.put("error_code", code).put("error_msg", message);
            case FLAT_WITH_REQUEST_ID -> body.put("error_code", code).put("error_msg", message)
                    .put("request_id", requestId);
            case NESTED -> body.putObject("error").put("error_code", code).put("error_msg", message);
            case KEYSTONE -> body.putObject("error").put("code", status).put("message", message)
                    .put("title", code);
        }
        return body;
    }
}
