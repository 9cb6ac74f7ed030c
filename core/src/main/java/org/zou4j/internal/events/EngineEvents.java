package org.zou4j.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.events.EventListener;
import org.zou4j.events.EventSettings;
import org.zou4j.events.Events;
import org.zou4j.events.Subscription;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.sql.Database;

/**
 * The engine's {@link Events}: the delivery hub, the event-log queries, and the sink the {@link EventLog} reports
 * commits to. One per engine. The query methods also exist with an engine {@link Caller}, for engine-internal callers
 * (the HTTP layer, tests).
 */
public final class EngineEvents implements Events, EventSink, AutoCloseable {
    private final EventHub hub;
    private final EventQueries queries;
    private final Function<Session, Caller> callers;
    private final Runnable ensureOpen;

    /**
     * @param callers    the caller behind a session of this engine
     * @param ensureOpen throws when the engine is closed
     */
    public EngineEvents(Database database, ObjectMapper mapper, Clock clock, EventSettings settings,
                        Function<Session, Caller> callers, Runnable ensureOpen) {
        this.hub = new EventHub(new EventStore(database, mapper, clock), settings);
        this.queries = new EventQueries(database, new JsonForm(mapper));
        this.callers = callers;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public void committed(List<EventRecord> events) {
        queries.noted(events);
        hub.committed();
    }

    @Override
    public Subscription subscribe(String pattern, EventListener listener) {
        ensureOpen.run();
        return hub.subscribe(pattern, listener, null, -1);
    }

    @Override
    public Subscription subscribeAfter(long after, String pattern, EventListener listener) {
        ensureOpen.run();
        return hub.subscribe(pattern, listener, null, Math.max(0, after));
    }

    @Override
    public Subscription subscribeDurable(String listenerName, String pattern, EventListener listener) {
        ensureOpen.run();
        return hub.subscribe(pattern, listener, java.util.Objects.requireNonNull(listenerName, "listenerName"), -1);
    }

    @Override
    public long lastSequence() {
        ensureOpen.run();
        try {
            return hub.store().committedSequence();
        } catch (SQLException e) {
            throw Database.translate(e);
        }
    }

    @Override
    public List<Map<String, Object>> last(Session caller, Query query) {
        return last(callers.apply(caller), query);
    }

    @Override
    public List<String> names(Session caller) {
        return names(callers.apply(caller));
    }

    @Override
    public List<Map<String, Object>> lastLoginLogs(Session caller, Query query) {
        return lastLoginLogs(callers.apply(caller), query);
    }

    /** {@link #last(Session, Query)} for an engine caller. */
    public List<Map<String, Object>> last(Caller caller, Query query) {
        ensureOpen.run();
        return queries.last(caller, query == null ? Query.all() : query);
    }

    /** {@link #names(Session)} for an engine caller. */
    public List<String> names(Caller caller) {
        ensureOpen.run();
        return queries.names(caller);
    }

    /** {@link #lastLoginLogs(Session, Query)} for an engine caller. */
    public List<Map<String, Object>> lastLoginLogs(Caller caller, Query query) {
        ensureOpen.run();
        return queries.lastLoginLogs(caller, query == null ? Query.all() : query);
    }

    /** Stops delivery: the poller and every subscription (durable ones persist their position). */
    @Override
    public void close() {
        hub.close();
    }
}
