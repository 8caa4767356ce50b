package io.scmpush.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scmpush.CloudServiceException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "[]", "\"id\"", "7", "null", "{}",
            "{\"id\":\"c-1\",\"name\":\"web\",\"content\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n\"}",
            "{\"content\":{\"a\":[1,{\"id\":\"nested\"}]},\"id\":\"c-1\"}",
            "{\"id\":\"first\",\"id\":\"last\",\"name\":\"web\",\"name\":null}",
            "{\"id\":12,\"name\":true}", "{\"id\":1.5e2,\"name\":-0}", "{\"id\":{\"x\":1},\"name\":[\"a\"]}",
            "{\"id\":\"c-1\"} trailing",
            "{\"certificate\":{\"id\":\"e-1\",\"name\":\"lb\",\"certificate\":\"PEM\"},\"request_id\":\"r\"}",
            "{\"certificate\":{\"id\":\"e-1\"},\"certificate\":{\"name\":\"second\"}}",
            "{\"certificate\":{\"id\":\"e-1\"},\"certificate\":\"text\"}",
            "{\"certificate\":null,\"id\":\"top\"}", "{\"certificate\":[{\"id\":\"in-array\"}]}"})
    void reading_fields_as_a_stream_gives_what_the_tree_gives(String body) {
        JsonNode tree = Json.read(body, "test");
        assertThat(Json.readTexts(body, "test", null, "id", "name"))
                .containsExactly(text(tree.path("id")), text(tree.path("name")));
        JsonNode certificate = tree.path("certificate");
        assertThat(Json.readTexts(body, "test", "certificate", "id", "name"))
                .containsExactly(text(certificate.path("id")), text(certificate.path("name")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":", "{\"id\":\"c-1\",\"content\":\"unterminated}", "<html>", "{\"id\":\"c-1\",]}"})
    void a_body_that_is_not_json_is_a_malformed_response_as_when_read_as_a_tree(String body) {
        assertThatThrownBy(() -> Json.read(body, "WAF CreateCertificate"))
                .isInstanceOf(CloudServiceException.class);
        assertThatThrownBy(() -> Json.readTexts(body, "WAF CreateCertificate", null, "id"))
                .isInstanceOf(CloudServiceException.class)
                .hasMessage("WAF CreateCertificate returned a body that is not JSON")
                .extracting(e -> ((CloudServiceException) e).code()).isEqualTo("MALFORMED_RESPONSE");
    }

    private static String text(JsonNode node) {
        return node.asText(null);
    }
}
