package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Zou's {@code persons} blueprint over HTTP, part two: a person's time spents by day, ISO week, month and year, the
 * studio's time tables, and the shots of a person's quotas, with Zou's scoping (admin: all; manager: the projects of
 * their teams; supervisor: also only their departments; anyone else: themself). Runs on H2; {@link Postgres} runs the
 * same tests on PostgreSQL.
 *
 * <p>The artist's time spents: modeling task 2024-06-10 (120), 2024-12-30 (60, ISO week 1 of 2025), 2025-01-02 (30);
 * animation task 2024-06-10 (45); a task of another project, whose team the manager is not in, 2024-06-11 (50).
 */
@SuppressWarnings("unchecked")
class PersonTimeRoutesTest extends TaskWorldTest {
    String artist;
    String otherProject;
    String otherTask;

    @BeforeAll
    void setUp() {
        artist = w.persons.get("artist");
        otherProject = w.create("projects", Map.of("name", "Elsewhere", "team", List.of(artist)));
        String entity = w.create("entities", Map.of("name", "Prop", "project_id", otherProject,
                "entity_type_id", w.assetType));
        otherTask = w.create("tasks", Map.of("project_id", otherProject, "entity_id", entity,
                "task_type_id", w.taskTypes.get("modeling"), "task_status_id", w.statuses.get("todo")));
        spent(w.tasks.get("modeling"), artist, "2024-06-10", 120);
        spent(w.tasks.get("modeling"), artist, "2024-12-30", 60);
        spent(w.tasks.get("modeling"), artist, "2025-01-02", 30);
        spent(w.tasks.get("animation"), artist, "2024-06-10", 45);
        spent(otherTask, artist, "2024-06-11", 50);
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends PersonTimeRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private void spent(String task, String person, String date, double duration) {
        w.create("time-spents", Map.of("task_id", task, "person_id", person, "date", date, "duration", duration));
    }

    private String url(String tail) {
        return "/data/persons/" + artist + tail;
    }

    private static Map<String, Object> byTask(List<Map<String, Object>> rows, String taskId) {
        return rows.stream().filter(r -> taskId.equals(r.get("task_id"))).findFirst().orElse(null);
    }

    // ---- entries ---------------------------------------------------------------------------------------------------

    @Test
    void anAdminListsAPersonsTimeSpentsOptionallyBetweenTwoDates() {
        assertThat(w.admin.get(url("/time-spents")).list()).hasSize(5);
        assertThat(w.admin.get(url("/time-spents/?start_date=2024-06-01&end_date=2024-06-30")).list()).hasSize(3);
        ApiClient.Reply half = w.admin.get(url("/time-spents?start_date=2024-06-01"));
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.map().get("message").toString()).contains("both a `start_date` and an `end_date`");
        assertThat(w.admin.get(url("/time-spents?start_date=x&end_date=y")).status()).isEqualTo(400);
        assertThat(w.as("artist").get(url("/time-spents")).status()).isEqualTo(403);
    }

    @Test
    void theTimeSpentsOfADayAreScopedToTheCallersProjectsAndDepartments() {
        assertThat(w.as("artist").get(url("/time-spents/2024-06-10")).list()).hasSize(2);
        assertThat(w.as("manager").get(url("/time-spents/2024-06-10")).list()).hasSize(2);
        List<Map<String, Object>> supervised = w.as("supervisor").get(url("/time-spents/2024-06-10")).list();
        assertThat(supervised).extracting(r -> r.get("task_id")).containsExactly(w.tasks.get("modeling"));
        assertThat(w.as("manager").get(url("/time-spents/2024-06-11")).list()).isEmpty();
        assertThat(w.admin.get(url("/time-spents/2024-06-11")).list()).hasSize(1);
        assertThat(w.as("artist2").get(url("/time-spents/2024-06-10")).status()).isEqualTo(403);
        assertThat(w.as("artist").get(url("/time-spents/2024-02-31")).status()).isEqualTo(400);
    }

    /** Zou's test_persons.test_get_person_year_time_spents (one row per task, durations summed). */
    @Test
    void theTimeSpentOfAPeriodIsSummedPerTaskWithItsNames() {
        List<Map<String, Object>> year = w.admin.get(url("/time-spents/year/2024")).list();
        assertThat(year).hasSize(3);
        Map<String, Object> modeling = byTask(year, w.tasks.get("modeling"));
        assertThat(modeling).containsEntry("duration", 180.0).containsEntry("entity_name", "Hero")
                .containsEntry("entity_type_name", "Character").containsEntry("project_id", w.project)
                .containsEntry("task_type_id", w.taskTypes.get("modeling")).containsEntry("sequence_name", null)
                .containsEntry("episode_name", null).containsKey("project_name");
        assertThat(byTask(year, otherTask)).containsEntry("duration", 50.0);
        // ISO weeks: Monday 2024-12-30 is in week 1 of 2025
        List<Map<String, Object>> week1 = w.admin.get(url("/time-spents/week/2025/1")).list();
        assertThat(week1).hasSize(1);
        assertThat(week1.get(0)).containsEntry("duration", 90.0);
        assertThat(w.admin.get(url("/time-spents/week/2024/52")).list()).isEmpty();
        assertThat(w.admin.get(url("/time-spents/week/2024/53")).status()).isEqualTo(400);
        assertThat(w.admin.get(url("/time-spents/week/2020/53")).status()).isEqualTo(200);
        assertThat(byTask(w.admin.get(url("/time-spents/month/2024/12")).list(), w.tasks.get("modeling")))
                .containsEntry("duration", 60.0);
        assertThat(w.admin.get(url("/time-spents/month/2024/13")).status()).isEqualTo(400);
        assertThat(w.admin.get(url("/time-spents/day/2024/12/30")).list()).hasSize(1);
        assertThat(w.admin.get(url("/time-spents/day/2024/12/31")).list()).isEmpty();
        assertThat(w.admin.get(url("/time-spents/year/2024?project_id=" + otherProject)).list()).hasSize(1);
    }

    @Test
    void othersSeeAPeriodOnlyWithinTheirTeamsAndDepartments() {
        List<Map<String, Object>> manager = w.as("manager").get(url("/time-spents/year/2024")).list();
        assertThat(manager).extracting(r -> r.get("task_id")).containsExactlyInAnyOrder(w.tasks.get("modeling"),
                w.tasks.get("animation"));
        assertThat(w.as("manager").get(url("/time-spents/year/2024?project_id=" + otherProject)).status())
                .isEqualTo(403);
        assertThat(w.as("supervisor").get(url("/time-spents/month/2024/6")).list())
                .extracting(r -> r.get("task_id")).containsExactly(w.tasks.get("modeling"));
        assertThat(w.as("artist").get(url("/time-spents/month/2024/6")).list()).hasSize(3);
        assertThat(w.as("artist2").get(url("/time-spents/month/2024/6")).status()).isEqualTo(403);
        assertThat(w.as("client").get(url("/time-spents/day/2024/6/10")).status()).isEqualTo(403);
    }

    @Test
    void theEntriesOfAMonthAreForThePersonOrAnAdmin() {
        List<Map<String, Object>> june = w.as("artist").get(url("/time-spents/month/all/2024/06")).list();
        assertThat(june).hasSize(3);
        assertThat(june.get(0)).containsKeys("id", "task_id", "person_id", "date", "duration");
        assertThat(w.admin.get(url("/time-spents/month/all/2024/12")).list()).hasSize(1);
        assertThat(w.as("manager").get(url("/time-spents/month/all/2024/06")).status()).isEqualTo(403);
        assertThat(w.admin.get(url("/time-spents/month/all/2024/00")).status()).isEqualTo(400);
    }

    // ---- tables ----------------------------------------------------------------------------------------------------

    private Map<String, Object> table(ApiClient as, String path) {
        ApiClient.Reply r = as.get("/data/persons/time-spents/" + path);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.map();
    }

    private Object cell(Map<String, Object> table, String unit) {
        Map<String, Object> row = (Map<String, Object>) table.get(unit);
        return row == null ? null : row.get(artist);
    }

    /** Zou's test_persons.test_the_time_spent_tables_total_by_period. */
    @Test
    void timeTablesSumThePersonsTimeByYearMonthWeekAndDay() {
        Map<String, Object> years = table(w.admin, "year-table");
        assertThat(cell(years, "2024")).isEqualTo(275.0);
        assertThat(cell(years, "2025")).isEqualTo(30.0);
        Map<String, Object> months = table(w.admin, "month-table/2024");
        assertThat(cell(months, "6")).isEqualTo(215.0);
        assertThat(cell(months, "12")).isEqualTo(60.0);
        assertThat(months).doesNotContainKey("1"); // 2025-01-02 is another year
        Map<String, Object> weeks = table(w.admin, "week-table/2024");
        assertThat(cell(weeks, "24")).isEqualTo(215.0);
        assertThat(cell(weeks, "1")).isEqualTo(60.0); // Zou keys by ISO week number: 2024-12-30 is week 1
        Map<String, Object> days = table(w.admin, "day-table/2024/06");
        assertThat(cell(days, "10")).isEqualTo(165.0);
        assertThat(cell(days, "11")).isEqualTo(50.0);
        assertThat(cell(table(w.admin, "day-table/2024/06?project_id=" + otherProject), "11")).isEqualTo(50.0);
        assertThat(table(w.admin, "day-table/2024/06?project_id=" + otherProject)).doesNotContainKey("10");
        assertThat(w.admin.get("/data/persons/time-spents/day-table/2024/13").status()).isEqualTo(400);
        assertThat(w.admin.get("/data/persons/time-spents/month-table/year").status()).isEqualTo(400);
    }

    @Test
    void timeTablesAreScopedLikeZous() {
        // a manager: the projects of their teams
        assertThat(cell(table(w.as("manager"), "week-table/2024"), "24")).isEqualTo(165.0);
        assertThat(w.as("manager").get("/data/persons/time-spents/year-table?project_id=" + otherProject)
                .status()).isEqualTo(403);
        // a supervisor: also only their departments
        assertThat(cell(table(w.as("supervisor"), "day-table/2024/06"), "10")).isEqualTo(120.0);
        ApiClient.Reply otherDepartment = w.as("supervisor").get("/data/persons/time-spents/day-table/2024/06"
                + "?department_id=" + w.departments.get("animation"));
        assertThat(otherDepartment.status()).isEqualTo(400);
        assertThat(otherDepartment.map()).containsEntry("message", "Supervisor not allowed to access this department");
        // an admin filters on a department
        assertThat(cell(table(w.admin, "day-table/2024/06?department_id=" + w.departments.get("animation")), "10"))
                .isEqualTo(45.0);
        // anyone else: themself only
        assertThat(cell(table(w.as("artist"), "year-table"), "2024")).isEqualTo(275.0);
        Map<String, Object> artist2 = table(w.as("artist2"), "year-table");
        assertThat(cell(artist2, "2024")).isNull();
    }

    // ---- quota shots -----------------------------------------------------------------------------------------------

    /** Shots SQ01/SH010 (time spent: 60 in June, 60 in July) and SQ01/SH020 (none: Mon 3 to Fri 7 June 2024), for artist2. */
    private String shotTaskType;

    private String[] quotaShots() {
        shotTaskType = w.create("task-types", Map.of("name", "Shot Animation", "for_entity", "Shot",
                "department_id", w.departments.get("animation")));
        String animator = w.persons.get("artist2");
        String sequenceType = entityType("Sequence");
        String shotType = entityType("Shot");
        String sequence = w.create("entities", Map.of("name", "SQ01", "project_id", w.project,
                "entity_type_id", sequenceType));
        String sh010 = w.create("entities", Map.of("name", "SH010", "project_id", w.project,
                "entity_type_id", shotType, "parent_id", sequence, "nb_frames", 100));
        String sh020 = w.create("entities", Map.of("name", "SH020", "project_id", w.project,
                "entity_type_id", shotType, "parent_id", sequence, "nb_frames", 50));
        String t1 = shotTask(sh010, animator, "2024-06-10T09:00:00", "2024-06-12T10:00:00");
        String t2 = shotTask(sh020, animator, "2024-06-03T09:00:00", "2024-06-07T15:00:00");
        // the task's duration is the sum of its time spents (120): half of it in June
        spent(t1, animator, "2024-06-12", 60);
        spent(t1, animator, "2024-07-01", 60);
        return new String[] {animator, sh010, sh020, t1, t2};
    }

    private String entityType(String name) {
        List<Map<String, Object>> found = w.admin.get("/data/entity-types?name=" + name).list();
        return found.isEmpty() ? w.create("entity-types", Map.of("name", name)) : (String) found.get(0).get("id");
    }

    private String shotTask(String shot, String person, String start, String end) {
        String task = w.create("tasks", Map.of("project_id", w.project, "entity_id", shot,
                "task_type_id", shotTaskType, "task_status_id", w.statuses.get("todo")));
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("assignees", List.of(person));
        update.put("duration", 120);
        update.put("real_start_date", start);
        update.put("end_date", end);
        ApiClient.Reply r = w.admin.put("/data/tasks/" + task, update);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return task;
    }

    /**
     * Zou's test_persons.test_the_quota_shot_listings_each_hold_their_own_period (scoped to a production and a task
     * type: without both, nothing), with the weights of shots_service.get_weighted_quota_shots_between.
     */
    @Test
    void quotaShotsWeighTheTimeSpentOrTheBusinessDaysInThePeriod() {
        String[] q = quotaShots();
        String animator = q[0];
        String query = "?project_id=" + w.project + "&task_type_id=" + shotTaskType;
        ApiClient me = w.as("artist2");
        List<Map<String, Object>> month = me.get("/data/persons/" + animator + "/quota-shots/month/2024/06" + query)
                .list();
        assertThat(month).extracting(s -> s.get("full_name")).containsExactly("SQ01 / SH010", "SQ01 / SH020");
        assertThat(month.get(0)).containsEntry("id", q[1]).containsEntry("weight", 0.5)
                .containsEntry("nb_frames", 100);
        assertThat(month.get(1)).containsEntry("weight", 1.0); // all of its 5 business days are in June
        // one day of SH020's five: 0.2 (Zou rounds to 2 decimals)
        List<Map<String, Object>> day = me.get("/data/persons/" + animator + "/quota-shots/day/2024/06/05" + query)
                .list();
        assertThat(day).extracting(s -> s.get("full_name")).containsExactly("SQ01 / SH020");
        assertThat(day.get(0)).containsEntry("weight", 0.2);
        // ISO week 23 of 2024: June 3 to 9
        assertThat(me.get("/data/persons/" + animator + "/quota-shots/week/2024/23" + query).list())
                .extracting(s -> s.get("full_name")).containsExactly("SQ01 / SH020");
        List<Map<String, Object>> year = me.get("/data/persons/" + animator + "/quota-shots/year/2024" + query).list();
        assertThat(year).hasSize(2);
        assertThat(year.get(0)).containsEntry("weight", 1.0); // 0.5 + 0.5
        // raw counts: the shots whose feedback date is in the period weigh 1
        List<Map<String, Object>> raw = me.get("/data/persons/" + animator + "/quota-shots/week/2024/24" + query
                + "&count_mode=feedback").list();
        assertThat(raw).extracting(s -> s.get("full_name")).containsExactly("SQ01 / SH010");
        assertThat(raw.get(0)).containsEntry("weight", 1);
        assertThat(me.get("/data/persons/" + animator + "/quota-shots/month/2024/06" + query
                + "&count_mode=done").list()).isEmpty();
        assertThat(me.get("/data/persons/" + animator + "/quota-shots/month/2024/06").list()).isEmpty();

        // permissions: the person, or a manager of the project's team
        assertThat(w.as("manager").get("/data/persons/" + animator + "/quota-shots/month/2024/06" + query).list())
                .hasSize(2);
        assertThat(w.as("manager").get("/data/persons/" + animator + "/quota-shots/month/2024/06").status())
                .isEqualTo(403);
        assertThat(w.as("artist").get("/data/persons/" + animator + "/quota-shots/month/2024/06" + query).status())
                .isEqualTo(403);
        assertThat(me.get("/data/persons/" + animator + "/quota-shots/month/2024/06" + query + "&count_mode=all")
                .status()).isEqualTo(400);
        assertThat(me.get("/data/persons/" + animator + "/quota-shots/week/2024/60" + query).status())
                .isEqualTo(400);
    }
}
