package org.zou4j.internal.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.zou4j.storage.SqlDialect;

/**
 * The commit-order event sequence: one counter row ({@code zou4j_event_counter}, V3 migration) that every transaction
 * with events increments as its last statement before commit. The increment takes the row's lock, held until the
 * commit, so transactions get their numbers in the order they commit, across every engine sharing the database; being
 * transactional, a rolled-back increment leaves no gap.
 */
final class EventSequence {
    private EventSequence() {
    }

    private static final String PG_ADVANCE =
            "UPDATE zou4j_event_counter SET seq = seq + ? WHERE id = 1 RETURNING seq";
    private static final String H2_ADVANCE =
            "SELECT seq FROM FINAL TABLE (UPDATE zou4j_event_counter SET seq = seq + ? WHERE id = 1)";

    /** Reserves {@code n} numbers inside the caller's transaction; returns the last one. */
    static long advance(Connection c, SqlDialect dialect, int n) throws SQLException {
        String sql = dialect == SqlDialect.POSTGRES ? PG_ADVANCE : H2_ADVANCE;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("zou4j_event_counter has no row 1: the V3 migration did not run completely");
                }
                return rs.getLong(1);
            }
        }
    }

    /** The last committed sequence number (never blocks on writers). */
    static long current(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM zou4j_event_counter WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }
}
