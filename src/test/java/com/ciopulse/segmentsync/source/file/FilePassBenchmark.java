package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.bench.HeapSampler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What the whole-file structure check costs: a dropped file is read twice, and the first pass, which finds the rows
 * a later row overrides, is also where a file that is not well-formed as a whole is refused before anything is sent.
 * This times that first pass and the second (the records handed out in chunks, without the pipeline) on generated
 * files of N rows in each format, samples the heap (garbage included) and measures what is live once the first pass
 * ended (after a collection). Not a test: run it under the benchmark's heap, e.g.
 * {@code java -Xmx256m -cp target/classes:target/test-classes:<deps> com.ciopulse.segmentsync.source.file.FilePassBenchmark 1000000 3 csv,json,jsonl}
 * (rows, rounds, formats).
 * Prints figures only; it asserts no timing.
 */
public final class FilePassBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FilePassBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("file-pass-bench");
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            System.out.printf("%,d rows, max heap %d MB, best of %d rounds%n", rows,
                    Runtime.getRuntime().maxMemory() >> 20, rounds);
            // CPU seconds of the reading thread: wall time on a shared machine says more about the neighbours
            System.out.printf("%-6s %12s %14s %14s %14s %14s %13s %13s%n", "format", "bytes", "check wall s",
                    "check cpu s", "second wall s", "second cpu s", "peak heap MB", "live after MB");
            String[] formats = args.length > 2 ? args[2].split(",") : new String[] {"csv", "json", "jsonl"};
            for (String format : formats) {
                Path file = work.resolve("units." + format);
                write(file, format, rows);
                DropFileReader reader = new DropFileReader();
                reader.setCamelContext(context);
                reader.setFormat(format);
                double first = Double.MAX_VALUE;
                double second = Double.MAX_VALUE;
                double firstCpu = Double.MAX_VALUE;
                double secondCpu = Double.MAX_VALUE;
                long live = 0;
                HeapSampler sampler = new HeapSampler(Duration.ofMillis(20));
                sampler.start();
                for (int round = 0; round < rounds; round++) {
                    try (FileResult result = new FileResult("bench", file.getFileName().toString(), Clock.systemUTC())) {
                        long started = System.nanoTime();
                        long startedCpu = THREADS.getCurrentThreadCpuTime();
                        Iterator<FileChunk> chunks = reader.chunks(file.toString(), result);
                        long checked = System.nanoTime();
                        long checkedCpu = THREADS.getCurrentThreadCpuTime();
                        double firstSeconds = (checked - started) / 1e9;
                        if (round == 0) {
                            // what the first pass leaves for the second (its index), without the garbage
                            System.gc();
                            live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                            checked = System.nanoTime();
                            checkedCpu = THREADS.getCurrentThreadCpuTime();
                        }
                        long records = 0;
                        while (chunks.hasNext()) {
                            records += chunks.next().records().size();
                        }
                        long read = System.nanoTime();
                        long readCpu = THREADS.getCurrentThreadCpuTime();
                        if (records != rows) {
                            throw new IllegalStateException(format + ": " + records + " records of " + rows);
                        }
                        first = Math.min(first, firstSeconds);
                        firstCpu = Math.min(firstCpu, (checkedCpu - startedCpu) / 1e9);
                        secondCpu = Math.min(secondCpu, (readCpu - checkedCpu) / 1e9);
                        second = Math.min(second, (read - checked) / 1e9);
                    }
                }
                sampler.interrupt();
                System.out.printf("%-6s %,12d %14.2f %14.2f %14.2f %14.2f %13d %13d%n", format, Files.size(file), first,
                        firstCpu, second, secondCpu, sampler.peakBytes() >> 20, live >> 20);
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(work);
        }
    }

    private static void write(Path file, String format, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format.equals("csv")) {
                out.write("system_id,segment_code,segment_name,active\n");
            } else if (format.equals("json")) {
                out.write("[\n");
            }
            for (int i = 1; i <= rows; i++) {
                String active = i % 10 == 0 ? "n" : "y";
                if (format.equals("csv")) {
                    out.write("BU-" + i + ",C" + i + ",Business unit " + i + "," + active + "\n");
                } else {
                    out.write("{\"system_id\": \"BU-" + i + "\", \"segment_code\": \"C" + i + "\", \"segment_name\": "
                            + "\"Business unit " + i + "\", \"active\": \"" + active + "\"}"
                            + (format.equals("json") && i < rows ? ",\n" : "\n"));
                }
            }
            if (format.equals("json")) {
                out.write("]\n");
            }
        }
    }
}
