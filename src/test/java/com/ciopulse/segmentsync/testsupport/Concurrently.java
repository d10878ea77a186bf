package com.ciopulse.segmentsync.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task on several threads released at the same moment, to provoke races. */
public final class Concurrently {

    /** A task that knows which thread (0 to n-1) runs it. */
    @FunctionalInterface
    public interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    private Concurrently() {
    }

    /** What each of {@code threads} runs of {@code task} returned, in thread order; rethrows the first failure. */
    public static <T> List<T> runAtOnce(int threads, ThreadTask<T> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.run(thread);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
