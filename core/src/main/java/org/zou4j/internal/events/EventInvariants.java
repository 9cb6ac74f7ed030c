package org.zou4j.internal.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log's own invariants, checked when an engine starts (after the migrations) and repaired where the repair
 * is safe, each repair logged as a warning:
 * <ul>
 *   <li>the counter row ({@code zou4j_event_counter}, id 1) exists;</li>
 *   <li>the counter is at least the highest sequence number in the log ({@code max(api_event.seq)}): a counter behind
 *       the log would give the next event a number already taken, and every write would fail. It can only happen
 *       when the store lost a committed write (a crash on a store that is not durable, a restored backup of part of
 *       the files); the counter is raised to the log's maximum;</li>
 *   <li>no durable listener's position ({@code zou4j_event_cursor.seq}) is past the counter: such a listener would
 *       silently skip the next events; its position is lowered to the counter, so it sees them.</li>
 * </ul>
 * Every repair is one guarded statement ({@code ... WHERE seq < ...}), so several instances starting together on one
 * PostgreSQL database repair once and never move a counter backwards.
 */
public final class EventInvariants {
    private static final Logger LOG = LoggerFactory.getLogger(EventInvariants.class);

    private EventInvariants() {
    }

    /**
     * Checks the invariants on {@code dataSource} and repairs what is broken.
     *
     * @return one line per repair made (empty when everything held)
     * @throws IllegalStateException when the check itself cannot run (the storage is unusable)
     */
    public static List<String> checkAndRepair(DataSource dataSource) {
        List<String> repairs = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            long maxSeq = maxEventSeq(c);
            if (!counterExists(c)) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO zou4j_event_counter (id, seq) VALUES (1, ?)")) {
                    ps.setLong(1, maxSeq);
                    ps.executeUpdate();
                    repairs.add("the event counter row was missing: created at " + maxSeq
                            + " (the highest event sequence number)");
                } catch (SQLException e) {
                    if (!counterExists(c)) { // else another instance created it meanwhile
                        throw e;
                    }
                }
            }
            long counter = counter(c);
            if (counter < maxSeq) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE zou4j_event_counter SET seq = ? WHERE id = 1 AND seq < ?")) {
                    ps.setLong(1, maxSeq);
                    ps.setLong(2, maxSeq);
                    if (ps.executeUpdate() > 0) {
                        repairs.add("the event counter was " + counter + ", behind the event log (highest sequence "
                                + "number " + maxSeq + "): raised to " + maxSeq
                                + "; the store lost a committed write before this start");
                    }
                }
                counter = counter(c);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, seq FROM zou4j_event_cursor WHERE seq > ? ORDER BY name")) {
                ps.setLong(1, counter);
                List<String> ahead = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ahead.add(rs.getString(1) + " at " + rs.getLong(2));
                    }
                }
                if (!ahead.isEmpty()) {
                    try (PreparedStatement up = c.prepareStatement(
                            "UPDATE zou4j_event_cursor SET seq = ? WHERE seq > ?")) {
                        up.setLong(1, counter);
                        up.setLong(2, counter);
                        up.executeUpdate();
                    }
                    repairs.add("durable event listener position(s) past the event counter (" + counter + "): "
                            + String.join(", ", ahead) + "; lowered to " + counter
                            + " so the listeners see the next events");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check the event log's invariants: " + e.getMessage(), e);
        }
        for (String r : repairs) {
            LOG.warn("Start-up check repaired the storage: {}", r);
        }
        return repairs;
    }

    private static long maxEventSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM api_event");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    private static boolean counterExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM zou4j_event_counter WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static long counter(Connection c) throws SQLException {
        return EventSequence.current(c);
    }
}
