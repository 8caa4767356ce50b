package io.scmpush.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
                .isInstanceOf(CloudServiceException.class)
                .cause().as("the parser's own exception is kept").isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> Json.readListing(body, "WAF ListCertificates", "items", List.of("id"), List.of()))
                .cause().isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> Json.readTexts(body, "WAF CreateCertificate", null, "id"))
                .isInstanceOf(CloudServiceException.class)
                .hasMessage("WAF CreateCertificate returned a body that is not JSON")
                .extracting(e -> ((CloudServiceException) e).code()).isEqualTo(OutcomeCodes.MALFORMED_RESPONSE);
    }

    private static final List<String> ITEM_FIELDS = List.of("id", "expire_time");
    private static final List<String> TOP_FIELDS = List.of("total", "page_info");

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "[]", "[{\"id\":\"in-root-array\"}]", "\"items\"", "7", "null", "{}",
            "{\"items\":[],\"total\":0}",
            "{\"items\":[{\"id\":\"c-1\",\"name\":\"web\",\"expire_time\":1700000000000,"
                    + "\"content\":\"-----BEGIN CERTIFICATE-----\\nMIIB\\n\"}],\"total\":1}",
            "{\"items\":[{},{\"name\":\"no id\"}]}",
            "{\"items\":[{\"id\":null,\"expire_time\":null}],\"total\":null,\"page_info\":null}",
            "{\"items\":[{\"id\":12,\"expire_time\":\"1700000000000\"}],\"total\":\"3\"}",
            "{\"items\":[{\"id\":-0,\"expire_time\":1.5e3},{\"id\":9223372036854775807,"
                    + "\"expire_time\":92233720368547758070}],\"total\":2.0}",
            "{\"items\":[{\"id\":true,\"expire_time\":false},{\"id\":\"\",\"expire_time\":-1}]}",
            "{\"items\":[{\"id\":{\"x\":[1,{\"id\":\"deep\"}]},\"expire_time\":[1]}],"
                    + "\"page_info\":{\"next_marker\":\"m-1\",\"current_count\":1}}",
            "{\"items\":[{\"id\":\"first\",\"id\":\"last\",\"expire_time\":1,\"expire_time\":null}],"
                    + "\"items\":[{\"id\":\"second list\"}],\"total\":1,\"total\":5}",
            "{\"items\":[\"a\",1,null,[{\"id\":\"in-array\"}],{\"id\":\"ok\"}]}",
            "{\"items\":{\"a\":{\"id\":\"x\"},\"b\":\"y\",\"a\":{\"id\":\"z\"},\"c\":{\"id\":\"w\"}}}",
            "{\"items\":\"text\"}", "{\"items\":null}", "{\"items\":5}", "{\"items\":{}}",
            "{\"items\":[{\"id\":\"top\"}],\"items\":null}",
            "{\"items\":[{\"id\":[[],{},[{\"a\":null,\"a\":[true,1.25,-7,\"x\"]}]],\"expire_time\":{\"x\":{\"y\":{}}}}],"
                    + "\"page_info\":{\"next_marker\":\"a\",\"next_marker\":\"b\",\"previous_marker\":null}}",
            "{\"data\":{\"items\":[{\"id\":\"nested\"}],\"total\":9},\"items\":[{\"id\":\"top\"}]}",
            "{\"items\":[{\"id\":\"c-1\"}]} trailing"})
    void reading_a_listing_as_a_stream_gives_what_the_tree_gives(String body) {
        JsonNode tree = Json.read(body, "test");
        List<JsonNode> treeItems = new ArrayList<>();
        tree.path("items").forEach(treeItems::add);

        Json.Listing listing = Json.readListing(body, "test", "items", ITEM_FIELDS, TOP_FIELDS);

        assertThat(listing.items()).hasSize(tree.path("items").size()).hasSameSizeAs(treeItems);
        for (int i = 0; i < treeItems.size(); i++) {
            for (String field : ITEM_FIELDS) {
                assertThat(listing.items().get(i).path(field)).isEqualTo(treeItems.get(i).path(field));
            }
        }
        for (String field : TOP_FIELDS) {
            assertThat(listing.top().path(field)).isEqualTo(tree.path(field));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"items\":[", "{\"items\":[{\"id\":\"c-1\"},]}", "<html>",
            "{\"items\":[{\"id\":\"c-1\",\"content\":\"unterminated}]}", "{\"total\":1,\"other\":{\"x\":tru}}",
            "{\"items\":[{\"skipped\":[1,}]}", "{\"items\":{\"a\":}}"})
    void a_listing_that_is_not_json_is_a_malformed_response_as_when_read_as_a_tree(String body) {
        assertThatThrownBy(() -> Json.read(body, "WAF ListCertificates"))
                .isInstanceOf(CloudServiceException.class);
        assertThatThrownBy(() -> Json.readListing(body, "WAF ListCertificates", "items", ITEM_FIELDS, TOP_FIELDS))
                .isInstanceOf(CloudServiceException.class)
                .hasMessage("WAF ListCertificates returned a body that is not JSON")
                .extracting(e -> ((CloudServiceException) e).code()).isEqualTo(OutcomeCodes.MALFORMED_RESPONSE);
    }

    @Test
    void a_field_that_was_not_read_is_a_programming_error_not_a_missing_value() {
        Json.Listing listing = Json.readListing("{\"items\":[{\"id\":\"c-1\",\"name\":\"web\"}]}", "test", "items",
                ITEM_FIELDS, TOP_FIELDS);

        assertThatThrownBy(() -> listing.items().get(0).path("name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name was not read: only [id, expire_time]");
    }

    private static String text(JsonNode node) {
        return node.asText(null);
    }
}
