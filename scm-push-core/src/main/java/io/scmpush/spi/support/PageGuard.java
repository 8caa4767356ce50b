package io.scmpush.spi.support;

import io.scmpush.CloudServiceException;
import io.scmpush.OutcomeCodes;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a paged listing finite, whatever the service answers: it ends at an empty page or when the service
 * says there is no more, and fails the listing when it would go on past {@code maxPages} pages
 * ({@value OutcomeCodes#TOO_MANY_PAGES}) or when a page marker comes back a second time
 * ({@value OutcomeCodes#PAGINATION_LOOP}).
 * One guard per listing; not thread-safe.
 *
 * <pre>{@code
 * PageGuard pages = new PageGuard("WAF ListCertificates in cn-north-4", 100);
 * for (int page = 1; ; page++) {
 *     ... read page ...
 *     if (!pages.more(items.size(), total > page * pageSize)) return all;
 * }
 * }</pre>
 */
public final class PageGuard {
    private final String listing;
    private final int maxPages;
    private final Set<String> markers = new HashSet<>();
    private int pages;

    /**
     * A guard for one listing.
     *
     * @param listing names the listing in messages, e.g. {@code "ELB list certificates in cn-north-4"}
     * @param maxPages the most pages a real listing can have, from the service's documented limits
     * @throws IllegalArgumentException when {@code maxPages < 1}
     */
    public PageGuard(String listing, int maxPages) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
        }
        this.listing = listing;
        this.maxPages = maxPages;
    }

    /**
     * Whether to read another page of a listing paged by number, after a page of {@code items} items.
     *
     * @param items how many items the page just read held
     * @param serviceSaysMore whether the service's answer (its {@code total}, a full page) asks for another
     * @return false at an empty page or when the service says there is no more
     * @throws CloudServiceException {@value OutcomeCodes#TOO_MANY_PAGES} when another page would pass the cap
     */
    public boolean more(int items, boolean serviceSaysMore) {
        pages++;
        if (items == 0 || !serviceSaysMore) {
            return false;
        }
        if (pages >= maxPages) {
            throw failure(OutcomeCodes.TOO_MANY_PAGES, "it did not end within " + maxPages + " pages, more than the "
                    + "service documents; stopped reading");
        }
        return true;
    }

    /**
     * The marker of the next page of a listing paged by marker, or null when the listing has ended.
     *
     * @param items how many items the page just read held
     * @param marker the next-page marker the page gave; null or empty when it gave none
     * @return {@code marker}, or null at an empty page or without a marker
     * @throws CloudServiceException {@value OutcomeCodes#PAGINATION_LOOP} when the marker was given before,
     *     {@value OutcomeCodes#TOO_MANY_PAGES} when another page would pass the cap
     */
    public @Nullable String nextMarker(int items, @Nullable String marker) {
        if (!more(items, marker != null && !marker.isEmpty())) {
            return null;
        }
        if (!markers.add(marker)) {
            throw failure(OutcomeCodes.PAGINATION_LOOP, "page " + pages + " gave a next-page marker an earlier page "
                    + "gave; stopped reading");
        }
        return marker;
    }

    private CloudServiceException failure(String code, String why) {
        return CloudServiceException.builder(code, listing + ": " + why).httpStatus(200).build();
    }
}
