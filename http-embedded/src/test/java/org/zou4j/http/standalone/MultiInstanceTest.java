package org.zou4j.http.standalone;

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
import org.zou4j.storage.postgres.PostgresStorage;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/**
 * Several zou4j processes on one PostgreSQL database, as behind a load balancer: two standalone servers started at
 * once on an empty database both migrate and serve it, and writers in two processes lose nothing.
 */
class MultiInstanceTest {
    private static final Pattern LISTENING = Pattern.compile("zou4j listening on (http://\\S+)");
    private static final String KEY = "multi-instance-test-secret-0123456789abcdef";

    @BeforeAll
    static void server() {
        PostgresTestDatabase.serverUrlOrSkip();
    }

    @Test
    void twoServersStartedAtOnceOnAnEmptyDatabaseBothServeIt(@TempDir Path dir) throws Exception {
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
            List<Process> servers = new ArrayList<>();
            try {
                for (String name : List.of("a", "b")) {
                    servers.add(java(Map.of("ZOU_SECRET_KEY", KEY), Main.class.getName(), "--db-url", db.jdbcUrl(),
                            "--port", "0", "--data-dir", dir.resolve(name).toString()));
                }
                List<CompletableFuture<String>> urls = new ArrayList<>();
                for (Process p : servers) {
                    urls.add(CompletableFuture.supplyAsync(() -> listeningUrl(p)));
                }
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (CompletableFuture<String> url : urls) {
                    String base = url.get(3, TimeUnit.MINUTES);
                    HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create(base + "/api/status"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(status.statusCode()).isEqualTo(200);
                    assertThat(status.body()).contains("\"database-up\":true");
                }
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
                assertThat(engine.isStorageUp()).isTrue();
            }
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

    private static String listeningUrl(Process p) {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return m.group(1);
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
