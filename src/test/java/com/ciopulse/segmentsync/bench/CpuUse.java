package com.ciopulse.segmentsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

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
    private long processNanos;
    private long sandboxNanos;

    private CpuUse() {
        this.processStart = processCpuNanos();
        this.sandboxStart = sandboxThreadNanos();
    }

    static CpuUse start() {
        return new CpuUse();
    }

    /** Ends the measurement. A sandbox thread that ended meanwhile is not counted (its pool keeps them alive). */
    CpuUse stop() {
        processNanos = processCpuNanos() - processStart;
        sandboxThreadNanos().forEach((id, nanos) -> sandboxNanos += nanos - sandboxStart.getOrDefault(id, 0L));
        return this;
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
