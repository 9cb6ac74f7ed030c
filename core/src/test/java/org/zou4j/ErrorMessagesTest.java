package org.zou4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.testing.TestStorage;

/**
 * Error messages quote client input cut to {@value ZouException#ECHO_LIMIT} characters, and in-process messages of
 * unique violations name the model and the fields while the HTTP body stays Zou's.
 */
class ErrorMessagesTest {
    private static ZouEngine engine;
    private static Session admin;
    private static final String HUGE = "x".repeat(7000);

    @BeforeAll
    static void start() {
        engine = ZouEngine.builder().storage(new TestStorage()).secretKey("0123456789abcdef0123456789abcdef").build();
        admin = engine.systemSession();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static ZouException failure(Runnable r) {
        try {
            r.run();
        } catch (ZouException e) {
            return e;
        }
        throw new AssertionError("expected a ZouException");
    }

    private static void cut(ZouException e) {
        assertThat(e.getMessage()).hasSizeLessThan(400).contains("x".repeat(ZouException.ECHO_LIMIT) + "\u2026")
                .doesNotContain("x".repeat(ZouException.ECHO_LIMIT + 1));
        assertThat(String.valueOf(e.body())).hasSizeLessThan(500);
    }

    @Test
    void echoCutsLongValuesOnly() {
        assertThat(ZouException.echo("short")).isEqualTo("short");
        assertThat(ZouException.echo("y".repeat(100))).isEqualTo("y".repeat(100));
        assertThat(ZouException.echo("y".repeat(101))).isEqualTo("y".repeat(100) + "\u2026");
        assertThat(ZouException.echo(null)).isEqualTo("null");
    }

    @Test
    void hugeInputsAreNotEchoedWhole() {
        Map<String, Object> unknownKey = new LinkedHashMap<>();
        unknownKey.put("name", "Layout");
        unknownKey.put("color", "#000000");
        unknownKey.put(HUGE, 1);
        cut(failure(() -> admin.data("departments").create(unknownKey)));
        cut(failure(() -> admin.data("persons").create(Map.of("first_name", "A", "last_name", "B", "email", "huge@example.com",
                "position", HUGE.substring(0, 200)))));
        cut(failure(() -> admin.data("departments").list(Query.where(Map.of("archived", HUGE)))));
        cut(failure(() -> admin.data("departments").list(Query.where(Map.of("created_at", HUGE)))));
        String person = admin.data("persons").create(Map.of("first_name", "D", "last_name", "O",
                "email", "d@example.com")).id();
        cut(failure(() -> admin.data("day-offs").create(Map.of("person_id", person, "date", HUGE,
                "end_date", "2024-01-01"))));
    }

    @Test
    void aUniqueViolationNamesModelAndFieldsInProcessButKeepsZousBody() {
        admin.data("departments").create(Map.of("name", "Unique dep", "color", "#000000"));
        ZouException e = failure(() -> admin.data("departments").create(Map.of("name", "Unique dep",
                "color", "#000000")));
        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(e.getMessage()).contains("department").contains("name");
        assertThat(e.body()).containsEntry("message", "A record with the same unique values already exists.");
    }
}
