package org.zou4j.internal.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Authentication state in the database: person lookups, the failed-login counters (updated with atomic SQL so that
 * concurrent attempts, on one engine or several, are all counted), revoked token ids, one-time password-reset tokens
 * and login logs. Nothing is cached: every engine over the same database sees every change at once.
 *
 * <p>Thread-safe.
 */
final class AuthStore {
    static final String REVOKED = "zou4j_revoked_token";
    static final String RESET = "zou4j_password_reset_token";

    private final Database db;
    private final Clock clock;
    private final ExpiryPurge expiryPurge = new ExpiryPurge();
    private final Runnable revoked;

    /** @param revoked told after a token id was revoked (revocations are raw statements, not typed writes) */
    AuthStore(Database db, Clock clock, Runnable revoked) {
        this.db = db;
        this.clock = clock;
        this.revoked = revoked;
    }

    Database database() {
        return db;
    }

    /** UTC now as stored (microseconds). */
    LocalDateTime now() {
        return toDb(clock.instant());
    }

    static LocalDateTime toDb(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    // ---- persons ---------------------------------------------------------------------------------------------------

    /**
     * The non-bot person who logs in with {@code login}: by e-mail (case-insensitive; e-mails are stored lower-case),
     * else by desktop login. An empty login matches nobody.
     */
    Row personByLogin(String login) {
        if (login == null || login.isEmpty()) {
            return null;
        }
        return db.read(tx -> {
            Row p = first(tx.select("person", List.of(Filter.eq("email", login.toLowerCase(Locale.ROOT)),
                    Filter.eq("is_bot", false)), List.of(Tx.Order.asc("created_at")), 1, 0));
            if (p == null) {
                p = first(tx.select("person", List.of(Filter.eq("desktop_login", login), Filter.eq("is_bot", false)),
                        List.of(Tx.Order.asc("created_at")), 1, 0));
            }
            return p;
        });
    }

    /** The non-bot person with e-mail {@code email} (case-insensitive), or null. */
    Row personByEmail(String email) {
        if (email == null || email.isEmpty()) {
            return null;
        }
        return db.read(tx -> first(tx.select("person", List.of(Filter.eq("email", email.toLowerCase(Locale.ROOT)),
                Filter.eq("is_bot", false)), List.of(Tx.Order.asc("created_at")), 1, 0)));
    }

    Row personById(UUID id) {
        return db.read(tx -> tx.byId("person", id));
    }

    static Set<UUID> departments(Tx tx, UUID personId) throws SQLException {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Object o : tx.column("department_link", "department_id", List.of(Filter.eq("person_id", personId)))) {
            ids.add((UUID) o);
        }
        return ids;
    }

    /**
     * What verifying a token needs, read in one query: the person, their departments and whether the token id is
     * revoked (the three used to be three statements per request).
     *
     * @param person      the person, or {@code null} when there is none
     * @param departments their department ids
     * @param revoked     whether {@code jti} is revoked
     */
    record TokenState(Row person, Set<UUID> departments, boolean revoked) {
    }

    /** The person {@code personId} (may be null) with their departments, and whether {@code jti} is revoked. */
    static TokenState tokenState(Tx tx, UUID personId, String jti) throws SQLException {
        if (personId == null) {
            return new TokenState(null, Set.of(), isRevoked(tx, jti));
        }
        String sql = tokenStateSql(tx);
        TokenState state = tx.query(sql, List.of(jti, personId), rs -> {
            Row person = null;
            boolean revoked = false;
            Set<UUID> departments = new LinkedHashSet<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if (person == null) {
                    person = tx.readRow("person", rs);
                    revoked = rs.getObject(n) != null;
                }
                UUID department = rs.getObject(n - 1, UUID.class);
                if (department != null) {
                    departments.add(department);
                }
            }
            return person == null ? null : new TokenState(person, departments, revoked);
        });
        // no such person: the revocation still answers first (the rare path takes a second statement)
        return state != null ? state : new TokenState(null, Set.of(), isRevoked(tx, jti));
    }

    private static String tokenStateSql(Tx tx) {
        return "SELECT " + tx.selectList("person", "p") + ", d.department_id, r.jti FROM person p"
                + " LEFT JOIN department_link d ON d.person_id = p.id"
                + " LEFT JOIN " + REVOKED + " r ON r.jti = ?"
                + " WHERE p.id = ?";
    }

    /** Stores a new password hash. */
    void setPassword(UUID personId, String hash) {
        db.inTransaction(tx -> tx.updateById("person", personId, Map.of("password", hash, "updated_at", now())));
    }

    /** Replaces the person's API token id (only the latest bot/personal token is valid). */
    void setJti(UUID personId, String jti) {
        db.inTransaction(tx -> tx.updateById("person", personId, Map.of("jti", jti)));
    }

    // ---- failed-login counter --------------------------------------------------------------------------------------

    /**
     * Takes one login attempt from the account's budget before the password is checked, atomically: counts it as a
     * failure now ({@code login_failed_attemps + 1}, {@code last_login_failed = now}) unless the account is locked.
     * The account is locked when it reached {@code max} failures and the last one is less than {@code window} ago;
     * once the window has passed the count restarts (Zou's rule). Because the attempt is counted before the
     * (slow) password check, a burst of parallel guesses cannot get more than {@code max} checks through.
     *
     * @return false when the account is locked (nothing changed)
     */
    boolean reserveAttempt(UUID personId, int max, Duration window) {
        LocalDateTime now = now();
        LocalDateTime cutoff = toDb(clock.instant().minus(window));
        int n = update("UPDATE person SET login_failed_attemps = CASE WHEN COALESCE(login_failed_attemps, 0) >= ? "
                        + "THEN 1 ELSE COALESCE(login_failed_attemps, 0) + 1 END, last_login_failed = ? "
                        + "WHERE id = ? AND (COALESCE(login_failed_attemps, 0) < ? OR last_login_failed IS NULL "
                        + "OR last_login_failed <= ?)",
                max, now, personId, max, cutoff);
        return n == 1;
    }

    /** Whether the account is locked now (without taking an attempt). */
    boolean isLocked(Row person, int max, Duration window) {
        Object count = person.get("login_failed_attemps");
        Object last = person.get("last_login_failed");
        return count instanceof Integer c && c >= max && last instanceof LocalDateTime t
                && t.isAfter(toDb(clock.instant().minus(window)));
    }

    /** A successful login: the counter restarts at zero. */
    void clearFailures(UUID personId) {
        update("UPDATE person SET login_failed_attemps = 0 WHERE id = ? AND login_failed_attemps <> 0", personId);
    }

    /** Gives back a reserved attempt that turned out not to be a failure (e.g. a missing second factor). */
    void releaseAttempt(UUID personId) {
        update("UPDATE person SET login_failed_attemps = CASE WHEN COALESCE(login_failed_attemps, 0) > 0 "
                + "THEN login_failed_attemps - 1 ELSE 0 END WHERE id = ?", personId);
    }

    // ---- revoked tokens --------------------------------------------------------------------------------------------

    static boolean isRevoked(Tx tx, String jti) throws SQLException {
        return tx.exists(REVOKED, List.of(Filter.eq("jti", jti)));
    }

    /** Revokes a token id until {@code expiresAt} (after which the token is refused as expired anyway). */
    void revoke(String jti, Instant expiresAt) {
        if (jti == null || jti.length() > 64) {
            return;
        }
        try {
            update("INSERT INTO " + REVOKED + " (jti, expires_at) VALUES (?, ?)", jti, toDb(expiresAt));
        } catch (ZouException e) {
            if (e.code() != org.zou4j.ErrorCode.DUPLICATE) {
                throw e;
            }
            // already revoked: keep the later expiry
            update("UPDATE " + REVOKED + " SET expires_at = ? WHERE jti = ? AND expires_at < ?", toDb(expiresAt), jti,
                    toDb(expiresAt));
        } finally {
            revoked.run();
        }
        purgeSometimes();
    }

    // ---- password-reset tokens -------------------------------------------------------------------------------------

    /** Stores a reset token's hash for a person, replacing any pending one (Zou keeps one per e-mail). */
    void storeResetToken(UUID personId, String tokenHash, Duration lifetime) {
        Instant now = clock.instant();
        db.inTransaction(tx -> {
            tx.delete(RESET, List.of(Filter.eq("person_id", personId)));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("token_hash", tokenHash);
            row.put("person_id", personId);
            row.put("created_at", toDb(now));
            row.put("expires_at", toDb(now.plus(lifetime)));
            tx.insert(RESET, row);
            return null;
        });
        purgeSometimes();
    }

    /** The pending, unexpired reset token with this hash, or null. */
    Row resetToken(String tokenHash) {
        LocalDateTime now = now();
        return db.read(tx -> {
            Row r = first(tx.select(RESET, List.of(Filter.eq("token_hash", tokenHash))));
            return r == null || !((LocalDateTime) r.get("expires_at")).isAfter(now) ? null : r;
        });
    }

    /**
     * Consumes a reset token and sets the new password hash in one transaction.
     *
     * @return false when the token was already used or has expired meanwhile (nothing changed)
     */
    boolean consumeResetToken(String tokenHash, UUID personId, String passwordHash) {
        LocalDateTime now = now();
        return db.inTransaction(tx -> {
            Row r = first(tx.select(RESET, List.of(Filter.eq("token_hash", tokenHash),
                    Filter.eq("person_id", personId))));
            if (r == null || !((LocalDateTime) r.get("expires_at")).isAfter(now)) {
                return false;
            }
            if (tx.delete(RESET, List.of(Filter.eq("token_hash", tokenHash))) != 1) {
                return false;
            }
            tx.updateById("person", personId, Map.of("password", passwordHash, "updated_at", now));
            return true;
        });
    }

    // ---- login logs ------------------------------------------------------------------------------------------------

    void insertLoginLog(UUID personId, String ipAddress, String origin) {
        LocalDateTime now = now();
        db.inTransaction(tx -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", UUID.randomUUID());
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("person_id", personId);
            row.put("ip_address", cleanIp(ipAddress));
            row.put("origin", origin);
            tx.insert("login_log", row);
            return null;
        });
    }

    /** An IPv4/IPv6 literal as given, or null for anything else (a header can hold anything). */
    static String cleanIp(String ip) {
        if (ip == null) {
            return null;
        }
        String s = ip.trim();
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.'
                    || c == ':';
            if (!ok) {
                return null;
            }
        }
        return s;
    }

    // ---- maintenance -----------------------------------------------------------------------------------------------

    /** Deletes expired revocations and reset tokens, at most every ten minutes per engine. */
    private void purgeSometimes() {
        expiryPurge.runIfDue(clock.millis(), this::purgeExpired);
    }

    /** Deletes expired revocations and reset tokens now; returns how many rows went. */
    int purgeExpired() {
        LocalDateTime now = now();
        return update("DELETE FROM " + REVOKED + " WHERE expires_at < ?", now)
                + update("DELETE FROM " + RESET + " WHERE expires_at < ?", now);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static Row first(List<Row> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    private int update(String sql, Object... params) {
        return db.autoCommitUpdate(sql, params);
    }
}
