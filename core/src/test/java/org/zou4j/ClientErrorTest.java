package org.zou4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.Fixtures.map;
import static org.zou4j.Fixtures.unique;
import static org.zou4j.TestEngines.failure;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every client mistake the generic flow can meet answers a 400 (or 404) with a body that says what is wrong, never a
 * 500 — including the cases where Zou itself lets the database fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientErrorTest {
    private ZouEngine engine;
    private Fixtures f;
    private Session admin;

    @BeforeAll
    void start() {
        engine = TestEngines.engine();
        f = new Fixtures(engine);
        admin = f.admin;
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    /** The call fails with a 400 whose body has a non-empty message; answers the body. */
    private static Map<String, Object> badRequest(Supplier<?> call) {
        ZouException e = failure(call);
        assertThat(e.httpStatus()).as("status of %s", e.getMessage()).isEqualTo(400);
        assertThat(e.body().get("message")).asString().isNotBlank();
        return e.body();
    }

    private static Map<String, Object> badRequest(Runnable call) {
        return badRequest(() -> {
            call.run();
            return null;
        });
    }

    private static Map<String, Object> wrongParameter(String message) {
        return map("error", true, "message", message, "data", null);
    }

    private List<Entry> list(String route, String query) {
        return admin.data(route).list(Query.parse(query));
    }

    @Test
    void malformedIdsAre400AndUnknownIds404() {
        for (String id : List.of("not-a-uuid", "", "12345678-1234-1234-1234-1234567890", "all")) {
            assertThat(badRequest(() -> admin.data("projects").get(id))).isEqualTo(wrongParameter("Malformed ID."));
            assertThat(badRequest(() -> admin.data("projects").update(id, Map.of("code", "x"))))
                    .isEqualTo(wrongParameter("Malformed ID."));
            assertThat(badRequest(() -> admin.data("projects").delete(id))).isEqualTo(wrongParameter("Malformed ID."));
        }
        String unknown = UUID.randomUUID().toString();
        assertThat(failure(() -> admin.data("projects").get(unknown)).httpStatus()).isEqualTo(404);
        assertThat(failure(() -> admin.data("projects").update(unknown, Map.of("code", "x"))).httpStatus())
                .isEqualTo(404);
        assertThat(failure(() -> admin.data("projects").delete(unknown)).httpStatus()).isEqualTo(404);
        assertThat(failure(() -> admin.data("no-such-route")).httpStatus()).isEqualTo(404);
    }

    @Test
    void malformedUuidsInFiltersAre400() {
        assertThat(badRequest(() -> list("tasks", "project_id=abc")))
                .isEqualTo(wrongParameter("Invalid UUID value: abc"));
        assertThat(badRequest(() -> list("tasks", "project_id=null")))
                .isEqualTo(wrongParameter("Invalid UUID value: null"));
        assertThat(badRequest(() -> list("tasks", "project_id="))).isEqualTo(wrongParameter("Invalid UUID value: "));
        assertThat(badRequest(() -> list("tasks", "project_id=" + encode("[\"abc\"]"))))
                .isEqualTo(wrongParameter("Invalid UUID value: abc"));
        assertThat(badRequest(() -> list("tasks", "assignees=nobody")))
                .isEqualTo(wrongParameter("Invalid UUID value: nobody"));
    }

    @Test
    void filterValuesOfTheWrongTypeAre400() {
        assertThat(badRequest(() -> list("task-status", "is_done=maybe")))
                .isEqualTo(wrongParameter("Invalid boolean value: maybe"));
        assertThat(badRequest(() -> list("tasks", "priority=abc")).get("message")).asString().contains("priority");
        assertThat(badRequest(() -> list("tasks", "duration=fast")).get("message")).asString().contains("duration");
        assertThat(badRequest(() -> list("time-spents", "date=yesterday")).get("message")).asString()
                .contains("date");
        assertThat(badRequest(() -> list("tasks", "due_date=2030-99-99")).get("message")).asString()
                .contains("due_date");
        assertThat(badRequest(() -> list("tasks", "priority=" + encode("[1, \"x\"]"))).get("message")).asString()
                .contains("priority");
    }

    @Test
    void malformedListFiltersAre400() {
        assertThat(badRequest(() -> list("tasks", "project_id=" + encode("[abc"))))
                .isEqualTo(wrongParameter("Malformed list filter for field project_id."));
        assertThat(badRequest(() -> list("projects", "fps=" + encode("[\"25\""))))
                .isEqualTo(wrongParameter("Malformed list filter for field fps."));
    }

    @Test
    void filteringOnAHiddenColumnIs400() {
        assertThat(badRequest(() -> list("persons", "password=x")))
                .isEqualTo(wrongParameter("Filtering on password is not allowed."));
        assertThat(badRequest(() -> list("persons", "first_name=a&jti=x")))
                .isEqualTo(wrongParameter("Filtering on jti is not allowed."));
    }

    @Test
    void badPageAndLimitAre400() {
        assertThat(badRequest(() -> list("projects", "page=abc"))).isEqualTo(wrongParameter("page must be an integer."));
        assertThat(badRequest(() -> list("projects", "page=1.5"))).isEqualTo(wrongParameter("page must be an integer."));
        assertThat(badRequest(() -> list("projects", "page=1&limit=ten")))
                .isEqualTo(wrongParameter("limit must be an integer."));
        // page 0 is not an error: an empty page with the real total
        f.project();
        try (ListResult r = admin.data("projects").query(Query.parse("page=0"))) {
            assertThat(r.page().get("data")).isEqualTo(List.of());
            assertThat((Long) r.page().get("total")).isPositive();
        }
    }

    @Test
    void postBodiesWithValuesOfTheWrongTypeAre400() {
        Entry task = f.task();
        Entry asset = admin.data("entities").get(task.getString("entity_id"));
        Entry type = f.taskType("Asset");
        Map<String, Object> base = map("entity_id", asset.id(), "task_type_id", type.id());
        assertThat(badRequest(() -> admin.data("tasks").create(Fixtures.with(base, "priority", "high"))).get("message"))
                .asString().contains("priority");
        assertThat(badRequest(() -> admin.data("tasks").create(Fixtures.with(base, "start_date", "tomorrow")))
                .get("message")).asString().contains("start_date");
        assertThat(badRequest(() -> admin.data("tasks").create(Fixtures.with(base, "assigner_id", "bob")))
                .get("message")).asString().contains("assigner_id");
        assertThat(badRequest(() -> admin.data("tasks").create(Fixtures.with(base, "description", Map.of("a", 1))))
                .get("message")).asString().contains("description");
        assertThat(badRequest(() -> admin.data("tasks").create(Fixtures.with(base, "assignees", "bob")))
                .get("message")).asString().contains("assignees");
        assertThat(badRequest(() -> f.create("task-status", "name", "x", "short_name", "x", "color", "#000000",
                "is_done", "maybe")).get("message")).asString().contains("is_done");
        assertThat(badRequest(() -> f.create("departments", "name", "x".repeat(81), "color", "#000000"))
                .get("message")).asString().contains("name");
        assertThat(badRequest(() -> f.create("time-spents", "task_id", task.id(), "date", "2030-01-01",
                "duration", "long")).get("message")).asString().contains("duration");
        assertThat(badRequest(() -> f.create("preview-files", "status", "bogus")).get("message")).asString()
                .contains("status");
        assertThat(badRequest(() -> admin.data("tasks").create(null)))
                .isEqualTo(wrongParameter("Data are empty. Please verify that you sent JSON data and that you set "
                        + "the right headers."));
    }

    @Test
    void putBodiesWithValuesOfTheWrongTypeAre400AndUnknownKeysAreIgnored() {
        Entry task = f.task();
        DataSet tasks = admin.data("tasks");
        assertThat(badRequest(() -> tasks.update(task.id(), Map.of("due_date", "next week")))).isEqualTo(
                map("error", true, "message", "Invalid date format for 'due_date': 'next week'. Expected an ISO 8601 "
                        + "date or datetime.", "data", null));
        assertThat(badRequest(() -> tasks.update(task.id(), Map.of("estimation", "a lot"))).get("message"))
                .asString().contains("estimation");
        assertThat(badRequest(() -> tasks.update(task.id(), null))).containsEntry("error", true);
        Entry updated = tasks.update(task.id(), Map.of("no_such_field", 1, "type", "Shot", "due_date", "",
                "priority", 3));
        assertThat(updated.get("priority")).isEqualTo(3);
        assertThat(updated.asMap()).doesNotContainKey("no_such_field");
    }

    @Test
    void unknownPostKeysAre400NamingTheKey() {
        assertThat(badRequest(() -> f.create("projects", "name", unique("P"), "colour", "red")))
                .isEqualTo(map("message", "'colour' is an invalid keyword argument for Project"));
        assertThat(badRequest(() -> f.create("projects", "name", unique("P"), "type", "Project")))
                .isEqualTo(map("message", "'type' is an invalid keyword argument for Project"));
        assertThat(badRequest(() -> f.create("persons", "first_name", "a", "last_name", "b", "full_name", "a b")))
                .isEqualTo(map("message", "'full_name' is an invalid keyword argument for Person"));
        assertThat(badRequest(() -> f.create("projects", "name", unique("P"), "preview_background_file_id",
                UUID.randomUUID().toString())))
                .isEqualTo(map("message", "'preview_background_file_id' is an invalid keyword argument for Project"));
    }

    @Test
    void uniqueViolationsNameTheFields() {
        Entry project = f.project();
        assertThat(badRequest(() -> f.create("projects", "name", project.get("name"))))
                .isEqualTo(map("message", "A record with the same unique values already exists.", "fields",
                        List.of("name")));
        Entry other = f.project();
        assertThat(badRequest(() -> admin.data("projects").update(other.id(), Map.of("name", project.get("name")))))
                .isEqualTo(map("message", "A record with the same unique values already exists.", "fields",
                        List.of("name")));
        Entry task = f.task();
        Entry person = f.person();
        f.timeSpent(task, person, "2030-03-03", 1);
        assertThat(badRequest(() -> f.timeSpent(task, person, "2030-03-03", 2)).get("fields"))
                .isEqualTo(List.of("person_id", "task_id", "date"));
    }

    @Test
    void foreignKeyViolationsAre400() {
        Entry status = f.projectStatus(unique("Paused"));
        f.project("project_status_id", status.id());
        assertThat(badRequest(() -> admin.data("project-status").delete(status.id())))
                .isEqualTo(map("message", "The change conflicts with records referencing this one."));
        assertThat(badRequest(() -> f.create("milestones", "name", "M", "project_id", UUID.randomUUID().toString())))
                .isEqualTo(map("message", "The change conflicts with records referencing this one."));
        Entry project = f.project();
        assertThat(badRequest(() -> admin.data("projects").update(project.id(), Map.of("project_status_id",
                UUID.randomUUID().toString()))))
                .isEqualTo(map("message", "The change conflicts with records referencing this one."));
    }

    @Test
    void missingRequiredFieldsAre400NamingThem() {
        assertThat(badRequest(() -> f.create("projects", "code", "X")))
                .isEqualTo(map("message", "A required field is missing.", "fields", List.of("name")));
        assertThat(badRequest(() -> f.create("task-status", "name", "x")))
                .isEqualTo(map("message", "A required field is missing.", "fields", List.of("short_name", "color")));
        Entry project = f.project();
        assertThat(badRequest(() -> admin.data("projects").update(project.id(), map("name", null))))
                .isEqualTo(map("message", "A required field is missing.", "fields", List.of("name")));
        assertThat(badRequest(() -> f.create("persons", "first_name", null, "last_name", "x")).get("fields"))
                .isEqualTo(List.of("first_name"));
    }

    @Test
    void checkConstraintViolationsAre400() {
        Entry asset = f.asset(f.project());
        Entry type = f.taskType("Asset");
        assertThat(badRequest(() -> f.task(asset, type, "difficulty", 9)))
                .isEqualTo(map("message", "The data conflicts with database integrity rules."));
        Entry task = f.task(asset, type);
        assertThat(badRequest(() -> f.timeSpent(task, f.person(), "2030-01-01", 0)))
                .isEqualTo(map("message", "The data conflicts with database integrity rules."));
        assertThat(badRequest(() -> admin.data("tasks").update(task.id(), Map.of("difficulty", 0))))
                .isEqualTo(map("message", "The data conflicts with database integrity rules."));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
