package com.ciopulse.segmentsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time the benchmark's JVM spent between {@link #start()} and {@link #stop()}: the whole process (JIT and GC
 * included) and the part the in-process sandbox's threads spent serving requests. On a machine shared with other
 * work the wall clock varies a lot from run to run; CPU time per record much less.
 */
final class CpuUse {

    /** The sandbox's request threads and the JDK HTTP server's dispatcher. */
    private static final String[] SANDBOX_THREADS = {"segments-sandbox-", "HTTP-Dispatcher"};

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long processStart;
    private final Map<Long, Long> sandboxStart;
    private final Map<Long, Long> threadStart;
    private final Map<Long, Long> allocatedStart;
    private final Map<String, Long> groupNanos = new TreeMap<>();
    private final Map<String, Long> groupAllocated = new TreeMap<>();
    private long processNanos;
    private long sandboxNanos;

    private CpuUse() {
        this.processStart = processCpuNanos();
        this.sandboxStart = sandboxThreadNanos();
        this.threadStart = threadNanos();
        this.allocatedStart = threadAllocatedBytes();
    }

    static CpuUse start() {
        return new CpuUse();
    }

    /** Ends the measurement. A sandbox thread that ended meanwhile is not counted (its pool keeps them alive). */
    CpuUse stop() {
        processNanos = processCpuNanos() - processStart;
        sandboxThreadNanos().forEach((id, nanos) -> sandboxNanos += nanos - sandboxStart.getOrDefault(id, 0L));
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            long cpu = thread == null ? -1 : THREADS.getThreadCpuTime(thread.getThreadId());
            if (cpu >= 0) {
                groupNanos.merge(group(thread.getThreadName()), cpu - threadStart.getOrDefault(thread.getThreadId(), 0L),
                        Long::sum);
            }
        }
        threadAllocatedBytes().forEach((id, bytes) -> groupAllocated.merge(group(THREADS.getThreadInfo(id) == null ? "?"
                : THREADS.getThreadInfo(id).getThreadName()), bytes - allocatedStart.getOrDefault(id, 0L), Long::sum));
        return this;
    }

    /**
     * CPU milliseconds per group of live threads (a thread's name with its numbers left out), largest first; what
     * no live thread accounts for (JIT, GC, threads that ended) is "other".
     */
    Map<String, Double> millisByThreadGroup() {
        Map<String, Double> millis = new LinkedHashMap<>();
        long threads = groupNanos.values().stream().mapToLong(Long::longValue).sum();
        groupNanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(group -> millis.put(group.getKey(), group.getValue() / 1e6));
        millis.put("other (JIT, GC, ended threads)", (processNanos - threads) / 1e6);
        return millis;
    }

    /**
     * Bytes allocated per group of live threads, largest first. Unlike CPU time it does not depend on what else the
     * machine runs, so it shows a change in the work per record on a noisy machine.
     */
    Map<String, Long> allocatedByThreadGroup() {
        Map<String, Long> bytes = new LinkedHashMap<>();
        groupAllocated.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(group -> bytes.put(group.getKey(), group.getValue()));
        return bytes;
    }

    private static Map<Long, Long> threadAllocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) THREADS;
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> allocated = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                allocated.put(ids[i], bytes[i]);
            }
        }
        return allocated;
    }

    private static String group(String threadName) {
        return threadName.replaceAll("\\d+", "N");
    }

    private static Map<Long, Long> threadNanos() {
        Map<Long, Long> nanos = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            long cpu = thread == null ? -1 : THREADS.getThreadCpuTime(thread.getThreadId());
            if (cpu >= 0) {
                nanos.put(thread.getThreadId(), cpu);
            }
        }
        return nanos;
    }

    double processMillis() {
        return processNanos / 1e6;
    }

    double sandboxMillis() {
        return sandboxNanos / 1e6;
    }

    /** The process without the sandbox's request threads: the sync, plus JIT and GC for both. */
    double oursMillis() {
        return (processNanos - sandboxNanos) / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Map<Long, Long> sandboxThreadNanos() {
        Map<Long, Long> nanos = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && isSandbox(thread.getThreadName())) {
                long cpu = THREADS.getThreadCpuTime(thread.getThreadId());
                if (cpu >= 0) {
                    nanos.put(thread.getThreadId(), cpu);
                }
            }
        }
        return nanos;
    }

    private static boolean isSandbox(String threadName) {
        for (String prefix : SANDBOX_THREADS) {
            if (threadName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
