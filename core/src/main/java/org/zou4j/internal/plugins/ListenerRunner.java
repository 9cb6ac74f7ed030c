package org.zou4j.internal.plugins;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.events.Event;
import org.zou4j.events.Events;
import org.zou4j.events.Subscription;
import org.zou4j.plugin.ZouEvent;
import org.zou4j.plugin.ZouEventListener;

/**
 * One plugin listener attached to the engine's events: one subscription, so the listener gets each event it wants once,
 * in commit order, on the subscription's own thread. Its exceptions are the plugin's to retry (the webhook sample does):
 * they are logged and counted here and never handed to the engine's retry, so an event is never delivered twice.
 */
final class ListenerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerRunner.class);

    private final LoadedPlugin plugin;
    private final ZouEventListener listener;
    private final Set<String> patterns;
    private final Subscription subscription;

    ListenerRunner(LoadedPlugin plugin, ZouEventListener listener, Set<String> patterns, Events events) {
        this.plugin = plugin;
        this.listener = listener;
        this.patterns = Set.copyOf(patterns);
        this.subscription = events.subscribe("*", this::deliver);
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

    private void deliver(Event e) {
        if (!wants(e.name())) {
            return;
        }
        Object project = e.projectId() != null ? e.projectId() : e.data().get("project_id");
        ZouEvent event = new ZouEvent(e.id(), e.name(), e.data(), e.userId(),
                project == null ? null : project.toString(), e.createdAt());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin.classLoader);
        try {
            listener.onEvent(event);
        } catch (Throwable t) {
            PluginHost.rethrowFatal(t);
            plugin.failures.incrementAndGet();
            LOG.error("Plugin {}: listener {} failed on event {} {}", plugin.id, listener.getClass().getName(),
                    event.name(), event.id(), t);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Detaches the listener; an event being handled may finish (bounded by the engine's event settings). */
    void close() {
        subscription.close();
    }
}
