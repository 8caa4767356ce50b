package io.scmpush.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON helpers of the support tier, as a provider reads answers and writes bodies with them. */
class JsonSupportTest {
    static final String PEM = "-----BEGIN PRIVATE KEY-----\\nMIIsecret\\n-----END PRIVATE KEY-----";

    @Test
    void a_missing_field_reads_as_its_fallback_at_any_depth() {
        JsonValue body = JsonValue.parse("{\"listener\":{\"id\":\"l-1\",\"port\":443,\"gone\":null}}", "show");

        assertThat(body.path("listener").path("id").asText("")).isEqualTo("l-1");
        assertThat(body.path("listener").path("port").asText("")).isEqualTo("443");
        assertThat(body.path("listener").path("port").asInt(0)).isEqualTo(443);
        assertThat(body.path("nothing").path("deeper").isMissing()).isTrue();
        assertThat(body.path("nothing").path("deeper").asText("fallback")).isEqualTo("fallback");
        assertThat(body.path("listener").path("gone").isNull()).isTrue();
        assertThat(body.path("listener").path("gone").asTextOrNull()).isNull();
        assertThat(body.path("listener").asTextOrNull()).isEmpty(); // an object has no text
    }

    @Test
    void an_array_iterates_its_elements_and_anything_else_nothing() {
        JsonValue body = JsonValue.parse("{\"refs\":[\"a\",\"b\"],\"one\":\"c\"}", "show");
        List<String> refs = new ArrayList<>();

        body.path("refs").forEach(ref -> refs.add(ref.asText()));

        assertThat(refs).containsExactly("a", "b");
        assertThat(body.path("one")).isEmpty();
        assertThat(body.path("missing")).isEmpty();
    }

    @Test
    void a_body_that_is_not_json_is_a_malformed_response_naming_the_call() {
        assertThatThrownBy(() -> JsonValue.parse("<html>", "WAF ShowHost"))
                .isInstanceOfSatisfying(CloudServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(OutcomeCodes.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("WAF ShowHost");
                });
        assertThat(JsonValue.parse("", "empty").isMissing()).isFalse();
    }

    @Test
    void texts_reads_fields_of_a_member_and_null_where_they_are_missing() {
        String body = "{\"request_id\":\"r\",\"certificate\":{\"id\":\"c-1\",\"certificate\":\"" + PEM + "\"}}";

        assertThat(JsonValue.texts(body, "create", "certificate", "id", "name")).containsExactly("c-1", null);
        assertThat(JsonValue.texts(body, "create", null, "request_id")).containsExactly("r");
    }

    @Test
    void a_listing_keeps_the_fields_asked_for_and_refuses_others() {
        JsonListing listing = JsonListing.read("{\"items\":[{\"id\":\"1\",\"content\":\"" + PEM + "\"},{\"id\":\"2\"}],"
                + "\"total\":2}", "list", "items", List.of("id"), List.of("total"));

        assertThat(listing.items()).extracting(item -> item.path("id").asText("")).containsExactly("1", "2");
        assertThat(listing.top().path("total").asLong()).isEqualTo(2);
        assertThatThrownBy(() -> listing.items().get(0).path("content")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_object_writes_its_fields_in_order_and_never_shows_their_values() {
        JsonObject body = JsonObject.create().put("name", "c").put("type", 2).putStrings("refs", List.of("a", "b"));
        String key = "-----BEGIN PRIVATE KEY----- secret";
        body.putObject("nested").put("key", key);
        JsonObject wrapper = JsonObject.create().put("certificate", body);

        assertThat(wrapper.toJson()).isEqualTo("{\"certificate\":{\"name\":\"c\",\"type\":2,\"refs\":[\"a\",\"b\"],"
                + "\"nested\":{\"key\":\"" + key + "\"}}}");
        assertThat(wrapper.toString()).isEqualTo("JsonObject[certificate]").doesNotContain("PRIVATE");
        assertThat(JsonValue.parse(wrapper.toJson(), "body").toString()).doesNotContain("PRIVATE");
    }
}
