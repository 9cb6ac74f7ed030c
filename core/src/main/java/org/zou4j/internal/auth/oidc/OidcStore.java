package org.zou4j.internal.auth.oidc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.zou4j.internal.auth.ExpiryPurge;
import org.zou4j.internal.sql.Database;

/**
 * Pending OIDC logins in the database (migration V70), so that any engine over the same storage can finish a login
 * another started. A row is consumed by its callback, once; expired rows are refused and purged in passing.
 */
final class OidcStore {
    private static final String TABLE = "zou4j_oidc_request";
    private static final int MAX_STATE = 64;

    /** A pending login. */
    record Pending(String nonce, String codeVerifier) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final ExpiryPurge expiryPurge = new ExpiryPurge();
    private final Database db;

    OidcStore(Database db, Clock clock) {
        this.db = db;
        this.dataSource = db.backend().dataSource();
        this.clock = clock;
    }

    void remember(String state, String nonce, String codeVerifier, Instant expiresAt) {
        purgeSometimes();
        update("INSERT INTO " + TABLE + " (state, nonce, code_verifier, expires_at) VALUES (?, ?, ?, ?)", state, nonce,
                codeVerifier, toDb(expiresAt));
    }

    /** Consumes the unexpired login started with {@code state}: its secrets once, else null. */
    Pending consume(String state) {
        if (state == null || state.isEmpty() || state.length() > MAX_STATE) {
            return null;
        }
        try (Connection c = dataSource.getConnection()) {
            Pending pending = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT nonce, code_verifier FROM " + TABLE
                    + " WHERE state = ? AND expires_at > ?")) {
                ps.setString(1, state);
                ps.setObject(2, toDb(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        pending = new Pending(rs.getString(1), rs.getString(2));
                    }
                }
            }
            if (pending == null) {
                return null;
            }
            // the delete decides: of two callbacks racing with one state, one wins
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE state = ?")) {
                ps.setString(1, state);
                if (ps.executeUpdate() != 1) {
                    return null;
                }
                db.tablesWritten(TABLE);
                return pending;
            }
        } catch (SQLException e) {
            throw Database.translate(e);
        }
    }

    private void purgeSometimes() {
        expiryPurge.runIfDue(clock.millis(), this::purgeExpired);
    }

    int purgeExpired() {
        return update("DELETE FROM " + TABLE + " WHERE expires_at <= ?", toDb(clock.instant()));
    }

    private static LocalDateTime toDb(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private int update(String sql, Object... params) {
        return db.autoCommitUpdate(sql, params);
    }
}
