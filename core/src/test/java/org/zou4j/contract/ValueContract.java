package org.zou4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.ZouException;

/** Values come back as they went in, in Zou's wire form, whatever the database. */
public abstract class ValueContract extends ContractBase {
    private static final String ZOU_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}";

    @Test
    void jsonColumnsRoundTripNestedValuesAndUnicode() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", List.of(1, 2.5, "é日本🎬", true, false));
        inner.put("alpha", Map.of("deep", Map.of("deeper", List.of(Map.of("k", "v")))));
        inner.put("none", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("nested", inner);
        data.put("emoji", "🎬 \"quoted\" \\ back\\slash\ttab\nnewline");
        data.put("big", new BigInteger("12345678901234567890"));
        data.put("empty_list", List.of());
        data.put("empty_map", Map.of());

        Entry project = admin.data("projects").create(Map.of("name", fx.name("Json"), "data", data));

        assertThat(project.get("data")).isEqualTo(data);
        assertThat(admin.data("projects").get(project.id()).get("data")).isEqualTo(data);
        Entry listed = admin.data("projects").list(Query.where(Map.of("id", project.id()))).get(0);
        assertThat(listed.get("data")).isEqualTo(data);
        assertThat(admin.data("projects").update(project.id(), Map.of("data", List.of("a", Map.of("b", 1))))
                .get("data")).isEqualTo(List.of("a", Map.of("b", 1)));
    }

    @Test
    void jsonStringsWithTheNulCharacterAreRefusedWithA400OnEveryBackend() {
        ZouException e = failure(() -> admin.data("projects").create(Map.of("name", fx.name("Nul"),
                "data", Map.of("nested", List.of("a\u0000b")))));
        assertThat(e.httpStatus()).isEqualTo(400);
        ZouException key = failure(() -> admin.data("projects").create(Map.of("name", fx.name("Nul"),
                "data", Map.of("k\u0000", 1))));
        assertThat(key.httpStatus()).isEqualTo(400);
    }

    @Test
    void textWithTheNulCharacterIsRefusedWithA400OnEveryBackend() {
        ZouException e = failure(() -> admin.data("projects").create(Map.of("name", fx.name("Nul") + "\u0000x")));
        assertThat(e.httpStatus()).isEqualTo(400);
        ZouException filter = failure(() -> admin.data("projects").list(Query.where(Map.of("code", "a\u0000"))));
        assertThat(filter.httpStatus()).isEqualTo(400);
    }

    @Test
    void unicodeTextRoundTrips() {
        String text = "Épisode 日本語 🎬🎞️ — ß ﬁ Ω \u200b end";
        Entry project = admin.data("projects").create(Map.of("name", fx.name("Uni"), "description", text));

        assertThat(admin.data("projects").get(project.id()).get("description")).isEqualTo(text);
    }

    @Test
    void timestampsAreZousFormatWithoutFractionOrZone() {
        Entry project = fx.project();
        assertThat(project.getString("created_at")).matches(ZOU_TIMESTAMP);
        assertThat(project.getString("updated_at")).matches(ZOU_TIMESTAMP);
        assertThat(admin.data("projects").get(project.id()).getString("created_at")).matches(ZOU_TIMESTAMP);
    }

    @Test
    void timestampsKeepMicrosecondsAndTruncateBeyondThem() {
        Entry task = fx.task(Map.of("due_date", "2024-01-15T10:30:59.9999999", "start_date", "2024-01-15T10:30:00.123456",
                "end_date", "2024-03-01T12:00:00+02:00"));

        Entry got = admin.data("tasks").get(task.id());
        assertThat(got.get("due_date")).as("never rounded up to the next second").isEqualTo("2024-01-15T10:30:59");
        assertThat(got.get("start_date")).isEqualTo("2024-01-15T10:30:00");
        assertThat(got.get("end_date")).as("converted to UTC").isEqualTo("2024-03-01T10:00:00");

        assertThat(Fixtures.ids(admin.data("tasks").list(Query.where(Map.of("start_date",
                "2024-01-15T10:30:00.123456"))))).contains(task.id());
        assertThat(Fixtures.ids(admin.data("tasks").list(Query.where(Map.of("start_date",
                "2024-01-15T10:30:00.123456789"))))).as("filter values truncate like stored ones").contains(task.id());
        assertThat(Fixtures.ids(admin.data("tasks").list(Query.where(Map.of("due_date",
                "2024-01-15T10:30:59.999999"))))).contains(task.id());
        assertThat(admin.data("tasks").list(Query.where(Map.of("start_date", "2024-01-15T10:30:00"))))
                .extracting(Entry::id).doesNotContain(task.id());
    }

    @Test
    void datesAndFloatsRoundTrip() {
        Entry project = admin.data("projects").create(Map.of("name", fx.name("Dates"), "start_date", "2024-02-29",
                "end_date", "2024-12-31T23:59:59"));
        assertThat(project.get("start_date")).isEqualTo("2024-02-29");
        assertThat(project.get("end_date")).isEqualTo("2024-12-31");
        assertThat(Fixtures.ids(admin.data("projects").list(Query.where(Map.of("start_date", "2024-02-29")))))
                .contains(project.id());

        Entry task = fx.task(Map.of("estimation", 1.5, "duration", 0.1 + 0.2));
        Entry got = admin.data("tasks").get(task.id());
        assertThat(got.get("estimation")).isEqualTo(1.5);
        assertThat(got.get("duration")).isEqualTo(0.1 + 0.2);
    }

    @Test
    void integersKeepTheirRangeAndOverflowIsA400() {
        Entry task = fx.task(Map.of("priority", Integer.MAX_VALUE, "nb_drawings", Integer.MIN_VALUE));
        assertThat(admin.data("tasks").get(task.id()).get("priority")).isEqualTo(Integer.MAX_VALUE);
        assertThat(admin.data("tasks").get(task.id()).get("nb_drawings")).isEqualTo(Integer.MIN_VALUE);

        ZouException e = failure(() -> admin.data("tasks").update(task.id(), Map.of("priority", 3_000_000_000L)));
        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void largeTextRoundTrips() {
        char[] chars = new char[200_000];
        Arrays.fill(chars, 'x');
        String text = new String(chars) + "é";
        Entry project = admin.data("projects").create(Map.of("name", fx.name("Big"), "description", text));

        assertThat(admin.data("projects").get(project.id()).get("description")).isEqualTo(text);
    }
}
