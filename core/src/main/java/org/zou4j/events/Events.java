package org.zou4j.events;

import java.util.List;
import java.util.Map;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouException;

/**
 * An engine's events: listeners ({@link #subscribe}, {@link #subscribeDurable}) and Zou's event-log reads. Obtained
 * from {@code ZouEngine.events()}; thread-safe.
 *
 * <h2>Delivery</h2>
 * Every change writes its events to the event log in the same transaction; a rolled-back change has none. Each
 * committed event gets a {@linkplain Event#sequence() sequence number} in commit order, also across several engine
 * instances sharing a PostgreSQL database. Listeners receive events after the commit, in sequence order, on a thread
 * of their own (never the writer's): each open subscription gets each matching event exactly once. Events committed
 * by other instances over the same database reach local listeners too, within {@link
 * EventSettings#pollInterval()}.
 *
 * <h2>Patterns</h2>
 * An exact name ({@code task:update}), or a pattern where {@code *} stands for any characters: {@code task:*},
 * {@code *:delete}, {@code *} (everything).
 */
public interface Events {

    /**
     * Delivers every matching event committed after this call returns, until the subscription is closed.
     *
     * @throws IllegalArgumentException for an empty pattern
     * @throws ZouException             {@link org.zou4j.ErrorCode#UNAVAILABLE} once the engine is closed
     */
    Subscription subscribe(String pattern, EventListener listener);

    /**
     * Like {@link #subscribe}, but resumes where the listener named {@code listenerName} stopped, across engine
     * restarts: its position is persisted in the database after each event it handles (and when it closes). The first
     * subscription under a name starts with the events committed after it.
     *
     * <p>Guarantees: events handled before a clean stop (subscription or engine closed) are never delivered again, and
     * none is skipped; after a crash, at most the event that was being handled is delivered a second time. One name
     * should be used by one subscription at a time per database (the engine refuses a second one in the same
     * engine).
     *
     * @param listenerName a stable name, 1 to 200 characters
     * @throws IllegalStateException when this engine already has an open subscription with that name
     */
    Subscription subscribeDurable(String listenerName, String pattern, EventListener listener);

    /**
     * Like {@link #subscribe}, but first delivers the matching events committed after sequence {@code after} (e.g. a
     * client resuming from the last event it saw); a position ahead of the log starts at its end.
     */
    Subscription subscribeAfter(long after, String pattern, EventListener listener);

    /** The sequence of the newest committed event (0 when there is none). */
    long lastSequence();

    /**
     * {@code GET /data/events/last}: the newest events first, as a list of {@code {id, created_at, name, user_id,
     * project_id, data}}. Parameters: {@code after}, {@code before}, {@code limit}, {@code cursor_event_id}, {@code
     * only_files}, {@code project_id}, {@code name}, {@code name_prefixes}, {@code name_suffixes}, {@code person_ids}
     * (the last three repeatable). Managers see only the projects they are in the team of.
     *
     * @throws ZouException with Zou's status and body for a wrong parameter (400) or a caller without rights (403)
     */
    List<Map<String, Object>> last(Session caller, Query query);

    /**
     * {@code GET /data/events/names}: the sorted distinct event names (managers and admins).
     *
     * @throws ZouException 403 for other callers
     */
    List<String> names(Session caller);

    /**
     * {@code GET /data/events/login-logs/last}: the newest login logs first, as {@code {id, created_at, ip_address,
     * person_id, origin}}. Parameters: {@code after}, {@code before}, {@code cursor_login_log_id}, {@code limit},
     * {@code person_ids} (repeatable). Admins only.
     *
     * @throws ZouException with Zou's status and body for a wrong parameter (400) or a non-admin caller (403)
     */
    List<Map<String, Object>> lastLoginLogs(Session caller, Query query);
}
