package org.zou4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.events.EventInvariants;

/**
 * The event log's start-up invariants ({@link EventInvariants}): a counter behind the log (what a store that lost a
 * committed write leaves) makes writes fail as internal errors, never as the caller's 400 naming {@code seq}, and the
 * start-up check repairs it, as it repairs a missing counter row and a listener position past the counter.
 */
public abstract class EventInvariantContract extends ContractBase {

    private long scalar(String sql) {
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1L;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, Object... args) {
        try (Connection c = storage.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long counter() {
        return scalar("SELECT seq FROM zou4j_event_counter WHERE id = 1");
    }

    private long maxSeq() {
        return scalar("SELECT MAX(seq) FROM api_event");
    }

    @Test
    void aCounterBehindTheLogFailsWritesAsInternalErrorsUntilTheCheckRaisesIt() {
        fx.department();
        long max = maxSeq();
        assertThat(counter()).isEqualTo(max);
        assertThat(EventInvariants.checkAndRepair(storage.dataSource())).as("nothing to repair").isEmpty();

        execute("UPDATE zou4j_event_counter SET seq = ? WHERE id = 1", max - 1);
        ZouException e = failure(() -> fx.department());
        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.body()).doesNotContainKey("fields");
        assertThat(e.body().toString()).doesNotContain("seq");
        assertThat(e.getMessage()).contains("event counter");

        List<String> repairs = EventInvariants.checkAndRepair(storage.dataSource());
        assertThat(repairs).hasSize(1);
        assertThat(repairs.get(0)).contains("behind").contains(Long.toString(max));
        assertThat(counter()).isEqualTo(max);

        fx.department();
        assertThat(counter()).isEqualTo(max + 1).isEqualTo(maxSeq());
        assertThat(EventInvariants.checkAndRepair(storage.dataSource())).isEmpty();
    }

    @Test
    void aMissingCounterRowIsRecreatedAndListenerPositionsPastTheCounterAreLowered() {
        fx.department();
        long max = maxSeq();
        String listener = fx.name("listener");
        execute("DELETE FROM zou4j_event_counter WHERE id = 1");
        execute("INSERT INTO zou4j_event_cursor (name, seq) VALUES (?, ?)", listener, max + 100);
        try {
            List<String> repairs = EventInvariants.checkAndRepair(storage.dataSource());
            assertThat(repairs).hasSize(2);
            assertThat(repairs.get(0)).contains("missing");
            assertThat(repairs.get(1)).contains(listener);
            assertThat(counter()).isEqualTo(max);
            assertThat(scalar("SELECT seq FROM zou4j_event_cursor WHERE name = '" + listener + "'")).isEqualTo(max);

            fx.department();
            assertThat(counter()).isEqualTo(max + 1).isEqualTo(maxSeq());
        } finally {
            execute("DELETE FROM zou4j_event_cursor WHERE name = ?", listener);
        }
    }
}
