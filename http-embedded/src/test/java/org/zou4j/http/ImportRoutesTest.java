package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zou's {@code source} blueprint over HTTP with real CSV, OTIO and EDL bodies (tests/source/*.py name the behaviours
 * matched): created and updated rows, {@code update}, row errors with nothing kept, permissions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportRoutesTest {
    /** The storage the tests run on: in-memory H2 here, PostgreSQL in the {@code ...PostgresTest} subclass. */
    org.zou4j.storage.StorageBackend storage() {
        return org.zou4j.storage.h2.H2Storage.inMemory();
    }

    ProductionHttpFixture fx;
    ApiClient admin;
    String modeling;
    String animation;
    String montage;
    String todo;
    String wip;
    String department;

    @BeforeAll
    void start() {
        fx = new ProductionHttpFixture(storage());
        admin = fx.admin;
        department = (String) fx.create("departments", Map.of("name", "Modeling " + ProductionHttpFixture.shortId(),
                "color", "#000000")).get("id");
        modeling = id(fx.create("task-types", Map.of("name", "Modeling", "for_entity", "Asset",
                "department_id", department)));
        animation = id(fx.create("task-types", Map.of("name", "Animation", "for_entity", "Shot")));
        montage = id(fx.create("task-types", Map.of("name", "Montage", "for_entity", "Edit")));
        todo = id(fx.create("task-status", Map.of("name", "Todo", "short_name", "todo", "color", "#f5f5f5",
                "is_default", true)));
        wip = id(fx.create("task-status", Map.of("name", "Work In Progress", "short_name", "wip",
                "color", "#000000")));
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static String id(Map<String, Object> row) {
        return (String) row.get("id");
    }

    /** A project with the test's task types; {@code tvshow} for TV show productions. */
    private String project(String name, String productionType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name + " " + ProductionHttpFixture.shortId());
        body.put("production_type", productionType);
        String p = id(fx.create("projects", body));
        for (String tt : List.of(modeling, animation, montage)) {
            assertThat(admin.post("/api/data/task-type-links", Map.of("project_id", p, "task_type_id", tt))
                    .status()).isEqualTo(201);
        }
        return p;
    }

    private static ApiClient.Reply upload(ApiClient as, String path, String fileName, String content) {
        return upload(as, path, fileName, content.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static ApiClient.Reply upload(ApiClient as, String path, String fileName, byte[] content,
                                          Map<String, String> fields) {
        return TaskWorld.multipart(as, path, fields, fileName, "text/csv", content);
    }

    private List<Map<String, Object>> assets(String project) {
        return admin.get("/api/data/assets?project_id=" + project).list();
    }

    private List<Map<String, Object>> tasksOf(String entity) {
        return admin.get("/api/data/tasks?entity_id=" + entity).list();
    }

    private static Map<String, Object> byName(List<Map<String, Object>> rows, String name) {
        return rows.stream().filter(r -> name.equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + rows));
    }

    // Zou: test_import_assets (created assets, types, tasks with statuses and comments), update flag
    @Test
    void assetsCsvCreatesAssetsTheirTasksAndStatusesThenUpdatesWithUpdateFlag() {
        String p = project("Assets", "short");
        String csv = "Type;Name;Description;Modeling;Modeling comment\n"
                + "Character;Hero;The hero;wip;started\n"
                + "Props;Box;;;\n";
        ApiClient.Reply r = upload(admin, "/api/import/csv/projects/" + p + "/assets", "assets.csv", csv);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.list()).extracting(m -> m.get("name")).containsExactly("Hero", "Box");
        Map<String, Object> hero = byName(assets(p), "Hero");
        assertThat(hero.get("description")).isEqualTo("The hero");
        List<Map<String, Object>> heroTasks = tasksOf(id(hero));
        assertThat(heroTasks).hasSize(1);
        assertThat(heroTasks.get(0).get("task_type_id")).isEqualTo(modeling);
        assertThat(heroTasks.get(0).get("task_status_id")).isEqualTo(wip);
        List<Map<String, Object>> comments = admin.get("/api/data/tasks/" + id(heroTasks.get(0)) + "/comments")
                .list();
        assertThat(comments).extracting(c -> c.get("text")).containsExactly("started");
        Map<String, Object> box = byName(assets(p), "Box");
        assertThat(tasksOf(id(box))).singleElement().satisfies(t -> assertThat(t.get("task_status_id"))
                .isEqualTo(todo));
        assertThat(fx.events("asset:new").stream().map(e -> ProductionHttpFixture.data(e).get("asset_id")))
                .contains(id(hero), id(box));

        String changed = "Type;Name;Description\nCharacter;Hero;Changed\n";
        assertThat(upload(admin, "/api/import/csv/projects/" + p + "/assets", "a.csv", changed).status())
                .isEqualTo(201);
        assertThat(byName(assets(p), "Hero").get("description")).isEqualTo("The hero"); // no update flag
        ApiClient.Reply updated = upload(admin, "/api/import/csv/projects/" + p + "/assets?update=true", "a.csv",
                changed);
        assertThat(updated.status()).isEqualTo(201);
        assertThat(updated.list()).singleElement().satisfies(a -> assertThat(a.get("id")).isEqualTo(id(hero)));
        assertThat(byName(assets(p), "Hero").get("description")).isEqualTo("Changed");
        assertThat(assets(p)).hasSize(2);
        assertThat(fx.events("asset:update").stream().map(e -> ProductionHttpFixture.data(e).get("asset_id")))
                .contains(id(hero));
    }

    // Zou: a failing row answers its line; here the whole file is one transaction, so nothing is kept
    @Test
    void aFailingRowAnswersItsLineAndNothingIsWritten() {
        String p = project("Failing", "short");
        String csv = "Type,Name,Modeling\nCharacter,Kept,wip\n\nProps,Broken,no-such-status\n";
        ApiClient.Reply r = upload(admin, "/api/import/csv/projects/" + p + "/assets", "bad.csv", csv);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.map()).containsEntry("error", true).containsEntry("line_number", 4)
                .containsEntry("imported_rows", 0)
                .containsEntry("message", "Task status not found for no-such-status");
        assertThat(assets(p)).isEmpty();

        ApiClient.Reply missing = upload(admin, "/api/import/csv/projects/" + p + "/assets", "m.csv",
                "Kind;Name\nCharacter;Hero\n");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.map()).containsEntry("message", "A columns is missing: 'Type'")
                .containsEntry("line_number", 2);

        ApiClient.Reply unclosed = upload(admin, "/api/import/csv/projects/" + p + "/assets", "u.csv",
                "Type;Name\nCharacter;\"Hero\n");
        assertThat(unclosed.status()).isEqualTo(400);
        assertThat(unclosed.map()).containsEntry("error", true);
        assertThat((String) unclosed.map().get("message")).startsWith("The CSV file is malformed");

        ApiClient.Reply binary = upload(admin, "/api/import/csv/projects/" + p + "/assets", "b.csv",
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}, Map.of());
        assertThat(binary.status()).isEqualTo(400);
        assertThat(binary.map()).containsEntry("message", "The CSV file is not UTF-8 text.");

        ApiClient.Reply noFile = admin.post("/api/import/csv/projects/" + p + "/assets", Map.of());
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(assets(p)).isEmpty();
    }

    @Test
    void permissions() {
        String p = project("Perms", "short");
        String csv = "Type;Name\nCharacter;Hero\n";
        ApiClient artist = fx.newUser("Artist", "user");
        assertThat(upload(artist, "/api/import/csv/projects/" + p + "/assets", "a.csv", csv).status())
                .isEqualTo(403);
        assertThat(upload(artist, "/api/import/csv/persons", "p.csv", "First Name;Last Name;Email\nA;B;a@b.c\n")
                .status()).isEqualTo(403);
        ApiClient outsider = fx.newUser("Outsider", "manager");
        assertThat(upload(outsider, "/api/import/csv/projects/" + p + "/shots", "s.csv",
                "Sequence;Name\nSQ01;SH01\n").status()).isEqualTo(403);
        assertThat(upload(outsider, "/api/import/otio/projects/" + p, "t.otio", "{}").status()).isEqualTo(403);
        String managerId = fx.person("Manager", "manager");
        String team = fx.projectWithTeam("Team", managerId);
        assertThat(admin.post("/api/data/task-type-links", Map.of("project_id", team, "task_type_id", modeling))
                .status()).isEqualTo(201);
        ApiClient manager = fx.client(fx.email(managerId));
        assertThat(upload(manager, "/api/import/csv/projects/" + team + "/assets", "a.csv", csv).status())
                .isEqualTo(201);
        assertThat(assets(p)).isEmpty();
        assertThat(admin.post("/api/import/kitsu/entities", List.of()).status()).isEqualTo(200);
        assertThat(artist.post("/api/import/kitsu/entities", List.of(Map.of("id", UUID.randomUUID().toString(),
                "name", "X", "project_id", p, "entity_type_id", fx.entityType("Props")))).list()).isEmpty();
        assertThat(assets(p)).isEmpty();
        assertThat(admin.post("/api/import/csv/projects/" + UUID.randomUUID() + "/assets", Map.of()).status())
                .isEqualTo(400);
    }

    // Zou: test_import_shots (TV show: episodes, sequences, shots, frames and fps; comma separated)
    @Test
    void shotsCsvCreatesEpisodesSequencesShotsWithFramesAndTasks() {
        String p = project("Shots", "tvshow");
        String csv = "Episode,Sequence,Name,Description,Frame In,Frame Out,FPS,Animation\n"
                + "E01,SQ01,SH010,\"first, shot\",101,148,24,wip\n"
                + "E01,SQ01,SH020,,,,,\n"
                + "E02,SQ01,SH010,,1,10,,\n";
        ApiClient.Reply r = upload(admin, "/import/csv/projects/" + p + "/shots", "shots.csv", csv);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.list()).hasSize(3);
        Map<String, Object> sh010 = r.list().get(0);
        assertThat(sh010).containsEntry("name", "SH010").containsEntry("nb_frames", 48)
                .containsEntry("description", "first, shot");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) sh010.get("data");
        assertThat(data).containsEntry("frame_in", 101).containsEntry("frame_out", 148).containsEntry("fps", "24");
        assertThat(admin.get("/api/data/projects/" + p + "/episodes").list()).extracting(e -> e.get("name"))
                .containsExactlyInAnyOrder("E01", "E02");
        assertThat(admin.get("/api/data/projects/" + p + "/sequences").list()).hasSize(2);
        assertThat(tasksOf(id(sh010))).singleElement().satisfies(t -> {
            assertThat(t.get("task_type_id")).isEqualTo(animation);
            assertThat(t.get("task_status_id")).isEqualTo(wip);
        });
        assertThat(tasksOf(id(r.list().get(1)))).singleElement()
                .satisfies(t -> assertThat(t.get("task_status_id")).isEqualTo(todo));

        ApiClient.Reply again = upload(admin, "/import/csv/projects/" + p + "/shots", "s.csv",
                "Episode,Sequence,Name,Frames\nE01,SQ01,SH010,12\n".getBytes(StandardCharsets.UTF_8),
                Map.of("update", "true")); // the flag as a form field
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.list()).singleElement().satisfies(s -> {
            assertThat(s.get("id")).isEqualTo(id(sh010));
            assertThat(s.get("nb_frames")).isEqualTo(12);
        });
        ApiClient.Reply bad = upload(admin, "/import/csv/projects/" + p + "/shots", "s.csv",
                "Episode,Sequence,Name,Frames\nE03,SQ09,SH999,twelve\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.map()).containsEntry("message", "nb_frames must be an integer, got 'twelve'");
        assertThat(admin.get("/api/data/projects/" + p + "/episodes").list()).hasSize(2); // E03 rolled back
    }

    @Test
    void editsCsv() {
        String p = project("Edits", "short");
        ApiClient.Reply r = upload(admin, "/api/import/csv/projects/" + p + "/edits", "e.csv",
                "Name;Description;Montage\nTrailer;Cut one;wip\n");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.list()).singleElement().satisfies(e -> assertThat(e.get("description")).isEqualTo("Cut one"));
        assertThat(tasksOf(id(r.list().get(0)))).singleElement().satisfies(t -> {
            assertThat(t.get("task_type_id")).isEqualTo(montage);
            assertThat(t.get("task_status_id")).isEqualTo(wip);
        });
        ApiClient.Reply episode = upload(admin, "/api/import/csv/projects/" + p + "/edits", "e.csv",
                "Episode;Name\nE01;Trailer\n");
        assertThat(episode.status()).isEqualTo(400);
        assertThat(episode.map()).containsEntry("message",
                "An episode column is present for a production that isn't a TV Show");
    }

    // Zou: test_import_persons (labels or codes, departments, update by e-mail)
    @Test
    void personsCsv() {
        String dept = (String) fx.create("departments", Map.of("name", "Anim " + ProductionHttpFixture.shortId(),
                "color", "#000000")).get("name");
        String email = "jane-" + ProductionHttpFixture.shortId() + "@studio.example";
        String csv = "First Name;Last Name;Email;Role;Departments;Contract Type;Active\n"
                + "Jane;Doe;" + email + ";Supervisor;" + dept + ";Freelance;yes\n";
        ApiClient.Reply r = upload(admin, "/api/import/csv/persons", "people.csv", csv);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Map<String, Object> jane = r.list().get(0);
        assertThat(jane).containsEntry("email", email).containsEntry("role", "supervisor")
                .containsEntry("contract_type", "freelance").doesNotContainKey("password");
        assertThat((List<?>) admin.get("/api/data/persons/" + id(jane)).map().get("departments")).hasSize(1);
        ApiClient.Reply upd = upload(admin, "/api/import/csv/persons?update=true", "p.csv",
                "First Name;Last Name;Email;Role\nJanet;Doe;" + email + ";user\n");
        assertThat(upd.status()).isEqualTo(201);
        assertThat(admin.get("/api/data/persons/" + id(jane)).map()).containsEntry("first_name", "Janet")
                .containsEntry("role", "user");
        ApiClient.Reply bad = upload(admin, "/api/import/csv/persons", "p.csv",
                "First Name;Last Name;Email;Role\nBad;Role;bad-" + email + ";Wizard\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.map()).containsEntry("message", "A value is invalid: Role: Wizard");
        assertThat(admin.get("/api/data/persons?email=bad-" + email).list()).isEmpty();
    }

    // Zou: test_import_casting (Kitsu's casting export read back)
    @Test
    void castingCsvLinksAssetsToShots() {
        String p = project("Casting", "short");
        assertThat(upload(admin, "/api/import/csv/projects/" + p + "/assets", "a.csv",
                "Type;Name\nProps;Box\n").status()).isEqualTo(201);
        ApiClient.Reply shots = upload(admin, "/api/import/csv/projects/" + p + "/shots", "s.csv",
                "Sequence;Name\nSQ01;SH010\n");
        String shot = id(shots.list().get(0));
        ApiClient.Reply r = upload(admin, "/api/import/csv/projects/" + p + "/casting", "c.csv",
                "Parent;Name;Asset Type;Asset;Occurences;Label\nSQ01;SH010;Props;Box;3;fg\nSQ01;SH999;Props;Box;1;\n");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.text().replace(" ", "")).isEqualTo("[null,null]");
        List<Map<String, Object>> casting = admin.get("/api/data/projects/" + p + "/entities/" + shot + "/casting")
                .list();
        assertThat(casting).singleElement().satisfies(c -> {
            assertThat(c.get("asset_name")).isEqualTo("Box");
            assertThat(c.get("nb_occurences")).isEqualTo(3);
            assertThat(c.get("label")).isEqualTo("fg");
        });
        assertThat(fx.events("shot:casting-update").stream().map(e -> ProductionHttpFixture.data(e).get("shot_id")))
                .contains(shot);
    }

    // Zou: test_import_task_type_estimations (days to minutes, dates, difficulty)
    @Test
    void estimationsCsvUpdatesTheTaskTypesTasks() {
        String p = project("Estim", "short");
        ApiClient.Reply assets = upload(admin, "/api/import/csv/projects/" + p + "/assets", "a.csv",
                "Type;Name\nProps;Box\n");
        String box = id(assets.list().get(0));
        String path = "/api/import/csv/projects/" + p + "/task-types/" + modeling + "/estimations";
        ApiClient.Reply r = upload(admin, path, "e.csv",
                "Parent;Entity;Estimation;Start date;Due date;Difficulty\nProps;Box;2;2026-01-05;;4\n");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Map<String, Object> task = tasksOf(box).get(0);
        assertThat(((Number) task.get("estimation")).doubleValue()).isEqualTo(960.0);
        assertThat((String) task.get("start_date")).startsWith("2026-01-05");
        assertThat((String) task.get("due_date")).startsWith("2026-01-06");
        assertThat(task.get("difficulty")).isEqualTo(4);
        ApiClient.Reply unknown = upload(admin, path, "e.csv", "Parent;Entity;Estimation\nProps;Nope;1\n");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.map()).containsEntry("message", "Entity 'Nope' with parent 'Props' not found");
        assertThat(upload(fx.newUser("Artist", "user"), path, "e.csv", "Parent;Entity\n").status()).isEqualTo(403);
    }

    // Zou: test_import_assets_with_metadata / assignations (descriptor columns, person cells by full name or e-mail)
    @Test
    void assetsCsvFillsDescriptorsAndAssignsPersons() {
        String p = project("Meta", "short");
        ApiClient.Reply d1 = admin.post("/api/data/projects/" + p + "/metadata-descriptors", Map.of("name",
                "Difficulty", "entity_type", "Asset", "data_type", "string"));
        assertThat(d1.status()).as(d1.text()).isIn(200, 201);
        ApiClient.Reply d2 = admin.post("/api/data/projects/" + p + "/metadata-descriptors", Map.of("name",
                "Outsourced", "entity_type", "Asset", "data_type", "boolean"));
        assertThat(d2.status()).as(d2.text()).isIn(200, 201);
        String artistId = fx.person("Assignee", "user");
        String artistEmail = fx.email(artistId);
        ApiClient.Reply r = upload(admin, "/api/import/csv/projects/" + p + "/assets", "a.csv",
                "Type;Name;Difficulty;Outsourced;Modeling;Modeling assignations\n"
                        + "Props;Lamp;hard;yes;;" + artistEmail.toUpperCase(java.util.Locale.ROOT) + "\n");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Map<String, Object> lamp = r.list().get(0);
        assertThat(data(lamp)).containsEntry("difficulty", "hard").containsEntry("outsourced", "true");
        Map<String, Object> task = tasksOf(id(lamp)).get(0);
        assertThat(admin.get("/api/data/tasks/" + id(task)).map().get("assignees")).isEqualTo(List.of(artistId));
        assertThat(admin.get("/api/data/projects/" + p).map().get("team").toString()).contains(artistId);

        ApiClient.Reply unknown = upload(admin, "/api/import/csv/projects/" + p + "/assets", "a.csv",
                "Type;Name;Modeling assignations\nProps;Chair;Nobody Here\n");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.map()).containsEntry("message", "Person not found for Nobody Here");
        ApiClient.Reply badBool = upload(admin, "/api/import/csv/projects/" + p + "/assets", "a.csv",
                "Type;Name;Outsourced\nProps;Chair;maybe\n");
        assertThat(badBool.status()).isEqualTo(400);
        assertThat(badBool.map()).containsEntry("message", "A value is invalid: invalid truth value 'maybe'");
        assertThat(assets(p)).extracting(a -> a.get("name")).containsExactly("Lamp");
    }

    // Zou: OTIOImportEpisodeResource (a TV show's episode: sequences made in it) and estimations by supervisors
    @Test
    void otioIntoAnEpisodeAndSupervisorEstimations() {
        String p = project("OtioTv", "tvshow");
        String episode = id(admin.post("/api/data/projects/" + p + "/episodes", Map.of("name", "E07")).map());
        ApiClient.Reply r = upload(admin, "/api/import/otio/projects/" + p + "/episodes/" + episode, "cut.otio",
                otioTimeline().getBytes(StandardCharsets.UTF_8),
                Map.of("naming_convention", "${sequence_name}-${shot_name}"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        List<Map<String, Object>> sequences = admin.get("/api/data/episodes/" + episode + "/sequences").list();
        assertThat(sequences).extracting(q -> q.get("name")).containsExactly("SQ01");
        assertThat(admin.get("/api/data/episodes/" + episode + "/shots").list()).hasSize(2);
        assertThat(upload(admin, "/api/import/otio/projects/" + p + "/episodes/" + UUID.randomUUID(), "cut.otio",
                otioTimeline()).status()).isEqualTo(404);

        String supervisorId = fx.person("Super", "supervisor");
        String team = fx.projectWithTeam("Sup", supervisorId);
        assertThat(admin.post("/api/data/task-type-links", Map.of("project_id", team, "task_type_id", animation))
                .status()).isEqualTo(201);
        ApiClient.Reply shots = upload(admin, "/api/import/csv/projects/" + team + "/shots", "s.csv",
                "Sequence;Name\nSQ01;SH010\n");
        String shot = id(shots.list().get(0));
        ApiClient supervisor = fx.client(fx.email(supervisorId));
        ApiClient.Reply est = upload(supervisor, "/api/import/csv/projects/" + team + "/task-types/" + animation
                + "/estimations", "e.csv", "Parent;Entity;Estimation;Drawings\nSQ01;SH010;0.5;12\n");
        assertThat(est.status()).as(est.text()).isEqualTo(201);
        Map<String, Object> task = tasksOf(shot).get(0);
        assertThat(((Number) task.get("estimation")).doubleValue()).isEqualTo(240.0);
        assertThat(task.get("nb_drawings")).isEqualTo(12);
        assertThat(upload(supervisor, "/api/import/csv/projects/" + team + "/shots", "s.csv",
                "Sequence;Name\nSQ01;SH020\n").status()).isEqualTo(403);
    }

    private static String otioTimeline() {
        return """
                {"OTIO_SCHEMA": "Timeline.1", "name": "cut", "global_start_time": null,
                 "tracks": {"OTIO_SCHEMA": "Stack.1", "children": [
                  {"OTIO_SCHEMA": "Track.1", "kind": "Video", "name": "V1", "children": [
                   {"OTIO_SCHEMA": "Clip.2", "name": "SQ01-SH010.mov",
                    "source_range": {"OTIO_SCHEMA": "TimeRange.1",
                      "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 1001},
                      "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 48}},
                    "media_references": {"DEFAULT_MEDIA": {"OTIO_SCHEMA": "ExternalReference.1",
                      "target_url": "/shots/SQ01-SH010.mov"}}, "active_media_reference_key": "DEFAULT_MEDIA"},
                   {"OTIO_SCHEMA": "Gap.1", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
                      "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
                      "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 10}}},
                   {"OTIO_SCHEMA": "Transition.1", "in_offset": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24,
                      "value": 4}, "out_offset": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 4}},
                   {"OTIO_SCHEMA": "Clip.1", "name": "SQ01-SH020",
                    "source_range": {"OTIO_SCHEMA": "TimeRange.1",
                      "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
                      "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 24}},
                    "media_reference": {"OTIO_SCHEMA": "MissingReference.1"}}]},
                  {"OTIO_SCHEMA": "Track.1", "kind": "Audio", "children": [
                   {"OTIO_SCHEMA": "Clip.1", "name": "music", "source_range": {"OTIO_SCHEMA": "TimeRange.1",
                      "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
                      "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 72}}}]}]}}
                """;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> shot) {
        return (Map<String, Object>) shot.get("data");
    }

    // Zou: test_import_otio (created then updated shots with frame ranges)
    @Test
    void otioJsonCreatesThenUpdatesShots() {
        String p = project("Otio", "short");
        Map<String, String> form = Map.of("naming_convention", "${sequence_name}-${shot_name}", "match_case",
                "True");
        byte[] body = otioTimeline().getBytes(StandardCharsets.UTF_8);
        ApiClient.Reply r = upload(admin, "/api/import/otio/projects/" + p, "cut.otio", body, form);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> created = (List<Map<String, Object>>) r.map().get("created_shots");
        assertThat(created).extracting(s -> s.get("name")).containsExactly("SH010", "SH020");
        assertThat(created.get(0).get("nb_frames")).isEqualTo(48);
        assertThat(data(created.get(0))).containsEntry("frame_in", 0).containsEntry("frame_out", 47);
        assertThat(data(created.get(1))).containsEntry("frame_in", 58).containsEntry("frame_out", 81);
        assertThat(created.get(1).get("nb_frames")).isEqualTo(24);
        assertThat((List<?>) r.map().get("updated_shots")).isEmpty();
        assertThat(tasksOf(id(created.get(0)))).singleElement()
                .satisfies(t -> assertThat(t.get("task_type_id")).isEqualTo(animation));

        ApiClient.Reply again = upload(admin, "/api/import/otio/projects/" + p, "cut.otio", body, form);
        assertThat(again.status()).isEqualTo(201);
        assertThat((List<?>) again.map().get("created_shots")).isEmpty();
        assertThat((List<?>) again.map().get("updated_shots")).hasSize(2);
        assertThat(admin.get("/api/data/projects/" + p + "/shots").list()).hasSize(2);
    }

    @Test
    void edlCreatesShotsAtTheProjectFrameRate() {
        String p = project("Edl", "short");
        String edl = """
                TITLE: CUT_01
                FCM: NON-DROP FRAME

                001  AX       V     C        00:00:10:00 00:00:12:00 01:00:00:00 01:00:02:00
                * FROM CLIP NAME: SQ02-SH030.mov
                002  AX       V     C        00:00:00:00 00:00:01:00 01:00:02:00 01:00:03:00
                * FROM CLIP NAME: sq02-sh040
                003  AX       A     C        00:00:00:00 00:00:01:00 01:00:02:00 01:00:03:00
                """;
        ApiClient.Reply r = upload(admin, "/api/import/otio/projects/" + p, "cut.edl",
                edl.getBytes(StandardCharsets.UTF_8), Map.of("naming_convention", "${sequence_name}-${shot_name}"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> created = (List<Map<String, Object>>) r.map().get("created_shots");
        assertThat(created).extracting(s -> s.get("name")).containsExactly("SH030", "sh040");
        assertThat(created.get(0).get("nb_frames")).isEqualTo(50); // project fps 25
        assertThat(data(created.get(0))).containsEntry("frame_in", 0).containsEntry("frame_out", 49);
        assertThat(data(created.get(1))).containsEntry("frame_in", 50).containsEntry("frame_out", 74);
        assertThat(admin.get("/api/data/projects/" + p + "/sequences").list()).extracting(s -> s.get("name"))
                .containsExactlyInAnyOrder("SQ02", "sq02");
    }

    @Test
    void timelineErrorsAre400AndWriteNothing() {
        String p = project("OtioBad", "short");
        ApiClient.Reply fcp = upload(admin, "/api/import/otio/projects/" + p, "cut.xml", "<xml/>");
        assertThat(fcp.status()).isEqualTo(400);
        assertThat(fcp.map()).containsEntry("message", "Unsupported file type '.xml'. Supported formats: edl, otio.");
        ApiClient.Reply broken = upload(admin, "/api/import/otio/projects/" + p, "cut.otio", "{\"OTIO_SCHEMA\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat((String) broken.map().get("message")).startsWith("Failed to parse OTIO file");
        // the first clip matches the default convention's pattern only partly: nothing is kept
        ApiClient.Reply noMatch = upload(admin, "/api/import/otio/projects/" + p, "cut.otio", otioTimeline());
        assertThat(noMatch.status()).isEqualTo(400);
        assertThat(noMatch.map()).containsEntry("message",
                "KeyError: 'No matched value while extracting shot informations.'");
        assertThat(admin.get("/api/data/projects/" + p + "/shots").list()).isEmpty();
        assertThat(admin.get("/api/data/projects/" + p + "/sequences").list()).isEmpty();
    }

    // Zou: test_import_kitsu (entities, tasks, entity links upserted by id)
    @Test
    void kitsuImportsUpsertById() {
        String p = project("Kitsu", "short");
        String asset = UUID.randomUUID().toString();
        String shotLike = UUID.randomUUID().toString();
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", asset);
        entity.put("name", "Synced");
        entity.put("project_id", p);
        entity.put("asset_type_id", fx.entityType("Props"));
        entity.put("asset_type_name", "Props");
        entity.put("type", "Asset");
        entity.put("data", Map.of("k", "v"));
        Map<String, Object> other = new LinkedHashMap<>(entity);
        other.put("id", shotLike);
        other.put("name", "Other");
        ApiClient.Reply r = admin.post("/api/import/kitsu/entities", List.of(entity, other));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.list()).extracting(e -> e.get("id")).containsExactly(asset, shotLike);
        assertThat(admin.get("/api/data/entities/" + asset).map()).containsEntry("name", "Synced");
        entity.put("name", "Renamed");
        assertThat(admin.post("/api/import/kitsu/entities?silent=true", List.of(entity)).status()).isEqualTo(200);
        assertThat(admin.get("/api/data/entities/" + asset).map()).containsEntry("name", "Renamed");

        String task = UUID.randomUUID().toString();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", task);
        t.put("name", "main");
        t.put("project_id", p);
        t.put("entity_id", asset);
        t.put("task_type_id", modeling);
        t.put("task_status_id", wip);
        t.put("assignees", List.of());
        t.put("type", "Task");
        assertThat(admin.post("/api/import/kitsu/tasks", List.of(t)).status()).isEqualTo(200);
        assertThat(admin.get("/api/data/tasks/" + task).map()).containsEntry("task_status_id", wip);

        Map<String, Object> link = Map.of("entity_in_id", shotLike, "entity_out_id", asset, "nb_occurences", 2,
                "type", "EntityLink", "id", UUID.randomUUID().toString());
        ApiClient.Reply links = admin.post("/api/import/kitsu/entity-links", List.of(link));
        assertThat(links.status()).as(links.text()).isEqualTo(200);
        assertThat(links.list()).singleElement().satisfies(l -> assertThat(l.get("nb_occurences")).isEqualTo(2));

        assertThat(admin.post("/api/import/kitsu/entities", Map.of("id", asset)).status()).isEqualTo(400);
        ApiClient.Reply dangling = admin.post("/api/import/kitsu/tasks", List.of(Map.of("id",
                UUID.randomUUID().toString(), "name", "main", "project_id", p, "entity_id",
                UUID.randomUUID().toString(), "task_type_id", modeling, "task_status_id", wip)));
        assertThat(dangling.status()).isEqualTo(400);
    }
}
