package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.storage.h2.H2Storage;

/** Zou's {@code export} blueprint over HTTP (tests/blueprints/export/*.py name the behaviours copied). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportRoutesTest {
    ProductionHttpFixture fx;
    ApiClient admin;
    String project;
    String projectName;

    @BeforeAll
    void start() {
        fx = new ProductionHttpFixture(H2Storage.inMemory());
        admin = fx.admin;
        project = fx.project("Export; Test");
        projectName = (String) admin.get("/api/data/projects/" + project).map().get("name");
        String ep = fx.entity(project, "Episode", "E01", null);
        String sq = fx.entity(project, "Sequence", "SQ01", ep);
        String shot = fx.entity(project, "Shot", "SH010", sq);
        String box = fx.entity(project, "Props", "Box", null);
        fx.entity(project, "Character", "Hero", null);
        assertThat(admin.put("/api/data/projects/" + project + "/entities/" + shot + "/casting",
                List.of(Map.of("asset_id", box, "nb_occurences", 2, "label", "fg"))).status()).isEqualTo(200);
        String department = (String) fx.create("departments", Map.of("name", "Modeling", "color", "#000000"))
                .get("id");
        String modeling = (String) fx.create("task-types", Map.of("name", "Modeling", "department_id", department,
                "for_entity", "Asset")).get("id");
        String wip = (String) fx.create("task-status", Map.of("name", "Work In Progress", "short_name", "wip",
                "color", "#000000")).get("id");
        fx.create("tasks", Map.of("name", "main", "project_id", project, "entity_id", box, "task_type_id", modeling,
                "task_status_id", wip, "duration", 960));
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static List<String> lines(ApiClient.Reply r) {
        return List.of(r.text().split("\r\n"));
    }

    // Zou: test_assets_to_csv.test_get_output_files (columns, order, validation columns)
    @Test
    void assetsCsvHasZouColumnsSortedByTypeThenName() {
        ApiClient.Reply r = admin.get("/api/export/csv/projects/" + project + "/assets.csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=kitsu_export_test_")
                .endsWith("_assets.csv");
        assertThat(lines(r)).containsExactly(
                "Project;Type;Name;Description;Time Spent;Modeling;Assignations",
                "\"" + projectName + "\";Character;Hero;;0.00;;",
                "\"" + projectName + "\";Props;Box;;2.00;wip;");
    }

    // Zou: test_shots_to_csv
    @Test
    void shotsCsv() {
        ApiClient.Reply r = admin.get("/export/csv/projects/" + project + "/shots.csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(lines(r)).containsExactly(
                "Project;Episode;Sequence;Name;Description;Time Spent;Frames;Frame In;Frame Out;FPS",
                "\"" + projectName + "\";E01;SQ01;SH010;;0.00;;;;");
        assertThat(admin.get("/export/csv/projects/" + project + "/edits.csv").text())
                .isEqualTo("Project;Episode;Name;Description;Time Spent\r\n");
    }

    // Zou: test_casting_to_csv
    @Test
    void castingCsv() {
        ApiClient.Reply shots = admin.get("/api/export/csv/projects/" + project + "/casting.csv?is_shot_casting=true");
        assertThat(lines(shots)).containsExactly("Parent;Name;Asset Type;Asset;Occurences;Label",
                "SQ01;SH010;Props;Box;2;fg");
        ApiClient.Reply assets = admin.get("/api/export/csv/projects/" + project + "/casting.csv");
        assertThat(lines(assets)).containsExactly("Parent;Name;Asset Type;Asset;Occurences;Label",
                "Episode;E01;Props;Box;1;");
    }

    // Zou: test_persons_to_csv, test_task_types_to_csv, test_projects_to_csv, test_tasks_to_csv,
    // test_time_spents_to_csv
    @Test
    void globalExports() {
        assertThat(lines(admin.get("/api/export/csv/persons.csv"))).first()
                .isEqualTo("First Name;Last Name;Email;Phone;Role;Departments;Studio;Country;Contract Type;Position;"
                        + "Seniority;Daily Salary;Active");
        assertThat(lines(admin.get("/api/export/csv/task-types.csv"))).contains("Department;Name",
                "Modeling;Modeling");
        assertThat(lines(admin.get("/api/export/csv/projects.csv")).get(0)).isEqualTo("Name;Status");
        assertThat(lines(admin.get("/api/export/csv/tasks.csv")).get(0)).isEqualTo("Project;Task Type;Episode;"
                + "Sequence;Entity Type;Entity;Assigner;Assignees;Duration;Estimation;Start date;Due date;WIP date;"
                + "Validation date;Task Status");
        assertThat(lines(admin.get("/api/export/csv/time-spents.csv")).get(0))
                .isEqualTo("Project;Person;Entity Type Name;Entity;Task Type;Date;Time spent");
    }

    @Test
    void permissions() {
        ApiClient artist = fx.newUser("Artist", "user");
        assertThat(artist.get("/api/export/csv/projects/" + project + "/assets.csv").status()).isEqualTo(403);
        assertThat(artist.get("/api/export/csv/projects/" + project + "/casting.csv").status()).isEqualTo(403);
        assertThat(artist.get("/api/export/csv/persons.csv").status()).isEqualTo(403);
        assertThat(artist.get("/api/export/csv/time-spents.csv").status()).isEqualTo(403);
        assertThat(admin.get("/api/export/csv/projects/6f1b2c3d-0000-4000-8000-000000000000/shots.csv").status())
                .isEqualTo(404);
        String vendorId = fx.person("Vendor", "vendor");
        String team = fx.projectWithTeam("Vendors", vendorId);
        assertThat(fx.client(fx.email(vendorId)).get("/api/export/csv/projects/" + team + "/shots.csv").status())
                .isEqualTo(403);
    }
}
