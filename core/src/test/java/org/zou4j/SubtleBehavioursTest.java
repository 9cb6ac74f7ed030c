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

    // =================================================================================================================
    // Per-model rules (reference §5.4, §3.5, §7.3)

    @Nested
    class PersonRules {

        @Test
        void choiceCountryLocaleAndDateFormatValuesAreValidated() {
            assertThat(failure(() -> f.person("role", "boss")).body()).isEqualTo(wrongParameter("Invalid role"));
            assertThat(failure(() -> f.person("contract_type", "forever")).body())
                    .isEqualTo(wrongParameter("Invalid contract_type"));
            assertThat(failure(() -> f.person("display_date_format", "YYYY")).body())
                    .isEqualTo(wrongParameter("Invalid display_date_format"));
            String country = "Invalid country code, expected an ISO 3166-1 alpha-2 code.";
            assertThat(failure(() -> f.person("country", "XX")).body()).isEqualTo(wrongParameter(country));
            assertThat(failure(() -> f.person("country", "FRA")).body()).isEqualTo(wrongParameter(country));
            String locale = "Invalid locale, expected a name available in Python Babel (e.g. en_US, fr_FR).";
            assertThat(failure(() -> f.person("locale", "xx_YY")).body()).isEqualTo(wrongParameter(locale));
            assertThat(failure(() -> f.person("locale", "en_US_POSIX_X")).body()).isEqualTo(wrongParameter(locale));
            assertThat(failure(() -> f.person("locale", "en-US")).body()).isEqualTo(wrongParameter(locale));
            Entry p = f.person("locale", "de", "country", "de", "display_date_format", null);
            assertThat(p.get("locale")).isEqualTo("de");
            assertThat(p.get("country")).isEqualTo("DE");
            assertThat(admin.data("persons").update(p.id(), Map.of("country", "jp")).get("country")).isEqualTo("JP");
            assertThat(failure(() -> admin.data("persons").update(p.id(), Map.of("locale", "zz"))).body())
                    .isEqualTo(wrongParameter(locale));
        }

        @Test
        void expirationDatesMustBeIsoDatesNotInThePast() {
            assertThat(failure(() -> f.person("expiration_date", inDays(-1))).body())
                    .isEqualTo(wrongParameter("Expiration date can't be in the past."));
            for (String bad : List.of("2030-13-01", "01/02/2030", "2030-01-01T00:00:00")) {
                assertThat(failure(() -> f.person("expiration_date", bad)).body())
                        .isEqualTo(wrongParameter("Expiration date is not valid."));
            }
            Entry p = f.person("expiration_date", inDays(30));
            assertThat(p.get("expiration_date")).isEqualTo(inDays(30));
            // a stored past date may be sent back unchanged, not changed to another past date
            f.update("person", uuid(p), map("expiration_date", LocalDate.now(ZoneOffset.UTC).minusDays(3)));
            assertThat(admin.data("persons").update(p.id(), Map.of("expiration_date", inDays(-3), "phone", "1"))
                    .get("phone")).isEqualTo("1");
            assertThat(failure(() -> admin.data("persons").update(p.id(), Map.of("expiration_date", inDays(-4))))
                    .body()).isEqualTo(wrongParameter("Expiration date can't be in the past."));
        }

        @Test
        void emailsAreValidatedStrippedAndLowerCased() {
            assertThat(failure(() -> f.person("email", "nobody")).body())
                    .isEqualTo(wrongParameter("The email address is not valid. It must have exactly one @-sign."));
            assertThat(failure(() -> f.person("email", "a@b@c.com")).httpStatus()).isEqualTo(400);
            assertThat(failure(() -> f.person("email", "@example.com")).body())
                    .isEqualTo(wrongParameter("There must be something before the @-sign."));
            assertThat(failure(() -> f.person("email", "someone@localhost")).body())
                    .isEqualTo(wrongParameter("The part after the @-sign is not valid. It should have a period."));
            assertThat(failure(() -> f.person("email", "some one@example.com")).httpStatus()).isEqualTo(400);
            assertThat(f.person("email", "  Jane.Doe+kitsu@Example.COM\t").get("email"))
                    .isEqualTo("jane.doe+kitsu@example.com");
        }

        @Test
        void aPasswordInAPostIsHashedWithBcryptAndRefusedWithoutHashing() {
            Entry p = f.person("password", "correct horse battery");
            assertThat(p.asMap()).doesNotContainKey("password");
            assertThat(f.rows("person", Filter.eq("id", uuid(p))).get(0).get("password")).asString()
                    .startsWith("$2b$12$").hasSize(60);
            assertThat(failure(() -> f.person("password", "short")).body())
                    .isEqualTo(wrongParameter("Password is too short."));
            assertThat(failure(() -> f.person("password", 12345678)).httpStatus()).isEqualTo(400);
            // PUT never writes the password (protected field)
            admin.data("persons").update(p.id(), map("password", "another password"));
            assertThat(f.rows("person", Filter.eq("id", uuid(p))).get(0).get("password")).asString()
                    .startsWith("$2b$12$");

            try (CrudHarness crud = new CrudHarness(HookSettings.defaults())) {
                ZouException refused = failure(() -> crud.create("persons", map("first_name", "A", "last_name", "B",
                        "password", "secret-secret")));
                assertThat(refused.httpStatus()).isEqualTo(400);
                assertThat(refused.body().get("message")).asString().contains("password");
            }
            try (CrudHarness crud = new CrudHarness(HookSettings.defaults()
                    .withPasswordHashing(pw -> "hashed(" + pw.length() + ")"))) {
                Entry q = crud.create("persons", map("first_name", "A", "last_name", "B", "password", "secret-secret"));
                Row row = crud.crud().database().read(tx -> tx.byId("person", uuid(q)));
                assertThat(row.get("password")).isEqualTo("hashed(13)");
            }
        }

        @Test
        void nobodyDeletesThemselvesAndADeleteEmitsOneEvent() {
            Entry me = f.person("role", "admin");
            Session mine = TestEngines.as(engine, me);
            ZouException e = failure(() -> mine.data("persons").delete(me.id()));
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(failure(() -> mine.data("persons").delete(me.id(), true)).httpStatus()).isEqualTo(403);
            Entry other = f.person();
            mine.data("persons").delete(other.id());
            assertThat(events(admin, "person:delete").stream().filter(d -> other.id().equals(d.get("person_id"))))
                    .hasSize(1);
        }

        @Test
        void thePutAnswerCarriesTheDepartments() {
            Entry department = f.create("departments", "name", unique("Lighting"), "color", "#000000");
            Entry p = f.person();
            Entry updated = admin.data("persons").update(p.id(), Map.of("departments", List.of(department.id())));
            assertThat(updated.get("departments")).isEqualTo(List.of(department.id()));
            assertThat(updated.get("full_name")).isEqualTo(p.get("full_name"));
        }
    }

    @Nested
    class ProjectRules {

        @Test
        void productionStyleDefaultsTo2d3dAndIsValidated() {
            assertThat(f.project("production_style", null).get("production_style")).isEqualTo("2d3d");
            assertThat(f.project().get("production_style")).isEqualTo("2d3d");
            assertThat(failure(() -> f.project("production_style", "claymation")).body())
                    .isEqualTo(wrongParameter("Invalid production_style"));
            Entry p = f.project("production_style", "vfx");
            assertThat(admin.data("projects").update(p.id(), map("production_style", null)).get("production_style"))
                    .isEqualTo("2d3d");
        }

        @Test
        void resolutionsAreWidthByHeightOrHeightOnly() {
            assertThat(f.project("resolution", "x1080").get("resolution")).isEqualTo("x1080");
            assertThat(f.project("resolution", "").get("resolution")).isEqualTo("");
            assertThat(f.project("resolution", "3840x2160").get("resolution")).isEqualTo("3840x2160");
            assertThat(failure(() -> f.project("resolution", "1080p")).body()).isEqualTo(wrongParameter(
                    "Invalid resolution 1080p. Expected format: '1920x1080' or 'x1080'."));
            Entry p = f.project();
            assertThat(failure(() -> admin.data("projects").update(p.id(), Map.of("resolution", "1920*1080")))
                    .httpStatus()).isEqualTo(400);
        }

        @Test
        void theOpenStatusIsTheDefaultAndIsCreatedOnDemand() {
            Entry a = f.project();
            Entry b = f.project();
            assertThat(a.get("project_status_id")).isNotNull().isEqualTo(b.get("project_status_id"));
            Entry open = admin.data("project-status").get(a.getString("project_status_id"));
            assertThat(open.get("name")).isEqualTo("Open");
            assertThat(open.get("color")).isEqualTo("#000000");
        }

        @Test
        void aTvShowGetsAFirstEpisode() {
            Entry show = f.project("production_type", "tvshow");
            String episodeId = show.getString("first_episode_id");
            assertThat(episodeId).isNotNull();
            Entry episode = admin.data("entities").get(episodeId);
            assertThat(episode.get("name")).isEqualTo("E01");
            assertThat(episode.type()).isEqualTo("Episode");
            assertThat(episode.get("project_id")).isEqualTo(show.id());
            assertThat(events(admin, "episode:new")).contains(map("episode_id", episodeId, "project_id", show.id()));
            assertThat(admin.data("projects").update(show.id(), Map.of("fps", "24")).get("first_episode_id"))
                    .isEqualTo(episodeId);

            Entry film = f.project();
            assertThat(film.asMap()).doesNotContainKey("first_episode_id");
            Entry nowShow = admin.data("projects").update(film.id(), Map.of("production_type", "tvshow"));
            assertThat(nowShow.getString("first_episode_id")).isNotNull().isNotEqualTo(episodeId);
        }

        @Test
        void projectEventsCarryTheProjectId() {
            Entry p = f.closedProject();
            admin.data("projects").update(p.id(), Map.of("description", "x"));
            admin.data("projects").delete(p.id());
            for (String verb : List.of("new", "update", "delete")) {
                assertThat(events(admin, "project:" + verb)).contains(map("project_id", p.id()));
            }
        }

        @Test
        void aProjectTemplateGivesItsSettingsCollectionsAndDescriptorsUnlessTheBodySaysOtherwise() {
            Entry taskType = f.taskType("Shot");
            Entry status = f.taskStatus();
            Entry department = f.create("departments", "name", unique("FX"), "color", "#000000");
            Entry template = f.create("project-templates", "name", unique("Series"), "fps", "24", "ratio", "2.39",
                    "production_style", "3d", "max_retakes", 4, "task_types", List.of(taskType.id()),
                    "task_statuses", List.of(status.id()), "metadata_descriptors", List.of(map("entity_type", "Shot",
                            "name", "Camera", "field_name", "camera", "data_type", "string", "choices", List.of(),
                            "for_client", false, "departments", List.of(department.id()), "position", 1)));
            f.db().inTransaction(tx -> tx.update("project_template_task_type_link", map("priority", 7),
                    List.of(Filter.eq("project_template_id", uuid(template)))));

            Entry project = f.project("project_template_id", template.id(), "ratio", "1.85", "fps", null);
            assertThat(project.asMap()).doesNotContainKey("project_template_id");
            assertThat(project.get("fps")).isEqualTo("24");
            assertThat(project.get("ratio")).isEqualTo("1.85");
            assertThat(project.get("production_style")).isEqualTo("3d");
            assertThat(project.get("max_retakes")).isEqualTo(4);
            assertThat(project.get("task_types")).isEqualTo(List.of(taskType.id()));
            assertThat(project.get("task_statuses")).isEqualTo(List.of(status.id()));
            assertThat(f.rows("project_task_type_link", Filter.eq("project_id", uuid(project))))
                    .extracting(r -> r.get("priority")).containsExactly(7);
            List<Entry> descriptors = admin.data("metadata-descriptors").list(Query.parse("project_id="
                    + project.id() + "&entity_type=Shot&relations=true"));
            assertThat(descriptors).hasSize(1);
            assertThat(descriptors.get(0).get("field_name")).isEqualTo("camera");
            assertThat(descriptors.get(0).get("departments")).isEqualTo(List.of(department.id()));

            assertThat(failure(() -> f.project("project_template_id", UUID.randomUUID().toString())).httpStatus())
                    .isEqualTo(404);
            assertThat(failure(() -> f.project("preview_background_files", List.of(UUID.randomUUID().toString())))
                    .httpStatus()).isEqualTo(404);
        }

        @Test
        void aNewProjectGetsTheProjectDescriptorsOfOpenProjects() {
            // its own engine: every later project of an engine inherits these descriptors
            try (ZouEngine own = TestEngines.engine()) {
                Fixtures g = new Fixtures(own);
                Entry open = g.project();
                Entry closed = g.closedProject();
                g.create("metadata-descriptors", "project_id", open.id(), "entity_type", "Project", "name", "Budget",
                        "field_name", "budget_code");
                g.create("metadata-descriptors", "project_id", open.id(), "entity_type", "Shot", "name", "Camera",
                        "field_name", "camera");
                g.create("metadata-descriptors", "project_id", closed.id(), "entity_type", "Project", "name", "Old",
                        "field_name", "old");
                Entry fresh = g.project();
                assertThat(g.admin.data("metadata-descriptors").list(Query.where(Map.of("project_id", fresh.id()))))
                        .extracting(d -> d.get("entity_type") + "/" + d.get("field_name"))
                        .containsExactly("Project/budget_code");
            }
        }

        @Test
        void aForcedDeleteRemovesEverythingInTheProject() {
            Entry project = f.closedProject();
            Entry asset = f.asset(project);
            Entry shot = f.entity(project, "Shot");
            Entry task = f.task(asset, f.taskType("Asset"));
            Entry person = f.person();
            admin.data("projects").update(project.id(), Map.of("team", List.of(person.id())));
            f.timeSpent(task, person, "2030-09-09", 2);
            Entry comment = f.create("comments", "object_id", task.id(), "object_type", "Task", "person_id",
                    person.id());
            Entry preview = f.create("preview-files", "task_id", task.id(), "person_id", person.id());
            admin.data("entities").update(asset.id(), Map.of("preview_file_id", preview.id()));
            f.create("entity-links", "entity_in_id", shot.id(), "entity_out_id", asset.id());
            Entry playlist = f.create("playlists", "name", "Dailies", "project_id", project.id());
            Entry budget = f.create("budgets", "name", "B", "project_id", project.id());
            f.create("milestones", "name", "M", "project_id", project.id());
            f.create("metadata-descriptors", "project_id", project.id(), "entity_type", "Asset", "name", "Diff",
                    "field_name", "diff");
            Entry version = f.create("production-schedule-versions", "name", "v1", "project_id", project.id());
            f.create("production-schedule-version-task-links", "production_schedule_version_id", version.id(),
                    "task_id", task.id());
            f.create("schedule-items", "project_id", project.id(), "task_type_id", task.get("task_type_id"));

            admin.data("projects").delete(project.id(), true);
            assertThat(f.exists("projects", project.id())).isFalse();
            for (String[] gone : List.of(new String[] {"entities", asset.id()}, new String[] {"tasks", task.id()},
                    new String[] {"comments", comment.id()}, new String[] {"preview-files", preview.id()},
                    new String[] {"playlists", playlist.id()}, new String[] {"budgets", budget.id()},
                    new String[] {"production-schedule-versions", version.id()})) {
                assertThat(f.exists(gone[0], gone[1])).as(gone[0]).isFalse();
            }
            assertThat(f.exists("persons", person.id())).isTrue();
            assertThat(events(admin, "project:delete")).contains(map("project_id", project.id()));
        }
    }

    @Nested
    class EntityTypeRules {

        @Test
        void namesAreUniqueCaseInsensitively() {
            String name = unique("Vehicle");
            Entry type = f.create("entity-types", "name", name);
            assertThat(failure(() -> f.create("entity-types", "name", name.toUpperCase())).body())
                    .isEqualTo(wrongParameter("Entity type with this name already exists"));
            Entry other = f.create("entity-types", "name", unique("Vehicle"));
            assertThat(failure(() -> admin.data("entity-types").update(other.id(), Map.of("name", name.toLowerCase())))
                    .body()).isEqualTo(wrongParameter("Entity type with this name already exists"));
            assertThat(admin.data("entity-types").update(type.id(), Map.of("name", name.toLowerCase())).get("name"))
                    .isEqualTo(name.toLowerCase());
        }

        @Test
        void eventsAreAssetTypeEventsAndThePutAnswerHasTheTaskTypes() {
            Entry type = f.assetType();
            Entry taskType = f.taskType("Asset");
            assertThat(events(admin, "asset-type:new")).contains(map("asset_type_id", type.id()));
            Entry updated = admin.data("entity-types").update(type.id(), Map.of("task_types", List.of(taskType.id())));
            assertThat(updated.get("task_types")).isEqualTo(List.of(taskType.id()));
            assertThat(updated.type()).isEqualTo("EntityType");
            assertThat(events(admin, "asset-type:update")).contains(map("asset_type_id", type.id()));
        }
    }

    @Nested
    class EntityRules {

        @Test
        void theCreatorIsTheCaller() {
            Entry me = f.person("role", "admin");
            Entry someoneElse = f.person();
            Entry project = f.project();
            Entry asset = TestEngines.as(engine, me).data("entities").create(map("name", unique("prop"),
                    "project_id", project.id(), "entity_type_id", f.assetType().id(), "created_by", someoneElse.id()));
            assertThat(asset.get("created_by")).isEqualTo(me.id());
            assertThat(admin.data("entities").update(asset.id(), Map.of("created_by", someoneElse.id()))
                    .get("created_by")).isEqualTo(me.id());
        }

        @Test
        void aNullStringSourceClearsTheSource() {
            Entry project = f.project();
            Entry source = f.asset(project);
            Entry asset = f.entity(project, "Character", "source_id", source.id());
            assertThat(asset.get("source_id")).isEqualTo(source.id());
            assertThat(admin.data("entities").update(asset.id(), Map.of("source_id", "null")).get("source_id")).isNull();
        }

        @Test
        void namesAreUniquePerProjectTypeAndParent() {
            Entry project = f.project();
            Entry seq = f.entity(project, "Sequence");
            Entry shot = f.entity(project, "Shot", "name", "SH010", "parent_id", seq.id());
            Entry other = f.entity(project, "Shot", "name", "SH020", "parent_id", seq.id());
            String expected = "An entity with name 'SH010', project_id '" + project.id() + "', entity_type_id '"
                    + shot.get("entity_type_id") + "', and parent_id '" + seq.id()
                    + "' already exists. The combination of these fields must be unique.";
            ZouException e = failure(() -> admin.data("entities").update(other.id(), Map.of("name", "SH010")));
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.body()).isEqualTo(zouError(expected));
            assertThat(failure(() -> f.entity(project, "Shot", "name", "SH010", "parent_id", seq.id())).body())
                    .isEqualTo(zouError(expected));
            // a top-level duplicate is caught too (NULL parent matches NULL)
            f.entity(project, "Shot", "name", "SH030");
            assertThat(failure(() -> f.entity(project, "Shot", "name", "SH030")).body().get("message").toString())
                    .contains("parent_id 'None'");
            assertThat(f.entity(project, "Shot", "name", "SH030", "parent_id", seq.id()).get("name"))
                    .isEqualTo("SH030");
        }

        @Test
        void thePutAnswerHasTheRelationsAndTheKindAsType() {
            Entry project = f.project();
            Entry shot = f.entity(project, "Shot");
            assertThat(shot.type()).isEqualTo("Entity");
            Entry updated = admin.data("entities").update(shot.id(), Map.of("nb_frames", 48));
            assertThat(updated.type()).isEqualTo("Shot");
            assertThat(updated.asMap()).containsKeys("entities_out", "entities_in", "entity_concept_links",
                    "instance_casting");
            assertThat(events(admin, "shot:new")).contains(map("shot_id", shot.id(), "project_id", project.id()));
            assertThat(events(admin, "shot:update")).contains(map("shot_id", shot.id(), "project_id", project.id()));
        }

        @Test
        void aDeleteRemovesLinksInAndOutAndConceptLinks() {
            Entry project = f.project();
            Entry shot = f.entity(project, "Shot");
            Entry prop = f.asset(project);
            Entry concept = f.entity(project, "Concept");
            Entry castIn = f.create("entity-links", "entity_in_id", shot.id(), "entity_out_id", prop.id());
            Entry castOut = f.create("entity-links", "entity_in_id", prop.id(), "entity_out_id", shot.id());
            for (String[] pair : List.of(new String[] {concept.id(), prop.id()}, new String[] {prop.id(), concept.id()})) {
                f.insert("entity_concept_link", map("id", UUID.randomUUID(), "created_at",
                        java.time.LocalDateTime.now(), "updated_at", java.time.LocalDateTime.now(), "entity_in_id",
                        uuid(pair[0]), "entity_out_id", uuid(pair[1])));
            }
            admin.data("entities").delete(prop.id());
            assertThat(f.exists("entities", prop.id())).isFalse();
            assertThat(f.exists("entity-links", castIn.id())).isFalse();
            assertThat(f.exists("entity-links", castOut.id())).isFalse();
            assertThat(f.rows("entity_concept_link")).noneMatch(r -> prop.id().equals(String.valueOf(
                    r.get("entity_in_id"))) || prop.id().equals(String.valueOf(r.get("entity_out_id"))));
            assertThat(f.exists("entities", shot.id())).isTrue();
            assertThat(events(admin, "asset:delete")).contains(map("asset_id", prop.id(), "project_id", project.id()));
        }
    }

    @Nested
    class TaskRules {

        @Test
        void theNameDefaultsToMainAndDuplicatesAreRefused() {
            Entry project = f.project();
            Entry asset = f.asset(project);
            Entry type = f.taskType("Asset");
            Entry task = admin.data("tasks").create(map("entity_id", asset.id(), "task_type_id", type.id()));
            assertThat(task.get("name")).isEqualTo("main");
            assertThat(task.get("project_id")).isEqualTo(project.id());
            ZouException e = failure(() -> admin.data("tasks").create(map("entity_id", asset.id(), "task_type_id",
                    type.id(), "name", "")));
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.body()).isEqualTo(map("message", "Task already exists."));
            assertThat(f.task(asset, type, "name", "other").get("name")).isEqualTo("other");
        }

        @Test
        void theTaskTypeAndEntityMustExistAndMatch() {
            Entry project = f.project();
            Entry asset = f.asset(project);
            Entry shot = f.entity(project, "Shot");
            Entry assetType = f.taskType("Asset");
            Entry shotType = f.taskType("Shot");
            assertThat(failure(() -> f.task(asset, shotType)).body())
                    .isEqualTo(zouError("Task type of the task does not match entity type."));
            assertThat(failure(() -> f.task(shot, assetType)).body())
                    .isEqualTo(zouError("Task type of the task does not match entity type."));
            assertThat(f.task(shot, shotType).get("entity_id")).isEqualTo(shot.id());
            assertThat(failure(() -> admin.data("tasks").create(map("entity_id", asset.id(), "task_type_id",
                    UUID.randomUUID().toString()))).httpStatus()).isEqualTo(404);
            assertThat(failure(() -> admin.data("tasks").create(map("entity_id", UUID.randomUUID().toString(),
                    "task_type_id", assetType.id()))).httpStatus()).isEqualTo(404);
            ZouException missing = failure(() -> admin.data("tasks").create(map("entity_id", asset.id())));
            assertThat(missing.httpStatus()).isEqualTo(400);
            assertThat(missing.body()).containsEntry("fields", List.of("task_type_id"));
        }

        @Test
        void changingAssigneesEmitsAssignAndUnassignPerPerson() {
            Entry task = f.task();
            Entry a = f.person();
            Entry b = f.person();
            Entry c = f.person();
            DataSet tasks = admin.data("tasks");
            tasks.update(task.id(), Map.of("assignees", List.of(a.id(), b.id())));
            tasks.update(task.id(), Map.of("assignees", List.of(b.id(), c.id())));
            Object project = task.get("project_id");
            List<Map<String, Object>> assigned = events(admin, "task:assign").stream()
                    .filter(d -> task.id().equals(d.get("task_id"))).toList();
            assertThat(assigned).containsExactlyInAnyOrder(
                    map("task_id", task.id(), "person_id", a.id(), "project_id", project),
                    map("task_id", task.id(), "person_id", b.id(), "project_id", project),
                    map("task_id", task.id(), "person_id", c.id(), "project_id", project));
            assertThat(events(admin, "task:unassign").stream().filter(d -> task.id().equals(d.get("task_id"))))
                    .containsExactly(map("task_id", task.id(), "person_id", a.id(), "project_id", project));
            assertThat(admin.data("tasks").get(task.id()).get("assignees"))
                    .asList().containsExactlyInAnyOrder(b.id(), c.id());
        }

        @Test
        void theDeleteEventNamesTheEntityAndTaskType() {
            Entry task = f.task();
            admin.data("tasks").delete(task.id());
            assertThat(events(admin, "task:delete")).contains(map("task_id", task.id(), "entity_id",
                    task.get("entity_id"), "task_type_id", task.get("task_type_id"), "project_id",
                    task.get("project_id")));
        }
    }

    @Nested
    class TaskTypeAndStatusRules {

        @Test
        void taskTypeNamesAreGloballyUnique() {
            String name = unique("Rigging");
            Entry t = f.create("task-types", "name", name, "for_entity", "Asset");
            assertThat(failure(() -> f.create("task-types", "name", name, "for_entity", "Shot")).body())
                    .isEqualTo(wrongParameter("A task type with similar name already exists"));
            Entry other = f.taskType("Shot");
            assertThat(failure(() -> admin.data("task-types").update(other.id(), Map.of("name", name))).body())
                    .isEqualTo(wrongParameter("A task type with similar name already exists"));
            assertThat(admin.data("task-types").update(t.id(), Map.of("name", name, "color", "#000000"))
                    .get("color")).isEqualTo("#000000");
        }

        @Test
        void aTaskTypeInScheduleItemsOrProjectsIsOnlyDeletedWhenForced() {
            Entry project = f.project();
            Entry scheduled = f.taskType("Shot");
            f.create("schedule-items", "project_id", project.id(), "task_type_id", scheduled.id());
            assertThat(failure(() -> admin.data("task-types").delete(scheduled.id())).body()).isEqualTo(zouError(
                    "Task type is attached to schedule items. Re-issue the request with force=true to detach."));
            admin.data("projects").update(project.id(), Map.of("task_types", List.of(scheduled.id())));
            assertThat(failure(() -> admin.data("task-types").delete(scheduled.id())).body()).isEqualTo(zouError(
                    "Task type is attached to schedule items and projects. Re-issue the request with force=true to "
                            + "detach."));
            admin.data("task-types").delete(scheduled.id(), true);
            assertThat(f.exists("task-types", scheduled.id())).isFalse();
            assertThat(admin.data("schedule-items").list(Query.where(Map.of("project_id", project.id())))).isEmpty();
            Entry free = f.taskType("Asset");
            admin.data("task-types").delete(free.id());
            assertThat(f.exists("task-types", free.id())).isFalse();
        }

        @Test
        void thereIsASingleDefaultTaskStatus() {
            Entry a = f.taskStatus();
            admin.data("task-status").update(a.id(), Map.of("is_default", true));
            Entry b = admin.data("task-status").create(map("name", unique("WIP"), "short_name",
                    unique("w").replace(" ", ""), "color", "#000000", "is_default", true));
            assertThat(admin.data("task-status").get(a.id()).get("is_default")).isEqualTo(false);
            assertThat(admin.data("task-status").list(Query.where(Map.of("is_default", "true"))))
                    .extracting(Entry::id).containsExactly(b.id());
            admin.data("task-status").update(a.id(), Map.of("is_default", true));
            assertThat(admin.data("task-status").list(Query.where(Map.of("is_default", "true"))))
                    .extracting(Entry::id).containsExactly(a.id());
            // a new task without a status gets the default one
            assertThat(f.task().get("task_status_id")).isEqualTo(a.id());
        }
    }

    @Nested
    class TimeRules {

        @Test
        void aTasksDurationIsTheSumOfItsTimeSpents() {
            Entry task = f.task();
            Entry person = f.person();
            Entry a = f.timeSpent(task, person, "2030-02-01", 2);
            Entry b = f.timeSpent(task, person, "2030-02-02", 1.5);
            assertThat(admin.data("tasks").get(task.id()).get("duration")).isEqualTo(3.5);
            // Zou lets time be deleted only while its person is assigned to the task
            admin.data("tasks").update(task.id(), Map.of("assignees", List.of(person.id())));
            admin.data("time-spents").update(a.id(), Map.of("duration", 4));
            assertThat(admin.data("tasks").get(task.id()).get("duration")).isEqualTo(5.5);
            admin.data("time-spents").delete(b.id());
            assertThat(admin.data("tasks").get(task.id()).get("duration")).isEqualTo(4.0);
            assertThat(events(admin, "task:update").stream().filter(d -> task.id().equals(d.get("task_id"))))
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(d -> assertThat(d).isEqualTo(map("task_id", task.id(), "project_id",
                            task.get("project_id"))));
        }

        @Test
        void aDayOffNeedsADateAnEndDateAndAPerson() {
            ZouException e = failure(() -> f.create("day-offs", "date", "2030-01-01"));
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.body()).isEqualTo(map("message", "A required field is missing.", "fields",
                    List.of("end_date", "person_id")));
            assertThat(failure(() -> f.create("day-offs", "person_id", f.person().id(), "date", "2030-01-05",
                    "end_date", "2030-01-01")).httpStatus()).isEqualTo(400);
        }
    }

    @Nested
    class SmallerModels {

        @Test
        void customActionsNeedANameThatCannotBeCleared() {
            assertThat(failure(() -> f.create("custom-actions", "url", "http://x")).body())
                    .isEqualTo(wrongParameter("The 'name' field is required and cannot be None."));
            assertThat(failure(() -> f.create("custom-actions", "name", null)).body())
                    .isEqualTo(wrongParameter("The 'name' field is required and cannot be None."));
            Entry action = f.create("custom-actions", "name", "Open in tool");
            assertThat(failure(() -> admin.data("custom-actions").update(action.id(), map("name", null))).body())
                    .isEqualTo(wrongParameter("The 'name' field cannot be set to None."));
            assertThat(admin.data("custom-actions").update(action.id(), map("url", "http://y")).get("name"))
                    .isEqualTo("Open in tool");
        }

        @Test
        void anAutomationUsedByAProjectCannotBeDeleted() {
            Entry automation = f.create("status-automations", "entity_type", "asset");
            Entry project = f.project();
            admin.data("projects").update(project.id(), Map.of("status_automations", List.of(automation.id())));
            ZouException e = failure(() -> admin.data("status-automations").delete(automation.id()));
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.body()).isEqualTo(map("message", "This automation is used in a project."));
            admin.data("projects").update(project.id(), Map.of("status_automations", List.of()));
            admin.data("status-automations").delete(automation.id());
            assertThat(f.exists("status-automations", automation.id())).isFalse();
        }

        @Test
        void playlistsNormalizeEpisodesCreatorTaskTypesAndShots() {
            Entry me = f.person("role", "admin");
            Entry project = f.project();
            Session mine = TestEngines.as(engine, me);
            Entry all = mine.data("playlists").create(map("name", unique("All"), "project_id", project.id(),
                    "episode_id", "all", "task_type_id", "not-an-id", "created_by", f.person().id()));
            assertThat(all.get("episode_id")).isNull();
            assertThat(all.get("task_type_id")).isNull();
            assertThat(all.get("created_by")).isEqualTo(me.id());
            Entry main = f.create("playlists", "name", unique("Main"), "project_id", project.id(), "episode_id",
                    "main", "task_type_id", UUID.randomUUID().toString());
            assertThat(main.get("episode_id")).isNull();
            assertThat(main.get("task_type_id")).isNull();
            Entry shot = f.entity(project, "Shot");
            String preview = UUID.randomUUID().toString();
            Entry updated = admin.data("playlists").update(main.id(), Map.of("shots", List.of(
                    map("entity_id", shot.id(), "preview_file_id", preview, "extra", 1),
                    map("entity_id", shot.id()),
                    map("id", shot.id(), "preview_file_id", preview))));
            assertThat(updated.get("shots")).isEqualTo(List.of(map("entity_id", shot.id(), "preview_file_id", preview),
                    map("entity_id", shot.id(), "preview_file_id", preview)));
        }

        @Test
        void scheduleItemsAreUniqueWithNullMatchingNull() {
            Entry project = f.project();
            Entry type = f.taskType("Shot");
            Entry item = f.create("schedule-items", "project_id", project.id(), "task_type_id", type.id());
            assertThat(failure(() -> f.create("schedule-items", "project_id", project.id(), "task_type_id",
                    type.id())).body()).isEqualTo(wrongParameter("A similar schedule item already exists"));
            Entry withObject = f.create("schedule-items", "project_id", project.id(), "task_type_id", type.id(),
                    "object_id", UUID.randomUUID().toString());
            assertThat(withObject.id()).isNotEqualTo(item.id());
            Entry updated = admin.data("schedule-items").update(item.id(), Map.of("man_days", "3", "end_date",
                    "2030-01-01"));
            assertThat(updated.get("man_days")).isNull();
            assertThat(admin.data("schedule-items").update(item.id(), Map.of("man_days", 3)).get("man_days"))
                    .isEqualTo(3);
        }

        @Test
        void notificationsSerializeTheirTypeAsNotificationType() {
            Entry person = f.person();
            Entry n = f.create("notifications", "type", "mention", "person_id", person.id(), "author_id",
                    person.id());
            for (Entry e : List.of(n, admin.data("notifications").get(n.id()),
                    admin.data("notifications").list(Query.where(Map.of("id", n.id()))).get(0))) {
                assertThat(e.get("notification_type")).isEqualTo("mention");
                assertThat(e.type()).isEqualTo("Notification");
            }
            assertThat(ids(admin.data("notifications").list(Query.where(Map.of("type", "mention")))))
                    .contains(n.id());
        }

        @Test
        void jsonColumnsGetZousPythonSideDefaults() {
            Entry status = f.taskStatus();
            Entry project = f.project("task_statuses", List.of(status.id()));
            Row link = f.rows("project_task_status_link", Filter.eq("project_id", uuid(project))).get(0);
            assertThat(f.engine.crud().jsonForm().toJsonValue(link.get("roles_for_board")))
                    .isEqualTo(List.of("user", "admin", "supervisor", "manager", "vendor"));

            Entry task = f.task();
            Entry person = f.person();
            Entry comment = f.create("comments", "object_id", task.id(), "object_type", "Task", "person_id",
                    person.id());
            assertThat(comment.get("replies")).isEqualTo(List.of());
            Entry explicit = f.create("comments", "object_id", task.id(), "object_type", "Task", "person_id",
                    person.id(), "replies", null);
            assertThat(explicit.get("replies")).isNull();

            Entry template = f.create("project-templates", "name", unique("Template"), "task_statuses",
                    List.of(status.id()));
            assertThat(template.get("metadata_descriptors")).isEqualTo(List.of());
            Row templateLink = f.rows("project_template_task_status_link",
                    Filter.eq("project_template_id", uuid(template))).get(0);
            assertThat(f.engine.crud().jsonForm().toJsonValue(templateLink.get("roles_for_board")))
                    .isEqualTo(List.of("user", "admin", "supervisor", "manager", "vendor"));
        }

        @Test
        void aCommentDeleteRemovesItsNotificationsNewsAttachmentsAndPreviews() {
            Entry task = f.task();
            Entry person = f.person();
            Entry preview = f.create("preview-files", "task_id", task.id());
            Entry comment = f.create("comments", "object_id", task.id(), "object_type", "Task", "person_id",
                    person.id(), "previews", List.of(preview.id()), "mentions", List.of(person.id()));
            Entry notification = f.create("notifications", "type", "comment", "person_id", person.id(), "author_id",
                    person.id(), "comment_id", comment.id(), "task_id", task.id());
            Entry news = f.create("news", "author_id", person.id(), "task_id", task.id(), "comment_id", comment.id());
            Entry attachment = f.create("attachment-files", "name", "a.png", "comment_id", comment.id());
            admin.data("comments").delete(comment.id());
            for (String[] gone : List.of(new String[] {"comments", comment.id()},
                    new String[] {"notifications", notification.id()}, new String[] {"news", news.id()},
                    new String[] {"attachment-files", attachment.id()}, new String[] {"preview-files", preview.id()})) {
                assertThat(f.exists(gone[0], gone[1])).as(gone[0]).isFalse();
            }
            assertThat(f.exists("tasks", task.id())).isTrue();
        }

        @Test
        void projectTemplatesNeedANonEmptyUniqueName() {
            String name = unique("Feature");
            Entry template = f.create("project-templates", "name", name);
            assertThat(failure(() -> f.create("project-templates", "name", name)).body())
                    .isEqualTo(map("message", "A project template with this name already exists"));
            assertThat(failure(() -> f.create("project-templates", "name", "")).body())
                    .isEqualTo(map("message", "name is required"));
            assertThat(failure(() -> admin.data("project-templates").update(template.id(), Map.of("name", ""))).body())
                    .isEqualTo(map("message", "name is required"));
            Entry other = f.create("project-templates", "name", unique("Feature"));
            assertThat(failure(() -> admin.data("project-templates").update(other.id(), Map.of("name", name))).body())
                    .isEqualTo(map("message", "A project template with this name already exists"));
            assertThat(events(admin, "project-template:new")).contains(map("project_template_id", template.id()));
        }

        @Test
        void aPreviewDeleteDetachesItFromEntitiesCommentsNewsAndItsTask() {
            Entry task = f.task();
            Entry person = f.person();
            Entry older = f.create("preview-files", "task_id", task.id(), "revision", 1);
            Entry preview = f.create("preview-files", "task_id", task.id(), "revision", 2);
            admin.data("tasks").update(task.id(), Map.of("last_preview_file_id", preview.id()));
            admin.data("entities").update(task.getString("entity_id"), Map.of("preview_file_id", preview.id()));
            Entry comment = f.create("comments", "object_id", task.id(), "object_type", "Task", "person_id",
                    person.id(), "preview_file_id", preview.id(), "previews", List.of(preview.id()));
            Entry news = f.create("news", "author_id", person.id(), "task_id", task.id(), "preview_file_id",
                    preview.id());
            admin.data("preview-files").delete(preview.id());
            assertThat(f.exists("preview-files", preview.id())).isFalse();
            assertThat(f.get("entities", task.getString("entity_id")).get("preview_file_id")).isNull();
            assertThat(f.get("comments", comment.id()).get("preview_file_id")).isNull();
            assertThat(f.get("comments", comment.id()).get("previews")).isEqualTo(List.of());
            assertThat(f.get("news", news.id()).get("preview_file_id")).isNull();
            assertThat(f.get("tasks", task.id()).get("last_preview_file_id")).isEqualTo(older.id());
        }

        @Test
        void previewBackgroundFilesHaveUniqueNamesAndASingleDefault() {
            String name = unique("Studio grey");
            Entry a = f.create("preview-background-files", "name", name, "is_default", true);
            assertThat(failure(() -> f.create("preview-background-files", "name", name)).body())
                    .isEqualTo(wrongParameter("A preview background file with similar name already exists"));
            Entry b = f.create("preview-background-files", "name", unique("Black"), "is_default", true);
            assertThat(f.get("preview-background-files", a.id()).get("is_default")).isEqualTo(false);
            admin.data("preview-background-files").update(a.id(), Map.of("is_default", true));
            assertThat(f.get("preview-background-files", b.id()).get("is_default")).isEqualTo(false);
            assertThat(failure(() -> admin.data("preview-background-files").update(b.id(), Map.of("name", name)))
                    .httpStatus()).isEqualTo(400);
        }

        @Test
        void organisationHoursByDayAreFloats() {
            Entry org = f.create("organisations", "name", unique("Studio"), "hours_by_day", 7);
            assertThat(org.get("hours_by_day")).isEqualTo(7.0);
            assertThat(admin.data("organisations").update(org.id(), Map.of("hours_by_day", "9")).get("hours_by_day"))
                    .isEqualTo(9.0);
        }

        @Test
        void aScheduleVersionTaskLinkJoinsATaskAndAVersionOfTheSameProject() {
            Entry task = f.task();
            Entry version = f.create("production-schedule-versions", "name", "v1", "project_id", f.project().id());
            assertThat(failure(() -> f.create("production-schedule-version-task-links",
                    "production_schedule_version_id", version.id(), "task_id", task.id())).body())
                    .isEqualTo(wrongParameter("The task and the production schedule version must be in the same "
                            + "project."));
            Entry sameProject = f.create("production-schedule-versions", "name", "v1", "project_id",
                    task.get("project_id"));
            assertThat(f.create("production-schedule-version-task-links", "production_schedule_version_id",
                    sameProject.id(), "task_id", task.id()).get("task_id")).isEqualTo(task.id());
        }

        @Test
        void violationsOfEmulatedPartialUniqueIndexesNameTheClientField() {
            Entry project = f.project();
            f.create("metadata-descriptors", "project_id", project.id(), "entity_type", "Shot", "name", "Camera",
                    "field_name", "camera");
            ZouException byName = failure(() -> f.create("metadata-descriptors", "project_id", project.id(),
                    "entity_type", "Shot", "name", "Camera", "field_name", "camera_2"));
            assertThat(byName.body()).isEqualTo(map("message", "A record with the same unique values already exists.",
                    "fields", List.of("project_id", "entity_type", "name")));
            ZouException byField = failure(() -> f.create("metadata-descriptors", "project_id", project.id(),
                    "entity_type", "Shot", "name", "Camera 2", "field_name", "camera"));
            assertThat(byField.body().get("fields")).isEqualTo(List.of("project_id", "entity_type", "field_name"));
            // task-type descriptors are not concerned by those indexes
            Entry type = f.taskType("Shot");
            f.create("metadata-descriptors", "project_id", project.id(), "entity_type", "Shot", "name", "Camera",
                    "field_name", "camera", "task_type_id", type.id());

            Entry person = f.person("email", unique("dup").replace(" ", "") + "@example.com");
            ZouException email = failure(() -> f.db().inTransaction(tx -> {
                tx.insert("person", map("id", UUID.randomUUID(), "first_name", "x", "last_name", "y", "email",
                        person.get("email")));
                return null;
            }));
            assertThat(email.body().get("fields")).isEqualTo(List.of("email"));
        }
    }
}
