package org.zou4j.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.zou4j.events.Event;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.sql.Database;

/**
 * The persisted event log as delivery reads it: events by sequence, the committed sequence, and durable listeners'
 * cursors. Plain JDBC with bound parameters on the engine's pool, one short auto-commit statement per call.
 */
final class EventStore {
    static final String COLUMNS = "id, created_at, name, user_id, project_id, data, seq";
    private static final String CURSORS = "zou4j_event_cursor";

    private final Database database;
    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final Clock clock;

    EventStore(Database database, ObjectMapper mapper, Clock clock) {
        this.database = database;
        this.dataSource = database.backend().dataSource();
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Up to {@code limit} events with a sequence above {@code afterSeq}, in sequence order. */
    List<Event> readAfter(long afterSeq, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                     + " FROM api_event WHERE seq > ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                }
            }
            return events;
        }
    }

    /** The sequence of the newest committed event. */
    long committedSequence() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return EventSequence.current(c);
        }
    }

    /** The persisted position of durable listener {@code name}, created at {@code startAt} when it has none. */
    long loadOrCreateCursor(String name, long startAt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Long seq = cursor(c, name);
            if (seq != null) {
                return seq;
            }
            LocalDateTime now = now();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO zou4j_event_cursor (name, seq, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setLong(2, startAt);
                ps.setObject(3, now);
                ps.setObject(4, now);
                ps.executeUpdate();
                database.tablesWritten(CURSORS);
                return startAt;
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) { // created meanwhile by another engine
                    Long again = cursor(c, name);
                    if (again != null) {
                        return again;
                    }
                }
                throw e;
            }
        }
    }

    /** Persists durable listener {@code name}'s position. */
    void saveCursor(String name, long seq) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE zou4j_event_cursor SET seq = ?, updated_at = ? WHERE name = ?")) {
            ps.setLong(1, seq);
            ps.setObject(2, now());
            ps.setString(3, name);
            ps.executeUpdate();
        }
        database.tablesWritten(CURSORS);
    }

    private static Long cursor(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM zou4j_event_cursor WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
    }

    /** An {@link Event} from a row of {@link #COLUMNS}. */
    Event event(ResultSet rs) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        LocalDateTime createdAt = rs.getObject(2, LocalDateTime.class);
        String name = rs.getString(3);
        UUID userId = rs.getObject(4, UUID.class);
        UUID projectId = rs.getObject(5, UUID.class);
        String json = rs.getString(6);
        long seq = rs.getLong(7);
        return new Event(id.toString(), name, parseObject(json), projectId == null ? null : projectId.toString(),
                userId == null ? null : userId.toString(), createdAt == null ? null : JsonForm.timestamp(createdAt),
                seq);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> parseObject(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Object v = mapper.readValue(json, Object.class);
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("value", v);
        } catch (IOException e) {
            throw new IllegalStateException("Stored event data is not JSON", e);
        }
    }
}
