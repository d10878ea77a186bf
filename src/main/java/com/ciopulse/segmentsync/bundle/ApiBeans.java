package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.api.ApiConcurrency;
import com.ciopulse.segmentsync.api.AuthorizationStep;
import com.ciopulse.segmentsync.api.ConcurrencyLog;
import com.ciopulse.segmentsync.api.ConflictMessages;
import com.ciopulse.segmentsync.api.RequestHeadersOnly;
import com.ciopulse.segmentsync.api.SegmentsApiCredentials;
import com.ciopulse.segmentsync.api.SegmentsApiHeaders;
import com.ciopulse.segmentsync.api.SegmentsApiTrust;
import com.ciopulse.segmentsync.api.SegmentsApiUrls;
import com.ciopulse.segmentsync.api.ThrottledAnswer;
import com.ciopulse.segmentsync.pipeline.RetryPolicy;
import com.ciopulse.segmentsync.pipeline.RetryWarnings;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The Segments API's beans ({@code sync.segments-api.*}): credentials, URLs, HTTP client, retries and throttling, the
 * adaptive concurrency of the calls.
 */
final class ApiBeans implements CamelConfiguration {

    private final SyncSettings settings;
    private final String instanceId;
    private final SegmentsApiCredentials credentials;
    private final ApiConcurrency concurrency;

    /** Loads the credentials: a missing or malformed key stops the start before anything is read. */
    ApiBeans(SyncSettings settings, String instanceId) {
        this.settings = settings;
        this.instanceId = instanceId;
        String apiKey = settings.secret("sync.segments-api.api-key");
        this.credentials = SegmentsApiCredentials.load(
                settings.text("sync.segments-api.portal-code"),
                apiKey.isEmpty() ? blankToEmpty(System.getenv(SegmentsApiCredentials.API_KEY_ENV)) : apiKey,
                settings.text("sync.segments-api.secrets-file"));
        int ceiling = settings.integer("sync.segments-api.max-in-flight");
        int initial = settings.integer("sync.segments-api.initial-in-flight");
        this.concurrency = new ApiConcurrency(ceiling, initial,
                Duration.ofSeconds(settings.number("sync.segments-api.throttle-hold-seconds")),
                Duration.ofSeconds(settings.number("sync.segments-api.retry.max-retry-after-seconds")),
                new ConcurrencyLog(initial, ceiling));
    }

    @BindToRegistry("segmentsApiCredentials")
    public SegmentsApiCredentials segmentsApiCredentials() {
        return credentials;
    }

    @BindToRegistry("segmentsApiAuthorization")
    public AuthorizationStep segmentsApiAuthorization() {
        return new AuthorizationStep(credentials);
    }

    @BindToRegistry("segmentsApiUrls")
    public SegmentsApiUrls segmentsApiUrls() {
        return new SegmentsApiUrls(settings.text("sync.segments-api.base-url"),
                settings.flag("sync.segments-api.clean"), settings.flag("sync.segments-api.allow-plain-http"));
    }

    @BindToRegistry("segmentsApiRequestHeadersOnly")
    public RequestHeadersOnly segmentsApiRequestHeadersOnly() {
        return new RequestHeadersOnly();
    }

    @BindToRegistry("segmentsApiHeaders")
    public SegmentsApiHeaders segmentsApiHeaders() {
        return new SegmentsApiHeaders();
    }

    /** Certificate and host name verification stay on; a trust store of its own replaces the JVM's cacerts. */
    @BindToRegistry("segmentsApiSsl")
    public SSLContextParameters segmentsApiSsl() {
        return SegmentsApiTrust.sslContextParameters(settings.text("sync.segments-api.trust-store"),
                settings.secret("sync.segments-api.trust-store-password"),
                settings.text("sync.segments-api.trust-store-type"));
    }

    /**
     * HttpClient's own retries would multiply the requests on the wire: retrying is the pipeline's job only. The API
     * is stateless (credentials on every call) and answers a few hundred bytes: keeping cookies and negotiating
     * compression would only cost time on every call.
     */
    @BindToRegistry("segmentsHttpClientConfigurer")
    public HttpClientConfigurer segmentsHttpClientConfigurer() {
        return builder -> builder.disableAutomaticRetries().disableCookieManagement().disableContentCompression()
                .setUserAgent("ciopulse-segment-sync (" + instanceId + ")");
    }

    @BindToRegistry("conflictMessages")
    public ConflictMessages conflictMessages() {
        return new ConflictMessages();
    }

    @BindToRegistry("retryPolicy")
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(
                settings.integer("sync.segments-api.retry.max-attempts"),
                settings.number("sync.segments-api.retry.initial-delay-ms"),
                settings.number("sync.segments-api.retry.max-delay-ms"),
                settings.decimal("sync.segments-api.retry.multiplier"),
                settings.decimal("sync.segments-api.retry.jitter"),
                settings.number("sync.segments-api.retry.max-retry-after-seconds") * 1000,
                Duration.ofSeconds(settings.number("sync.segments-api.throttle-budget-seconds")));
    }

    /** A 429, or a 503 with Retry-After: the API asks to slow down. */
    @BindToRegistry("throttledAnswer")
    public ThrottledAnswer throttledAnswer() {
        return new ThrottledAnswer();
    }

    /** Its thread starts with the first storm of failures that holds lines back. */
    @BindToRegistry("apiRetryWarning")
    public RetryWarnings apiRetryWarning(CamelContext context) {
        return new RetryWarnings(settings.integer("sync.segments-api.retry.max-attempts"),
                settings.number("sync.segments-api.connect-timeout-ms"),
                settings.number("sync.segments-api.response-timeout-ms"),
                settings.integer("sync.segments-api.retry.warn-max-lines"),
                Duration.ofSeconds(settings.number("sync.segments-api.retry.warn-interval-seconds")),
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "segment-sync-retry-log"));
    }

    /** The gate of every call; its limit is a gauge of the metrics ({@link OperateBeans}). */
    @BindToRegistry("apiConcurrency")
    public ApiConcurrency apiConcurrency() {
        return concurrency;
    }

    @BindToRegistry("apiConcurrencyAcquire")
    public Processor apiConcurrencyAcquire() {
        return concurrency.acquireStep();
    }

    @BindToRegistry("apiConcurrencyRelease")
    public Processor apiConcurrencyRelease() {
        return concurrency.releaseStep();
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value;
    }
}
