package com.ciopulse.segmentsync.operate;

import com.ciopulse.segmentsync.outcome.SegmentOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;

/**
 * The sync's own meters, beside Camel's route and exchange metrics. Prometheus names (Micrometer adds the
 * unit and {@code _total}):
 * <ul>
 *   <li>{@value #RECORDS} {@code {source, outcome}}: records that ended, per outcome</li>
 *   <li>{@value #DEAD_LETTERS} {@code {source, outcome}}: dead letters stored</li>
 *   <li>{@value #SANITIZED} {@code {source}}: records sent with a value changed from what the source supplied</li>
 *   <li>{@value #LAST_SUCCESS} {@code {source}}: when a poll of the source last reached its acknowledgement
 *       (epoch seconds)</li>
 *   <li>{@value #WATERMARK} {@code {source}}: the watermark the source stored, where it is a number: epoch seconds
 *       of a time with a zone, or the value of a number column</li>
 *   <li>{@value #SOURCE_RUNNING} {@code {source}}: 1 while the source route runs here, 0 while it is stopped
 *       (another instance leads it) or suspended (401 halt, open circuit)</li>
 *   <li>{@value #API_REQUESTS} {@code {method, status}}: a timer around every HTTP call, timed by
 *       {@code ApiCallTimer} in {@code routes/segments-api.camel.yaml}</li>
 *   <li>{@value #API_RETRIES} {@code {status}}: retries decided by the status-code route</li>
 *   <li>{@value #API_THROTTLED} {@code {status}}: throttled answers (429, 503 with Retry-After), each waited for
 *       and sent again without using up an attempt</li>
 *   <li>{@value #API_CONCURRENCY_LIMIT}: how many calls of the API may be in flight now (the adaptive limit)</li>
 *   <li>{@value #RESYNCS} {@code {source, reason}}: re-queries a subscription ran because it could not know what
 *       it missed (a rejected replay id, a gap or overflow event, no stored replay id); for a platform event, which
 *       has nothing to re-query, a new start from the earliest event retained after a rejected replay id</li>
 * </ul>
 */
public class SyncMetrics {

    public static final String RECORDS = "segment.sync.records";
    public static final String DEAD_LETTERS = "segment.sync.dead.letters";
    public static final String SANITIZED = "segment.sync.records.sanitized";
    public static final String LAST_SUCCESS = "segment.sync.source.last.success.timestamp";
    public static final String WATERMARK = "segment.sync.source.watermark";
    public static final String SOURCE_RUNNING = "segment.sync.source.running";
    public static final String API_REQUESTS = "segment.sync.api.requests";
    public static final String API_RETRIES = "segment.sync.api.retries";
    public static final String API_THROTTLED = "segment.sync.api.throttled";
    public static final String API_CONCURRENCY_LIMIT = "segment.sync.api.concurrency.limit";
    public static final String RESYNCS = "segment.sync.source.resyncs";

    /** Latency buckets of the API timer: enough for a p95 alert without a bucket per millisecond. */
    private static final Duration[] API_LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final Map<String, AtomicLong> watermarkBitsBySource = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Clock clock;
    // the tag camel-micrometer's timer endpoint put on the API timer, which was timed there before: kept for dashboards
    private final String camelContext;
    private final Map<String, AtomicLong> lastSuccessBySource = new ConcurrentHashMap<>();
    // registering looks the meter up by its whole id: once per method and status, not on every call
    private final Map<String, Timer> apiRequestTimers = new ConcurrentHashMap<>();
    /** The outcome counters by source, outcome and metric: looked up once, not built anew for every record. */
    private final Map<String, Counter> outcomeCounters = new ConcurrentHashMap<>();
    private final Map<String, Counter> sanitizedCounters = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry, Clock clock, String camelContext) {
        this.registry = registry;
        this.clock = clock;
        this.camelContext = camelContext;
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(API_REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(
                        java.util.Arrays.stream(API_LATENCY_BUCKETS).mapToDouble(Duration::toNanos).toArray())
                        .build().merge(config);
            }
        });
    }

    /**
     * The host's meter registry when it has one in the Camel registry (Camel Main's metrics, Spring Boot's),
     * else a new Prometheus registry bound under Camel's name for it, so that Camel's micrometer component
     * and a management server that may start later use the same one. Nothing here starts a server.
     */
    public static MeterRegistry registryOf(CamelContext context) {
        MeterRegistry found = MicrometerUtils.getMeterRegistryFromCamelRegistry(context.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        if (found != null) {
            return found;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, created);
        return created;
    }

    /** Counts a record's outcome, its dead letter when it got one, and whether a value of it was sanitized. */
    public void recorded(SegmentOutcome outcome) {
        outcomeCounter(RECORDS, "Records that ended, per source and outcome", outcome).increment();
        if (outcome.outcome().deadLettered()) {
            outcomeCounter(DEAD_LETTERS, "Dead letters stored, per source and outcome", outcome).increment();
        }
        if (!outcome.sanitized().isEmpty()) {
            sanitizedCounters.computeIfAbsent(outcome.source(), source -> Counter.builder(SANITIZED)
                    .description("Records sent with a value changed from what the source supplied, per source")
                    .tags("source", source).register(registry)).increment();
        }
    }

    private Counter outcomeCounter(String name, String description, SegmentOutcome outcome) {
        String label = outcome.outcome().label();
        return outcomeCounters.computeIfAbsent(name + '\n' + outcome.source() + '\n' + label,
                key -> Counter.builder(name).description(description)
                        .tags("source", outcome.source(), "outcome", label).register(registry));
    }

    /** Records one call of the Segments API; {@code status} 0: no answer. */
    public void apiCallTimed(String method, int status, long nanos) {
        apiRequestTimers.computeIfAbsent(method + " " + status, key -> Timer.builder(API_REQUESTS)
                        .description("Calls of the Segments API, by method and status (0: no answer)")
                        .tags("camelContext", camelContext, "method", String.valueOf(method),
                                "status", Integer.toString(status))
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Adds the gauge of the adaptive concurrency limit of the API calls. */
    public void apiConcurrencyLimit(IntSupplier limit) {
        // strong: Micrometer holds a gauge's object weakly, and nothing else holds this lambda
        Gauge.builder(API_CONCURRENCY_LIMIT, limit, IntSupplier::getAsInt).strongReference(true)
                .description("Calls of the Segments API allowed in flight now (adaptive, between 1 and max-in-flight)")
                .register(registry);
    }

    /** Marks that a source completed a run now: everything it read has an outcome and was acknowledged. */
    public void sourceSucceeded(String source) {
        lastSuccessBySource.computeIfAbsent(source, s -> {
            AtomicLong epochSeconds = new AtomicLong();
            Gauge.builder(LAST_SUCCESS, epochSeconds, AtomicLong::get).baseUnit("seconds")
                    .description("When the source last completed a run (Unix time)")
                    .tags("source", s).register(registry);
            return epochSeconds;
        }).set(clock.instant().getEpochSecond());
    }

    /** The source's stored watermark when it is a time. */
    public void watermark(String source, Instant time) {
        watermark(source, time.getEpochSecond() + time.getNano() / 1e9);
    }

    /** The source's stored watermark as a number; NaN (a time without zone, say) registers nothing. */
    public void watermark(String source, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        watermarkBitsBySource.computeIfAbsent(source, s -> {
            AtomicLong bits = new AtomicLong();
            Gauge.builder(WATERMARK, bits, b -> Double.longBitsToDouble(b.get()))
                    .description("The watermark the source stored: epoch seconds of a time, or the number")
                    .tags("source", s).register(registry);
            return bits;
        }).set(Double.doubleToLongBits(value));
    }

    /** Counts a re-query of a subscribing source, by why it ran (replay-id-rejected, gap, overflow, ...). */
    public void resynced(String source, String reason) {
        Counter.builder(RESYNCS).description("Re-queries a subscribing source ran because it could not know what it missed")
                .tags("source", source, "reason", reason).register(registry).increment();
    }

    /** Adds the running gauge of a source route. */
    public void sourceAdded(CamelContext context, String routeId) {
        Gauge.builder(SOURCE_RUNNING, context,
                        c -> c.getRouteController().getRouteStatus(routeId) == ServiceStatus.Started ? 1 : 0)
                .description("1 while the source route runs on this instance (leader, not suspended), else 0")
                .tags("source", routeId).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
