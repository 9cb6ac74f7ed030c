package org.zou4j.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class whose tests share one {@link TaskWorld}: on H2, or on PostgreSQL in a subclass whose
 * {@link #postgres()} answers true (skipped when {@code ZOU_TEST_PG_URL} is unset). A subclass's own
 * {@code @BeforeAll} runs after the world is up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TaskWorldTest {
    TaskWorld w;

    boolean postgres() {
        return false;
    }

    @BeforeAll
    void start() {
        w = TaskWorld.start(postgres());
    }

    @AfterAll
    void stop() {
        if (w != null) {
            w.close();
        }
    }
}
