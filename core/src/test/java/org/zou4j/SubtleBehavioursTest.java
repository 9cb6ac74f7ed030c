package org.zou4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.Fixtures.map;
import static org.zou4j.Fixtures.unique;
import static org.zou4j.Fixtures.uuid;
import static org.zou4j.TestEngines.events;
import static org.zou4j.TestEngines.failure;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.internal.hooks.HookSettings;
import org.zou4j.internal.model.Models;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Zou's subtle behaviours (reference zou-data-model.md §8 and the list after it) and the per-model rules of §5.4,
 * each asserted on status code and body, through the engine's public API on a real H2 database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubtleBehavioursTest {
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

    private static List<String> ids(List<Entry> entries) {
        return entries.stream().map(Entry::id).toList();
    }

    private static Map<String, Object> zouError(String message) {
        return map("error", true, "message", message);
    }

    private static Map<String, Object> wrongParameter(String message) {
        return map("error", true, "message", message, "data", null);
    }

    private static String inDays(int days) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(days).toString();
    }

    // =================================================================================================================
    // §8: the ten subtle behaviours

    @Nested
    class TheTenSubtleBehaviours {

        @Test
        void filterKeysAreIgnoredWhenUnknownAppliedWhenVisibleAndRefusedWhenHidden() {
            Entry p = f.person("email", "Filter.Keys@Example.com");
            DataSet persons = admin.data("persons");
            assertThat(ids(persons.list(Query.where(Map.of("no_such_field", "x"))))).contains(p.id());
            assertThat(ids(persons.list(Query.where(Map.of("first_name", p.getString("first_name"))))))
                    .containsExactly(p.id());
            assertThat(ids(persons.list(Query.where(Map.of("full_name", p.getString("full_name"))))))
                    .containsExactly(p.id());
            assertThat(ids(persons.list(Query.where(Map.of("email", "FILTER.keys@example.COM")))))
                    .containsExactly(p.id());
            for (String secret : Models.PERSON_SECRETS) {
                ZouException e = failure(() -> persons.list(Query.where(Map.of(secret, "x"))));
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.body()).isEqualTo(wrongParameter("Filtering on " + secret + " is not allowed."));
            }
        }

        @Test
        void nameIsACaseInsensitiveLikeOtherColumnsAreEqualityListsAreInAndRelationsAreMembership() {
            Entry project = f.project("name", unique("Agent 327"), "code", "AGT");
            DataSet projects = admin.data("projects");
            assertThat(ids(projects.list(Query.where(Map.of("name", project.getString("name").toUpperCase())))))
                    .containsExactly(project.id());
            assertThat(ids(projects.list(Query.where(Map.of("name", "agent 327%"))))).contains(project.id());
            assertThat(ids(projects.list(Query.where(Map.of("code", "agt"))))).doesNotContain(project.id());
            assertThat(ids(projects.list(Query.where(Map.of("code", "AGT"))))).contains(project.id());

            Entry asset = f.asset(project);
            Entry t1 = f.task(asset, f.taskType("Asset"));
            Entry t2 = f.task(asset, f.taskType("Asset"));
            Entry artist = f.person();
            admin.data("tasks").update(t1.id(), Map.of("assignees", List.of(artist.id())));
            DataSet tasks = admin.data("tasks");
            assertThat(ids(tasks.list(Query.where(Map.of("task_type_id",
                    "[\"" + t1.get("task_type_id") + "\", \"" + t2.get("task_type_id") + "\"]")))))
                    .containsExactlyInAnyOrder(t1.id(), t2.id());
            assertThat(ids(tasks.list(Query.where(Map.of("assignees", artist.id()))))).containsExactly(t1.id());
        }

        @Test
        void relationsAreInSingleGetAndPostAnswersButNotInListsOrPutAnswers() {
            Entry task = f.task();
            assertThat(task.asMap()).containsKey("assignees");
            DataSet tasks = admin.data("tasks");
            assertThat(tasks.get(task.id()).asMap()).containsKey("assignees");
            assertThat(tasks.get(task.id(), Query.parse("relations=false")).asMap()).doesNotContainKey("assignees");
            assertThat(tasks.list(Query.where(Map.of("id", task.id()))).get(0).asMap()).doesNotContainKey("assignees");
            assertThat(tasks.list(Query.parse("id=" + task.id() + "&relations=TRUE")).get(0).asMap())
                    .containsKey("assignees");
            assertThat(tasks.update(task.id(), Map.of("priority", 2)).asMap()).doesNotContainKey("assignees");

            Entry project = f.project();
            assertThat(admin.data("projects").get(project.id()).get("project_status_name")).isEqualTo("Open");
            assertThat(project.asMap()).doesNotContainKey("project_status_name");

            f.create("metadata-descriptors", "project_id", project.id(), "entity_type", "Asset", "name",
                    unique("Difficulty"), "field_name", unique("difficulty"));
            DataSet descriptors = admin.data("metadata-descriptors");
            assertThat(descriptors.list(Query.all())).allSatisfy(d -> assertThat(d.asMap()).containsKey("departments"));
            assertThat(descriptors.list(Query.where(Map.of("project_id", project.id()))))
                    .hasSize(1).allSatisfy(d -> assertThat(d.asMap()).doesNotContainKey("departments"));
        }

        @Test
        void protectedFieldsAreDroppedSilentlyNeverRejected() {
            Entry project = f.project();
            Entry other = f.project();
            Entry milestone = f.create("milestones", "name", "Delivery", "project_id", project.id());
            Entry moved = admin.data("milestones").update(milestone.id(), Map.of("project_id", other.id(),
                    "name", "Final delivery"));
            assertThat(moved.get("project_id")).isEqualTo(project.id());
            assertThat(moved.get("name")).isEqualTo("Final delivery");

            Entry asset = f.asset(project);
            Entry instance = f.create("asset-instances", "asset_id", asset.id(), "number", 1);
            assertThat(admin.data("asset-instances").update(instance.id(), Map.of("number", 7)).get("number"))
                    .isEqualTo(1);

            Entry budget = f.create("budgets", "name", "Budget", "project_id", project.id());
            assertThat(admin.data("budgets").update(budget.id(), Map.of("revision", 9)).get("revision")).isEqualTo(1);
            Entry budget2 = f.create("budgets", "name", "Budget 2", "project_id", project.id());
            Entry department = f.create("departments", "name", unique("Animation"), "color", "#000000");
            Entry entry = f.create("budget-entries", "budget_id", budget.id(), "department_id", department.id(),
                    "start_date", "2030-01-01", "months_duration", 2, "daily_salary", 300);
            assertThat(admin.data("budget-entries").update(entry.id(), Map.of("budget_id", budget2.id()))
                    .get("budget_id")).isEqualTo(budget.id());

            String chosenId = UUID.randomUUID().toString();
            Entry created = f.create("departments", "id", chosenId, "created_at", "2001-01-01T00:00:00",
                    "updated_at", "2001-01-01T00:00:00", "name", unique("Layout"), "color", "#000000");
            assertThat(created.id()).isNotEqualTo(chosenId);
            assertThat(created.getString("created_at")).doesNotStartWith("2001");
        }

        @Test
        void entityPutMergesDataWhileTaskPutMergesOnlyNonEmptyObjects() {
            Entry project = f.project();
            Entry asset = f.entity(project, "Character", "data", map("a", 1, "b", "x"));
            DataSet entities = admin.data("entities");
            assertThat(entities.update(asset.id(), Map.of("data", map("b", "y", "c", true))).get("data"))
                    .isEqualTo(map("a", 1, "b", "y", "c", true));
            assertThat(entities.update(asset.id(), map("data", null)).get("data"))
                    .isEqualTo(map("a", 1, "b", "y", "c", true));
            assertThat(entities.update(asset.id(), Map.of("data", Map.of())).get("data"))
                    .isEqualTo(map("a", 1, "b", "y", "c", true));

            Entry task = f.task(asset, f.taskType("Asset"), "data", map("a", 1));
            DataSet tasks = admin.data("tasks");
            assertThat(tasks.update(task.id(), Map.of("data", map("b", 2))).get("data")).isEqualTo(map("a", 1, "b", 2));
            assertThat(tasks.update(task.id(), Map.of("data", Map.of())).get("data")).isEqualTo(Map.of());
            tasks.update(task.id(), Map.of("data", map("a", 1)));
            assertThat(tasks.update(task.id(), map("data", null)).get("data")).isNull();
        }

        @Test
        void personSecretsNeverLeaveAndEmailsAreUniqueAmongNonBotsAndCountriesAndLocalesAreNormalized() {
            Entry p = f.person("email", "  Secret.Keeper@Example.com ", "country", " fr ", "locale", "fr_FR");
            assertThat(p.get("email")).isEqualTo("secret.keeper@example.com");
            assertThat(p.get("country")).isEqualTo("FR");
            assertThat(p.get("locale")).isEqualTo("fr_FR");
            f.update("person", uuid(p), map("totp_secret", "ABCDEF", "jti", "jti-1", "login_failed_attemps", 3));
            List<Entry> answers = new ArrayList<>(List.of(p, admin.data("persons").get(p.id()),
                    admin.data("persons").update(p.id(), Map.of("phone", "123"))));
            answers.addAll(admin.data("persons").list(Query.where(Map.of("id", p.id()))));
            answers.addAll(admin.data("persons").list(Query.all()));
            for (Entry e : answers) {
                assertThat(e.asMap()).doesNotContainKeys(Models.PERSON_SECRETS.toArray(String[]::new));
            }

            ZouException taken = failure(() -> f.person("email", "SECRET.keeper@example.com"));
            assertThat(taken.httpStatus()).isEqualTo(400);
            assertThat(taken.body()).isEqualTo(wrongParameter("Email already in use."));
            Entry bot = f.person("email", "secret.keeper@example.com", "is_bot", true);
            Entry bot2 = f.person("email", "secret.keeper@example.com", "is_bot", true);
            assertThat(bot.get("email")).isEqualTo(bot2.get("email"));
            Entry other = f.person("email", "someone.else@example.com");
            assertThat(failure(() -> admin.data("persons").update(other.id(),
                    Map.of("email", "Secret.Keeper@example.com"))).body())
                    .isEqualTo(wrongParameter("Email already in use."));
            assertThat(failure(() -> admin.data("persons").update(bot.id(), Map.of("is_bot", false))).body())
                    .isEqualTo(wrongParameter("Email already in use."));
        }

        @Test
        void theUserLimitAnswers400WithTheLimit() {
            try (CrudHarness crud = new CrudHarness(HookSettings.defaults().withUserLimit(2))) {
                crud.create("persons", map("first_name", "A", "last_name", "A"));
                Entry second = crud.create("persons", map("first_name", "B", "last_name", "B"));
                ZouException e = failure(() -> crud.create("persons", map("first_name", "C", "last_name", "C")));
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.body()).isEqualTo(map("error", true, "message", "User limit reached.", "data",
                        map("limit", 2)));
                // bots, guests and inactive persons do not count
                crud.create("persons", map("first_name", "Bot", "last_name", "B", "is_bot", true));
                crud.create("persons", map("first_name", "Guest", "last_name", "G", "is_guest", true));
                crud.create("persons", map("first_name", "Gone", "last_name", "G", "active", false));
                crud.update("persons", second.id(), map("active", false));
                Entry third = crud.create("persons", map("first_name", "C", "last_name", "C"));
                assertThat(failure(() -> crud.update("persons", second.id(), map("active", true))).body())
                        .isEqualTo(map("error", true, "message", "User limit reached.", "data", map("limit", 2)));
                crud.update("persons", third.id(), map("active", false));
                assertThat(crud.update("persons", second.id(), map("active", true)).get("active")).isEqualTo(true);
            }
        }

        @Test
        void deletesWithDependantsAnswer400UnlessForced() {
            // person
            Entry task = f.task();
            Entry artist = f.person();
            admin.data("tasks").update(task.id(), Map.of("assignees", List.of(artist.id())));
            f.timeSpent(task, artist, "2030-05-01", 3);
            ZouException e = failure(() -> admin.data("persons").delete(artist.id()));
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.body()).isEqualTo(zouError("Some data are still linked to given person."));
            assertThat(f.exists("persons", artist.id())).isTrue();
            admin.data("persons").delete(artist.id(), true);
            assertThat(f.exists("persons", artist.id())).isFalse();
            Entry after = admin.data("tasks").get(task.id());
            assertThat(after.get("assignees")).isEqualTo(List.of());
            assertThat(after.get("duration")).isEqualTo(0.0);

            // task type attached to a project
            Entry taskType = f.taskType("Shot");
            Entry project = f.project();
            admin.data("projects").update(project.id(), Map.of("task_types", List.of(taskType.id())));
            ZouException attached = failure(() -> admin.data("task-types").delete(taskType.id()));
            assertThat(attached.body()).isEqualTo(zouError(
                    "Task type is attached to projects. Re-issue the request with force=true to detach."));
            admin.data("task-types").delete(taskType.id(), true);
            assertThat(admin.data("projects").get(project.id()).get("task_types")).isEqualTo(List.of());

            // task with comments and time spent
            Entry commented = f.task();
            Entry author = f.person();
            f.create("comments", "object_id", commented.id(), "object_type", "Task", "person_id", author.id(),
                    "text", "Nice");
            f.timeSpent(commented, author, "2030-05-02", 1);
            assertThat(failure(() -> admin.data("tasks").delete(commented.id())).httpStatus()).isEqualTo(400);
            admin.data("tasks").delete(commented.id(), true);
            assertThat(f.exists("tasks", commented.id())).isFalse();
            assertThat(admin.data("comments").list(Query.where(Map.of("object_id", commented.id())))).isEmpty();
            assertThat(admin.data("time-spents").list(Query.where(Map.of("task_id", commented.id())))).isEmpty();

            // closed project with content
            Entry closed = f.closedProject();
            Entry shot = f.entity(closed, "Shot");
            Entry shotTask = f.task(shot, f.taskType("Shot"));
            f.create("playlists", "name", "Dailies", "project_id", closed.id());
            assertThat(failure(() -> admin.data("projects").delete(closed.id())).httpStatus()).isEqualTo(400);
            admin.data("projects").delete(closed.id(), true);
            assertThat(f.exists("projects", closed.id())).isFalse();
            assertThat(f.exists("entities", shot.id())).isFalse();
            assertThat(f.exists("tasks", shotTask.id())).isFalse();
        }

        @Test
        void anOpenProjectCannotBeDeletedAndThisIsCheckedBeforePermissions() {
            Entry open = f.project();
            Session artist = f.sessionOf("user");
            ZouException e = failure(() -> artist.data("projects").delete(open.id()));
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.body()).isEqualTo(zouError("Only closed projects can be deleted"));
            assertThat(failure(() -> admin.data("projects").delete(open.id(), true)).body())
                    .isEqualTo(zouError("Only closed projects can be deleted"));

            Entry closed = f.closedProject();
            assertThat(failure(() -> artist.data("projects").delete(closed.id())).httpStatus()).isEqualTo(403);
            assertThat(failure(() -> artist.data("projects").delete(closed.id(), true)).httpStatus()).isEqualTo(403);
            admin.data("projects").delete(closed.id());
            assertThat(f.exists("projects", closed.id())).isFalse();
        }

        @Test
        void dayOffsRejectOverlapsAndWipeTheTimeTheyCover() {
            Entry person = f.person();
            Entry task = f.task();
            Entry inside = f.timeSpent(task, person, "2030-07-03", 2);
            Entry outside = f.timeSpent(task, person, "2030-07-10", 3);
            assertThat(admin.data("tasks").get(task.id()).get("duration")).isEqualTo(5.0);

            Entry dayOff = f.create("day-offs", "person_id", person.id(), "date", "2030-07-01", "end_date",
                    "2030-07-05");
            assertThat(f.exists("time-spents", inside.id())).isFalse();
            assertThat(f.exists("time-spents", outside.id())).isTrue();
            assertThat(admin.data("tasks").get(task.id()).get("duration")).isEqualTo(3.0);

            for (String[] range : List.of(new String[] {"2030-07-05", "2030-07-06"},
                    new String[] {"2030-06-20", "2030-07-01"}, new String[] {"2030-07-02", "2030-07-03"},
                    new String[] {"2030-06-01", "2030-08-01"})) {
                ZouException e = failure(() -> f.create("day-offs", "person_id", person.id(), "date", range[0],
                        "end_date", range[1]));
                assertThat(e.body()).isEqualTo(wrongParameter("Day off already exists for this period"));
            }
            f.create("day-offs", "person_id", f.person().id(), "date", "2030-07-01", "end_date", "2030-07-05");
            Entry later = f.create("day-offs", "person_id", person.id(), "date", "2030-07-06", "end_date",
                    "2030-07-07");

            // an update is not compared with itself, and wipes the time of its new range
            admin.data("day-offs").update(dayOff.id(), Map.of("end_date", "2030-07-04"));
            assertThat(failure(() -> admin.data("day-offs").update(later.id(), Map.of("date", "2030-07-04"))).body())
                    .isEqualTo(wrongParameter("Day off already exists for this period"));
            admin.data("day-offs").update(later.id(), Map.of("end_date", "2030-07-12"));
            assertThat(f.exists("time-spents", outside.id())).isFalse();
            assertThat(admin.data("tasks").get(task.id()).get("duration")).isEqualTo(0.0);
        }

        @Test
        void theSalaryScaleListCreatesMissingRowsAndIgnoresParameters() {
            Entry department = f.create("departments", "name", unique("Compositing"), "color", "#000000");
            DataSet scales = admin.data("salary-scales");
            ListResult result = scales.query(Query.parse("page=1&limit=1&department_id=" + UUID.randomUUID()));
            assertThat(result.isPage()).isFalse();
            List<Entry> all = new ArrayList<>();
            result.forEach(all::add);
            result.close();
            List<Entry> ofDepartment = all.stream().filter(s -> department.id().equals(s.get("department_id")))
                    .toList();
            assertThat(ofDepartment).hasSize(9);
            assertThat(ofDepartment).extracting(s -> s.get("position") + "/" + s.get("seniority"))
                    .containsExactlyInAnyOrder("supervisor/senior", "supervisor/mid", "supervisor/junior",
                            "lead/senior", "lead/mid", "lead/junior", "artist/senior", "artist/mid", "artist/junior");
            assertThat(ofDepartment).allSatisfy(s -> assertThat(s.get("salary")).isEqualTo(0));
            assertThat(scales.list(Query.all())).hasSize(all.size());

            ZouException refused = failure(() -> scales.create(Map.of("department_id", department.id())));
            assertThat(refused.body()).isEqualTo(wrongParameter("Salary scales cannot be created"));
            assertThat(failure(() -> f.sessionOf("manager").data("salary-scales").create(Map.of())).httpStatus())
                    .isEqualTo(403);
        }
    }

    // =================================================================================================================
    // The list after §8

    @Nested
    class AlsoWorthATest {

        @Test
        void fieldsKeepsIdAndType() {
            Entry project = f.project();
            Entry only = admin.data("projects").list(Query.parse("id=" + project.id() + "&fields=name,nope")).get(0);
            assertThat(only.asMap()).containsOnlyKeys("id", "name", "type");
        }

        @Test
        void limitWithoutPageIsIgnored() {
            f.project();
            f.project();
            ListResult r = admin.data("projects").query(Query.parse("limit=1"));
            assertThat(r.isPage()).isFalse();
            List<Entry> rows = new ArrayList<>();
            r.forEach(rows::add);
            r.close();
            assertThat(rows.size()).isGreaterThan(1);
        }

        @Test
        void scalarRelationsAreEmbeddedAsNestedObjects() {
            Entry task = f.task();
            Entry working = f.create("working-files", "name", "scene.blend", "task_id", task.id(), "revision", 1);
            Entry status = f.create("file-status", "name", unique("ok"), "color", "#000000");
            Entry output = f.create("output-files", "name", "render", "revision", 1, "file_status_id", status.id(),
                    "source_file_id", working.id());
            Map<?, ?> nested = (Map<?, ?>) admin.data("output-files").get(output.id()).get("source_file");
            assertThat(nested.get("id")).isEqualTo(working.id());
            assertThat(nested.get("type")).isEqualTo("WorkingFile");
            Entry comment = f.create("comments", "object_id", task.id(), "object_type", "Task", "person_id",
                    f.person().id());
            Entry attachment = f.create("attachment-files", "name", "ref.png", "comment_id", comment.id());
            assertThat(((Map<?, ?>) admin.data("attachment-files").get(attachment.id()).get("comment")).get("id"))
                    .isEqualTo(comment.id());
            assertThat(admin.data("attachment-files").get(attachment.id()).get("chat_message")).isNull();
        }

        @Test
        void timeSpentsFilterOnAnInclusiveDateRangeGivenWithBothBounds() {
            Entry task = f.task();
            Entry person = f.person();
            Entry a = f.timeSpent(task, person, "2030-01-01", 1);
            Entry b = f.timeSpent(task, person, "2030-01-05", 1);
            Entry c = f.timeSpent(task, person, "2030-01-09", 1);
            DataSet ts = admin.data("time-spents");
            assertThat(ids(ts.list(Query.parse("task_id=" + task.id() + "&start_date=2030-01-01&end_date=2030-01-05"))))
                    .containsExactlyInAnyOrder(a.id(), b.id());
            assertThat(ids(ts.list(Query.parse("task_id=" + task.id()))))
                    .containsExactlyInAnyOrder(a.id(), b.id(), c.id());
            String needsBoth = "If querying for a range of dates, both a `start_date` and an `end_date` must be given.";
            assertThat(failure(() -> ts.list(Query.parse("start_date=2030-01-01"))).body())
                    .isEqualTo(wrongParameter(needsBoth));
            assertThat(failure(() -> ts.list(Query.parse("end_date=2030-01-01"))).body())
                    .isEqualTo(wrongParameter(needsBoth));
            assertThat(failure(() -> ts.list(Query.parse("start_date=soon&end_date=2030-01-01"))).httpStatus())
                    .isEqualTo(400);
        }
    }
}
