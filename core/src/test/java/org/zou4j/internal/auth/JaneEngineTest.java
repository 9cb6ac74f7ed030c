package org.zou4j.internal.auth;

import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.Session;
import org.zou4j.TwoFactor;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;

/**
 * A second-factor test class whose tests each get a fresh engine on a fresh database, with one user, Jane, signed up
 * with {@link AuthFixture#PASSWORD}; a subclass adds what its engine needs with {@link #configure}.
 */
abstract class JaneEngineTest {
    static final String EMAIL = "jane@studio.example";

    final TestClock clock;
    SharedH2 storage;
    ZouEngine engine;
    TwoFactor tf;
    Entry jane;

    JaneEngineTest(String start) {
        clock = new TestClock(Instant.parse(start));
    }

    /** What this class's engine needs beyond the test defaults. */
    abstract ZouEngine.Builder configure(ZouEngine.Builder builder);

    @BeforeEach
    void start() {
        storage = SharedH2.fresh();
        engine = configure(AuthFixture.engine(storage, clock)).build();
        tf = engine.twoFactor();
        jane = person(engine, EMAIL, PASSWORD, "user");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    /** A session of Jane's, as a password login gives it (enrolment allowed). */
    Session janeSession() {
        return engine.enrolmentSession(engine.login(LoginRequest.of(EMAIL, PASSWORD)).accessToken());
    }

    /** The error {@code r} must throw. */
    static ZouException fails(Runnable r) {
        try {
            r.run();
        } catch (ZouException e) {
            return e;
        }
        throw new AssertionError("expected a ZouException");
    }
}
