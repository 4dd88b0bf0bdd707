package org.selfcare.usage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the database work of an import's chunks on a fixed number of threads, each with its own connection and
 * transaction, with at most one chunk per thread in flight. The submitting thread waits for the oldest chunk when
 * every thread is busy, and rethrows the first failure it finds.
 *
 * <p>Closing waits for the chunks still in flight instead of interrupting them, so a failed or interrupted import
 * keeps every chunk that committed.
 */
final class ChunkWriters implements AutoCloseable {

    private final ExecutorService threads;

    private final int threadCount;

    private final Deque<Future<?>> inFlight = new ArrayDeque<>();

    ChunkWriters(int threadCount, String name) {
        AtomicInteger sequence = new AtomicInteger();
        this.threadCount = threadCount;
        this.threads = Executors.newFixedThreadPool(threadCount, (task) -> {
            Thread thread = new Thread(task, name + "-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts {@code store} once a thread is free.
     *
     * @throws IOException when waiting for a thread was interrupted
     */
    void submit(Runnable store) throws IOException {
        if (inFlight.size() == threadCount) {
            awaitOldest();
        }
        inFlight.add(threads.submit(store));
    }

    /**
     * Waits until every submitted chunk is stored.
     *
     * @throws IOException when waiting was interrupted
     */
    void awaitAll() throws IOException {
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    private void awaitOldest() throws IOException {
        Future<?> oldest = inFlight.remove();
        try {
            oldest.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("Interrupted while storing call records");
            interrupted.initCause(ex);
            throw interrupted;
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (ex.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException("Storing a chunk of call records failed", ex.getCause());
        }
    }

    @Override
    public void close() {
        threads.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (threads.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            }
            catch (InterruptedException ex) {
                // The chunks in flight finish their transactions either way, so the interrupt is only kept for the
                // caller.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
