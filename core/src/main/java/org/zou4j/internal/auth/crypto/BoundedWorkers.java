package org.zou4j.internal.auth.crypto;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small fixed pool with a bounded queue for CPU-heavy work (bcrypt). Callers block until their task is done; when
 * the queue is full they are refused at once instead of piling up.
 */
final class BoundedWorkers implements AutoCloseable {

    private final ThreadPoolExecutor executor;
    private final int queueCapacity;
    private final LongAdder tasksRun = new LongAdder();

    BoundedWorkers(String name, int threads, int queueCapacity) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
                    t.setDaemon(true); // never keep a JVM alive for an idle hashing pool
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        // An idle engine holds no hashing threads.
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs the task on a worker and waits for its result.
     *
     * @throws TooManyConcurrentLoginsException when every worker is busy and the queue is full
     * @throws IllegalStateException when closed, or when the waiting thread is interrupted (its flag is kept)
     */
    <T> T call(Callable<T> task) {
        Future<T> future;
        try {
            future = executor.submit(() -> {
                try {
                    return task.call();
                } finally {
                    tasksRun.increment();
                }
            });
        } catch (RejectedExecutionException e) {
            if (executor.isShutdown()) {
                throw new IllegalStateException("The password hasher is closed", e);
            }
            throw new TooManyConcurrentLoginsException(queueCapacity);
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a password check", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Password check failed", cause);
        }
    }

    /** How many tasks have finished running (successfully or not). */
    long tasksRun() {
        return tasksRun.sum();
    }

    /** How many tasks wait for a worker. */
    int queued() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
