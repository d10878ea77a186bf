package com.ciopulse.segmentsync.bench;

import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmarks B1, B2, B3, B5, B6 and B7 of the Segments sync (B4 is {@link FileDropBenchmark}), in one JVM against
 * the in-process sandbox, printed as a table: figure | measured | target. Not a test: {@code mvn -B package -Dbench}
 * runs it (options {@code --records N --naive-records N --fast-records N --warm-up-rounds N --rounds N --warm-up N
 * --sandbox-warm-up N --throttled-records N --jar PATH --only B6,B7}, see the pom's {@code bench} profile;
 * {@code --records 0} leaves B1 and B2 out, {@code --only} runs the figures named).
 *
 * <p>"Ours" is always the real bundle in a plain CamelContext ({@link SyncHarness}), with Camel's metrics as the
 * runner has them ({@link RunnersCamelMetrics}) and a file-drop source on a temporary folder: the time runs from the
 * CSV appearing in the folder to the file moving to {@code .done}, so it holds reading the file, change detection,
 * the API calls, the state store and the file's result.
 *
 * <p>The sandbox stands for the remote API, a server that is warm when a sync starts, but it runs in this JVM: cold,
 * its own code (the JDK's HTTP server, its JSON parsing) would queue for the one C2 compiler thread a two-core
 * machine has, ahead of the client's. So before B1 the plain {@code java.net.http} loop, not the bundle, sends it
 * {@code --sandbox-warm-up} requests at 0 ms; the bundle starts cold.
 */
public final class SegmentsBenchmark {

    private static final int CONCURRENCY = 8;
    private static final Duration LATENCY = Duration.ofMillis(20);
    /** B6: the capacity of the throttling server, and its latency. */
    private static final int THROTTLE_CAP = 2;
    private static final Duration THROTTLED_LATENCY = Duration.ofMillis(50);
    /** B5 starts each runner this many times. */
    private static final int STARTS = 5;
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            (SyncHarness.PORTAL_CODE + ":" + SyncHarness.API_KEY).getBytes(StandardCharsets.UTF_8));

    private final List<String[]> table = new ArrayList<>();
    private final List<String> only;
    private boolean sandboxWarmed;

    private SegmentsBenchmark(List<String> only) {
        this.only = only;
    }

    private boolean runs(String figure) {
        return only.contains(figure);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int records = Integer.parseInt(options.getOrDefault("--records", "10000"));
        int naiveRecords = Integer.parseInt(options.getOrDefault("--naive-records", "500"));
        int fastRecords = Integer.parseInt(options.getOrDefault("--fast-records", "20000"));
        int warmUp = Integer.parseInt(options.getOrDefault("--warm-up", "0"));
        int sandboxWarmUp = Integer.parseInt(options.getOrDefault("--sandbox-warm-up", "20000"));
        int warmUpRounds = Integer.parseInt(options.getOrDefault("--warm-up-rounds", "6"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "9"));
        int throttledRecords = Integer.parseInt(options.getOrDefault("--throttled-records", "5000"));
        Path jar = Path.of(options.getOrDefault("--jar", "target/ciopulse-segment-sync.jar"));
        List<String> only = List.of(options.getOrDefault("--only", "B1,B2,B3,B5,B6,B7").toUpperCase().split(","));

        SegmentsBenchmark bench = new SegmentsBenchmark(only);
        Path work = Files.createTempDirectory("segments-bench");
        try {
            if (bench.runs("B1") || bench.runs("B3")) {
                bench.syncAgainstSandbox(work, bench.runs("B1") ? records : 0, naiveRecords,
                        bench.runs("B3") ? fastRecords : 0, warmUp, sandboxWarmUp, warmUpRounds, rounds);
            }
            if (bench.runs("B6")) {
                bench.throttledApi(work, throttledRecords);
            }
            if (bench.runs("B7")) {
                bench.unknownCapacity(work, records, sandboxWarmUp);
            }
            if (bench.runs("B5")) {
                bench.startup(jar, work);
            }
        } finally {
            BenchFiles.deleteTree(work);
        }
        bench.print();
    }

    private void syncAgainstSandbox(Path work, int records, int naiveRecords, int fastRecords, int warmUp,
            int sandboxWarmUp, int warmUpRounds, int rounds) throws Exception {
        SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        Properties settings = new Properties();
        settings.setProperty("sync.segments-api.max-in-flight", Integer.toString(CONCURRENCY));
        try (SyncHarness sync = SyncHarness.start(work.resolve("data"), settings, sandbox,
                RunnersCamelMetrics::addTo)) {
            DropFolder drop = new DropFolder(Files.createDirectories(work.resolve("drop")));
            drop.addSource(sync.context, "bench", Map.of("minFileAge", "10", "keepFiles", "false"));
            Path units = work.resolve("units.csv");
            BenchFiles.writeCsv(units, records, "BU-", "C");

            if (warmUp > 0) { // records synced at 0 ms before B1, for a figure of a JVM that has run a while
                Path warm = work.resolve("warm-up.csv");
                BenchFiles.writeCsv(warm, warmUp, "WARM-", "W");
                timeDrop(drop, warm, sandbox, warmUp);
            }
            if (records > 0) {
                warmSandbox(sandbox, sandboxWarmUp);
                fullSyncAndResync(sync, drop, units, sandbox, records, naiveRecords, warmUp > 0);
            }
            if (fastRecords > 0) {
                sandbox.faults().latency(Duration.ZERO);
                pipelineOverhead(sync, drop, work, sandbox, fastRecords, warmUpRounds, rounds);
            }
        }
    }

    /**
     * B6: a server of fixed capacity ({@value #THROTTLE_CAP} requests at once, 429 with {@code Retry-After: 1} above,
     * 50 ms latency) and the default settings: every record must end created, none as a dead letter, at a rate close
     * to what the server can serve.
     */
    private void throttledApi(Path work, int records) throws Exception {
        SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        try (SyncHarness sync = withDefaults(work, "b6", sandbox)) {
            DropFolder drop = dropFolder(sync, work, "b6");
            Path units = work.resolve("throttled.csv");
            BenchFiles.writeCsv(units, records, "THR-", "T");
            sandbox.faults().latency(THROTTLED_LATENCY).throttleAbove(THROTTLE_CAP, 1);

            double seconds = timeDrop(drop, units, sandbox, records);
            double capacity = THROTTLE_CAP * 1000.0 / THROTTLED_LATENCY.toMillis();
            long throttled = sandbox.requests().stream().filter(r -> r.status() == 429).count();
            String figure = "B6 throttled API (" + THROTTLE_CAP + " at once, 429 Retry-After: 1, 50 ms), " + records
                    + " new";
            row(figure + ": time", secs(seconds) + String.format(" (%d answers 429)", throttled), "");
            row("B6 dead letters", Long.toString(sync.beans.deadLetterStore().countOpen()), "0");
            row("B6 records/s / server capacity (" + (int) capacity + "/s)",
                    ratio(records / seconds / capacity), ">= 0.85x");
        }
    }

    /**
     * B7: an API whose capacity nobody told the sync: no cap, 20 ms latency, the default settings (no max-in-flight
     * given), against the limit of the default ceiling.
     */
    private void unknownCapacity(Path work, int records, int sandboxWarmUp) throws Exception {
        SegmentsSandbox sandbox = SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY);
        warmSandbox(sandbox, sandboxWarmUp);
        try (SyncHarness sync = withDefaults(work, "b7", sandbox)) {
            DropFolder drop = dropFolder(sync, work, "b7");
            Path units = work.resolve("unknown.csv");
            BenchFiles.writeCsv(units, records, "UNK-", "U");
            sandbox.faults().latency(LATENCY);
            int ceiling = Integer.parseInt(sync.context.resolvePropertyPlaceholders(
                    "{{sync.segments-api.max-in-flight}}"));

            LimitSamples limits = LimitSamples.start(sync);
            CpuUse cpu = CpuUse.start();
            double seconds = timeDrop(drop, units, sandbox, records);
            cpu.stop();
            limits.stop();
            double limit = records * LATENCY.toMillis() / 1000.0 / ceiling;
            row("B7 unknown capacity, " + records + " new, 20 ms, default settings: ours", secs(seconds), "");
            row("B7 limit (records x latency / ceiling " + ceiling + ")", secs(limit), "");
            row("B7 concurrency limit while it ran: mean, lowest", limits.describe(), "");
            row("B7 CPU per record: ours (JIT, GC included) + sandbox", String.format("%.2f + %.2f ms",
                    cpu.oursMillis() / records, cpu.sandboxMillis() / records), "");
            row("B7 ours / limit", ratio(seconds / limit), "<= 1.15x");
        }
    }

    /**
     * The bundle against this sandbox with the concurrency settings at their defaults (the harness shortens only
     * timeouts and retry delays, which B6 and B7 do not meet: every 429 there carries its Retry-After).
     */
    private static SyncHarness withDefaults(Path work, String figure, SegmentsSandbox sandbox) throws Exception {
        return SyncHarness.start(work.resolve("data-" + figure), new Properties(), sandbox, RunnersCamelMetrics::addTo);
    }

    /** A drop folder of its own, read by a file-drop source of the bundle. */
    private static DropFolder dropFolder(SyncHarness sync, Path work, String figure) throws Exception {
        DropFolder drop = new DropFolder(Files.createDirectories(work.resolve("drop-" + figure)));
        drop.addSource(sync.context, "bench-" + figure, Map.of("minFileAge", "10", "keepFiles", "false"));
        return drop;
    }

    /** The sandbox's own code compiled before B1: the plain loop's PUTs at 0 ms (see the class comment). */
    private void warmSandbox(SegmentsSandbox sandbox, int requests) throws Exception {
        if (requests <= 0 || sandboxWarmed) {
            return; // the sandbox's code is compiled once per JVM, for every sandbox in it
        }
        sandboxWarmed = true;
        sandbox.faults().latency(Duration.ZERO);
        double seconds = plainLoop(sandbox, requests, "SANDBOX-WARM-");
        sandbox.clearRequests();
        row("B1 sandbox warmed first by the plain loop (not ours)", String.format("%,d PUTs in %.1f s", requests,
                seconds), "");
    }

    /** B1 and B2: the CSV of new segments at 20 ms latency, then the same file again. */
    private void fullSyncAndResync(SyncHarness sync, DropFolder drop, Path units, SegmentsSandbox sandbox, int records,
            int naiveRecords, boolean warm) throws Exception {
        sandbox.faults().latency(LATENCY);
        double limit = records * LATENCY.toMillis() / 1000.0 / CONCURRENCY;
        LimitSamples limits = LimitSamples.start(sync);
        CpuUse cpu = CpuUse.start();
        double ours = timeDrop(drop, units, sandbox, records);
        cpu.stop();
        limits.stop();
        double naive = naiveSequential(sandbox, naiveRecords) * records / naiveRecords;
        row("B1 full sync, " + records + " new, 20 ms, concurrency 8: ours" + (warm ? " (warm JVM)" : ""),
                secs(ours), "");
        row("B1 naive client (sequential PUTs)" + (naiveRecords < records
                ? ", extrapolated from " + naiveRecords : ""), secs(naive), "");
        row("B1 physical limit (records x latency / 8)", secs(limit), "");
        row("B1 ours / limit", ratio(ours / limit), "<= 1.15x");
        row("B1 naive / ours", ratio(naive / ours), "");
        row("B1 concurrency limit while it ran: mean, lowest", limits.describe(), "");
        row("B1 CPU per record: ours (JIT, GC included) + sandbox", String.format("%.2f + %.2f ms",
                cpu.oursMillis() / records, cpu.sandboxMillis() / records), "");

        sandbox.clearRequests();
        double again = timeDrop(drop, units, sandbox, 0);
        int calls = sandbox.requests().size();
        row("B2 re-sync of the same " + records + " unchanged: API calls", calls + " (" + perThousand(calls, records)
                + " per 1,000)", "<= 1 per 1,000");
        row("B2 re-sync time", secs(again), "");
    }

    /**
     * B3: rounds of new segments at 0 ms, ours then the plain loop in each round, so that both sides meet the same
     * state of the JIT, the heap and the machine. The first rounds only warm both sides up: on two cores the JIT is
     * still compiling the pipeline's code for well over 100,000 records, and B3 is about the cost per record once it
     * is done. Each side starts after a full GC, so that neither pays for the other's garbage. The figure is the
     * median of the measured rounds' ratios; every round is printed.
     */
    private void pipelineOverhead(SyncHarness sync, DropFolder drop, Path work, SegmentsSandbox sandbox, int fastRecords,
            int warmUpRounds, int rounds) throws Exception {
        List<Double> ratios = new ArrayList<>();
        double oursBest = 0;
        double loopBest = 0;
        for (int round = 1; round <= warmUpRounds + rounds; round++) {
            Path fast = work.resolve("fast-" + round + ".csv");
            BenchFiles.writeCsv(fast, fastRecords, "FAST" + round + "-", "F" + round + "-");
            System.gc();
            LimitSamples limits = LimitSamples.start(sync);
            CpuUse oursCpu = CpuUse.start();
            double ours = fastRecords / timeDrop(drop, fast, sandbox, fastRecords);
            oursCpu.stop();
            limits.stop();
            System.gc();
            CpuUse loopCpu = CpuUse.start();
            double loop = fastRecords / plainLoop(sandbox, fastRecords, "LOOP" + round + "-");
            loopCpu.stop();
            sandbox.clearRequests(); // the journal of calls would otherwise grow the heap round after round
            boolean measured = round > warmUpRounds;
            System.out.printf("B3 %s %d: ours %,.0f, plain loop %,.0f records/s: %s; concurrency limit mean, lowest %s;"
                    + " CPU per record, client + sandbox (JIT and GC with the client): ours %.0f + %.0f us, plain loop"
                    + " %.0f + %.0f us%n",
                    measured ? "round" : "warm-up round", round, ours, loop, ratio(ours / loop), limits.describe(),
                    oursCpu.oursMillis() * 1000 / fastRecords, oursCpu.sandboxMillis() * 1000 / fastRecords,
                    loopCpu.oursMillis() * 1000 / fastRecords, loopCpu.sandboxMillis() * 1000 / fastRecords);
            if (Boolean.getBoolean("bench.b3-threads")) {
                printThreadGroups("ours", oursCpu, fastRecords);
                printThreadGroups("plain loop", loopCpu, fastRecords);
            }
            if (measured) {
                ratios.add(ours / loop);
                oursBest = Math.max(oursBest, ours);
                loopBest = Math.max(loopBest, loop);
            }
        }
        double median = median(ratios);
        String counted = rounds + " rounds after " + warmUpRounds + " to warm up";
        row("B3 0 ms, " + fastRecords + " new per round: ours (best of " + rounds + ")", rate(oursBest), "");
        row("B3 plain java.net.http loop, 8 threads (best of " + rounds + ")", rate(loopBest), "");
        row("B3 ours / plain loop, each measured round", ratios.stream().map(SegmentsBenchmark::ratio)
                .reduce((a, b) -> a + " " + b).orElse(""), "");
        row("B3 ours / plain loop (median of " + counted + ")", ratio(median), ">= 0.7x");
    }

    /**
     * Where a side's CPU went and what it allocated, per group of threads and per record
     * ({@code -Dbench.b3-threads=true}). The bytes allocated hardly depend on the machine's load, so they show a
     * change in the work per record where the CPU figures are too noisy.
     */
    private static void printThreadGroups(String side, CpuUse cpu, int records) {
        StringBuilder line = new StringBuilder("    " + side + ", CPU us per record by thread:");
        cpu.millisByThreadGroup().forEach((group, millis) -> {
            if (millis * 1000 / records >= 1) {
                line.append(String.format(" [%s] %.0f", group, millis * 1000 / records));
            }
        });
        System.out.println(line);
        StringBuilder allocated = new StringBuilder("    " + side + ", bytes allocated per record by thread:");
        cpu.allocatedByThreadGroup().forEach((group, bytes) -> {
            if (bytes / records >= 100) {
                allocated.append(String.format(" [%s] %,d", group, bytes / records));
            }
        });
        System.out.println(allocated);
    }

    /** Seconds from the file appearing in the drop folder to its move to .done; checks the calls it made. */
    private static double timeDrop(DropFolder drop, Path csv, SegmentsSandbox sandbox, int expectedCalls)
            throws IOException {
        int doneBefore = drop.done().size();
        int callsBefore = sandbox.requests().size();
        String name = doneBefore + "-" + csv.getFileName();
        Path temp = drop.dir().resolve(name + ".tmp"); // not matched by the source: copied, then renamed
        Files.copy(csv, temp);
        long started = System.nanoTime();
        Files.move(temp, drop.dir().resolve(name));
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(20)).until(() -> drop.done().size() > doneBefore);
        double seconds = (System.nanoTime() - started) / 1e9;
        int calls = sandbox.requests().size() - callsBefore;
        if (calls < expectedCalls) {
            throw new IllegalStateException(csv.getFileName() + " made " + calls + " calls, not " + expectedCalls
                    + ": " + drop.resultOf(drop.dir().resolve(".done").resolve(name)).get("counts"));
        }
        return seconds;
    }

    /**
     * The naive client the API document suggests: one PUT per record, one after the other, basic auth, no retries,
     * no diffing. Our generated names need no JSON escaping. Returns the seconds it took.
     */
    private static double naiveSequential(SegmentsSandbox sandbox, int records) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long started = System.nanoTime();
        for (int i = 1; i <= records; i++) {
            put(client, sandbox, "NAIVE-", "N", i);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** A plain {@code java.net.http} loop on {@link #CONCURRENCY} threads: the same PUTs, nothing else. */
    private static double plainLoop(SegmentsSandbox sandbox, int records, String idPrefix) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY);
        long started = System.nanoTime();
        try {
            List<Future<Object>> loops = new ArrayList<>();
            for (int t = 0; t < CONCURRENCY; t++) {
                loops.add(threads.submit(() -> {
                    for (int i = next.incrementAndGet(); i <= records; i = next.incrementAndGet()) {
                        put(client, sandbox, idPrefix, idPrefix, i);
                    }
                    return null;
                }));
            }
            for (Future<Object> loop : loops) {
                loop.get();
            }
        } finally {
            threads.shutdown();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void put(HttpClient client, SegmentsSandbox sandbox, String idPrefix, String codePrefix, int i)
            throws IOException, InterruptedException {
        String body = "{\"segment_code\":\"" + codePrefix + i + "\",\"segment_name\":\"" + BenchFiles.name(i)
                + "\",\"active\":\"" + BenchFiles.active(i) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/segments/" + idPrefix + i))
                .header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException closedUnderneath) {
            // the JDK client now and then reuses a pooled connection just as it closes: one more try, as any
            // client would (PUT is idempotent); a second failure ends the benchmark
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        if (status != 200 && status != 201) {
            throw new IllegalStateException("PUT " + idPrefix + i + " answered " + status);
        }
    }

    /**
     * B5: {@code java -jar ... --sandbox} as a child process, until its readiness check answers 200; as it is and with
     * the class-data sharing archive beside the jar when {@code mvn package -Pcds} wrote one. Each is started
     * {@link #STARTS} times, the two taking turns, and the median is the figure: one start alone shows more of the
     * machine's mood than of the runner (3.1 to 4.3 s for the same jar within minutes on two vCPUs).
     */
    private void startup(Path jar, Path work) throws Exception {
        String figure = "B5 JVM start to ready (standalone runner), median of " + STARTS;
        String withArchive = "B5 the same with the CDS archive (-Pcds)";
        if (!Files.isRegularFile(jar)) {
            row(figure, "skipped: no " + jar, "< 3 s");
            return;
        }
        Path archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
        boolean cds = Files.isRegularFile(archive);
        List<Double> plain = new ArrayList<>();
        List<Double> shared = new ArrayList<>();
        for (int start = 0; start < STARTS; start++) {
            plain.add(startToReady(jar, work, List.of()));
            if (cds) {
                shared.add(startToReady(jar, work, List.of("-XX:SharedArchiveFile=" + archive)));
            }
        }
        row(figure, startTimes(plain), "< 3 s");
        row(withArchive, cds ? startTimes(shared) : "skipped: no " + archive, "< 3 s");
    }

    /** The median start, then every start in the order they ran. */
    private static String startTimes(List<Double> seconds) {
        return secs(median(seconds)) + " (" + seconds.stream().map(s -> String.format("%.1f", s))
                .collect(java.util.stream.Collectors.joining(" ")) + ")";
    }

    /** The middle value; for an even count, the mean of the two middle ones. */
    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double startToReady(Path jar, Path work, List<String> jvmOptions) throws Exception {
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dcamel.management.port=" + managementPort, "-Dcamel.server.port=" + freePort(),
                "-Dsync.state.data-dir=" + Files.createTempDirectory(work, "runner-data"),
                "-Dcamel.component.properties.environment-variable-mode=1",
                "-jar", jar.toString(), "--sandbox"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest ready = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/observe/health/ready")).build();
        long started = System.nanoTime();
        Process runner = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("runner.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            return (System.nanoTime() - started) / 1e9;
        } finally {
            runner.destroy();
            runner.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1].replace("_", ""));
        }
        return options;
    }

    private void row(String figure, String measured, String target) {
        table.add(new String[] {figure, measured, target});
        System.out.printf("%s: %s%n", figure, measured); // as it comes, in case a later figure fails
    }

    private void print() {
        System.out.printf("%n%d cores, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        String format = "| %-62s | %-22s | %-15s |%n";
        System.out.printf(format, "figure", "measured", "target");
        System.out.printf(format, "-".repeat(62), "-".repeat(22), "-".repeat(15));
        table.forEach(row -> System.out.printf(format, (Object[]) row));
    }

    private static String secs(double seconds) {
        return String.format("%.1f s", seconds);
    }

    private static String ratio(double ratio) {
        return String.format("%.2fx", ratio);
    }

    private static String rate(double perSecond) {
        return String.format("%,.0f records/s", perSecond);
    }

    private static String perThousand(int calls, int records) {
        return String.format("%.2f", calls * 1000.0 / records);
    }

    /** The gauge of the adaptive concurrency limit, read every 10 ms while a figure runs. */
    private static final class LimitSamples {
        private final java.util.concurrent.ScheduledExecutorService sampler =
                Executors.newSingleThreadScheduledExecutor();
        private final List<Double> values = java.util.Collections.synchronizedList(new ArrayList<>());

        static LimitSamples start(SyncHarness sync) {
            LimitSamples samples = new LimitSamples();
            io.micrometer.core.instrument.Gauge gauge = sync.context.getRegistry()
                    .lookupByNameAndType("syncMetrics", com.ciopulse.segmentsync.operate.SyncMetrics.class).registry()
                    .find(com.ciopulse.segmentsync.operate.SyncMetrics.API_CONCURRENCY_LIMIT).gauge();
            samples.sampler.scheduleAtFixedRate(() -> samples.values.add(gauge.value()), 0, 10,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            return samples;
        }

        void stop() {
            sampler.shutdownNow();
        }

        String describe() {
            synchronized (values) {
                return String.format("%.1f, %.0f", values.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                        values.stream().mapToDouble(Double::doubleValue).min().orElse(0));
            }
        }
    }
}
