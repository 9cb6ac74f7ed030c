package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Zou's projects blueprint, schedule and time routes over HTTP on a {@link TaskWorld}: milestones, schedule items
 * (created on read), production schedule version task links and actions, time spents, day offs; permissions and
 * events. Runs on H2; {@link Postgres} runs the same tests on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class ScheduleRoutesTest extends TaskWorldTest {
    String base;

    @BeforeAll
    void setUp() {
        base = "/api/data/projects/" + w.project;
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends ScheduleRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String type(String name) {
        List<Map<String, Object>> found = w.admin.get("/data/entity-types?name=" + name).list();
        return found.isEmpty() ? w.create("entity-types", Map.of("name", name)) : (String) found.get(0).get("id");
    }

    private long events(String name) {
        return w.admin.get("/data/events/last?limit=1000").list().stream()
                .filter(e -> name.equals(e.get("name"))).count();
    }

    @Test
    void milestonesAreListedForTheTeam() {
        String id = w.create("milestones", Map.of("name", "Delivery", "date", "2026-06-01", "project_id", w.project,
                "task_type_id", w.taskTypes.get("modeling")));
        List<Map<String, Object>> milestones = w.as("artist").get(base + "/milestones").list();
        assertThat(milestones).filteredOn(m -> id.equals(m.get("id"))).singleElement().isEqualTo(Map.of(
                "id", id, "date", "2026-06-01", "name", "Delivery", "project_id", w.project,
                "task_type_id", w.taskTypes.get("modeling")));
        assertThat(w.as("outsider").get(base + "/milestones").status()).isEqualTo(403);
        assertThat(w.admin.get("/api/data/projects/nope/milestones").status()).isEqualTo(404);
    }

    // Zou tests/blueprints/projects/test_schedule_items.py: test_get_schedule_items (one per used task type)
    @Test
    void taskTypeScheduleItemsAreCreatedOnceOnRead() {
        long before = events("schedule-item:new");
        List<Map<String, Object>> items = w.as("manager").get(base + "/schedule-items/task-types").list();
        assertThat(items).extracting(m -> m.get("task_type_id")).containsExactlyInAnyOrderElementsOf(
                w.taskTypes.values());
        assertThat(items.get(0)).containsKeys("id", "start_date", "end_date", "man_days", "project_id", "object_id")
                .containsEntry("object_id", null).containsEntry("project_id", w.project);
        long created = events("schedule-item:new") - before;
        assertThat(created).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(3);
        List<Map<String, Object>> again = w.as("artist").get(base + "/schedule-items/task-types").list();
        assertThat(again).extracting(m -> m.get("id")).containsExactlyInAnyOrderElementsOf(
                items.stream().map(m -> m.get("id")).toList());
        assertThat(events("schedule-item:new") - before).isEqualTo(created);
        assertThat(w.admin.get(base + "/schedule-items").list()).extracting(m -> m.get("id"))
                .containsAll(items.stream().map(m -> m.get("id")).toList());
        assertThat(w.admin.get(base + "/schedule-items").list().get(0)).containsEntry("type", "ScheduleItem");
        assertThat(w.as("vendor").get(base + "/schedule-items/task-types").status()).isEqualTo(403);
        assertThat(w.as("vendor").get(base + "/schedule-items").status()).isEqualTo(403);
        assertThat(w.as("outsider").get(base + "/schedule-items").status()).isEqualTo(403);
    }

    // Zou tests/blueprints/projects/test_schedule_items.py: sequences, episodes, edits, asset types (+ episode_id)
    @Test
    void objectScheduleItemsPerTaskTypeWithEpisodeFilter() {
        String tt = w.taskTypes.get("animation");
        String e1 = w.create("entities", Map.of("name", "E01", "project_id", w.project, "entity_type_id",
                type("Episode")));
        String e2 = w.create("entities", Map.of("name", "E02", "project_id", w.project, "entity_type_id",
                type("Episode")));
        String s1 = w.create("entities", Map.of("name", "SQ01", "project_id", w.project, "entity_type_id",
                type("Sequence"), "parent_id", e1));
        String s2 = w.create("entities", Map.of("name", "SQ02", "project_id", w.project, "entity_type_id",
                type("Sequence"), "parent_id", e2));
        String edit = w.create("entities", Map.of("name", "Edit E01", "project_id", w.project, "entity_type_id",
                type("Edit"), "parent_id", e1));
        String prop = type("Prop");
        w.create("entities", Map.of("name", "Tree E02", "project_id", w.project, "entity_type_id", prop,
                "source_id", e2));
        String sched = base + "/schedule-items/" + tt;

        List<Map<String, Object>> episodes = w.as("manager").get(sched + "/episodes").list();
        assertThat(episodes).extracting(m -> m.get("object_id")).containsExactly(e1, e2);
        assertThat(episodes).extracting(m -> m.get("name")).containsExactly("E01", "E02");
        assertThat(episodes.get(0)).containsEntry("task_type_id", tt).containsEntry("project_id", w.project);
        assertThat(w.admin.get(sched + "/episodes?episode_id=" + e1).list()).extracting(m -> m.get("object_id"))
                .containsExactly(e1);
        assertThat(w.admin.get(sched + "/episodes").list()).extracting(m -> m.get("id"))
                .containsExactlyElementsOf(episodes.stream().map(m -> m.get("id")).toList());

        assertThat(w.admin.get(sched + "/sequences").list()).extracting(m -> m.get("object_id"))
                .containsExactly(s1, s2);
        assertThat(w.admin.get(sched + "/sequences?episode_id=" + e2).list()).extracting(m -> m.get("object_id"))
                .containsExactly(s2);
        assertThat(w.admin.get(sched + "/edits").list()).extracting(m -> m.get("object_id")).containsExactly(edit);
        assertThat(w.admin.get(sched + "/edits?episode_id=" + e2).list()).isEmpty();

        List<Map<String, Object>> assetTypes = w.admin.get(sched + "/asset-types").list();
        assertThat(assetTypes).extracting(m -> m.get("object_id")).contains(w.assetType, prop);
        assertThat(assetTypes).filteredOn(m -> prop.equals(m.get("object_id"))).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("name", "Prop"));
        assertThat(w.admin.get(sched + "/asset-types?episode_id=" + e2).list()).extracting(m -> m.get("object_id"))
                .containsExactly(prop);

        assertThat(w.admin.get(base + "/schedule-items/not-an-id/episodes").status()).isEqualTo(400);
        assertThat(w.as("vendor").get(sched + "/episodes").status()).isEqualTo(403);
        assertThat(w.as("outsider").get(sched + "/sequences").status()).isEqualTo(403);
    }

    private String timeSpent(String taskKey, String person, String date, double duration) {
        return w.create("time-spents", Map.of("task_id", w.tasks.get(taskKey), "person_id", w.persons.get(person),
                "date", date, "duration", duration));
    }

    @Test
    void timeSpentsOfTheProjectPerTaskTypeAndPerMonth() {
        timeSpent("modeling", "artist", "2026-01-05", 60);
        timeSpent("modeling", "artist", "2026-01-06", 30);
        timeSpent("rigging", "artist", "2026-02-10", 120);
        timeSpent("animation", "artist2", "2026-02-11", 240);

        List<Map<String, Object>> all = w.as("artist").get(base + "/time-spents").list();
        assertThat(all).hasSizeGreaterThanOrEqualTo(4);
        assertThat(all.get(0)).containsKeys("id", "task_id", "person_id", "date", "duration")
                .containsEntry("type", "TimeSpent");
        assertThat(w.as("outsider").get(base + "/time-spents").status()).isEqualTo(403);

        String byType = base + "/task-types/" + w.taskTypes.get("modeling") + "/time-spents";
        Map<String, Object> perPerson = w.as("manager").get(byType).map();
        assertThat(perPerson).containsOnlyKeys(w.persons.get("artist"));
        List<Map<String, Object>> artist = (List<Map<String, Object>>) perPerson.get(w.persons.get("artist"));
        assertThat(artist).extracting(m -> m.get("date")).containsExactly("2026-01-06", "2026-01-05");
        assertThat(((List<?>) w.admin.get(byType + "?start_date=2026-01-06&end_date=2026-01-31").map()
                .get(w.persons.get("artist")))).hasSize(1);
        ApiClient.Reply badDate = w.admin.get(byType + "?start_date=yesterday");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.map().get("message").toString()).startsWith("Wrong date format for yesterday");
        assertThat(w.as("artist").get(byType).status()).isEqualTo(403);

        Map<String, Object> months = w.admin.get(base + "/budgets/time-spents").map();
        Map<String, Object> modeling = (Map<String, Object>) months.get(w.departments.get("modeling"));
        assertThat(((Number) modeling.get("total")).doubleValue()).isEqualTo(210.0);
        Map<String, Object> artistMonths = (Map<String, Object>) modeling.get(w.persons.get("artist"));
        assertThat(artistMonths.keySet()).contains("total");
        assertThat(((Number) artistMonths.get("total")).doubleValue()).isEqualTo(210.0);
        Map<String, Object> animation = (Map<String, Object>) months.get(w.departments.get("animation"));
        assertThat(((Number) animation.get("total")).doubleValue()).isEqualTo(240.0);
        assertThat(w.as("manager").get(base + "/budgets/time-spents").status()).isEqualTo(403);
    }

    @Test
    void dayOffsOfTheTeamHideOtherPeoplesDescriptions() {
        w.create("day-offs", Map.of("person_id", w.persons.get("artist"), "date", "2026-03-02",
                "end_date", "2026-03-04", "description", "holidays"));
        w.create("day-offs", Map.of("person_id", w.persons.get("artist2"), "date", "2026-04-01",
                "end_date", "2026-04-01", "description", "doctor"));
        String outsiderOff = w.create("day-offs", Map.of("person_id", w.persons.get("outsider"),
                "date", "2026-03-02", "end_date", "2026-03-02"));

        Map<String, Object> seenByManager = w.as("manager").get(base + "/day-offs").map();
        assertThat(seenByManager).containsKeys(w.persons.get("artist"), w.persons.get("artist2"))
                .doesNotContainKey(w.persons.get("outsider"));
        assertThat(((List<Map<String, Object>>) seenByManager.get(w.persons.get("artist2"))).get(0))
                .containsEntry("description", "doctor");
        Map<String, Object> seenByArtist = w.as("artist").get(base + "/day-offs").map();
        assertThat(((List<Map<String, Object>>) seenByArtist.get(w.persons.get("artist"))).get(0))
                .containsEntry("description", "holidays");
        assertThat(((List<Map<String, Object>>) seenByArtist.get(w.persons.get("artist2"))).get(0))
                .doesNotContainKey("description").containsEntry("date", "2026-04-01");
        Map<String, Object> march = w.admin.get(base + "/day-offs?start_date=2026-03-01&end_date=2026-03-31").map();
        assertThat(march).containsOnlyKeys(w.persons.get("artist"));
        assertThat(w.as("client").get(base + "/day-offs").status()).isEqualTo(403);
        assertThat(w.as("vendor").get(base + "/day-offs").status()).isEqualTo(403);
        assertThat(w.as("outsider").get(base + "/day-offs").status()).isEqualTo(403);
        assertThat(w.admin.get(base + "/day-offs?end_date=31/03/2026").status()).isEqualTo(400);
        assertThat(outsiderOff).isNotNull();
    }

    @Test
    void productionScheduleVersionsCopyTaskLinksAndApplyThemToTheProduction() {
        Map<String, Object> dates = new LinkedHashMap<>();
        dates.put("start_date", "2026-05-04T00:00:00");
        dates.put("due_date", "2026-05-08T00:00:00");
        dates.put("estimation", 3);
        assertThat(w.admin.put("/data/tasks/" + w.tasks.get("modeling"), dates).status()).isEqualTo(200);
        String v1 = w.create("production-schedule-versions", Map.of("name", "V1", "project_id", w.project));
        String v2 = w.create("production-schedule-versions", Map.of("name", "V2", "project_id", w.project));

        ApiClient.Reply fromProd = w.as("manager").post("/api/actions/production-schedule-versions/" + v1
                + "/set-task-links-from-production", Map.of());
        assertThat(fromProd.status()).as(fromProd.text()).isEqualTo(200);
        assertThat(fromProd.map()).containsEntry("success", true).containsEntry("task_link_count", 3);
        List<Map<String, Object>> links = w.as("artist").get("/api/data/production-schedule-versions/" + v1
                + "/task-links?relations=true").list();
        assertThat(links).hasSize(3);
        Map<String, Object> modelingLink = links.stream().filter(l -> w.tasks.get("modeling")
                .equals(l.get("task_id"))).findFirst().orElseThrow();
        assertThat(modelingLink).containsEntry("start_date", "2026-05-04T00:00:00")
                .containsEntry("due_date", "2026-05-08T00:00:00").containsEntry("estimation", 3.0)
                .containsEntry("assignees", List.of(w.persons.get("artist")));
        assertThat(w.admin.get("/api/data/production-schedule-versions/" + v1 + "/task-links?task_type_id="
                + w.taskTypes.get("rigging")).list()).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("task_id", w.tasks.get("rigging")));
        assertThat(w.as("client").get("/api/data/production-schedule-versions/" + v1 + "/task-links").status())
                .isEqualTo(403);
        assertThat(w.as("outsider").get("/api/data/production-schedule-versions/" + v1 + "/task-links").status())
                .isEqualTo(403);
        assertThat(w.admin.get("/api/data/production-schedule-versions/"
                + "00000000-0000-0000-0000-000000000000/task-links").status()).isEqualTo(404);

        String action = "/api/actions/production-schedule-versions/" + v2
                + "/set-task-links-from-production-schedule-version";
        ApiClient.Reply copied = w.as("manager").post(action, Map.of("production_schedule_version_id", v1));
        assertThat(copied.map()).containsEntry("success", true).containsEntry("task_link_count", 3);
        assertThat(w.admin.get("/api/data/production-schedule-versions/" + v2).map())
                .containsEntry("production_schedule_from", v1);
        assertThat(w.as("manager").post(action, Map.of("production_schedule_version_id", v2)).status())
                .isEqualTo(400);
        assertThat(w.as("manager").post(action, Map.of()).status()).isEqualTo(400);
        assertThat(w.as("artist").post(action, Map.of("production_schedule_version_id", v1)).status())
                .isEqualTo(403);

        // change the V2 plan, then apply it to the production
        Map<String, Object> v2Link = w.admin.get("/api/data/production-schedule-versions/" + v2 + "/task-links")
                .list().stream().filter(l -> w.tasks.get("modeling").equals(l.get("task_id"))).findFirst()
                .orElseThrow();
        assertThat(w.admin.put("/api/data/production-schedule-version-task-links/" + v2Link.get("id"),
                Map.of("due_date", "2026-05-15T00:00:00", "estimation", 5)).status()).isEqualTo(200);
        long taskUpdates = events("task:update");
        assertThat(w.as("artist").post("/api/actions/production-schedule-versions/" + v2 + "/apply-to-production",
                Map.of()).status()).isEqualTo(403);
        ApiClient.Reply applied = w.as("manager").post("/api/actions/production-schedule-versions/" + v2
                + "/apply-to-production", Map.of());
        assertThat(applied.map()).containsEntry("success", true).containsEntry("task_count", 3);
        assertThat(events("task:update") - taskUpdates).isEqualTo(3);
        Map<String, Object> task = w.admin.get("/api/data/tasks/" + w.tasks.get("modeling")).map();
        assertThat(task.get("due_date").toString()).startsWith("2026-05-15T00:00:00");
        assertThat(((Number) task.get("estimation")).doubleValue()).isEqualTo(5.0);
        assertThat(w.admin.get("/api/data/production-schedule-versions/" + v2).map()).containsEntry("locked", true);
        assertThat(w.admin.get("/api/data/projects/" + w.project).map())
                .containsEntry("from_schedule_version_id", v2);
    }
}
