package io.scmpush.spi.support;

import io.scmpush.internal.provider.Json;
import java.util.List;
import java.util.Objects;

/**
 * One page of a list answer, such as {@code {"items":[{...},...],"total":3}}, read as a stream: of each
 * element of the items array only the fields asked for, and of the top level only the fields asked for.
 * Nothing else in the body (an item's PEM, fields nobody reads) becomes a value or a string, so a page of
 * large certificates costs little more than their ids. Pair it with {@link PageGuard} to read every page.
 *
 * <pre>{@code
 * PageGuard pages = new PageGuard("WAF ListCertificates in " + region, 100);
 * for (int page = 1; ; page++) {
 *     JsonListing listing = JsonListing.read(http.send(request(page)).body(), "WAF ListCertificates",
 *             "items", List.of("id", "name"), List.of("total"));
 *     for (JsonListing.Item item : listing.items()) {
 *         found.add(item.path("id").asText(""));
 *     }
 *     long total = listing.top().path("total").asLong(0);
 *     if (!pages.more(listing.items().size(), (long) page * 100 < total)) {
 *         break;
 *     }
 * }
 * }</pre>
 */
public final class JsonListing {
    private final List<Item> items;
    private final Item top;

    private JsonListing(List<Item> items, Item top) {
        this.items = items;
        this.top = top;
    }

    /**
     * Reads a list answer.
     *
     * @param body the body text; an empty body reads as an empty object
     * @param what names the call in the error, e.g. {@code "ELB list certificates"}
     * @param itemsField the top-level field that holds the items
     * @param itemFields the fields read of each item
     * @param topFields the top-level fields read besides the items (e.g. {@code total}, {@code page_info})
     * @return the page
     * @throws io.scmpush.CloudServiceException {@code MALFORMED_RESPONSE} when the body is not JSON
     */
    public static JsonListing read(String body, String what, String itemsField, List<String> itemFields,
            List<String> topFields) {
        Json.Listing listing = Json.readListing(Objects.requireNonNull(body, "body"), what, itemsField,
                List.copyOf(itemFields), List.copyOf(topFields));
        return new JsonListing(listing.items().stream().map(Item::new).toList(), new Item(listing.top()));
    }

    /**
     * The items, in order: each element of the items array (an element that is not an object has none of
     * the fields), or each value when the service sent an object; none when the field is missing or a scalar.
     *
     * @return an immutable list
     */
    public List<Item> items() {
        return items;
    }

    /** {@return the top-level fields asked for} */
    public Item top() {
        return top;
    }

    /** {@return how many items, never their content} */
    @Override
    public String toString() {
        return "JsonListing[" + items.size() + " items]";
    }

    /** The fields read of one item, or of the top level. */
    public static final class Item {
        private final Json.Fields fields;

        private Item(Json.Fields fields) {
            this.fields = fields;
        }

        /**
         * A field that was read.
         *
         * @param name one of the fields asked for
         * @return its value; a missing value when the item has no such field
         * @throws IllegalArgumentException when {@code name} was not asked for: it was skipped, not read
         */
        public JsonValue path(String name) {
            return JsonValue.of(fields.path(name));
        }

        /** {@return the type only, never the content} */
        @Override
        public String toString() {
            return "JsonListing.Item";
        }
    }
}
