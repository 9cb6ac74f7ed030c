package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The project-level checks of the production routes, now delegating to {@code internal/access} rules: malformed
 * project ids are Zou's 404 (ProjectNotFoundException), edit versions apply ENT(e) (a vendor needs a task on the edit).
 * Runs on H2; {@link Postgres} runs the same tests on PostgreSQL.
 */
class ProjectAccessRoutesTest extends TaskWorldTest {
    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends ProjectAccessRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    @Test
    void malformedProjectIdsAreNotFound() {
        for (String path : List.of("/api/data/projects/not-a-uuid/asset-types",
                "/api/data/projects/not-a-uuid/task-types", "/api/data/projects/not-a-uuid/entity-links",
                "/api/data/projects/not-a-uuid/budgets", "/api/data/projects/not-a-uuid/schedule-items")) {
            assertThat(w.admin.get(path).status()).as(path).isEqualTo(404);
        }
        assertThat(w.admin.delete("/api/data/projects/not-a-uuid/entity-links/"
                + "00000000-0000-0000-0000-000000000001").status()).isEqualTo(404);
        // the team and manager checks still hold
        assertThat(w.as("outsider").get("/api/data/projects/" + w.project + "/task-types").status()).isEqualTo(403);
        assertThat(w.as("artist").get("/api/data/projects/" + w.project + "/task-types").status()).isEqualTo(200);
    }

    @Test
    void editVersionsNeedAnAssignedTaskForVendors() {
        List<Map<String, Object>> found = w.admin.get("/data/entity-types?name=Edit").list();
        String editType = found.isEmpty() ? w.create("entity-types", Map.of("name", "Edit"))
                : (String) found.get(0).get("id");
        String edit = w.create("entities", Map.of("name", "Trailer", "project_id", w.project,
                "entity_type_id", editType));
        String path = "/api/data/edits/" + edit + "/versions";
        assertThat(w.as("artist").get(path).status()).isEqualTo(200);
        assertThat(w.as("vendor").get(path).status()).isEqualTo(403);
        assertThat(w.as("outsider").get(path).status()).isEqualTo(403);
        String task = w.create("tasks", Map.of("project_id", w.project, "entity_id", edit,
                "task_type_id", w.create("task-types", Map.of("name", "Editing", "for_entity", "Edit")),
                "task_status_id", w.statuses.get("todo"),
                "assignees", List.of(w.persons.get("vendor"))));
        assertThat(task).isNotNull();
        assertThat(w.as("vendor").get(path).status()).isEqualTo(200);
    }
}
