package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.LoginRequest;
import org.zou4j.ZouEngine;
import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.h2.H2Storage;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/**
 * A small production for the task-area route tests (tasks, comments, persons, news, chats): an engine and a server on
 * port 0, on H2 or on PostgreSQL ({@code ZOU_TEST_PG_URL}), with a project, its team in several roles, statuses, task
 * types, an asset and its tasks; one logged-in {@link ApiClient} per person.
 */
final class TaskWorld implements AutoCloseable {
    static final String ADMIN = "admin@example.com";
    static final String PASSWORD = "correct horse battery";

    final ZouEngine engine;
    /** The engine's media store (a temporary directory, deleted on close). */
    final java.nio.file.Path mediaDir;
    final org.zou4j.files.FileStore media;
    /** Attachments as the engine keeps them: on its file store ({@code files} bucket, {@code attachments}). */
    final org.zou4j.internal.tasks.Attachments files;
    /** The mails the engine sent (invitations, password notices). */
    final List<org.zou4j.mail.MailMessage> mails = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ZouHttpServer server;
    final ApiClient admin;
    final Map<String, ApiClient> clients = new LinkedHashMap<>();
    final Map<String, String> persons = new LinkedHashMap<>();
    final Map<String, String> statuses = new LinkedHashMap<>();
    final Map<String, String> taskTypes = new LinkedHashMap<>();
    final Map<String, String> departments = new LinkedHashMap<>();
    String project;
    String assetType;
    String sequenceType;
    String asset;
    /** Tasks of {@link #asset} by task type key: modeling (artist assigned), rigging, animation. */
    final Map<String, String> tasks = new LinkedHashMap<>();

    /** H2 in memory, or a fresh PostgreSQL database when {@code postgres} (skips the caller when unset). */
    static TaskWorld start(boolean postgres) {
        return start(postgres, b -> b);
    }

    /** As {@link #start(boolean)}, with more engine settings (e.g. movie processing). */
    static TaskWorld start(boolean postgres, java.util.function.UnaryOperator<ZouEngine.Builder> settings) {
        StorageBackend storage = postgres ? PostgresTestDatabase.newStorage() : H2Storage.inMemory();
        return new TaskWorld(storage, settings);
    }

    private TaskWorld(StorageBackend storage, java.util.function.UnaryOperator<ZouEngine.Builder> settings) {
        try {
            mediaDir = java.nio.file.Files.createTempDirectory("task-world-media");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        media = org.zou4j.files.FileStore.local(mediaDir);
        files = new org.zou4j.internal.tasks.Attachments(media);
        engine = settings.apply(ZouEngine.builder().storage(storage).secretKey("task-world-secret-0123456789abcdefgh")
                .bcryptCost(4).fileStore(media).mailSender(mails::add)).build();
        engine.ensureAdmin(ADMIN, PASSWORD);
        server = ZouHttpServer.builder(engine).port(0).build().start();
        admin = new ApiClient(server.port()).withToken(token(ADMIN));
        build();
    }

    private String token(String email) {
        return engine.login(LoginRequest.of(email, PASSWORD)).access().orElseThrow();
    }

    ApiClient as(String who) {
        return clients.get(who);
    }

    /** A logged-in client for a person made with {@link #PASSWORD}. */
    ApiClient client(String email) {
        return new ApiClient(server.port()).withToken(token(email));
    }

    ApiClient anonymous() {
        return new ApiClient(server.port());
    }

    String id(ApiClient.Reply r) {
        assertThat(r.status()).as(r.text()).isIn(200, 201);
        return (String) r.map().get("id");
    }

    String create(String route, Map<String, Object> body) {
        return id(admin.post("/data/" + route, body));
    }

    private void build() {
        departments.put("modeling", create("departments", Map.of("name", "Modeling", "color", "#111111")));
        departments.put("animation", create("departments", Map.of("name", "Animation", "color", "#222222")));
        status("todo", Map.of("is_default", true));
        status("wip", Map.of("is_wip", true));
        status("wfa", Map.of("is_feedback_request", true));
        status("retake", Map.of("is_retake", true));
        status("done", Map.of("is_done", true));
        status("locked", Map.of("is_artist_allowed", false, "is_client_allowed", false));
        taskTypes.put("modeling", create("task-types", Map.of("name", "Modeling", "for_entity", "Asset",
                "department_id", departments.get("modeling"))));
        taskTypes.put("rigging", create("task-types", Map.of("name", "Rigging", "for_entity", "Asset",
                "department_id", departments.get("modeling"))));
        taskTypes.put("animation", create("task-types", Map.of("name", "Animation", "for_entity", "Asset",
                "department_id", departments.get("animation"))));
        person("manager", "Mona", "Manager", "manager", List.of(), true);
        person("artist", "Arthur", "Artist", "user", List.of("modeling"), true);
        person("artist2", "Anna", "Animator", "user", List.of("animation"), true);
        person("outsider", "Otto", "Outsider", "user", List.of("modeling"), false);
        person("supervisor", "Sam", "Super", "supervisor", List.of("modeling"), true);
        person("client", "Cleo", "Client", "client", List.of(), true);
        person("vendor", "Vera", "Vendor", "vendor", List.of(), true);
        List<String> team = new ArrayList<>();
        for (String who : List.of("manager", "artist", "artist2", "supervisor", "client", "vendor")) {
            team.add(persons.get(who));
        }
        // the modeling task going to "done" puts the rigging task to "wip" (Zou's status automation)
        String automation = create("status-automations", Map.of("entity_type", "asset",
                "in_task_type_id", taskTypes.get("modeling"), "in_task_status_id", statuses.get("done"),
                "out_field_type", "status", "out_task_type_id", taskTypes.get("rigging"),
                "out_task_status_id", statuses.get("wip")));
        project = create("projects", Map.of("name", "Task World", "team", team,
                "status_automations", List.of(automation)));
        for (String key : List.of("modeling", "rigging", "animation")) {
            admin.post("/data/task-type-links", Map.of("project_id", project, "task_type_id", taskTypes.get(key),
                    "priority", key.equals("modeling") ? 1 : key.equals("rigging") ? 2 : 3));
        }
        assetType = create("entity-types", Map.of("name", "Character"));
        asset = create("entities", Map.of("name", "Hero", "project_id", project, "entity_type_id", assetType));
        for (String key : List.of("modeling", "rigging", "animation")) {
            tasks.put(key, create("tasks", Map.of("project_id", project, "entity_id", asset,
                    "task_type_id", taskTypes.get(key), "task_status_id", statuses.get("todo"))));
        }
        assign("modeling", "artist");
    }

    void assign(String taskKey, String... who) {
        List<String> ids = new ArrayList<>();
        for (String w : who) {
            ids.add(persons.get(w));
        }
        ApiClient.Reply r = admin.put("/data/tasks/" + tasks.get(taskKey), Map.of("assignees", ids));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    private void status(String key, Map<String, Object> flags) {
        Map<String, Object> body = new LinkedHashMap<>(flags);
        body.put("name", "World " + key);
        body.put("short_name", "w" + key);
        body.put("color", "#333333");
        statuses.put(key, create("task-status", body));
    }

    private void person(String key, String first, String last, String role, List<String> departmentKeys,
                        boolean unused) {
        String email = key + "@world.example";
        List<String> deps = new ArrayList<>();
        for (String d : departmentKeys) {
            deps.add(departments.get(d));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", first);
        body.put("last_name", last);
        body.put("email", email);
        body.put("role", role);
        body.put("password", PASSWORD);
        body.put("departments", deps);
        String id = create("persons", body);
        persons.put(key, id);
        clients.put(key, new ApiClient(server.port()).withToken(token(email)));
    }

    /** A multipart POST with text fields and one file part named {@code file}. */
    static ApiClient.Reply multipart(ApiClient as, String path, Map<String, String> fields, String fileName,
                                     String mimeType, byte[] content) {
        String boundary = "----zou4jworld" + System.nanoTime();
        StringBuilder head = new StringBuilder();
        fields.forEach((k, v) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: ").append(mimeType).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] t = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] body = new byte[h.length + content.length + t.length];
        System.arraycopy(h, 0, body, 0, h.length);
        System.arraycopy(content, 0, body, h.length, content.length);
        System.arraycopy(t, 0, body, h.length + content.length, t.length);
        return as.sendBytes("POST", path, body, "multipart/form-data; boundary=" + boundary);
    }

    /** A new asset of the project with one task per task type key (status todo); answers the task ids by key. */
    Map<String, String> newAssetTasks(String... taskTypeKeys) {
        String entity = create("entities", Map.of("name", "E" + System.nanoTime(), "project_id", project,
                "entity_type_id", assetType));
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : taskTypeKeys) {
            out.put(key, create("tasks", Map.of("project_id", project, "entity_id", entity,
                    "task_type_id", taskTypes.get(key), "task_status_id", statuses.get("todo"))));
        }
        return out;
    }

    /** Full names for mentions. */
    static String fullName(String first, String last) {
        return first + " " + last;
    }

    /** The events written since {@code afterSeq}, names in order. */
    List<Map<String, Object>> eventsNamed(String name, String key, String value) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : admin.get("/data/events/last?limit=1000&name=" + name).list()) {
            if (name.equals(e.get("name")) && e.get("data") instanceof Map<?, ?> d && value.equals(d.get(key))) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
        engine.close();
        try (var paths = java.nio.file.Files.walk(mediaDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
