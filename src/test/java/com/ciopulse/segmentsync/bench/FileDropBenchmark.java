package com.ciopulse.segmentsync.bench;

import static org.awaitility.Awaitility.await;

import com.ciopulse.segmentsync.sandbox.SegmentsSandbox;
import com.ciopulse.segmentsync.testsupport.DropFolder;
import com.ciopulse.segmentsync.testsupport.SyncHarness;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How the file-drop source copes with a big file: generates a CSV of N rows, lets the real bundle sync it (with
 * the runner's Camel metrics, {@link RunnersCamelMetrics}), and prints rows per second and the peak heap. Not a test
 * (it takes minutes at a million rows): {@code mvn -B package -Dbench} runs it under {@code -Xmx256m} (rows and mode:
 * {@code -Dbench.rows}, {@code -Dbench.file-drop-mode}).
 *
 * <ul>
 *   <li>{@code dry-run}: reading, both passes, mapping, chunks, dispatch, validation and outcomes; no HTTP. This is
 *       the source's own cost, and what must stay flat in memory however many rows.</li>
 *   <li>{@code sandbox}: the same plus a real HTTP PUT per row against the in-process sandbox: bound by the API
 *       calls ({@code max-in-flight} at a time), so measure it at a smaller count.</li>
 * </ul>
 */
public final class FileDropBenchmark {

    private FileDropBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        boolean dryRun = args.length < 2 || args[1].equals("dry-run");
        Path work = Files.createTempDirectory("file-drop-bench");
        Path dropDir = Files.createDirectories(work.resolve("drop"));
        Path file = work.resolve("units.csv");
        BenchFiles.writeCsv(file, rows, "BU-", "C");
        System.out.printf("%,d rows, %,d bytes, %s, max heap %d MB%n", rows, Files.size(file),
                dryRun ? "dry run (no HTTP)" : "HTTP against the sandbox", Runtime.getRuntime().maxMemory() >> 20);

        Properties settings = new Properties();
        settings.setProperty("sync.dry-run", Boolean.toString(dryRun));
        settings.setProperty("sync.segments-api.max-in-flight", "8");
        try (SyncHarness sync = SyncHarness.start(work.resolve("data"), settings,
                SegmentsSandbox.start(0, SyncHarness.PORTAL_CODE, SyncHarness.API_KEY), RunnersCamelMetrics::addTo)) {
            DropFolder drop = new DropFolder(dropDir);
            // keepFiles=false even in a dry run: the file moving to done is the end of the measurement
            drop.addSource(sync.context, "bench", Map.of("minFileAge", "10", "keepFiles", "false"));
            resetPeaks();
            HeapSampler sampler = new HeapSampler(Duration.ofMillis(50));
            sampler.start();
            long started = System.nanoTime();
            Files.move(file, dropDir.resolve("units.csv"));
            await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(200)).until(() -> drop.done().size() == 1);
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.interrupt();

            System.out.println("result: " + drop.resultOf(drop.done().get(0)).get("counts"));
            System.out.printf("%.1f s, %,.0f rows/s%n", seconds, rows / seconds);
            System.out.printf("peak heap used: %d MB sampled every 50 ms (garbage included); %d MB by the pools' "
                    + "peaks (summed)%n", sampler.peakBytes() >> 20, summedPoolPeaks() >> 20);
        } finally {
            BenchFiles.deleteTree(work);
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static void resetPeaks() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** An upper bound: each pool's peak, though they need not have peaked at the same moment. */
    private static long summedPoolPeaks() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
