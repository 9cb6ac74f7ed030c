package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;
import org.zou4j.storage.SqlDialect;
import org.zou4j.storage.StorageBackend;

/**
 * Two engines over one database (as several stateless instances over a shared PostgreSQL) see each other's lockouts
 * and reset tokens at once, and each other's logouts and deactivations within the token-state window
 * ({@link ZouEngine.Builder#tokenStateMaxAge}, the event poll interval by default): an engine's own at once, another
 * engine's once the window has passed, and at once again with a zero window.
 */
class TwoEnginesTest {
    /** The token-state window of these engines: longer than the default, so "still within it" is observable. */
    private static final java.time.Duration WINDOW = java.time.Duration.ofMillis(400);

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));

    @Test
    void onSharedH2() {
        SharedH2 first = SharedH2.fresh();
        exercise(first, first::another);
    }

    @Test
    void onPostgresWhenConfigured() throws Exception {
        AuthFixture.onPostgresSchema("TwoEnginesTest", this::exercise);
    }

    private void exercise(StorageBackend storageA, Supplier<StorageBackend> storageB) {
        java.util.List<org.zou4j.mail.MailMessage> mails = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ZouEngine a = AuthFixture.engine(storageA, clock).mailSender(mails::add).tokenStateMaxAge(WINDOW).build();
             ZouEngine b = AuthFixture.engine(storageB.get(), clock).mailSender(mails::add).tokenStateMaxAge(WINDOW)
                     .build()) {
            Entry jane = person(a, "jane@studio.example", PASSWORD, "user");

            // a session opened on A works on B; logging out on B ends it on A (A never used it: at once)
            LoginResult login = a.login(LoginRequest.of("jane@studio.example", PASSWORD));
            assertThat(b.session(login.accessToken()).personId()).isEqualTo(jane.id());
            b.logout(login.accessToken());
            assertThat(refused(() -> a.session(login.accessToken())).body()).isEqualTo(Map.of("msg",
                    "Token has been revoked"));
            assertThat(refused(() -> a.refresh(login.refreshToken())).body()).isEqualTo(Map.of("msg",
                    "Token has been revoked"));

            // a session A is using, logged out on B: refused on A once the window has passed, on B at once
            LoginResult used = a.login(LoginRequest.of("jane@studio.example", PASSWORD));
            a.session(used.accessToken());
            b.session(used.accessToken());
            b.logout(used.accessToken());
            assertThat(refused(() -> b.session(used.accessToken())).body()).isEqualTo(Map.of("msg",
                    "Token has been revoked"));
            sleep(WINDOW.toMillis());
            assertThat(refused(() -> a.session(used.accessToken())).body()).isEqualTo(Map.of("msg",
                    "Token has been revoked"));

            // deactivating on B is seen on A within the window; on B itself at once
            LoginResult again = b.login(LoginRequest.of("jane@studio.example", PASSWORD));
            a.session(again.accessToken());
            b.session(again.accessToken());
            b.systemSession().data("persons").update(jane.id(), Map.of("active", false));
            assertThat(refused(() -> b.session(again.accessToken())).httpStatus()).isEqualTo(401);
            sleep(WINDOW.toMillis());
            assertThat(refused(() -> a.session(again.accessToken())).httpStatus()).isEqualTo(401);
            a.systemSession().data("persons").update(jane.id(), Map.of("active", true));

            // an engine's own deactivation ends a session it is using at once
            LoginResult third = a.login(LoginRequest.of("jane@studio.example", PASSWORD));
            a.session(third.accessToken());
            a.systemSession().data("persons").update(jane.id(), Map.of("active", false));
            assertThat(refused(() -> a.session(third.accessToken())).httpStatus()).isEqualTo(401);
            a.systemSession().data("persons").update(jane.id(), Map.of("active", true));

            // failures on both engines count towards one lockout
            for (int i = 0; i < 5; i++) {
                ZouEngine e = i % 2 == 0 ? a : b;
                refused(() -> e.login(LoginRequest.of("jane@studio.example", "wrong")));
            }
            assertThat(refused(() -> a.login(LoginRequest.of("jane@studio.example", PASSWORD))).body())
                    .containsEntry("too_many_failed_login_attemps", true);
            assertThat(refused(() -> b.login(LoginRequest.of("jane@studio.example", PASSWORD))).body())
                    .containsEntry("too_many_failed_login_attemps", true);

            // a recovery code used on A is spent for B
            clock.advance(java.time.Duration.ofMinutes(2));
            String hash;
            try (var h = org.zou4j.internal.auth.crypto.PasswordHasher.builder().cost(4).build()) {
                hash = h.hash("RECOVERY01");
            }
            String json = storageA.dialect() == SqlDialect.H2 ? "? FORMAT JSON" : "CAST(? AS JSONB)";
            AuthFixture.exec(storageA.dataSource(), "UPDATE person SET totp_enabled = TRUE, otp_recovery_codes = "
                    + json + " WHERE id = ?", "[\"" + hash + "\"]", UUID.fromString(jane.id()));
            assertThat(a.login(LoginRequest.of("jane@studio.example", PASSWORD).withRecoveryCode("RECOVERY01"))
                    .succeeded()).isTrue();
            assertThat(refused(() -> b.login(LoginRequest.of("jane@studio.example", PASSWORD)
                    .withRecoveryCode("RECOVERY01"))).body()).containsEntry("wrong_OTP", true);

            // a reset token mailed by A is spent by B, once
            a.requestPasswordReset("jane@studio.example");
            for (int i = 0; i < 200 && mails.isEmpty(); i++) {
                sleep(25);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("token=([A-Z0-9]{64})")
                    .matcher(mails.get(0).text());
            assertThat(m.find()).isTrue();
            String token = m.group(1);
            b.resetPassword("jane@studio.example", token, "a new password", "a new password");
            assertThat(refused(() -> a.resetPassword(token, "another one!", "another one!")).body())
                    .containsEntry("message", "Wrong or expired token.");

            // a bot token re-issued on A is refused on B
            Entry bot = a.systemSession().data("persons").create(Map.of("first_name", "B", "last_name", "Ot",
                    "is_bot", true));
            String old = bot.getString("access_token");
            b.session(old);
            b.systemSession().data("persons").update(bot.id(), Map.of("expiration_date", "2030-01-01"));
            assertThat(refused(() -> a.session(old)).body()).isEqualTo(Map.of("msg", "Token has been revoked"));
        }
    }

    /** With a zero window, no engine remembers a token's state: another engine's logout is refused at once. */
    @Test
    void aZeroWindowRefusesAnotherEnginesLogoutAtOnce() {
        SharedH2 first = SharedH2.fresh();
        try (ZouEngine a = AuthFixture.engine(first, clock).tokenStateMaxAge(java.time.Duration.ZERO).build();
             ZouEngine b = AuthFixture.engine(first.another(), clock).tokenStateMaxAge(java.time.Duration.ZERO)
                     .build()) {
            Entry jane = person(a, "jane@studio.example", PASSWORD, "user");
            LoginResult login = a.login(LoginRequest.of("jane@studio.example", PASSWORD));
            assertThat(a.session(login.accessToken()).personId()).isEqualTo(jane.id());
            b.logout(login.accessToken());
            assertThat(refused(() -> a.session(login.accessToken())).body()).isEqualTo(Map.of("msg",
                    "Token has been revoked"));
            LoginResult again = a.login(LoginRequest.of("jane@studio.example", PASSWORD));
            a.session(again.accessToken());
            b.systemSession().data("persons").update(jane.id(), Map.of("active", false));
            assertThat(refused(() -> a.session(again.accessToken())).httpStatus()).isEqualTo(401);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static ZouException refused(Runnable r) {
        try {
            r.run();
        } catch (ZouException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }
}
