package org.zou4j.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.storage.SqlDialect;
import org.zou4j.internal.sql.DbErrors;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Tx;

/**
 * Writes events to {@code api_event} in the same transaction as the change that caused them, and hands them to the
 * {@link EventSink} only after that transaction commits: no event for a rolled-back change, none lost for a committed
 * one.
 *
 * <p>The rows are written at the very end of the transaction, just before its commit, together with their commit-order
 * sequence numbers ({@link EventSequence}): the counter lock that orders them is held only for those few statements
 * and the commit itself.
 */
public final class EventLog {
    private final ObjectMapper mapper;
    private final Clock clock;
    private final EventSink sink;
    /** The multi-row insert of {@code k} events ({@code k} = 1..{@link #ROWS_PER_INSERT}) per dialect, built once. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, String> insertSql =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Rows per multi-row insert of events (8 binds each: far below PostgreSQL's 32,767 binds per statement). */
    static final int ROWS_PER_INSERT = 100;

    public EventLog(ObjectMapper mapper, Clock clock, EventSink sink) {
        this.mapper = mapper;
        this.clock = clock;
        this.sink = sink;
    }

    /** Events of one transaction; created per write. */
    public final class Batch {
        private final Tx tx;
        private final UUID userId;
        private final List<Map<String, Object>> rows = new ArrayList<>();
        private final List<EventRecord> records = new ArrayList<>();

        private Batch(Tx tx, UUID userId) {
            this.tx = tx;
            this.userId = userId;
        }

        /**
         * Records event {@code name} with {@code data} (JSON values); {@code projectId} may be null. The row is written
         * when the transaction is about to commit; returns the event id.
         */
        public UUID emit(String name, Map<String, Object> data, UUID projectId) throws SQLException {
            Map<String, Object> payload = new LinkedHashMap<>(data);
            if (projectId != null) {
                payload.put("project_id", projectId.toString());
            }
            String lowerName = name.toLowerCase(Locale.ROOT);
            UUID id = UUID.randomUUID();
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MICROS);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("name", lowerName);
            row.put("user_id", userId);
            row.put("project_id", projectId);
            try {
                row.put("data", new RawJson(mapper.writeValueAsString(payload)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event payload is not serializable", e);
            }
            if (rows.isEmpty()) {
                tx.beforeCommit(this::persist);
            }
            rows.add(row);
            records.add(new EventRecord(id, lowerName, Collections.unmodifiableMap(payload), userId, projectId, now,
                    0L));
            return id;
        }

        /**
         * Last work of the transaction: number the events in commit order and write them, up to {@link #ROWS_PER_INSERT}
         * rows per multi-row {@code INSERT} (a comment with a status change emits four events: one statement instead
         * of four), in emission order, so sequence numbers follow the order of {@link #emit}.
         */
        private void persist(Connection c) throws SQLException {
            clearForeignSequences(c);
            tx.markWritten("zou4j_event_counter"); // advanced with the statement below, reported after the commit
            tx.markWritten("api_event");
            int n = rows.size();
            SqlDialect dialect = tx.database().backend().dialect();
            long last = EventSequence.advance(c, dialect, n);
            long first = last - n + 1;
            for (int from = 0; from < n; from += ROWS_PER_INSERT) {
                int count = Math.min(ROWS_PER_INSERT, n - from);
                try (PreparedStatement ps = c.prepareStatement(insertSql(dialect, count))) {
                    int p = 1;
                    for (int i = from; i < from + count; i++) {
                        Map<String, Object> row = rows.get(i);
                        ps.setObject(p++, row.get("id"));
                        ps.setObject(p++, row.get("created_at"));
                        ps.setObject(p++, row.get("updated_at"));
                        ps.setObject(p++, row.get("name"));
                        ps.setObject(p++, row.get("user_id"));
                        ps.setObject(p++, row.get("project_id"));
                        ps.setObject(p++, ((RawJson) row.get("data")).text());
                        ps.setObject(p++, first + i);
                    }
                    ps.executeUpdate();
                } catch (SQLException e) {
                    throw writeError(e, first + from, first + from + count - 1);
                }
            }
            List<EventRecord> sequenced = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                EventRecord r = records.get(i);
                sequenced.add(new EventRecord(r.id(), r.name(), r.data(), r.userId(), r.projectId(), r.createdAt(),
                        first + i));
            }
            List<EventRecord> committed = List.copyOf(sequenced);
            tx.afterCommit(() -> sink.committed(committed));
        }

        /** What a failed event insert means: as any write's failure (Tx), but a taken sequence is the engine's fault. */
        private SQLException writeError(SQLException e, long firstSeq, long lastSeq) {
            if (DbErrors.isRetryable(e)) {
                return e;
            }
            ZouException client = DbErrors.toClientError(e, tx.database().schema().table("api_event"));
            if (client == null) {
                return e;
            }
            if (client.code() == ErrorCode.DUPLICATE) {
                // Not the caller's mistake: the engine numbered the events with sequence numbers already taken, so
                // its counter is behind its log (a store that lost a committed write). An internal error (a logged
                // 500), never a 400 naming an internal column; the start-up check repairs the counter.
                throw ZouException.internal("Event sequence number " + (firstSeq == lastSeq ? firstSeq + " is"
                        : "among " + firstSeq + ".." + lastSeq + " are") + " already taken: the event counter "
                        + "(zou4j_event_counter) is behind the event log; restart the engine to repair it", client);
            }
            throw client;
        }

        /**
         * Rows created through the generic {@code POST /data/events} route are log entries, not events of this engine:
         * a {@code seq} given in such a body must not take a number of the sequence (hidden column, but the generic
         * create writes any column it is given).
         */
        private void clearForeignSequences(Connection c) throws SQLException {
            for (EventRecord r : records) {
                if ("api-event:new".equals(r.name()) && r.data().get("api_event_id") instanceof String id) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE api_event SET seq = NULL WHERE id = ? AND seq IS NOT NULL")) {
                        ps.setObject(1, UUID.fromString(id));
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    /**
     * {@code INSERT INTO api_event (...) VALUES (...), (...)} for {@code count} rows, with the JSON cast of the dialect
     * (what jOOQ renders for a single row: H2 {@code ? FORMAT JSON}, PostgreSQL a cast to {@code jsonb}).
     */
    String insertSql(SqlDialect dialect, int count) {
        return insertSql.computeIfAbsent(dialect == SqlDialect.POSTGRES ? -count : count, k -> {
            String json = dialect == SqlDialect.POSTGRES ? "CAST(? AS jsonb)" : "? FORMAT JSON";
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO api_event (id, created_at, updated_at, name, user_id, project_id, data, seq) VALUES ");
            for (int i = 0; i < count; i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ").append(json).append(", ?)");
            }
            return sql.toString();
        });
    }

    /** Starts the event batch of a transaction made by {@code userId} (null: the engine itself). */
    public Batch begin(Tx tx, UUID userId) {
        return new Batch(tx, userId);
    }
}
