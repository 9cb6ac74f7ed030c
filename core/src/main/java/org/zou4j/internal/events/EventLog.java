package org.zou4j.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Tx;

/**
 * Writes events to {@code api_event} in the same transaction as the change that caused them, and hands them to the
 * {@link EventSink} only after that transaction commits: no event for a rolled-back change, none lost for a committed
 * one.
 */
public final class EventLog {
    private final ObjectMapper mapper;
    private final Clock clock;
    private final EventSink sink;

    public EventLog(ObjectMapper mapper, Clock clock, EventSink sink) {
        this.mapper = mapper;
        this.clock = clock;
        this.sink = sink;
    }

    /** Events of one transaction; created per write. */
    public final class Batch {
        private final Tx tx;
        private final UUID userId;
        private final List<EventRecord> records = new ArrayList<>();

        private Batch(Tx tx, UUID userId) {
            this.tx = tx;
            this.userId = userId;
            tx.afterCommit(() -> {
                if (!records.isEmpty()) {
                    sink.committed(List.copyOf(records));
                }
            });
        }

        /** Persists event {@code name} with {@code data} (JSON values); {@code projectId} may be null. */
        public void emit(String name, Map<String, Object> data, UUID projectId) throws SQLException {
            Map<String, Object> payload = new LinkedHashMap<>(data);
            if (projectId != null) {
                payload.put("project_id", projectId.toString());
            }
            UUID id = UUID.randomUUID();
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("name", name.toLowerCase(Locale.ROOT));
            row.put("user_id", userId);
            row.put("project_id", projectId);
            try {
                row.put("data", new RawJson(mapper.writeValueAsString(payload)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event payload is not serializable", e);
            }
            tx.insert("api_event", row);
            payload.put("id", id.toString());
            records.add(new EventRecord(id, name.toLowerCase(Locale.ROOT), payload, userId, projectId, now));
        }
    }

    /** Starts the event batch of a transaction made by {@code userId} (null: the engine itself). */
    public Batch begin(Tx tx, UUID userId) {
        return new Batch(tx, userId);
    }
}
