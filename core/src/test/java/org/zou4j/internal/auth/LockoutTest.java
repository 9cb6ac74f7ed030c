package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;

/** Zou's failed-login lockout: 5 failures lock the account for 60 s from the last one, checked before the password. */
class LockoutTest {
    private static final Map<String, Object> LOCKED = Map.of("error", true, "login", false,
            "too_many_failed_login_attemps", true);
    private static final Map<String, Object> FAILED = Map.of("login", false);

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    private SharedH2 storage;
    private ZouEngine engine;
    private Entry jane;

    @BeforeEach
    void start() {
        storage = SharedH2.fresh();
        engine = AuthFixture.engine(storage, clock).build();
        jane = person(engine, "jane@studio.example", PASSWORD, "user");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Map<String, Object> attempt(String password) {
        try {
            engine.login(LoginRequest.of("jane@studio.example", password));
            return Map.of("login", true);
        } catch (ZouException e) {
            return e.body();
        }
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            assertThat(attempt("wrong")).isEqualTo(FAILED);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(attempt(PASSWORD)).isEqualTo(LOCKED);
        ZouException e = lockedException();
        assertThat(e.httpStatus()).isEqualTo(400);
        // requests during the lock do not extend it: 60 s after the last failure (4 s ago) it opens
        clock.advance(Duration.ofSeconds(58)); // 59 s since the last failure
        assertThat(attempt(PASSWORD)).isEqualTo(LOCKED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(attempt(PASSWORD)).isEqualTo(Map.of("login", true));
    }

    private ZouException lockedException() {
        try {
            engine.login(LoginRequest.of("jane@studio.example", PASSWORD));
            throw new AssertionError("not locked");
        } catch (ZouException e) {
            return e;
        }
    }

    @Test
    void anElapsedWindowRestartsTheCountInsteadOfRearming() {
        for (int i = 0; i < 5; i++) {
            attempt("wrong");
        }
        clock.advance(Duration.ofSeconds(61));
        assertThat(attempt("wrong")).isEqualTo(FAILED); // one new failure does not re-lock
        assertThat(attempt(PASSWORD)).isEqualTo(Map.of("login", true));
        assertThat(count()).isZero();
    }

    @Test
    void aSuccessResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            attempt("wrong");
        }
        assertThat(attempt(PASSWORD)).isEqualTo(Map.of("login", true));
        for (int i = 0; i < 4; i++) {
            assertThat(attempt("wrong")).isEqualTo(FAILED);
        }
        assertThat(attempt(PASSWORD)).isEqualTo(Map.of("login", true));
    }

    @Test
    void aCountAtTheCeilingWithoutADateReopens() {
        AuthFixture.exec(storage.dataSource(), "UPDATE person SET login_failed_attemps = 7, last_login_failed = NULL");
        assertThat(attempt(PASSWORD)).isEqualTo(Map.of("login", true));
    }

    @Test
    void aParallelBurstGetsNoMoreThanFivePasswordChecks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Map<String, Object>>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                results.add(pool.submit((Callable<Map<String, Object>>) () -> attempt("guess")));
            }
            int failed = 0;
            int locked = 0;
            for (Future<Map<String, Object>> f : results) {
                Map<String, Object> b = f.get();
                if (b.equals(FAILED)) {
                    failed++;
                } else if (b.equals(LOCKED)) {
                    locked++;
                }
            }
            assertThat(failed).isEqualTo(5);
            assertThat(locked).isEqualTo(19);
            assertThat(count()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void changePasswordHonoursTheLockAndAWrongOldPasswordCounts() {
        Session s = engine.session(engine.login(LoginRequest.of("jane@studio.example", PASSWORD)).accessToken());
        for (int i = 0; i < 5; i++) {
            ZouException e = changeFails(s, "wrong");
            assertThat(e.body()).isEqualTo(Map.of("error", true, "message", "Old password is wrong."));
        }
        ZouException locked = changeFails(s, PASSWORD);
        assertThat(locked.httpStatus()).isEqualTo(400);
        assertThat(locked.body()).isEqualTo(Map.of("error", true, "message", "Too many failed login attempts.",
                "too_many_failed_login_attemps", true));
        assertThat(attempt(PASSWORD)).isEqualTo(LOCKED);
    }

    @Test
    void lockoutSettingsAreConfigurable() {
        try (ZouEngine strict = AuthFixture.engine(storage.another(), clock)
                .loginLockout(2, Duration.ofMinutes(10)).build()) {
            for (int i = 0; i < 2; i++) {
                attemptOn(strict, "wrong");
            }
            assertThat(attemptOn(strict, PASSWORD)).isEqualTo(LOCKED);
            clock.advance(Duration.ofMinutes(9));
            assertThat(attemptOn(strict, PASSWORD)).isEqualTo(LOCKED);
            clock.advance(Duration.ofMinutes(1));
            assertThat(attemptOn(strict, PASSWORD)).isEqualTo(Map.of("login", true));
        }
    }

    private static Map<String, Object> attemptOn(ZouEngine e, String password) {
        try {
            e.login(LoginRequest.of("jane@studio.example", password));
            return Map.of("login", true);
        } catch (ZouException ex) {
            return ex.body();
        }
    }

    private ZouException changeFails(Session s, String old) {
        try {
            engine.changePassword(s, old, "new password 1", "new password 1");
            throw new AssertionError("changed");
        } catch (ZouException e) {
            return e;
        }
    }

    private int count() {
        return ((Number) AuthFixture.query(storage.dataSource(), "SELECT login_failed_attemps FROM person WHERE id = ?",
                java.util.UUID.fromString(jane.id())).get(0).get("login_failed_attemps")).intValue();
    }
}
