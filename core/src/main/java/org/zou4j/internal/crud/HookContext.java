package org.zou4j.internal.crud;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.zou4j.internal.access.AccessContext;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Tx;

/**
 * What a hook or serializer works with during one operation: the caller, the transaction, the event batch (null for
 * reads), the engine's registry, and a per-operation cache for small lookups (e.g. entity type names).
 */
public final class HookContext {
    private final Caller caller;
    private final Tx tx;
    private final EventLog.Batch events;
    private final CrudService crud;
    private final Clock clock;
    private final Map<String, Object> cache = new HashMap<>();
    private final AccessContext access;

    HookContext(Caller caller, Tx tx, EventLog.Batch events, CrudService crud, Clock clock) {
        this.caller = caller;
        this.tx = tx;
        this.events = events;
        this.crud = crud;
        this.clock = clock;
        this.access = new AccessContext(caller, tx);
    }

    public Caller caller() {
        return caller;
    }

    public Tx tx() {
        return tx;
    }

    /** The permission context of this operation (its lookups are cached for the operation's lifetime). */
    public AccessContext access() {
        return access;
    }

    /** The event batch of this write (null during reads). */
    public EventLog.Batch events() {
        return events;
    }

    public CrudService crud() {
        return crud;
    }

    public ModelRegistry models() {
        return crud.models();
    }

    /** UTC now, truncated to microseconds (what both databases store). */
    public LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Requires the row {@code id} of {@code table} to exist (else Zou's 404) and to be readable by the caller as its
     * own {@code GET /data/<route>/<id>} would judge it (else 403). For services that accept ids from a client outside
     * the generic write path, e.g. a task id in a specialised route's body.
     */
    public void requireReadable(String table, java.util.UUID id) throws java.sql.SQLException {
        ReferenceCheck.requireReadable(this, java.util.List.of(table), id, true);
    }

    /**
     * Checks every reference a write of model {@code m} carries, as the generic create and update do: each id in a
     * reference column of {@code values} (schema foreign keys and the declaration's {@code refersTo}) and each id of a
     * collection ({@code values} maps a relation name to a list of ids) must be readable by the caller; unknown ids
     * pass (the write itself decides about them). {@code current}: the row being updated, whose existing references
     * pass unchecked, or {@code null} for a creation. Throws Zou's 403 on the first unreadable reference.
     */
    public void checkReferences(BoundModel m, Map<String, Object> values, org.zou4j.internal.sql.Row current)
            throws java.sql.SQLException {
        ReferenceCheck.check(this, m, values, current);
    }

    @SuppressWarnings("unchecked")
    public <T> T cached(String key, java.util.function.Supplier<T> loader) {
        return (T) cache.computeIfAbsent(key, k -> loader.get());
    }
}
