package org.zou4j.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.zou4j.LoginRequest;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.http.ZouHttpServer;
import org.zou4j.http.transport.HttpServerConfig;
import org.zou4j.http.transport.HttpTransport;
import org.zou4j.storage.h2.H2Storage;

/**
 * Items 8 and 9, the task area:
 * <ol start="8">
 *   <li>{@code POST /actions/tasks/<id>/comment} with a status change each time, under wrk, beside the HTTP ceiling of
 *   the same transport (both in this JVM), on a file H2 database;</li>
 *   <li>{@code GET /data/tasks/open-tasks} first page with 75,000 open tasks (scaled), sequential requests.</li>
 * </ol>
 */
final class TaskBench {
    private static final String PASSWORD = "bench password 0123";

    private TaskBench() {
    }

    /**
     * Runs items 8 and 9 alone: {@code java -cp <benchmarks classpath> org.zou4j.bench.TaskBench [scale] [dir]
     * [8,9]}.
     */
    public static void main(String[] args) throws Exception {
        Report report = new Report();
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("zou4j-task-bench");
        String only = args.length > 2 ? args[2] : "8,9";
        if (only.contains("8")) {
            commentThroughput(report, dir.resolve("comments"), scale >= 1 ? 10 : 4);
        }
        if (only.contains("9")) {
            openTasks(report, scale, 20, 5);
        }
        System.out.println(report.markdown());
        report.targetLines().forEach(System.out::println);
    }

    private record World(ZouEngine engine, String token, String project, String taskType, String assetType,
                         String wip, String wfa) {
    }

    private static World world(H2Storage storage) {
        ZouEngine engine = ZouEngine.builder().storage(storage).secretKey("bench-task-area-secret-0123456789abc")
                .bcryptCost(4).build();
        Session sys = engine.systemSession();
        sys.data("persons").create(Map.of("first_name", "Bench", "last_name", "Admin", "email", "admin@bench.test",
                "role", "admin", "password", PASSWORD));
        String open = sys.data("project-status").create(Map.of("name", "Open", "color", "#000000")).id();
        sys.data("task-status").create(Map.of("name", "Todo", "short_name", "todo", "color", "#000000",
                "is_default", true));
        String wip = sys.data("task-status").create(Map.of("name", "WIP", "short_name", "wip", "color", "#000000",
                "is_wip", true)).id();
        String wfa = sys.data("task-status").create(Map.of("name", "WFA", "short_name", "wfa", "color", "#000000",
                "is_feedback_request", true)).id();
        String taskType = sys.data("task-types").create(Map.of("name", "Modeling", "for_entity", "Asset")).id();
        String assetType = sys.data("entity-types").create(Map.of("name", "Character")).id();
        String project = sys.data("projects").create(Map.of("name", "Bench tasks", "project_status_id", open)).id();
        String token = engine.login(LoginRequest.of("admin@bench.test", PASSWORD)).access().orElseThrow();
        return new World(engine, token, project, taskType, assetType, wip, wfa);
    }

    /** Item 8. */
    static void commentThroughput(Report report, Path dir, int seconds) throws Exception {
        report.heading(8, "8. Commenting with a status change under wrk");
        String wrk = Wrk.ensureInstalled();
        if (wrk == null) {
            report.para("wrk is not installed and could not be installed: n/a.");
            report.target("comment_status_change_vs_ceiling", Double.NaN, 0.05, false, "wrk missing");
            return;
        }
        BenchData.deleteTree(dir);
        Files.createDirectories(dir);
        int threads = 2;
        int connections = 8;
        Wrk.Result ceiling;
        try (HttpTransport transport = new HttpTransport(HttpServerConfig.builder().port(0).build(),
                request -> org.zou4j.http.transport.HttpResponse.json(200, CeilingServer.BODY)).start()) {
            Wrk.run(wrk, transport.port(), null, threads, connections, Math.max(2, seconds / 2));
            ceiling = Wrk.run(wrk, transport.port(), null, threads, connections, seconds);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HTTP ceiling: fixed 33-byte JSON body, same transport, this JVM",
            String.format(Locale.ROOT, "%,.0f", ceiling.rps()), Report.ms(ceiling.p50Ms()),
            Report.ms(ceiling.p99Ms()), String.valueOf(ceiling.errors()), "1 ×"});
        Wrk.Result memory = comments(wrk, dir, "memory", H2Storage.inMemory(), threads, connections, seconds);
        rows.add(row("POST /actions/tasks/<id>/comment, status change each time (200 tasks), in-memory H2", memory,
                ceiling));
        Wrk.Result file = comments(wrk, dir, "file", H2Storage.file(dir.resolve("db")), threads, connections,
                seconds);
        rows.add(row("the same on a file H2 database (WRITE_DELAY=0: each commit written to the file before it "
                + "returns)", file, ceiling));
        double ratio = file.errors() > 0 ? Double.NaN : file.rps() / ceiling.rps();
        report.para("wrk " + threads + " threads, " + connections + " keep-alive connections, " + seconds
                + " s after a warm-up run, on 127.0.0.1; the engine and its server run in the bench JVM, as does "
                + "the ceiling. Each comment flips its task between two statuses: the comment, the task's status "
                + "and dates, news, notifications and events in one transaction. On the file database each commit "
                + "also stores a new chunk of the changed pages (written to the file without fsync); comments that "
                + "arrive together share one commit (the engine's group commit), so the gap to the in-memory row is "
                + "that store work divided by the group's size.");
        report.table(new String[] {"case", "requests/s", "p50", "p99", "errors", "vs ceiling"}, rows);
        report.target("comment_status_change_vs_ceiling", ratio, 0.05, false,
                "requests/s of POST /actions/tasks/<id>/comment (status change, file H2) / HTTP ceiling");
        report.target("comment_status_change_in_memory_vs_ceiling", memory.errors() > 0 ? Double.NaN
                : memory.rps() / ceiling.rps(), 0.05, false,
                "the same on in-memory H2 (the engine's own cost, no disk)");
    }

    private static String[] row(String name, Wrk.Result r, Wrk.Result ceiling) {
        return new String[] {name, String.format(Locale.ROOT, "%,.0f", r.rps()), Report.ms(r.p50Ms()),
            Report.ms(r.p99Ms()), String.valueOf(r.errors()), Report.num(r.rps() / ceiling.rps()) + " ×"};
    }

    private static Wrk.Result comments(String wrk, Path dir, String name, H2Storage storage, int threads,
                                       int connections, int seconds) throws Exception {
        World w = world(storage);
        try (ZouEngine engine = w.engine();
             ZouHttpServer server = ZouHttpServer.builder(engine).port(0).build().start()) {
            Session sys = engine.systemSession();
            int perThread = 100;
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < perThread * threads; i++) {
                String asset = sys.data("entities").create(Map.of("name", "A" + i, "project_id", w.project(),
                        "entity_type_id", w.assetType())).id();
                tasks.add(sys.data("tasks").create(Map.of("project_id", w.project(), "entity_id", asset,
                        "task_type_id", w.taskType(), "task_status_id",
                        sys.data("task-status").list(org.zou4j.Query.where(Map.of("short_name", "todo")))
                                .get(0).id())).id());
            }
            Path warm = commentScript(dir, name + "-comment-warm", tasks, threads, w);
            Path script = commentScript(dir, name + "-comment", tasks, threads, w);
            Wrk.run(wrk, server.port(), warm, threads, connections, Math.max(2, seconds / 2));
            return Wrk.run(wrk, server.port(), script, threads, connections, seconds);
        }
    }

    /**
     * Each wrk thread cycles over its own tasks; request i of a thread comments task i mod n with the status of visit
     * i div n, alternating, so every comment changes its task's status.
     */
    private static Path commentScript(Path dir, String name, List<String> tasks, int threads, World w)
            throws java.io.IOException {
        StringBuilder lua = new StringBuilder("headers = {}\nheaders[\"Authorization\"] = \"Bearer " + w.token()
                + "\"\nheaders[\"Content-Type\"] = \"application/json\"\ntasks = {");
        for (String t : tasks) {
            lua.append('"').append(t).append("\",");
        }
        lua.append("}\nstatuses = {\"").append(w.wip()).append("\", \"").append(w.wfa()).append("\"}\n");
        lua.append("""
                local counter = 0
                local per = math.floor(#tasks / %d)
                function setup(thread)
                  thread:set("tid", counter)
                  counter = counter + 1
                end
                local n = 0
                function request()
                  local k = n %% per
                  local visit = math.floor(n / per)
                  n = n + 1
                  local task = tasks[tid * per + k + 1]
                  local status = statuses[(visit %% 2) + 1]
                  local body = '{"task_status_id":"' .. status .. '","comment":"bench ' .. n .. '"}'
                  return wrk.format("POST", "/api/actions/tasks/" .. task .. "/comment", headers, body)
                end
                """.formatted(threads));
        Path f = dir.resolve(name + ".lua");
        Files.writeString(f, lua.toString());
        return f;
    }

    /** Item 9. */
    static void openTasks(Report report, double scale, int runs, int warmups) throws Exception {
        int total = Math.max(1000, (int) Math.round(75_000 * scale));
        int perEntity = 5;
        H2Storage storage = H2Storage.inMemory();
        World w = world(storage);
        try (ZouEngine engine = w.engine();
             ZouHttpServer server = ZouHttpServer.builder(engine).port(0).build().start()) {
            Session sys = engine.systemSession();
            List<String> types = new ArrayList<>();
            types.add(w.taskType());
            for (int i = 1; i < perEntity; i++) {
                types.add(sys.data("task-types").create(Map.of("name", "Type " + i, "for_entity", "Asset")).id());
            }
            String todo = sys.data("task-status").list(org.zou4j.Query.where(Map.of("short_name", "todo"))).get(0)
                    .id();
            long t0 = System.nanoTime();
            insertTasks(storage.dataSource(), total, perEntity, w, types, List.of(todo, w.wip(), w.wfa()));
            engine.readCache().invalidateAll(); // written behind the engine's back (StorageBackend#soleWriter)
            double loadS = (System.nanoTime() - t0) / 1e9;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/data/tasks/open-tasks")).header("Authorization", "Bearer " + w.token()).GET().build();
            int n = Math.max(runs * 2, 30);
            long[] nanos = new long[n];
            int bytes = 0;
            long reported = 0;
            for (int i = 0; i < warmups * 2 + n; i++) {
                long s0 = System.nanoTime();
                HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                long dt = System.nanoTime() - s0;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("GET /data/tasks/open-tasks answered " + r.statusCode());
                }
                bytes = r.body().length;
                if (i >= warmups * 2) {
                    nanos[i - warmups * 2] = dt;
                }
                if (i == 0) {
                    String text = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(text);
                    reported = m.find() ? Long.parseLong(m.group(1)) : -1;
                }
            }
            Stats s = Stats.ofNanos(nanos);
            // H2 answers an identical statement from its previous result while no table it reads has changed: the
            // same requests, each right after a write to a task (as on a studio's live database)
            long[] afterWrite = new long[n];
            try (Connection c = storage.dataSource().getConnection();
                 PreparedStatement touch = c.prepareStatement("UPDATE task SET updated_at = ? WHERE id = "
                         + "(SELECT MIN(id) FROM task)")) {
                for (int i = 0; i < warmups + n; i++) {
                    touch.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now()));
                    touch.executeUpdate();
                    engine.readCache().invalidateAll(); // open-tasks is not cached; the contract holds anyway
                    long s0 = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    long dt = System.nanoTime() - s0;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("GET /data/tasks/open-tasks answered " + r.statusCode());
                    }
                    if (i >= warmups) {
                        afterWrite[i - warmups] = dt;
                    }
                }
            }
            Stats w2 = Stats.ofNanos(afterWrite);
            report.heading(9, "9. Open tasks, first page");
            report.para(String.format(Locale.ROOT, "`GET /api/data/tasks/open-tasks` (first page, 100 tasks with "
                    + "their project, entity, type and status names, plus the totals and counts per status) over HTTP "
                    + "as an admin; %,d open tasks (%d task types on %,d assets, inserted with JDBC in %.1f s; "
                    + "the answer reports total %,d); in-memory H2, embedded server in the bench JVM, one keep-alive "
                    + "client, %d sequential requests after warm-up. Answer: %,d bytes.", total, perEntity,
                    total / perEntity, loadS, reported, n, bytes));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"the same request repeated", Report.ms(s.median()), Report.ms(s.p99())});
            rows.add(new String[] {"each request right after a write to a task (no reuse of H2's previous result)",
                Report.ms(w2.median()), Report.ms(w2.p99())});
            report.table(new String[] {"case", "median", "p99"}, rows);
            report.target("open_tasks_first_page_ms", s.median(), 50, true,
                    "median ms of GET /data/tasks/open-tasks first page with 75,000 open tasks at scale 1");
            report.target("open_tasks_first_page_after_write_ms", w2.median(), 50, true,
                    "the same, each request right after a write to a task");
        }
    }

    private static void insertTasks(DataSource ds, int total, int perEntity, World w, List<String> types,
                                    List<String> statuses) throws Exception {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now());
        UUID project = UUID.fromString(w.project());
        UUID assetType = UUID.fromString(w.assetType());
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement e = c.prepareStatement("INSERT INTO entity (id, created_at, updated_at, name,"
                    + " project_id, entity_type_id, canceled, is_casting_standby, status, is_shared)"
                    + " VALUES (?, ?, ?, ?, ?, ?, FALSE, FALSE, 'running', FALSE)");
                 PreparedStatement t = c.prepareStatement("INSERT INTO task (id, created_at, updated_at, name,"
                         + " project_id, task_type_id, task_status_id, entity_id, duration, estimation, priority,"
                         + " completion_rate, retake_count) VALUES (?, ?, ?, 'main', ?, ?, ?, ?, 0, 0, 0, 0, 0)")) {
                int entities = total / perEntity;
                for (int i = 0; i < entities; i++) {
                    UUID entity = UUID.randomUUID();
                    e.setObject(1, entity);
                    e.setTimestamp(2, now);
                    e.setTimestamp(3, now);
                    e.setString(4, String.format(Locale.ROOT, "Asset %06d", i));
                    e.setObject(5, project);
                    e.setObject(6, assetType);
                    e.addBatch();
                    for (int k = 0; k < perEntity; k++) {
                        t.setObject(1, UUID.randomUUID());
                        t.setTimestamp(2, now);
                        t.setTimestamp(3, now);
                        t.setObject(4, project);
                        t.setObject(5, UUID.fromString(types.get(k)));
                        t.setObject(6, UUID.fromString(statuses.get((i + k) % statuses.size())));
                        t.setObject(7, entity);
                        t.addBatch();
                    }
                    if (i % 500 == 499 || i == entities - 1) {
                        e.executeBatch();
                        t.executeBatch();
                        c.commit();
                    }
                }
            }
        }
    }
}
