package org.zou4j.events;

/**
 * Receives events after their transaction committed, one at a time, in commit order, on a thread of the engine's
 * (never the writer's). A listener that throws is retried with backoff a bounded number of times, then reported
 * (logged, and counted on its {@link Subscription}) and skipped; it can never break or slow a write.
 */
@FunctionalInterface
public interface EventListener {

    /**
     * Handles one event. Keep it reasonably quick: a slow listener delays only its own subscription.
     *
     * @throws Exception to have the event retried (see {@link EventSettings#maxAttempts()})
     */
    void onEvent(Event event) throws Exception;
}
