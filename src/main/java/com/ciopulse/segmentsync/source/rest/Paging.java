package com.ciopulse.segmentsync.source.rest;

import com.ciopulse.segmentsync.mapping.FieldSource;
import com.ciopulse.segmentsync.source.PolledSource;
import java.util.Locale;
import org.apache.camel.CamelContext;

/**
 * How a REST source finds the next page:
 * <ul>
 *   <li>{@code next-url}: a URL in the body ({@code nextPath}, Zendesk {@code $.next_page}); the last page has none,
 *       or {@code lastPagePath} is true there (Zendesk's incremental export: {@code $.end_of_stream}).</li>
 *   <li>{@code cursor}: a cursor in the body ({@code cursorPath}) sent back as {@code cursorParam}; ends without
 *       a cursor, on an empty page, or when {@code lastPagePath} is true.</li>
 *   <li>{@code page-number}: {@code pageParam} counting from {@code firstPage}, with {@code pageSizeParam}; ends on
 *       an empty page or one shorter than {@code pageSize}.</li>
 *   <li>{@code link-header}: the {@code rel="next"} link of the {@code Link} header (Freshdesk, GitHub).</li>
 *   <li>{@code none}: one request.</li>
 * </ul>
 */
final class Paging {

    enum Style { NONE, NEXT_URL, CURSOR, PAGE_NUMBER, LINK_HEADER }

    private final Style style;
    private final FieldSource nextPath;
    private final FieldSource lastPagePath;
    private final FieldSource cursorPath;
    private final String cursorParam;
    private final String pageParam;
    private final int firstPage;
    private final String pageSizeParam;
    private final int pageSize;

    /** @throws IllegalArgumentException naming the parameter that does not fit the style */
    Paging(String style, String nextPath, String lastPagePath, String cursorPath, String cursorParam,
           String pageParam, int firstPage, String pageSizeParam, int pageSize) {
        this.style = parse(style);
        this.nextPath = JsonPathFields.parse("nextPath", nextPath);
        this.lastPagePath = JsonPathFields.parse("lastPagePath", lastPagePath);
        this.cursorPath = JsonPathFields.parse("cursorPath", cursorPath);
        this.cursorParam = PolledSource.unset(cursorParam) ? null : cursorParam.trim();
        this.pageParam = PolledSource.unset(pageParam) ? null : pageParam.trim();
        this.firstPage = firstPage;
        this.pageSizeParam = PolledSource.unset(pageSizeParam) ? null : pageSizeParam.trim();
        this.pageSize = pageSize;
        require(this.style != Style.NEXT_URL || !this.nextPath.isNone(), "pagination next-url needs nextPath");
        require(this.style != Style.CURSOR || !this.cursorPath.isNone() && this.cursorParam != null,
                "pagination cursor needs cursorPath and cursorParam");
        require(this.style != Style.PAGE_NUMBER || this.pageParam != null, "pagination page-number needs pageParam");
    }

    /** The first page's URL: the page size and, for page numbers, the first page added. */
    String first(String url) {
        String first = pageSizeParam != null && pageSize > 0 ? PageUrls.withParam(url, pageSizeParam, Integer.toString(pageSize)) : url;
        return style == Style.PAGE_NUMBER ? PageUrls.withParam(first, pageParam, Integer.toString(firstPage)) : first;
    }

    /**
     * The next page's URL after the page just read; null when that was the last.
     *
     * @param pageIndex 0 for the first page
     * @param document  the page's body; null when it could not be read (the next page then follows only from the
     *                  URL or the headers: by number or by Link header)
     * @param records   how many records the page held
     */
    String next(String pageUrl, int pageIndex, Object document, int records, String linkHeader, CamelContext context) {
        if (document != null && Boolean.TRUE.equals(asBoolean(JsonPathFields.read(lastPagePath, document, context)))) {
            return null;
        }
        String next = switch (style) {
            case NONE -> null;
            case NEXT_URL -> document == null ? null : blankToNull(JsonPathFields.text(nextPath, document, context));
            case CURSOR -> {
                String cursor = document == null || records == 0 ? null : blankToNull(JsonPathFields.text(cursorPath, document, context));
                yield cursor == null ? null : PageUrls.withParam(pageUrl, cursorParam, cursor);
            }
            case PAGE_NUMBER -> document != null && (records == 0 || pageSize > 0 && records < pageSize) ? null
                    : PageUrls.withParam(pageUrl, pageParam, Integer.toString(firstPage + pageIndex + 1));
            case LINK_HEADER -> PageUrls.nextLink(linkHeader, pageUrl);
        };
        if (next == null) {
            return null;
        }
        String resolved = PageUrls.resolve(next, pageUrl);
        // a next page that is this page again would loop for ever
        return resolved.equals(pageUrl) ? null : resolved;
    }

    private static Object asBoolean(Object value) {
        return value instanceof String text ? Boolean.valueOf(text.trim()) : value;
    }

    private static Style parse(String style) {
        try {
            return Style.valueOf(style.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("pagination must be next-url, cursor, page-number, link-header or none, not '"
                    + style + "'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return style.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
