package com.ciopulse.segmentsync.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Group commit: writes that callers on many threads hand in are written by one thread, many in one
 * transaction, because a commit (not a row) is what a durable store pays for. A caller gets a future that
 * completes once its write is committed, in the order the writes came in; when a transaction fails, every write
 * in it fails with that error, and none of it is kept.
 *
 * <p>Callers do not wait for each write, so the committer gathers: after the first write of a batch it takes
 * in more for up to {@link #GATHER_NANOS}, unless someone waits for a commit (a {@link #flush}, or
 * {@link Commit#hurry}). Committing whatever waited at once made batches of a few writes: the committer kept up
 * with tiny commits, and each commit costs H2 a rewrite of the B-tree pages it touched, whatever it carries.
 *
 * @param <T> what one write holds
 */
final class GroupCommitter<T> implements AutoCloseable {

    /** Writes a batch into {@code connection}, inside the transaction this class commits. */
    @FunctionalInterface
    interface BatchWrite<T> {
        void write(Connection connection, List<T> batch) throws SQLException;
    }

    // bounds one transaction (its locks and undo log) when very many writes wait at once
    private static final int MAX_BATCH = 1024;
    // how long a state may wait for its commit; a crash then costs a resend of those records, none was acknowledged
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final DataSource dataSource;
    private final BatchWrite<T> batchWrite;
    private final Function<T, String> failureMessage;
    private final BlockingQueue<Waiting<T>> waiting = new LinkedBlockingQueue<>();
    private final Waiting<T> stop = new Waiting<>(null, this);
    private final Thread committer;
    private volatile boolean closed;

    /**
     * @param failureMessage what a write that failed was for, as the message of its caller's {@link StateStoreException}
     */
    GroupCommitter(DataSource dataSource, String threadName, BatchWrite<T> batchWrite,
                   Function<T, String> failureMessage) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.batchWrite = batchWrite;
        this.failureMessage = failureMessage;
        this.committer = new Thread(this::commitWhatWaits, threadName);
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Hands {@code write} to the committer without waiting.
     *
     * @return completes once the write is committed, or exceptionally with a {@link StateStoreException}
     *         when its transaction failed or this committer closed before it
     * @throws StateStoreException when this committer is closed
     */
    Commit submit(T write) {
        Waiting<T> entry = new Waiting<>(Objects.requireNonNull(write, "write"), this);
        enqueue(entry);
        return entry.done;
    }

    /**
     * Completes once every write handed in before is committed or failed (whether they failed, their own
     * futures tell).
     */
    CompletableFuture<Void> flush() {
        Waiting<T> marker = new Waiting<>(null, this);
        enqueue(marker);
        return marker.done;
    }

    /** Ends the gathering of the batch under way: someone waits for its commit. */
    private void hurry() {
        if (!closed) {
            waiting.add(new Waiting<>(null, this));
        }
    }

    private void enqueue(Waiting<T> entry) {
        waiting.add(entry);
        // close() may have drained the queue just before the add: then nobody else will answer this write
        if (closed && waiting.remove(entry)) {
            throw new StateStoreException("the state store is closed", null);
        }
    }

    /** Commits what was handed in before, then stops; a write handed in later fails. */
    @Override
    public void close() {
        closed = true;
        // a marker rather than an interrupt: H2 closes its file when a thread is interrupted inside it
        waiting.add(stop);
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Waiting<T>> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(entry -> entry.done.completeExceptionally(new StateStoreException("the state store is closed", null)));
    }

    private void commitWhatWaits() {
        List<Waiting<T>> batch = new ArrayList<>();
        while (true) {
            try {
                gather(batch);
            } catch (InterruptedException e) {
                // nobody interrupts this thread; should the JVM, close() fails what is left in the queue
                batch.forEach(entry -> entry.done.completeExceptionally(new StateStoreException("the state store is closed", e)));
                return;
            }
            boolean stopping = batch.remove(stop);
            if (!batch.isEmpty()) {
                commitBatch(batch);
            }
            batch.clear();
            if (stopping) {
                return;
            }
        }
    }

    /** Takes the next write, then more until the batch is full, the gathering time is over or someone waits. */
    private void gather(List<Waiting<T>> batch) throws InterruptedException {
        Waiting<T> next = waiting.take();
        long until = System.nanoTime() + GATHER_NANOS;
        while (next != null) {
            batch.add(next);
            if (next.write == null || batch.size() >= MAX_BATCH) {
                return;
            }
            next = waiting.poll();
            if (next == null) {
                next = waiting.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void commitBatch(List<Waiting<T>> batch) {
        List<T> writes = batch.stream().map(entry -> entry.write).filter(Objects::nonNull).toList();
        Throwable failure = null;
        if (writes.isEmpty()) { // only flush markers: everything before them is done
            batch.forEach(entry -> entry.done.complete(null));
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            // the pool (HikariCP) turns autocommit back on when the connection comes back
            connection.setAutoCommit(false);
            try {
                batchWrite.write(connection, writes);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            }
        } catch (SQLException | RuntimeException | Error e) { // whatever it is, no caller may wait forever
            failure = e;
        }
        for (Waiting<T> entry : batch) {
            if (failure == null || entry.write == null) {
                entry.done.complete(null);
            } else {
                entry.done.completeExceptionally(new StateStoreException(failureMessage.apply(entry.write), failure));
            }
        }
    }

    /** Rolls back, keeping the error that made it necessary as the one callers see. */
    private static void rollBack(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static final class Waiting<T> {
        /** null for a marker: a {@link #flush}, a {@link #hurry} or the stop */
        final T write;
        final Commit done;

        Waiting(T write, GroupCommitter<T> committer) {
            this.write = write;
            this.done = new Commit(committer);
        }
    }

    /** The commit of a write. Whoever waits for it should {@link #hurry} first, or wait up to the gathering time. */
    static final class Commit extends CompletableFuture<Void> {
        private final GroupCommitter<?> committer;

        private Commit(GroupCommitter<?> committer) {
            this.committer = committer;
        }

        GroupCommitter<?> committer() {
            return committer;
        }

        /** Asks the committer to commit what it gathered now. */
        void hurry() {
            committer.hurry();
        }
    }
}
