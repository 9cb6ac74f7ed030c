package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.contract.ContractBase;
import org.zou4j.contract.Fixtures;
import org.zou4j.events.EventSettings;
import org.zou4j.storage.postgres.PostgresStorage;
import org.zou4j.http.standalone.Main;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/**
 * Several zou4j processes on one PostgreSQL database, as behind a load balancer: two standalone servers started at
 * once on an empty database both migrate and serve it; a client logs in on one and works on the other; a listener on
 * one hears of changes made on the other; concurrent writers on both lose nothing; a logout on one is refused by the
 * other within one event poll interval.
 */
class MultiInstanceTest {
    private static final Pattern LISTENING = Pattern.compile("zou4j listening on http://[^:]+:(\\d+)");
    private static final String ADMIN = "admin@example.com";
    private static final String PASSWORD = "multi-instance-Pa55word";
    private static final String KEY = "multi-instance-test-secret-0123456789abcdef";

    @BeforeAll
    static void server() {
        PostgresTestDatabase.serverUrlOrSkip();
    }

    @Test
    void twoServersOnOneDatabaseShareLoginsChangesAndEvents(@TempDir Path dir) throws Exception {
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
            List<Process> servers = new ArrayList<>();
            try {
                // Started at once on an empty database: both migrate it and both try to create the first admin.
                for (String name : List.of("a", "b")) {
                    servers.add(java(Map.of("ZOU_SECRET_KEY", KEY, "ZOU_ADMIN_EMAIL", ADMIN,
                            "ZOU_ADMIN_PASSWORD", PASSWORD), Main.class.getName(), "--db-url", db.jdbcUrl(),
                            "--port", "0", "--data-dir", dir.resolve(name).toString()));
                }
                List<CompletableFuture<Integer>> ports = new ArrayList<>();
                for (Process p : servers) {
                    ports.add(CompletableFuture.supplyAsync(() -> listeningPort(p)));
                }
                ApiClient a = new ApiClient(ports.get(0).get(3, TimeUnit.MINUTES));
                ApiClient b = new ApiClient(ports.get(1).get(3, TimeUnit.MINUTES));
                assertThat(a.get("/api/status").map()).containsEntry("database-up", true);
                assertThat(b.get("/api/status").map()).containsEntry("database-up", true);

                // A client logs in on A and works on B.
                ApiClient.Reply login = a.post("/api/auth/login", Map.of("email", ADMIN, "password", PASSWORD));
                assertThat(login.status()).as(login.text()).isEqualTo(200);
                String token = (String) login.map().get("access_token");
                a.withToken(token);
                b.withToken(token);
                ApiClient.Reply project = b.post("/api/data/projects", Map.of("name", "Made on B"));
                assertThat(project.status()).as(project.text()).isEqualTo(201);
                assertThat(a.get("/api/data/projects/" + project.map().get("id")).status()).isEqualTo(200);

                // A listener on B hears of a change made on A.
                try (EventReader events = EventReader.open(b, token)) {
                    ApiClient.Reply made = a.post("/api/data/custom-actions", Map.of("name", "Made on A"));
                    assertThat(made.status()).isEqualTo(201);
                    assertThat(events.await("custom-action:new", (String) made.map().get("id"), 60))
                            .as("B's event stream delivers A's change").isTrue();
                }

                // Writers on both instances at once lose nothing; a unique name raced on both is won once.
                int perThread = 20;
                List<CompletableFuture<List<String>>> writers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    ApiClient on = t % 2 == 0 ? a : b;
                    int thread = t;
                    writers.add(CompletableFuture.supplyAsync(() -> {
                        List<String> ids = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            ApiClient.Reply r = on.post("/api/data/custom-actions", Map.of("name",
                                    "W" + thread + "-" + i, "url", "multi-http"));
                            assertThat(r.status()).as(r.text()).isEqualTo(201);
                            ids.add((String) r.map().get("id"));
                        }
                        return ids;
                    }));
                }
                List<CompletableFuture<Integer>> racers = new ArrayList<>();
                for (ApiClient on : List.of(a, b)) {
                    racers.add(CompletableFuture.supplyAsync(() -> {
                        int won = 0;
                        for (int i = 0; i < 20; i++) {
                            ApiClient.Reply r = on.post("/api/data/departments", Map.of("name", "Race " + i,
                                    "color", "#000000"));
                            assertThat(r.status()).as(r.text()).isIn(201, 400);
                            won += r.status() == 201 ? 1 : 0;
                        }
                        return won;
                    }));
                }
                Set<String> written = new HashSet<>();
                for (CompletableFuture<List<String>> w : writers) {
                    written.addAll(w.get(5, TimeUnit.MINUTES));
                }
                int won = 0;
                for (CompletableFuture<Integer> r : racers) {
                    won += r.get(5, TimeUnit.MINUTES);
                }
                assertThat(written).hasSize(8 * perThread);
                List<Map<String, Object>> listed = b.get("/api/data/custom-actions?url=multi-http").list();
                assertThat(listed.stream().map(m -> (String) m.get("id"))).containsExactlyInAnyOrderElementsOf(written);
                assertThat(won).as("each raced name is created once").isEqualTo(20);
                assertThat(a.get("/api/data/departments?name=Race%25").list()).hasSize(20);

                // Logging out on A revokes the token on A at once and on B within one event poll interval (B may
                // use what it last read of the token for that long: ZouEngine.Builder#tokenStateMaxAge, 250 ms).
                assertThat(a.get("/api/auth/logout").status()).isEqualTo(200);
                assertThat(a.get("/api/data/projects").status()).isEqualTo(401);
                Thread.sleep(EventSettings.defaults().pollInterval().toMillis());
                assertThat(b.get("/api/data/projects").status()).isEqualTo(401);
            } finally {
                for (Process p : servers) {
                    p.destroy(); // SIGTERM: the server stops cleanly
                }
                for (Process p : servers) {
                    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                }
            }
            try (ZouEngine engine = ZouEngine.builder().storage(PostgresStorage.connect(db.jdbcUrl()))
                    .secretKey(ContractBase.SECRET).build()) {
                assertThat(engine.systemSession().data("persons").list(Query.all())).as("one first admin").hasSize(1);
            }
        }
    }

    /** The lines of a server's {@code /api/events/stream}, read on a thread of their own. */
    private static final class EventReader implements AutoCloseable {
        private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.stream.Stream<String> stream;

        private EventReader(java.util.stream.Stream<String> stream) {
            this.stream = stream;
            Thread t = new Thread(() -> {
                try {
                    stream.forEach(lines::add);
                } catch (RuntimeException e) {
                    // closed
                }
            }, "sse-reader");
            t.setDaemon(true);
            t.start();
        }

        static EventReader open(ApiClient on, String token) throws Exception {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<java.util.stream.Stream<String>> r = client.send(HttpRequest.newBuilder(
                    URI.create(on.base() + "/api/events/stream")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            return new EventReader(r.body());
        }

        /** Whether an event named {@code name} whose data mentions {@code id} arrives within {@code seconds}. */
        boolean await(String name, String id, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            boolean named = false;
            while (System.nanoTime() < end) {
                String line = lines.poll(500, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith("event:")) {
                    named = line.substring(6).trim().equals(name);
                } else if (named && line.startsWith("data:") && line.contains(id)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    @Test
    void concurrentWritersInTwoProcessesLoseNothing() throws Exception {
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
            String taskId = "-";
            String personId = "-";
            boolean timeSpentsSum;
            try (ZouEngine engine = ZouEngine.builder().storage(PostgresStorage.connect(db.jdbcUrl()))
                    .secretKey(ContractBase.SECRET).build()) {
                Session admin = engine.systemSession();
                Fixtures fx = new Fixtures(admin);
                Entry task = fx.task(Map.of());
                Entry person = fx.person();
                // Whether time spents add up on their task in this engine (a model hook); if not, nothing to race.
                admin.data("time-spents").create(Map.of("task_id", task.id(), "person_id", person.id(),
                        "date", "2024-01-01", "duration", 1.0));
                timeSpentsSum = ((Number) admin.data("tasks").get(task.id()).get("duration")).doubleValue() == 1.0;
                if (timeSpentsSum) {
                    taskId = task.id();
                    personId = person.id();
                }
            }
            List<String> races = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                races.add("Race " + i);
            }
            int perThread = 50;
            List<Process> writers = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            try {
                for (String instance : List.of("A", "B")) {
                    List<String> args = new ArrayList<>(List.of(MultiInstanceWriter.class.getName(), db.jdbcUrl(),
                            instance, Integer.toString(perThread), taskId, personId));
                    args.addAll(races);
                    writers.add(java(Map.of(), args.toArray(String[]::new)));
                }
                List<BufferedReader> outs = new ArrayList<>();
                for (Process p : writers) {
                    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                            StandardCharsets.UTF_8));
                    assertThat(out.readLine()).isEqualTo("ready");
                    outs.add(out);
                }
                for (Process p : writers) {
                    Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
                    in.write("go\n");
                    in.flush();
                }
                List<CompletableFuture<List<String>>> all = new ArrayList<>();
                for (BufferedReader out : outs) {
                    all.add(CompletableFuture.supplyAsync(() -> readAll(out)));
                }
                for (CompletableFuture<List<String>> f : all) {
                    List<String> got = f.get(5, TimeUnit.MINUTES);
                    assertThat(got).last().isEqualTo("done");
                    lines.addAll(got);
                }
            } finally {
                for (Process p : writers) {
                    p.destroyForcibly();
                }
            }
            Set<String> acked = new HashSet<>();
            int won = 0;
            int lost = 0;
            for (String line : lines) {
                if (line.startsWith("ack ")) {
                    acked.add(line.substring(4));
                } else if (line.startsWith("won ")) {
                    won++;
                } else if (line.startsWith("lost ")) {
                    assertThat(line).endsWith(" DUPLICATE");
                    lost++;
                }
            }
            assertThat(acked).hasSize(2 * 4 * perThread);
            assertThat(won).as("each raced name is won by exactly one instance").isEqualTo(races.size());
            assertThat(lost).isEqualTo(races.size());
            try (ZouEngine engine = ZouEngine.builder().storage(PostgresStorage.connect(db.jdbcUrl()))
                    .secretKey(ContractBase.SECRET).build()) {
                Session admin = engine.systemSession();
                assertThat(Fixtures.ids(admin.data("custom-actions").list(
                        Query.where(Map.of("url", "multi-instance"))))).containsExactlyInAnyOrderElementsOf(acked);
                for (String race : races) {
                    assertThat(admin.data("departments").list(Query.where(Map.of("name", race)))).hasSize(1);
                }
                if (timeSpentsSum) {
                    assertThat(((Number) admin.data("tasks").get(taskId).get("duration")).doubleValue())
                            .as("task duration = sum of the time spents written by both instances")
                            .isEqualTo(1.0 + 2 * 20 * 1.5);
                } else {
                    System.out.println("time spents do not update their task yet: that race was not run");
                }
            }
        }
    }

    private static Process java(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int listeningPort(Process p) {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    // Keep draining the server's output so that it never blocks on a full pipe.
                    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "drain");
                    drain.setDaemon(true);
                    drain.start();
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("The server exited before listening");
    }

    private static List<String> readAll(BufferedReader out) {
        List<String> lines = new ArrayList<>();
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.equals("done")) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }
}
