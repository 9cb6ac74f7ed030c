package org.zou4j.internal.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.sql.Database;

/**
 * Second-factor state in the database: the person's factor columns (changed under a row lock, so that concurrent
 * enrolments, removals and recovery-code uses serialise), and the one-time rows of {@code V4__second_factors.sql}
 * (last TOTP step, pending e-mail code, pending FIDO challenges), each consumed by one conditional statement whose
 * row count decides. Nothing is cached: every engine over the same database sees each change at once.
 *
 * <p>Thread-safe.
 */
final class TwoFactorStore {
    static final String TOTP_STEP = "zou4j_totp_last_step";
    static final String EMAIL_OTP = "zou4j_email_otp";
    static final String FIDO_CHALLENGE = "zou4j_fido_challenge";

    private final Database db;
    private final DataSource dataSource;
    private final Clock clock;
    private final ExpiryPurge expiryPurge = new ExpiryPurge();

    TwoFactorStore(Database db, Clock clock) {
        this.db = db;
        this.dataSource = db.backend().dataSource();
        this.clock = clock;
    }

    private LocalDateTime now() {
        return AuthStore.toDb(clock.instant());
    }

    // ---- the person's factor columns -------------------------------------------------------------------------------

    /**
     * The factor columns of a person. JSON columns are kept as their text.
     *
     * @param fidoCredentials JSON array text, or null
     * @param recoveryCodes   JSON array text of bcrypt hashes, or null
     * @param preferred       {@code totp}, {@code email_otp}, {@code fido} or null
     */
    record State(boolean totpEnabled, String totpSecret, boolean emailOtpEnabled, String emailOtpSecret,
                 boolean fidoEnabled, String fidoCredentials, String recoveryCodes, String preferred) {

        boolean anyMethod() {
            return totpEnabled || emailOtpEnabled || fidoEnabled;
        }

        State withTotp(boolean enabled, String secret) {
            return new State(enabled, secret, emailOtpEnabled, emailOtpSecret, fidoEnabled, fidoCredentials,
                    recoveryCodes, preferred);
        }

        State withEmailOtp(boolean enabled, String secret) {
            return new State(totpEnabled, totpSecret, enabled, secret, fidoEnabled, fidoCredentials, recoveryCodes,
                    preferred);
        }

        State withFido(boolean enabled, String credentials) {
            return new State(totpEnabled, totpSecret, emailOtpEnabled, emailOtpSecret, enabled, credentials,
                    recoveryCodes, preferred);
        }

        State withRecoveryCodes(String codes) {
            return new State(totpEnabled, totpSecret, emailOtpEnabled, emailOtpSecret, fidoEnabled, fidoCredentials,
                    codes, preferred);
        }

        State withPreferred(String method) {
            return new State(totpEnabled, totpSecret, emailOtpEnabled, emailOtpSecret, fidoEnabled, fidoCredentials,
                    recoveryCodes, method);
        }

        /** Never shows secrets. */
        @Override
        public String toString() {
            return "State[totp=" + totpEnabled + ", emailOtp=" + emailOtpEnabled + ", fido=" + fidoEnabled
                    + ", preferred=" + preferred + "]";
        }
    }

    /** Work done while the person's row is locked. */
    @FunctionalInterface
    interface LockedWork<T> {
        T run(Locked locked) throws SQLException;
    }

    /** The locked person: its state, and writes in the same transaction. */
    final class Locked {
        private final Connection connection;
        private final UUID personId;
        private final State state;

        private Locked(Connection connection, UUID personId, State state) {
            this.connection = connection;
            this.personId = personId;
            this.state = state;
        }

        State state() {
            return state;
        }

        /** Writes every factor column. */
        void write(State next) throws SQLException {
            String json = jsonParam();
            try (PreparedStatement ps = connection.prepareStatement("UPDATE person SET totp_enabled = ?, "
                    + "totp_secret = ?, email_otp_enabled = ?, email_otp_secret = ?, fido_enabled = ?, "
                    + "fido_credentials = " + json + ", otp_recovery_codes = " + json + ", "
                    + "preferred_two_factor_authentication = ?, updated_at = ? WHERE id = ?")) {
                ps.setBoolean(1, next.totpEnabled());
                ps.setString(2, next.totpSecret());
                ps.setBoolean(3, next.emailOtpEnabled());
                ps.setString(4, next.emailOtpSecret());
                ps.setBoolean(5, next.fidoEnabled());
                ps.setString(6, next.fidoCredentials());
                ps.setString(7, next.recoveryCodes());
                ps.setString(8, next.preferred());
                ps.setObject(9, now());
                ps.setObject(10, personId);
                ps.executeUpdate();
            }
        }

        /** Another statement in the same transaction. */
        int exec(String sql, Object... params) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        }
    }

    /** The person's factor columns now (no lock), or null when the person does not exist. */
    State state(UUID personId) {
        try (Connection c = dataSource.getConnection()) {
            return select(c, personId, false);
        } catch (SQLException e) {
            throw Database.translate(e);
        }
    }

    /**
     * Runs {@code work} in one transaction holding the person's row lock ({@code SELECT ... FOR UPDATE}); committed
     * when it returns, rolled back when it throws.
     *
     * @throws ZouException 401 when the person does not exist (any more)
     */
    <T> T locked(UUID personId, LockedWork<T> work) {
        return transaction(c -> {
            State state = select(c, personId, true);
            if (state == null) {
                throw AuthErrors.notAuthorized();
            }
            return work.run(new Locked(c, personId, state));
        });
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** One transaction: committed when {@code work} returns, rolled back when it throws. */
    private <T> T transaction(ConnectionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                // over-approximated: the tables any of this store's transactions may write (they are rare)
                db.tablesWritten("person", TOTP_STEP, EMAIL_OTP, FIDO_CHALLENGE);
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Database.translate(e);
        }
    }

    private static State select(Connection c, UUID personId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT totp_enabled, totp_secret, email_otp_enabled, "
                + "email_otp_secret, fido_enabled, fido_credentials, otp_recovery_codes, "
                + "preferred_two_factor_authentication FROM person WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new State(rs.getBoolean(1), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getString(8));
            }
        }
    }

    private String jsonParam() {
        return switch (db.backend().dialect()) {
            case H2 -> "? FORMAT JSON";
            case POSTGRES -> "CAST(? AS JSONB)";
        };
    }

    // ---- TOTP steps ------------------------------------------------------------------------------------------------

    /**
     * Records that a TOTP code of {@code step} was accepted, atomically: succeeds only when no code of this step or a
     * later one was accepted before (so each code works once, on any engine).
     */
    boolean claimTotpStep(UUID personId, long step) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (update("UPDATE " + TOTP_STEP + " SET last_step = ? WHERE person_id = ? AND last_step < ?", step,
                    personId, step) == 1) {
                return true;
            }
            try {
                return update("INSERT INTO " + TOTP_STEP + " (person_id, last_step) VALUES (?, ?)", personId,
                        step) == 1;
            } catch (ZouException e) {
                if (e.code() != ErrorCode.DUPLICATE) {
                    throw e;
                }
                // a row exists (a later or equal step, or a concurrent first use): compare again
            }
        }
        return false;
    }

    /** Sets the last accepted step (the code that confirmed a new secret), in the enrolment's transaction. */
    void resetTotpStep(Locked locked, UUID personId, long step) throws SQLException {
        locked.exec("DELETE FROM " + TOTP_STEP + " WHERE person_id = ?", personId);
        locked.exec("INSERT INTO " + TOTP_STEP + " (person_id, last_step) VALUES (?, ?)", personId, step);
    }

    void deleteTotpStep(Locked locked, UUID personId) throws SQLException {
        locked.exec("DELETE FROM " + TOTP_STEP + " WHERE person_id = ?", personId);
    }

    // ---- e-mail codes ----------------------------------------------------------------------------------------------

    /** A pending e-mail code: its HOTP counter and how many wrong codes were tried against it. */
    record PendingEmailOtp(long counter, int failedAttempts) {
    }

    /** Replaces the person's pending e-mail code. */
    void storeEmailOtp(UUID personId, long counter, Duration lifetime) {
        LocalDateTime expires = AuthStore.toDb(clock.instant().plus(lifetime));
        transaction(c -> {
            exec(c, "DELETE FROM " + EMAIL_OTP + " WHERE person_id = ?", personId);
            exec(c, "INSERT INTO " + EMAIL_OTP + " (person_id, counter, failed_attempts, expires_at) "
                    + "VALUES (?, ?, 0, ?)", personId, counter, expires);
            return null;
        });
        purgeSometimes();
    }

    /** The person's pending, unexpired e-mail code with fewer than {@code maxFailures} wrong tries, or null. */
    PendingEmailOtp pendingEmailOtp(UUID personId, int maxFailures) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT counter, "
                + "failed_attempts FROM " + EMAIL_OTP + " WHERE person_id = ? AND expires_at > ? "
                + "AND failed_attempts < ?")) {
            bind(ps, personId, now(), maxFailures);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new PendingEmailOtp(rs.getLong(1), rs.getInt(2)) : null;
            }
        } catch (SQLException e) {
            throw Database.translate(e);
        }
    }

    /** Uses the pending code of this counter: true for exactly one caller, while it is unexpired. */
    boolean consumeEmailOtp(UUID personId, long counter, int maxFailures) {
        return update("DELETE FROM " + EMAIL_OTP + " WHERE person_id = ? AND counter = ? AND expires_at > ? "
                + "AND failed_attempts < ?", personId, counter, now(), maxFailures) == 1;
    }

    /** Counts a wrong code against the pending one. */
    void failEmailOtp(UUID personId, long counter) {
        update("UPDATE " + EMAIL_OTP + " SET failed_attempts = failed_attempts + 1 WHERE person_id = ? "
                + "AND counter = ?", personId, counter);
    }

    void deleteEmailOtp(Locked locked, UUID personId) throws SQLException {
        locked.exec("DELETE FROM " + EMAIL_OTP + " WHERE person_id = ?", personId);
    }

    // ---- FIDO challenges -------------------------------------------------------------------------------------------

    /**
     * Stores a new challenge for a ceremony; only the {@code keep} most recent pending ones of the person and
     * ceremony stay valid.
     */
    void storeChallenge(String challenge, UUID personId, String ceremony, String userVerification,
                        Duration lifetime, int keep) {
        Instant now = clock.instant();
        transaction(c -> {
            exec(c, "INSERT INTO " + FIDO_CHALLENGE + " (challenge, person_id, ceremony, user_verification, "
                    + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", challenge, personId, ceremony,
                    userVerification, AuthStore.toDb(now), AuthStore.toDb(now.plus(lifetime)));
            List<String> stale = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT challenge FROM " + FIDO_CHALLENGE
                    + " WHERE person_id = ? AND ceremony = ? ORDER BY created_at DESC, challenge")) {
                bind(ps, personId, ceremony);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        if (++n > keep) {
                            stale.add(rs.getString(1));
                        }
                    }
                }
            }
            for (String s : stale) {
                exec(c, "DELETE FROM " + FIDO_CHALLENGE + " WHERE challenge = ?", s);
            }
            return null;
        });
        purgeSometimes();
    }

    /**
     * Takes a pending challenge (single use): answers its user-verification requirement when this call removed it
     * and it had not expired, else null.
     */
    String takeChallenge(String challenge, UUID personId, String ceremony) {
        String userVerification = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT user_verification FROM " + FIDO_CHALLENGE + " WHERE challenge = ? AND person_id = ? "
                        + "AND ceremony = ? AND expires_at > ?")) {
            bind(ps, challenge, personId, ceremony, now());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    userVerification = rs.getString(1);
                }
            }
        } catch (SQLException e) {
            throw Database.translate(e);
        }
        int removed = update("DELETE FROM " + FIDO_CHALLENGE + " WHERE challenge = ? AND person_id = ? "
                + "AND ceremony = ?", challenge, personId, ceremony);
        return removed == 1 ? userVerification : null;
    }

    // ---- maintenance -----------------------------------------------------------------------------------------------

    private void purgeSometimes() {
        expiryPurge.runIfDue(clock.millis(), this::purgeExpired);
    }

    /** Deletes expired e-mail codes and challenges; returns how many rows went. */
    int purgeExpired() {
        LocalDateTime now = now();
        return update("DELETE FROM " + EMAIL_OTP + " WHERE expires_at < ?", now)
                + update("DELETE FROM " + FIDO_CHALLENGE + " WHERE expires_at < ?", now);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private int update(String sql, Object... params) {
        return db.autoCommitUpdate(sql, params);
    }
}
