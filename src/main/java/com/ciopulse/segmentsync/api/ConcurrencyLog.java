package com.ciopulse.segmentsync.api;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line when the concurrency limit changed a lot: to half or less, or to twice or more, of the limit the
 * last line gave. The limit moves on many answers; a line per change would drown the log.
 */
public final class ConcurrencyLog implements IntConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyLog.class);

    private final int ceiling;
    private int lastLogged; // guarded by this

    public ConcurrencyLog(int initial, int ceiling) {
        this.lastLogged = Math.min(initial, ceiling);
        this.ceiling = ceiling;
    }

    @Override
    public synchronized void accept(int limit) {
        if (limit * 2 <= lastLogged || limit >= lastLogged * 2) {
            LOG.info("Segments API: up to {} calls at once now, was {} (adaptive, between 1 and {}: {})", limit,
                    lastLogged, ceiling, limit < lastLogged ? "the API throttled or slowed down"
                            : "answers stay fast and clean");
            lastLogged = limit;
        }
    }
}
