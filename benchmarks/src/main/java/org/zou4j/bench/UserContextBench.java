package org.zou4j.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zou4j.LoginRequest;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.http.ZouHttpServer;
import org.zou4j.storage.h2.H2Storage;

/**
 * Item 6: {@code GET /data/user/context} (Kitsu's first call after login) over HTTP for a studio of 200 people,
 * 20 open projects and 60 task types (scaled by {@code --scale}), as a manager in every team. In-memory H2 engine
 * and the embedded server in this JVM, one keep-alive client, sequential requests.
 */
final class UserContextBench {
    private UserContextBench() {
    }

    /** Runs item 6 alone: {@code java -cp <benchmarks classpath> org.zou4j.bench.UserContextBench [scale]}. */
    public static void main(String[] args) throws Exception {
        Report report = new Report();
        run(report, args.length > 0 ? Double.parseDouble(args[0]) : 1.0, 20, 5);
        System.out.println(report.markdown());
        report.targetLines().forEach(System.out::println);
    }

    static void run(Report report, double scale, int runs, int warmups) throws Exception {
        int people = Math.max(10, (int) Math.round(200 * scale));
        int projects = Math.max(2, (int) Math.round(20 * scale));
        int taskTypes = Math.max(6, (int) Math.round(60 * scale));
        String password = "bench password 0123";
        try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.inMemory())
                .secretKey("bench-user-context-secret-0123456789").bcryptCost(4).build()) {
            Session sys = engine.systemSession();
            List<String> team = new ArrayList<>();
            List<String> departments = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                departments.add(sys.data("departments").create(Map.of("name", "Dept " + i, "color", "#000000")).id());
            }
            team.add(sys.data("persons").create(Map.of("first_name", "Bench", "last_name", "Manager", "email",
                    "manager@bench.test", "role", "manager", "password", password)).id());
            for (int i = 1; i < people; i++) {
                team.add(sys.data("persons").create(Map.of("first_name", "Person", "last_name", "N" + i, "email",
                        "p" + i + "@bench.test", "role", i % 10 == 0 ? "supervisor" : "user",
                        "departments", List.of(departments.get(i % departments.size())),
                        // Zou's default USER_LIMIT is 100 active persons: the rest of the studio is inactive
                        "active", i < 90)).id());
            }
            String open = sys.data("project-status").create(Map.of("name", "Open", "color", "#000000")).id();
            sys.data("project-status").create(Map.of("name", "Closed", "color", "#000000"));
            List<String> types = new ArrayList<>();
            for (int i = 0; i < taskTypes; i++) {
                types.add(sys.data("task-types").create(Map.of("name", "Type " + i, "for_entity",
                        i % 2 == 0 ? "Asset" : "Shot", "department_id", departments.get(i % departments.size())))
                        .id());
            }
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                statuses.add(sys.data("task-status").create(Map.of("name", "Status " + i, "short_name", "s" + i,
                        "color", "#000000")).id());
            }
            for (int i = 0; i < 8; i++) {
                sys.data("entity-types").create(Map.of("name", "Asset type " + i));
            }
            for (int p = 0; p < projects; p++) {
                String id = sys.data("projects").create(Map.of("name", "Project " + p, "project_status_id", open,
                        "team", team.subList(0, Math.min(team.size(), 60)))).id();
                for (int t = 0; t < types.size(); t += 3) {
                    sys.production().linkTaskType(Map.of("project_id", id, "task_type_id", types.get(t),
                            "priority", t));
                }
                for (String s : statuses) {
                    sys.production().linkTaskStatus(Map.of("project_id", id, "task_status_id", s, "priority", 1));
                }
                sys.data("search-filters").create(Map.of("list_type", "asset", "name", "F" + p, "search_query", "x",
                        "person_id", team.get(0), "project_id", id));
            }
            String token = engine.login(LoginRequest.of("manager@bench.test", password)).access().orElseThrow();
            try (ZouHttpServer server = ZouHttpServer.builder(engine).port(0).build().start()) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/data/user/context")).header("Authorization", "Bearer " + token).GET().build();
                int n = Math.max(runs * 5, 30);
                long[] nanos = new long[n];
                int bytes = 0;
                for (int i = 0; i < warmups * 10 + n; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                    long dt = System.nanoTime() - t0;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("GET /data/user/context answered " + r.statusCode());
                    }
                    bytes = r.body().length;
                    if (i >= warmups * 10) {
                        nanos[i - warmups * 10] = dt;
                    }
                }
                Stats s = Stats.ofNanos(nanos);
                report.heading(6, "6. User context");
                report.para(String.format(java.util.Locale.ROOT, "`GET /api/data/user/context` over HTTP as a "
                        + "manager in %d teams; studio of %d people, %d open projects, %d task types, 10 statuses, "
                        + "10 departments; in-memory H2, embedded server in the bench JVM, one keep-alive client, "
                        + "%d sequential requests after warm-up. Answer: %d bytes.", projects, people, projects,
                        taskTypes, n, bytes));
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {Report.ms(s.median()), Report.ms(s.p99())});
                report.table(new String[] {"median", "p99"}, rows);
                report.target("user_context_ms", s.median(), 30, true,
                        "median ms of GET /data/user/context (200 people, 20 projects, 60 task types at scale 1)");
            }
        }
    }
}
