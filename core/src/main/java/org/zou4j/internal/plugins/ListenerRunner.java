package org.zou4j.internal.plugins;

import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.plugin.ZouEvent;
import org.zou4j.plugin.ZouEventListener;

/**
 * Delivers events to one plugin listener on its own thread, in order, off the thread that committed the change. The
 * queue is bounded: when a listener falls that far behind, further events are dropped for it (and logged) rather than
 * holding the engine's memory or its writers.
 */
final class ListenerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerRunner.class);
    static final int QUEUE_CAPACITY = 10_000;

    private final LoadedPlugin plugin;
    private final ZouEventListener listener;
    private final Set<String> patterns;
    private final ThreadPoolExecutor executor;

    ListenerRunner(LoadedPlugin plugin, ZouEventListener listener, Set<String> patterns) {
        this.plugin = plugin;
        this.listener = listener;
        this.patterns = Set.copyOf(patterns);
        String name = "zou4j-plugin-" + plugin.id + "-" + listener.getClass().getSimpleName();
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    t.setContextClassLoader(plugin.classLoader);
                    return t;
                });
    }

    boolean wants(String eventName) {
        for (String p : patterns) {
            if (p.equals("*") || p.equals(eventName) || (p.endsWith("*")
                    && eventName.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    void submit(ZouEvent event) {
        try {
            executor.execute(() -> deliver(event));
        } catch (RejectedExecutionException e) {
            plugin.failures.incrementAndGet();
            if (!executor.isShutdown()) {
                LOG.warn("Plugin {}: listener {} is {} events behind; event {} {} dropped for it", plugin.id,
                        listener.getClass().getName(), QUEUE_CAPACITY, event.name(), event.id());
            }
        }
    }

    private void deliver(ZouEvent event) {
        try {
            listener.onEvent(event);
        } catch (Throwable t) {
            PluginHost.rethrowFatal(t);
            plugin.failures.incrementAndGet();
            LOG.error("Plugin {}: listener {} failed on event {} {}", plugin.id, listener.getClass().getName(),
                    event.name(), event.id(), t);
        }
    }

    /** Stops taking events, lets the queued ones finish for a bounded time, then interrupts. */
    void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                int dropped = executor.shutdownNow().size();
                LOG.warn("Plugin {}: listener {} did not finish in 5 s; {} queued events dropped", plugin.id,
                        listener.getClass().getName(), dropped);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
