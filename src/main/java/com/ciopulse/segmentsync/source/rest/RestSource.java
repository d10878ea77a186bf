package com.ciopulse.segmentsync.source.rest;

import com.ciopulse.segmentsync.mapping.FieldSource;
import com.ciopulse.segmentsync.mapping.MappedRecord;
import com.ciopulse.segmentsync.mapping.SegmentMapping;
import com.ciopulse.segmentsync.segment.ParseErrors;
import com.ciopulse.segmentsync.source.PolledSource;
import com.ciopulse.segmentsync.net.RetryAfter;
import com.ciopulse.segmentsync.net.PlainHttp;
import com.ciopulse.segmentsync.pipeline.BatchResult;
import com.ciopulse.segmentsync.segment.SegmentRecord;
import com.ciopulse.segmentsync.segment.SegmentRecords;
import com.ciopulse.segmentsync.source.HandedOverRows;
import com.ciopulse.segmentsync.source.SourceSecret;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the {@code rest-source} template: its settings, its credentials and its watermark. The route
 * does the HTTP calls and the looping; this bean says which page comes next, what a page holds and when the
 * watermark may move.
 *
 * <p>A poll starts at the stored watermark less the overlap (the incremental parameter), reads page after page,
 * and hands all records to the pipeline at once. The watermark moves to the latest update time read only after
 * every record has an outcome, and only when every page of the poll was read: a page that could not be read is
 * dead-lettered, the records of the others are sent, and the watermark stays, so the next poll reads that page
 * again. Records read again exactly as this source already handed them over (the watermark's own, an overlap, a
 * source without incremental parameter) are left out, so a poll that finds nothing new sends nothing; records
 * without an update time are always sent.
 */
public class RestSource extends PolledSource {

    private static final Logger LOG = LoggerFactory.getLogger(RestSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.systemUTC();

    private String url;
    private String auth = "none";
    private String user = "";
    private String apiKeyHeader = "";
    private String secretFile = "";
    private boolean allowPlainHttp;
    private String pagination = "none";
    private String nextPath = "-";
    private String lastPagePath = "-";
    private String cursorPath = "-";
    private String cursorParam = "-";
    private String pageParam = "-";
    private int firstPage = 1;
    private String pageSizeParam = "-";
    private int pageSize;
    private int maxPages = 1000;
    private String recordsPath = "$";
    private String sinceParam = "-";
    private String sinceFormat = "iso";
    private String initialSince = "-";
    private String watermarkPath = "-";
    private String systemId = "$.id";
    private String segmentCode = "-";
    private String segmentName = "-";
    private String active = "-";
    private int maxRateLimitRetries = 5;
    private long maxRetryAfter = 120;

    private Paging paging;
    private FieldSource records;
    private FieldSource watermark;
    private SegmentMapping mapping;
    private RestAuth credentials;
    private final HandedOverRows<ReadRecord, Instant> handedOver = new HandedOverRows<>(ReadRecord::mark, Instant::isBefore);

    /**
     * Checks the settings; a wrong one stops the start with a message naming the parameter.
     *
     * @throws IllegalArgumentException naming the parameter and the value refused
     */
    public void open() {
        requireStores();
        try {
            URI uri = URI.create(Objects.requireNonNull(url, "url is required").trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("url must be an http or https URL, not '" + url + "'");
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("url must not hold credentials; use auth and the secret setting");
            }
            paging = new Paging(pagination, nextPath, lastPagePath, cursorPath, cursorParam, pageParam, firstPage,
                    pageSizeParam, pageSize);
            records = JsonPathFields.parse("recordsPath", recordsPath);
            watermark = JsonPathFields.parse("watermarkPath", watermarkPath);
            mapping = SegmentMapping.builder()
                    .field(SegmentRecords.SYSTEM_ID, JsonPathFields.parse("systemId", systemId))
                    .field(SegmentRecords.SEGMENT_CODE, JsonPathFields.parse("segmentCode", segmentCode))
                    .field(SegmentRecords.SEGMENT_NAME, JsonPathFields.parse("segmentName", segmentName))
                    .field(SegmentRecords.ACTIVE, JsonPathFields.parse("active", active))
                    .nestedValuesAsJson()
                    .build();
            if (records.isNone() || mapping.source(SegmentRecords.SYSTEM_ID).isNone()) {
                throw new IllegalArgumentException("recordsPath and systemId are required");
            }
            if (!unset(sinceParam)) {
                Marks.format(Instant.EPOCH, sinceFormat);
                if (watermark.isNone()) {
                    throw new IllegalArgumentException("sinceParam " + sinceParam + " needs watermarkPath, the update time of a record");
                }
            }
            if (RestAuth.check(auth, apiKeyHeader)) {
                PlainHttp.check(uri, allowPlainHttp, "url", url.trim(), "the secret of auth " + auth.trim(),
                        "the parameter allowPlainHttp=true of this source");
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("REST source on " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts a poll at the stored watermark less the overlap; the first poll reads the credentials.
     *
     * @throws RestSourceException when the secret cannot be read or the stored watermark is unreadable
     * @throws com.ciopulse.segmentsync.state.StateStoreException when the state store does not answer
     */
    public synchronized RestPoll start(String source) {
        if (credentials == null) {
            sourceId = source;
            credentials = readCredentials();
            LOG.info("REST source '{}' reads {} ({} pagination, {})", sourceId, url.trim(), paging, credentials);
        }
        Instant stored;
        try {
            stored = checkpoints.find(sourceId).map(Marks::decode).orElse(null);
        } catch (IllegalArgumentException e) {
            // a StateStoreException (the store does not answer) goes up as it is: the route logs an outage once
            throw new RestSourceException("REST source '" + sourceId + "': " + e.getMessage());
        }
        showWatermark(stored);
        String first = url.trim();
        if (!unset(sinceParam)) {
            if (stored != null) {
                first = PageUrls.withParam(first, sinceParam.trim(), Marks.format(stored.minusSeconds(overlap), sinceFormat));
            } else if (!unset(initialSince)) {
                first = PageUrls.withParam(first, sinceParam.trim(), initialSince.trim());
            }
        }
        return new RestPoll(this, paging.first(first), stored);
    }

    private RestAuth readCredentials() {
        String key = "sync.rest." + sourceId + ".secret";
        try {
            return RestAuth.of(auth, user.trim(), SourceSecret.read(secrets, key, secretFile), apiKeyHeader);
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof IllegalArgumentException ? e.getMessage()
                    : "cannot read the secret file " + secretFile.trim() + " (" + e.getClass().getSimpleName() + ")";
            throw new RestSourceException("REST source '" + sourceId + "': " + reason + "; set " + key
                    + " (env " + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_')
                    + ") or secretFile");
        }
    }

    /** Sets the page's URL and the credentials on the request; the route removes them after the call. */
    public void request(RestPoll poll, Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        // the query goes as a header too: the endpoint's own query (that of the url parameter) would win over the URI's
        URI page = URI.create(poll.pageUrl());
        message.setHeader(Exchange.HTTP_URI, poll.pageUrl());
        message.setHeader(Exchange.HTTP_RAW_QUERY, page.getRawQuery() == null ? "" : page.getRawQuery());
        message.setHeader("Accept", "application/json");
        if (!credentials.isNone()) {
            message.setHeader(credentials.header(), credentials.value());
        }
    }

    /**
     * A 429: the same page again after its {@code Retry-After} (at most maxRetryAfter seconds; 1 s, then twice as
     * long each time, without one).
     *
     * @throws RestSourceException after maxRateLimitRetries in a row on one page
     */
    public void rateLimited(RestPoll poll, Exchange exchange) {
        if (poll.rateLimitedInARow() >= maxRateLimitRetries) {
            throw new RestSourceException("REST source '" + sourceId + "': still rate limited (429) after "
                    + maxRateLimitRetries + " retries of " + poll.pageRef());
        }
        Duration fallback = Duration.ofSeconds(1L << Math.min(poll.rateLimitedInARow(), 10));
        Duration wait = RetryAfter.parse(exchange.getMessage().getHeader("Retry-After", String.class), CLOCK.instant())
                .orElse(fallback);
        Duration capped = wait.compareTo(Duration.ofSeconds(maxRetryAfter)) > 0 ? Duration.ofSeconds(maxRetryAfter) : wait;
        LOG.warn("REST source '{}': rate limited (429) on {}; retrying in {} s", sourceId, poll.pageRef(),
                capped.toMillis() / 1000.0);
        poll.waitBeforeRetry(capped.toMillis());
    }

    /**
     * Reads an answered page: its records and the next page. A page that is not JSON or holds no list at
     * recordsPath is logged and left in {@link RestPoll#pageProblem()} for the route to dead-letter; the poll
     * goes on when the next page can still be told (page numbers, Link header).
     */
    public synchronized void read(RestPoll poll, Exchange exchange) {
        CamelContext context = exchange.getContext();
        Message message = exchange.getMessage();
        String pageUrl = poll.pageUrl();
        String ref = poll.pageRef();
        Object document = null;
        List<?> items = List.of();
        String problem = null;
        try {
            document = JSON.readValue(message.getBody(String.class), Object.class);
            Object found = document == null ? null : JsonPathFields.read(records, document, context);
            if (found instanceof List<?> list) {
                items = list;
            } else {
                problem = "no list of records at " + records + " in the page";
            }
        } catch (JacksonException e) {
            document = null;
            problem = "the page is not JSON: " + ParseErrors.describe(e, 1);
        } catch (IllegalArgumentException e) {
            document = null;
            problem = "the page is empty";
        }
        if (problem == null) {
            Exchange scratch = mapping.usesExpressions() ? new DefaultExchange(context) : null;
            for (int i = 0; i < items.size(); i++) {
                JsonPathFields item = new JsonPathFields(items.get(i));
                MappedRecord mapped = mapping.map(item, sourceId, ref + " item " + (i + 1), scratch);
                if (mapped.refused()) {
                    // only an expression can fail here; the poll fails as a whole, naming the record and field
                    throw new RestSourceException("REST source '" + sourceId + "': " + mapped.describeProblem());
                }
                SegmentRecord record = mapped.record();
                Instant mark = watermark.isNone() ? null : Marks.read(watermark.read(item, context));
                if (handedOver.contains(ReadRecord.of(record, mark))) {
                    poll.skip(mark);
                } else {
                    poll.add(record, mark);
                }
            }
        } else {
            LOG.warn("REST source '{}': {} could not be read: {}; the other pages are sent, the watermark stays",
                    sourceId, ref, problem);
        }
        String next = paging.next(pageUrl, poll.pages(), document, items.size(),
                message.getHeader("Link", String.class), context);
        if (next != null && !PageUrls.origin(next).equals(PageUrls.origin(url.trim()))) {
            // a page must not send the credentials elsewhere
            throw new RestSourceException("REST source '" + sourceId + "': the page after " + ref + " is on "
                    + PageUrls.origin(next) + "; the credentials go only to " + PageUrls.origin(url.trim()));
        }
        poll.pageDone(problem, next);
        if (next != null && poll.pages() >= maxPages) {
            LOG.warn("REST source '{}': stopped after maxPages={} pages; the watermark stays (raise maxPages)",
                    sourceId, maxPages);
            poll.cutShort();
        }
    }

    /**
     * Moves the watermark to the latest update time read, once the pipeline answered for every record, and only
     * when every page of the poll was read. A dry run ({@code planned}) keeps it.
     */
    synchronized void acknowledge(RestPoll poll, BatchResult result) {
        requireAnOutcomeEach(poll.records().size(), result);
        if (result.isDryRun() || !poll.complete()) {
            handedOver.add(poll.read(), readAgainFrom(poll.stored()));
            if (result.isDryRun()) {
                acknowledgedDryRun(poll, result);
            } else {
                LOG.warn("REST source '{}': {}: {}; the watermark stays{}: not every page was read {}", sourceId,
                        poll, result, poll.stored() == null ? "" : " at " + poll.stored(), poll.failedPages());
            }
            return;
        }
        Instant next = poll.next();
        if (next != null && !next.equals(poll.stored())) {
            checkpoints.save(sourceId, Marks.encode(next), CLOCK.instant());
            showWatermark(next);
        }
        handedOver.add(poll.read(), readAgainFrom(next));
        acknowledged(poll, result, next);
    }

    /**
     * The oldest update time a poll from {@code watermark} reads again; null (forget nothing) when every poll reads
     * everything, or nothing is stored yet.
     */
    private Instant readAgainFrom(Instant watermark) {
        return unset(sinceParam) || watermark == null ? null : watermark.minusSeconds(overlap);
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setAuth(String auth) {
        this.auth = auth;
    }

    public void setUser(String user) {
        this.user = unset(user) ? "" : user;
    }

    public void setApiKeyHeader(String apiKeyHeader) {
        this.apiKeyHeader = apiKeyHeader;
    }

    public void setSecretFile(String secretFile) {
        this.secretFile = secretFile;
    }

    /** Whether a plain http url may name another host than this one when auth sends a secret. */
    public void setAllowPlainHttp(boolean allowPlainHttp) {
        this.allowPlainHttp = allowPlainHttp;
    }

    public void setPagination(String pagination) {
        this.pagination = pagination;
    }

    public void setNextPath(String nextPath) {
        this.nextPath = nextPath;
    }

    public void setLastPagePath(String lastPagePath) {
        this.lastPagePath = lastPagePath;
    }

    public void setCursorPath(String cursorPath) {
        this.cursorPath = cursorPath;
    }

    public void setCursorParam(String cursorParam) {
        this.cursorParam = cursorParam;
    }

    public void setPageParam(String pageParam) {
        this.pageParam = pageParam;
    }

    public void setFirstPage(int firstPage) {
        this.firstPage = firstPage;
    }

    public void setPageSizeParam(String pageSizeParam) {
        this.pageSizeParam = pageSizeParam;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public void setMaxPages(int maxPages) {
        this.maxPages = Math.max(1, maxPages);
    }

    public void setRecordsPath(String recordsPath) {
        this.recordsPath = recordsPath;
    }

    public void setSinceParam(String sinceParam) {
        this.sinceParam = sinceParam;
    }

    public void setSinceFormat(String sinceFormat) {
        this.sinceFormat = sinceFormat;
    }

    public void setInitialSince(String initialSince) {
        this.initialSince = initialSince;
    }

    public void setWatermarkPath(String watermarkPath) {
        this.watermarkPath = watermarkPath;
    }

    public void setSystemId(String systemId) {
        this.systemId = systemId;
    }

    public void setSegmentCode(String segmentCode) {
        this.segmentCode = segmentCode;
    }

    public void setSegmentName(String segmentName) {
        this.segmentName = segmentName;
    }

    public void setActive(String active) {
        this.active = active;
    }

    public void setMaxRateLimitRetries(int maxRateLimitRetries) {
        this.maxRateLimitRetries = Math.max(0, maxRateLimitRetries);
    }

    public void setMaxRetryAfter(long maxRetryAfter) {
        this.maxRetryAfter = Math.max(0, maxRetryAfter);
    }

    @Override
    protected String kind() {
        return "REST source";
    }

    @Override
    protected String reads() {
        return url;
    }
}
