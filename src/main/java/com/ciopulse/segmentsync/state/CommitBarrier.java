package com.ciopulse.segmentsync.state;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The durability barrier of a batch: the records of a batch hand their states to the {@link SegmentStateStore}
 * without waiting and add the commits here; the batch waits once, at its end, for all of them before it answers,
 * so its source acknowledges nothing whose state is not committed. Thread-safe: records add from several threads.
 */
public final class CommitBarrier {

    private int unsettled;
    /** The last commit added per committer, to hurry when the batch waits: states and dead-letter closings. */
    private final Map<GroupCommitter<?>, GroupCommitter.Commit> lastAdded = new IdentityHashMap<>(2);
    private int failures;
    private StateStoreException firstFailure;

    /** Counts {@code commit} in; adding one already settled is fine. */
    public void add(CompletableFuture<Void> commit) {
        synchronized (this) {
            unsettled++;
            if (commit instanceof GroupCommitter.Commit pending) {
                lastAdded.put(pending.committer(), pending);
            }
        }
        commit.whenComplete((ignored, error) -> settled(error));
    }

    /** Whether a commit added so far failed: the batch need read no further record. */
    public synchronized boolean failed() {
        return firstFailure != null;
    }

    /**
     * Returns once every commit added is settled.
     *
     * @throws StateStoreException when one failed (naming the first segment whose state was not stored), or
     *                             when interrupted while waiting
     */
    public void await() {
        synchronized (this) {
            if (unsettled > 0) {
                lastAdded.values().forEach(GroupCommitter.Commit::hurry);
            }
            while (unsettled > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StateStoreException("interrupted while waiting for the state store to commit", e);
                }
            }
            if (firstFailure != null) {
                throw new StateStoreException(failures == 1 ? firstFailure.getMessage()
                        : firstFailure.getMessage() + " (and " + (failures - 1) + " more)", firstFailure);
            }
        }
    }

    /** Waits for one commit: what {@link #await()} does for a barrier of one. */
    public static void await(CompletableFuture<Void> commit) {
        if (commit instanceof GroupCommitter.Commit pending && !pending.isDone()) {
            pending.hurry();
        }
        try {
            commit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException("interrupted while waiting for the state store to commit", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StateStoreException failure ? failure
                    : new StateStoreException("the state store failed to commit", e.getCause());
        }
    }

    private synchronized void settled(Throwable error) {
        unsettled--;
        if (error != null) {
            failures++;
            if (firstFailure == null) {
                firstFailure = error instanceof StateStoreException failure ? failure
                        : new StateStoreException("the state store failed to commit", error);
            }
        }
        if (unsettled == 0) {
            notifyAll();
        }
    }
}
