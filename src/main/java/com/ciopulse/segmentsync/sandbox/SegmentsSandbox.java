package com.ciopulse.segmentsync.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process fake of the CIOPulse Segments API (v5), listening on 127.0.0.1 only. It behaves as the API
 * reference documents; where the reference is silent it makes the choices listed here.
 *
 * <h2>Requests</h2>
 * <ul>
 *   <li>Every request needs {@code Authorization: Basic base64(portalCode:apiKey)}; otherwise 401
 *       {@code {"message":"Invalid security credentials","status":401}}. Credentials are checked before the path,
 *       so an unknown path without them is also 401.</li>
 *   <li>{@code PUT /api/v5/segments/{system_id}} with a JSON object of {@code segment_code}, {@code segment_name}
 *       and {@code active} (all strings). The id is percent-decoded as UTF-8 ({@code +} stays {@code +}; a broken
 *       escape is 400). Unknown segment: created, code and name mandatory, {@code active} defaults to {@code y}:
 *       201. Known segment: the fields sent are replaced, the omitted ones kept: 200. Both answer the segment in
 *       the shape of GET single. The {@code Content-Type} of the request is not checked.</li>
 *   <li>{@code GET /api/v5/segments/{system_id}}: 200 {@code {"segment":{"Segment_System_ID":..,"Segment_Code":..,
 *       "Segment_Name":..,"Active":"Y"}}} ({@code Active} upper-case), or 404.</li>
 *   <li>{@code GET /api/v5/segments} (a trailing {@code /} is accepted): 200 with every segment in creation order,
 *       in the reference's layout, one per line, each followed by a comma, the last included:
 *       <pre>{"segments":
 *[{"segment":{...}},
 *{"segment":{...}},
 *]}</pre>
 *       That is not strict JSON; an empty list is {@code {"segments":\n[]}}.</li>
 *   <li>{@code DELETE /api/v5/segments/{system_id}}: 202 {@code {"message":"Segment with system_id 'X' deleted",
 *       "status":202}}; 404 when there is no such segment; <b>400</b> when it has survey responses (see
 *       {@link #addSurveyResponse(String)}; the reference names no code for this).</li>
 *   <li>Any other path: 404; any other method: 405 with an {@code Allow} header.</li>
 * </ul>
 *
 * <h2>Validation of a PUT (each failure is 400 naming the problem)</h2>
 * <ul>
 *   <li>A backslash anywhere in the body, even inside a valid JSON escape.</li>
 *   <li>A body that is empty, not UTF-8, not JSON, not an object, has a repeated field or trailing data.</li>
 *   <li>A field other than the three above; a field that is not a string or is blank ({@code null} is not a way
 *       to clear a field).</li>
 *   <li>{@code active} other than {@code y} or {@code n}; case-insensitive, stored lower-case.</li>
 *   <li>Creating without {@code segment_code} or {@code segment_name}.</li>
 *   <li>Without {@code &clean}: a {@code segment_name} holding a character the reference calls invalid (below).</li>
 * </ul>
 * A {@code segment_code} that another system_id already has (compared exactly, case-sensitive) answers 422.
 * There are no length limits.
 *
 * <h2>{@code &clean}</h2>
 * The flag is on when the raw path ends in {@code &clean} (e.g. {@code /api/v5/segments/ABC&clean}; an escaped
 * {@code %26clean} is part of the id instead) or the query holds a {@code clean} parameter ({@code ?clean}, any
 * value). The characters the reference calls invalid in {@code segment_name} are, here, every dash other than
 * {@code -} and the colon ({@link SegmentNameCleaner} lists them). With the flag each becomes a hyphen, e.g.
 * {@code "Sales — North: East"} is stored as {@code "Sales - North- East"}; without it such a name is refused with
 * 400 {@code segment_name contains invalid characters (U+2014 EM DASH at position 7); ...}. Other names are stored
 * as sent.
 *
 * <h2>Answers</h2>
 * Every answer is JSON with {@code Content-Type: application/json; charset=utf-8}; every error is
 * {@code {"message":"<what is wrong>","status":<code>}}.
 *
 * <h2>For tests</h2>
 * {@link #faults()} injects latency, failures, hangs, dropped connections, rejected credentials and throttling
 * (at most so many requests at once, 429 with {@code Retry-After} above);
 * {@link #requests()} journals every request with its raw path and body; {@link #seed(SandboxSegment)} and
 * {@link #addSurveyResponse(String)} set up state directly. The sandbox is thread-safe and serves requests on
 * 16 threads.
 */
public final class SegmentsSandbox implements AutoCloseable {

    /** How long a request hit by {@link SandboxFaults#hangNext(int)} stays unanswered before its connection closes. */
    public static final Duration HANG_LIMIT = Duration.ofSeconds(60);

    private static final int WORKER_THREADS = 16;
    private static final String HOST = "127.0.0.1";
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle holds the body back for
        // the client's delayed ACK, ~40 ms per request. The JDK reads this once, when its first server starts,
        // so it is only set when nobody chose a value and only helps if no JDK HttpServer started before.
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final BasicCredentials credentials;
    private final SegmentStore store = new SegmentStore();
    private final RequestJournal journal = new RequestJournal();
    private final SandboxFaults faults = new SandboxFaults();
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads("http"));
    private final ScheduledExecutorService hangReleaser =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("hang-release"));
    private final AtomicBoolean closed = new AtomicBoolean();
    private final HttpServer server;

    private SegmentsSandbox(int port, BasicCredentials credentials) throws IOException {
        this.credentials = credentials;
        this.server = HttpServer.create(new InetSocketAddress(loopback(), port), 0);
        server.createContext("/", new SandboxHttpHandler(credentials, new SegmentsApi(store), faults, journal,
                hangReleaser, HANG_LIMIT));
        server.setExecutor(workers);
        server.start();
    }

    /**
     * Starts a sandbox on 127.0.0.1 that accepts these credentials.
     *
     * @param port       the port to listen on; 0 picks a free one (see {@link #port()})
     * @param portalCode the Client Portal Code clients must send (must not contain {@code :})
     * @param apiKey     the API key clients must send
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static SegmentsSandbox start(int port, String portalCode, String apiKey) {
        BasicCredentials credentials = new BasicCredentials(portalCode, apiKey);
        try {
            return new SegmentsSandbox(port, credentials);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Segments API sandbox on " + HOST + ":" + port, e);
        }
    }

    /** The API base URL, e.g. {@code http://127.0.0.1:41234/api/v5}; segments are at {@code baseUrl() + "/segments"}. */
    public String baseUrl() {
        return "http://" + HOST + ":" + port() + "/api/v5";
    }

    /** The port the sandbox listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The {@code Authorization} header value the sandbox accepts ({@code Basic base64(portalCode:apiKey)}). */
    public String authorizationHeader() {
        return credentials.header();
    }

    /** The fault injection of this sandbox. */
    public SandboxFaults faults() {
        return faults;
    }

    /** A snapshot of the stored segments, in creation order. */
    public List<SandboxSegment> segments() {
        return store.all();
    }

    /** The stored segment with this (decoded) system_id, if any. */
    public Optional<SandboxSegment> segment(String systemId) {
        return store.find(systemId);
    }

    /**
     * Stores a segment as given, without the API's validation, replacing one with the same system_id.
     *
     * @throws IllegalArgumentException when another system_id already has its segment code
     */
    public void seed(SandboxSegment segment) {
        store.seed(segment);
    }

    /**
     * Records that a survey response was completed for the segment, so DELETE of it is refused (400).
     *
     * @throws IllegalArgumentException when no segment has this system_id
     */
    public void addSurveyResponse(String systemId) {
        store.addSurveyResponse(systemId);
    }

    /** Every request received so far, in arrival order (including those that met a fault). */
    public List<RecordedRequest> requests() {
        return journal.snapshot();
    }

    /** How many requests arrived so far: cheaper than {@link #requests()} for a test that waits for a count. */
    public int requestCount() {
        return journal.size();
    }

    /** Empties the request journal. */
    public void clearRequests() {
        journal.clear();
    }

    /** Removes all segments and survey responses, empties the journal and clears the faults. */
    public void reset() {
        store.clear();
        journal.clear();
        faults.clear();
    }

    /** Stops listening and closes every open connection, hung ones included. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        hangReleaser.shutdownNow();
        workers.shutdownNow(); // interrupts answers still waiting out their latency
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SegmentsSandbox[" + baseUrl() + "]";
    }

    private static InetAddress loopback() throws UnknownHostException {
        return InetAddress.getByName(HOST); // an IP literal: no name lookup
    }

    private static ThreadFactory daemonThreads(String role) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "segments-sandbox-" + role + "-" + count.incrementAndGet());
            thread.setDaemon(true); // a sandbox left open must not keep the JVM alive
            return thread;
        };
    }
}
