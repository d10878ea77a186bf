package com.ciopulse.segmentsync.pipeline;

import com.ciopulse.segmentsync.api.ThrottledAnswer;
import com.ciopulse.segmentsync.operate.LogLimit;
import com.ciopulse.segmentsync.segment.ValidSegment;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.apache.camel.Processor;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line per call of the Segments API that failed in a way worth retrying: no answer (a timeout, a
 * connection refused or lost, TLS), a 5xx, or a throttled answer (429). It names the system id, the attempt (or that a
 * throttled answer uses none), what went wrong (for a
 * timeout, the timeout in ms) and what comes next. A step of the retry route, so an answered call never meets it.
 *
 * <p>At most {@code maxLines} lines per interval (a {@link LogLimit}): when the API hangs for every call, a few
 * thousand records would each log up to max-attempts lines; the lines held back are reported as one count.
 */
public final class RetryWarnings implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(RetryWarnings.class);
    private static final int MAX_MESSAGE = 200;

    private final int maxAttempts;
    private final long connectTimeoutMillis;
    private final long responseTimeoutMillis;
    private final LogLimit limit;
    private final ThrottledAnswer throttledAnswer = new ThrottledAnswer();

    /**
     * @param ticker reports the count of the lines held back when an interval ends
     * @throws IllegalArgumentException naming the setting, for fewer than 0 lines or an interval under a second
     */
    public RetryWarnings(int maxAttempts, long connectTimeoutMillis, long responseTimeoutMillis, int maxLines,
                         Duration interval, ScheduledExecutorService ticker) {
        if (maxLines < 0) {
            throw new IllegalArgumentException("sync.segments-api.retry.warn-max-lines must be 0 or more, not " + maxLines);
        }
        if (interval.toSeconds() < 1) {
            throw new IllegalArgumentException("sync.segments-api.retry.warn-interval-seconds must be at least 1, not "
                    + interval.toSeconds());
        }
        this.maxAttempts = maxAttempts;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.responseTimeoutMillis = responseTimeoutMillis;
        this.limit = new LogLimit(maxLines, interval, ticker, (count, per) -> LOG.warn(
                "Segments API: {} more failed calls in the last {} s were not logged one by one (at most {} lines per"
                        + " {} s; the metric segment.sync.api.retries counts every retry)",
                count, per.toSeconds(), maxLines, per.toSeconds()));
    }

    @Override
    public void process(Exchange exchange) {
        if (!LOG.isWarnEnabled() || !limit.allow()) {
            return;
        }
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        // the I/O error the call route caught, however wrapped
        String failure = status == 0 ? noAnswer(ObjectHelper.getException(IOException.class,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                : "answered HTTP " + status + apiMessage(exchange);
        long delay = exchange.getProperty(SyncProperties.RETRY_DELAY, -1L, Long.class);
        int attempt = exchange.getProperty(SyncProperties.ATTEMPTS, 0, Integer.class);
        boolean throttled = throttledAnswer.matches(exchange);
        String next = delay < 0 ? (throttled ? "gave up: throttled for longer than its time budget"
                : "gave up after " + attempt + " attempts")
                : "retrying in " + delay + " ms" + (status != 0 && hasRetryAfter(exchange) ? " (Retry-After)" : "");
        LOG.warn("Segments API: {} of system_id '{}' {}, {}; {}",
                exchange.getProperty(SyncProperties.HTTP_METHOD, "call", String.class), systemId(exchange), failure,
                throttled ? "throttled, not counted as an attempt" : "attempt " + attempt + " of " + maxAttempts, next);
    }

    /** What happened to a call that got no answer: the connect or response timeout in ms, else the error. */
    private String noAnswer(IOException error) {
        if (error instanceof ConnectTimeoutException) {
            return "could not connect within " + connectTimeoutMillis + " ms (connect timeout)";
        }
        if (error instanceof SocketTimeoutException) {
            return "timed out: no answer within " + responseTimeoutMillis + " ms (response timeout)";
        }
        if (error instanceof ConnectionRequestTimeoutException) {
            return "timed out: no free connection within " + responseTimeoutMillis + " ms";
        }
        if (error instanceof ConnectException) {
            return "could not connect (" + describe(error) + ")";
        }
        if (error instanceof SSLException) {
            return "failed in TLS, nothing was sent (" + describe(error) + ")";
        }
        return error == null ? "got no answer" : "lost its connection without an answer (" + describe(error) + ")";
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + shortened(message));
    }

    private static String apiMessage(Exchange exchange) {
        String message = exchange.getProperty(SyncProperties.MESSAGE, String.class);
        return message == null || message.isBlank() ? "" : " (" + shortened(message) + ")";
    }

    private static String shortened(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }

    private static boolean hasRetryAfter(Exchange exchange) {
        return exchange.getMessage().getHeader("Retry-After") != null;
    }

    private static String systemId(Exchange exchange) {
        ValidSegment segment = exchange.getProperty(SyncProperties.SEGMENT, ValidSegment.class);
        return segment != null ? segment.systemId()
                : String.valueOf(exchange.getMessage().getHeader("SegmentSyncSystemId", "-", String.class));
    }
}
