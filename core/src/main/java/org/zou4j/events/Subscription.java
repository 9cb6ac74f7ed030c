package org.zou4j.events;

import java.util.Optional;

/**
 * A listener attached to an engine's events, from {@link Events#subscribe} or {@link Events#subscribeDurable}. Close
 * it to detach; the engine closes every subscription when it closes. Thread-safe.
 */
public interface Subscription extends AutoCloseable {

    /** The event name pattern, e.g. {@code task:*}. */
    String pattern();

    /** The durable listener name, or empty for a subscription that lives only while it is open. */
    Optional<String> durableName();

    /**
     * The sequence of the last event this subscription is done with (delivered, skipped after failures, or passed
     * over as not matching). For a durable subscription this is what is persisted, at the latest when it closes.
     */
    long position();

    /** How many events the listener handled successfully. */
    long deliveredCount();

    /** How many events were skipped because the listener kept failing on them. */
    long failureCount();

    /** The last error that made the subscription skip an event, if any. */
    Optional<Throwable> lastError();

    /** The last event skipped because the listener kept failing on it, if any. */
    Optional<Event> lastFailedEvent();

    /** False once closed (by {@link #close()} or the engine's close). */
    boolean isOpen();

    /**
     * Detaches the listener. An event being handled is allowed to finish (up to {@link EventSettings#closeTimeout()});
     * a durable subscription then persists its position. Idempotent; may be called from the listener itself.
     */
    @Override
    void close();
}
