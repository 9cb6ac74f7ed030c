package org.zou4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.ErrorCode;
import org.zou4j.Query;
import org.zou4j.ZouException;

/**
 * Database constraints answer Zou's 400s (reference §5.1) whatever the database: the SQLSTATE classes are the same on
 * H2 and PostgreSQL, and a failed write leaves nothing behind.
 */
public abstract class ConstraintContract extends ContractBase {

    @Test
    void uniqueViolationIsA400NamingTheField() {
        String name = fx.name("Studio");
        admin.data("studios").create(Map.of("name", name, "color", "#000000"));

        ZouException e = failure(() -> admin.data("studios").create(Map.of("name", name, "color", "#ffffff")));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(e.body()).containsEntry("message", "A record with the same unique values already exists.")
                .containsEntry("fields", List.of("name"));
        assertThat(admin.data("studios").list(Query.where(Map.of("name", name)))).hasSize(1);
    }

    @Test
    void uniqueViolationOnUpdateIsA400Too() {
        Entry a = fx.department();
        Entry b = fx.department();

        ZouException e = failure(() -> admin.data("departments").update(b.id(), Map.of("name", a.get("name"))));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(e.body()).containsEntry("fields", List.of("name"));
        assertThat(admin.data("departments").get(b.id()).get("name")).isEqualTo(b.get("name"));
    }

    @Test
    void compositeUniqueViolationNamesEveryField() {
        Entry project = fx.project();
        Entry type = fx.assetType();
        Entry a = fx.asset(project, type);
        Entry b = fx.asset(project, type);
        Map<String, Object> body = Map.of("entity_in_id", a.id(), "entity_out_id", b.id());
        admin.data("entity-links").create(body);

        ZouException e = failure(() -> admin.data("entity-links").create(body));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
        assertThat(e.body()).containsEntry("fields", List.of("entity_in_id", "entity_out_id"));
    }

    @Test
    void foreignKeyToAMissingRowIsA400() {
        ZouException e = failure(() -> admin.data("task-types").create(Map.of("name", fx.name("TT"),
                "department_id", UUID.randomUUID().toString())));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(ErrorCode.REFERENCED);
        assertThat(e.body()).containsEntry("message", "The change conflicts with records referencing this one.");
    }

    @Test
    void deletingAReferencedRowIsA400AndKeepsIt() {
        Entry department = fx.department();
        admin.data("task-types").create(Map.of("name", fx.name("TT"), "department_id", department.id()));

        ZouException e = failure(() -> admin.data("departments").delete(department.id()));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(ErrorCode.REFERENCED);
        assertThat(admin.data("departments").get(department.id()).id()).isEqualTo(department.id());
    }

    @Test
    void missingRequiredFieldIsA400() {
        ZouException onCreate = failure(() -> admin.data("departments").create(Map.of("name", fx.name("D"))));
        assertThat(onCreate.httpStatus()).isEqualTo(400);
        assertThat(onCreate.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(onCreate.body()).containsEntry("message", "A required field is missing.");

        Entry department = fx.department();
        Map<String, Object> nullColor = new HashMap<>();
        nullColor.put("color", null);
        ZouException onUpdate = failure(() -> admin.data("departments").update(department.id(), nullColor));
        assertThat(onUpdate.httpStatus()).isEqualTo(400);
        assertThat(onUpdate.code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(admin.data("departments").get(department.id()).get("color")).isEqualTo("#112233");
    }

    @Test
    void checkConstraintViolationIsA400() {
        Entry task = fx.task(Map.of());

        ZouException e = failure(() -> admin.data("tasks").update(task.id(), Map.of("difficulty", 9)));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY);
        assertThat(e.body()).containsEntry("message", "The data conflicts with database integrity rules.");
        assertThat(admin.data("tasks").get(task.id()).get("difficulty")).isEqualTo(3);
    }

    @Test
    void checkConstraintOnCreateIsA400AndCreatesNothing() {
        Entry person = fx.person();
        long before = admin.data("time-spents").list(Query.where(Map.of("person_id", person.id()))).size();

        ZouException e = failure(() -> admin.data("time-spents").create(Map.of("person_id", person.id(),
                "date", "2024-05-02", "duration", -1)));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY);
        assertThat(admin.data("time-spents").list(Query.where(Map.of("person_id", person.id())))).hasSize((int) before);
    }

    @Test
    void tooLongAValueIsA400() {
        ZouException e = failure(() -> admin.data("departments").create(Map.of("name", "x".repeat(81),
                "color", "#000000")));

        assertThat(e.httpStatus()).isEqualTo(400);
    }

    @Test
    void lengthLimitsCountCharactersNotBytes() {
        String eighty = "é".repeat(40) + "日".repeat(40);
        Entry department = admin.data("departments").create(Map.of("name", eighty, "color", "#000000"));

        assertThat(admin.data("departments").get(department.id()).get("name")).isEqualTo(eighty);
    }
}
