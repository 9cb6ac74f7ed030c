package org.zou4j.internal.auth.saml;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.ExpiryPurge;
import org.zou4j.internal.sql.Database;

/**
 * SAML state in the database (migration V5), so that any engine over the same storage can finish a login another
 * started: pending AuthnRequest ids (answered once) and the assertions already used (replay protection). Rows are
 * kept only until they would be refused as expired anyway, and purged in passing. Thread-safe.
 */
final class SamlStore {
    private static final String REQUESTS = "zou4j_saml_request";
    private static final String ASSERTIONS = "zou4j_saml_assertion";
    private static final int MAX_KEY = 64;

    private final Clock clock;
    private final ExpiryPurge expiryPurge = new ExpiryPurge();
    private final Database db;

    SamlStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Remembers an AuthnRequest we sent, answerable until {@code expiresAt}. */
    void rememberRequest(String requestId, Instant expiresAt) {
        purgeSometimes();
        update("INSERT INTO " + REQUESTS + " (request_id, expires_at) VALUES (?, ?)", requestId, toDb(expiresAt));
    }

    /** Consumes a pending, unexpired request: true once per request, false for an unknown, used or expired id. */
    boolean consumeRequest(String requestId) {
        if (requestId.length() > MAX_KEY) {
            return false;
        }
        return update("DELETE FROM " + REQUESTS + " WHERE request_id = ? AND expires_at > ?", requestId,
                toDb(clock.instant())) == 1;
    }

    /** Records a used assertion until {@code expiresAt}: false when it was already used (a replay). */
    boolean rememberAssertion(String key, Instant expiresAt) {
        purgeSometimes();
        try {
            update("INSERT INTO " + ASSERTIONS + " (assertion_key, expires_at) VALUES (?, ?)", key, toDb(expiresAt));
            return true;
        } catch (ZouException e) {
            if (e.code() == ErrorCode.DUPLICATE) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes expired rows, at most every ten minutes per engine. */
    private void purgeSometimes() {
        expiryPurge.runIfDue(clock.millis(), this::purgeExpired);
    }

    /** Deletes expired rows now; answers how many went. */
    int purgeExpired() {
        LocalDateTime now = toDb(clock.instant());
        return update("DELETE FROM " + REQUESTS + " WHERE expires_at <= ?", now)
                + update("DELETE FROM " + ASSERTIONS + " WHERE expires_at <= ?", now);
    }

    private static LocalDateTime toDb(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private int update(String sql, Object... params) {
        return db.autoCommitUpdate(sql, params);
    }
}
