package io.scmpush.elb.internal;

import io.scmpush.elb.Elb;
import io.scmpush.spi.CloudHttp;
import io.scmpush.spi.ProviderContext;
import io.scmpush.spi.support.JsonListing;
import io.scmpush.spi.support.PageGuard;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every ELB v3 call shares: the project-scoped request ({@code X-Project-Id}) below
 * {@code /v3/{project_id}/elb/}, and listings paged by {@code page_info.next_marker}.
 */
final class ElbCalls {
    /** The most pages a listing reads: far past any project's quota of certificates or listeners. */
    static final int MAX_PAGES = 100;
    private static final List<String> PAGE_INFO = List.of("page_info");

    private final ProviderContext context;

    ElbCalls(ProviderContext context) {
        this.context = context;
    }

    CloudHttp http() {
        return context.http();
    }

    /** A request to {@code /v3/{project_id}/elb/{resource}} in the region's endpoint, scoped to its project. */
    CloudHttp.Request.Builder request(String method, String region, String resource) {
        String projectId = context.projectId(region);
        return CloudHttp.Request.builder(method, context.endpoint(Elb.SERVICE, region),
                "/v3/" + projectId + "/elb/" + resource).projectId(projectId);
    }

    /**
     * Every page of a listing: {@code page(marker)} makes the request of a page ({@code marker} null for the
     * first), and each item is handed on; following {@code page_info.next_marker} until it is absent or a page
     * comes back empty, within {@link PageGuard}'s bounds ({@value #MAX_PAGES} pages).
     */
    void list(String listing, Function<@Nullable String, CloudHttp.Request> page, String what,
            String itemsField, List<String> itemFields, Consumer<JsonListing.Item> each) {
        PageGuard pages = new PageGuard(listing, MAX_PAGES);
        String marker = null;
        do {
            JsonListing answer = JsonListing.read(http().send(page.apply(marker)).body(), what, itemsField,
                    itemFields, PAGE_INFO);
            answer.items().forEach(each);
            marker = pages.nextMarker(answer.items().size(),
                    answer.top().path("page_info").path("next_marker").asTextOrNull());
        } while (marker != null);
    }

    /** {@code expire_time} is {@code yyyy-MM-dd'T'HH:mm:ss'Z'} (UTC); anything else is an unknown expiry. */
    static @Nullable Instant expiry(@Nullable String expireTime) {
        if (expireTime == null) {
            return null;
        }
        try {
            return Instant.parse(expireTime);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
