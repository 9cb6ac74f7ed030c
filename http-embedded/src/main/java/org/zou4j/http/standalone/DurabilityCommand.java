package org.zou4j.http.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.h2.H2Storage;
import org.zou4j.storage.postgres.PostgresStorage;

/**
 * {@code ./zou4j durability}: kills a real standalone server ({@code org.zou4j.http.standalone.Main}, what
 * {@code ./zou4j serve} runs) with {@code kill -9} while and after it acknowledges writes, and checks that every
 * acknowledged write survived (issue #19). Not a unit test: it takes minutes.
 *
 * <p>Concurrent scenario (one database for every trial, as a real server lives on): start the server, a probe write
 * (a refused write after a restart is an outage), four HTTP writers creating departments and updating the colour of
 * their own ones for 1–4 s, {@code kill -9}; then, before the next start, the database is opened directly (no engine,
 * so no start-up repair hides anything) and checked: every acknowledged create stored, every acknowledged update
 * stored (or the newer one that was in flight at the kill), the event counter not behind {@code max(api_event.seq)},
 * and each stored department has its {@code department:new} event and no event lacks its department (torn states).
 *
 * <p>Idle scenario (each trial its own data directory on H2, in parallel): start, three creates, {@code S} seconds
 * without requests, ten creates, 30 s, {@code kill -9}, the same checks, then a restart and a probe write.
 *
 * <p>The server runs on this JVM's class path, so a different H2 jar put first on it tests that H2.
 */
public final class DurabilityCommand {
    static final String USAGE = """
            usage: ./zou4j durability [--trials N] [--idle-trials N] [--idle-seconds S] [--db-url JDBC_URL] [--dir DIR]
              --trials N         concurrent kill -9 trials (default 20; 0 = skip)
              --idle-trials N    idle kill -9 trials, run in parallel (default 5; 0 = skip)
              --idle-seconds S   seconds without requests before the second batch of writes (default 60; several
                                 values separated by commas spread over the idle trials, e.g. 60,75,90,105,120)
              --after-seconds S  seconds between the last acknowledged idle write and the kill (default 30)
              --db-url URL       run against PostgreSQL (jdbc:postgresql://...) instead of the default H2 store
              --dir DIR          working directory (data directories, server logs; default: a new temporary one)
            """;
    private static final String EMAIL = "durability@example.com";
    private static final String PASSWORD = "durability-password-0123456789";
    private static final String SECRET = "durability-secret-key-0123456789abcdef0123456789";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int trials;
    private final int idleTrials;
    private final int[] idleSeconds;
    private final int afterSeconds;
    private final String dbUrl;
    private final Path dir;
    private final PrintStream out;
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final Instant startedAt = Instant.now();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private DurabilityCommand(int trials, int idleTrials, int[] idleSeconds, int afterSeconds, String dbUrl, Path dir,
            PrintStream out) {
        this.trials = trials;
        this.idleTrials = idleTrials;
        this.idleSeconds = idleSeconds;
        this.afterSeconds = afterSeconds;
        this.dbUrl = dbUrl;
        this.dir = dir;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int trials = 20;
        int idleTrials = 5;
        int[] idle = {60};
        int after = 30;
        String dbUrl = null;
        Path dir = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.print(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--trials" -> trials = Integer.parseInt(v);
                    case "--idle-trials" -> idleTrials = Integer.parseInt(v);
                    case "--idle-seconds" -> {
                        String[] parts = v.split(",");
                        idle = new int[parts.length];
                        for (int k = 0; k < parts.length; k++) {
                            idle[k] = Integer.parseInt(parts[k].trim());
                        }
                    }
                    case "--after-seconds" -> after = Integer.parseInt(v);
                    case "--db-url" -> dbUrl = v;
                    case "--dir" -> dir = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("zou4j durability: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (dir == null) {
            dir = Files.createTempDirectory("zou4j-durability-");
        }
        Files.createDirectories(dir);
        DurabilityCommand command = new DurabilityCommand(trials, idleTrials, idle, after, dbUrl, dir, System.out);
        boolean ok = command.run();
        System.exit(ok ? 0 : 1);
    }

    private String store() {
        return dbUrl == null ? "H2 (standalone default)" : "PostgreSQL " + dbUrl.replaceAll("password=[^&]*",
                "password=***");
    }

    private boolean run() throws Exception {
        out.printf("zou4j durability: %s; server class path %s; working directory %s%n", store(),
                h2JarOnClassPath(), dir);
        Totals conc = trials > 0 ? concurrent() : null;
        Totals idle = idleTrials > 0 ? idle() : null;
        out.println();
        out.println("== Summary: " + store());
        boolean ok = true;
        if (conc != null) {
            out.println("concurrent: " + conc);
            ok &= conc.clean();
        }
        if (idle != null) {
            out.println("idle:       " + idle);
            ok &= idle.clean();
        }
        out.println(ok ? "RESULT: every acknowledged write survived; no torn state; no outage"
                : "RESULT: FAILED (see the trials above)");
        return ok;
    }

    private static String h2JarOnClassPath() {
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (e.contains("h2-")) {
                return Path.of(e).getFileName().toString();
            }
        }
        return "(H2 from the server jar's manifest)";
    }

    // ------------------------------------------------------------------ scenarios

    /** Totals of one scenario. */
    static final class Totals {
        int trials;
        int acknowledged;
        int lost;
        int torn;
        int outages;
        int refused;

        boolean clean() {
            return lost == 0 && torn == 0 && outages == 0;
        }

        @Override
        public String toString() {
            return trials + " trials, " + acknowledged + " acknowledged writes, " + lost + " lost, " + torn
                    + " torn states, " + outages + " outages (" + refused + " writes refused while serving)";
        }
    }

    /** What one writer knows of its own departments: the last acknowledged colour and the one in flight. */
    private static final class Ledger {
        final Map<String, String> ackedCreates = new ConcurrentHashMap<>(); // id -> name
        final Map<String, String> ackedColour = new ConcurrentHashMap<>(); // id -> colour
        final Map<String, String> inFlightColour = new ConcurrentHashMap<>(); // id -> colour sent, not yet answered
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    }

    private Totals concurrent() throws Exception {
        out.printf("%n== Concurrent: %d trials, 4 writers, kill -9 after 1-4 s, one database throughout%n", trials);
        Path data = dir.resolve("concurrent-data");
        Ledger ledger = new Ledger();
        Totals t = new Totals();
        String prefix = "dc-" + runId + "-";
        for (int trial = 0; trial < trials; trial++) {
            int ackedBefore = ledger.acknowledged.get();
            int refusedBefore = ledger.refused.get();
            Server server = Server.start(data, dbUrl, dir.resolve("server-conc-" + trial + ".log"));
            String token = login(server.url);
            boolean outage = false;
            Answer probe = create(server.url, token, prefix + "p" + trial, "#000000");
            if (probe.status == 201) {
                ledger.ackedCreates.put(probe.id, prefix + "p" + trial);
                ledger.ackedColour.put(probe.id, "#000000");
                ledger.acknowledged.incrementAndGet();
            } else {
                outage = true;
                out.printf("  trial %d: OUTAGE after restart: probe write answered %d %s%n", trial, probe.status,
                        probe.body);
            }
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String namePrefix = prefix + trial + "-" + w + "-";
                Thread th = new Thread(() -> write(server.url, token, namePrefix, ledger, stop), "writer-" + w);
                th.start();
                writers.add(th);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(1000, 4000));
            server.kill9();
            stop.set(true);
            for (Thread th : writers) {
                th.join(30_000);
            }
            Check check = check(data, prefix, ledger);
            int acked = ledger.acknowledged.get() - ackedBefore;
            int refused = ledger.refused.get() - refusedBefore;
            t.trials++;
            t.acknowledged += acked;
            t.refused += refused;
            t.lost = Math.max(t.lost, check.lost); // each check covers every acknowledged write so far
            boolean torn = check.torn();
            t.torn += torn ? 1 : 0;
            t.outages += outage ? 1 : 0;
            out.printf("  trial %2d: %4d writes acknowledged, %d refused%s; after kill -9: %s%s%n", trial, acked,
                    refused, refused > 0 ? " " + ledger.refusals : "", check,
                    check.lost > 0 || torn || outage ? "  <-- FAIL" : "");
            ledger.refusals.clear();
        }
        return t;
    }

    private void write(String url, String token, String namePrefix, Ledger ledger, AtomicBoolean stop) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; !stop.get(); i++) {
            try {
                if (i % 3 == 2 && !mine.isEmpty()) {
                    String id = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                    String colour = String.format("#%06x", ThreadLocalRandom.current().nextInt(0x1000000));
                    ledger.inFlightColour.put(id, colour);
                    Answer a = update(url, token, id, colour);
                    if (a.status == 200) {
                        ledger.ackedColour.put(id, colour);
                        ledger.inFlightColour.remove(id);
                        ledger.acknowledged.incrementAndGet();
                    } else {
                        ledger.inFlightColour.remove(id);
                        refused(ledger, a);
                    }
                } else {
                    String name = namePrefix + i;
                    Answer a = create(url, token, name, "#ffffff");
                    if (a.status == 201) {
                        ledger.ackedCreates.put(a.id, name);
                        ledger.ackedColour.put(a.id, "#ffffff");
                        ledger.acknowledged.incrementAndGet();
                        mine.add(a.id);
                    } else {
                        refused(ledger, a);
                    }
                }
            } catch (IOException e) {
                return; // the server is gone: whatever was in flight stays marked as in flight
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void refused(Ledger ledger, Answer a) {
        ledger.refused.incrementAndGet();
        ledger.refusals.merge(a.status + " " + abbreviate(a.body), 1, Integer::sum);
    }

    private Totals idle() throws Exception {
        out.printf("%n== Idle: %d trials in parallel: 3 creates, idle %s s, 10 creates, kill -9 %d s later%n",
                idleTrials, java.util.Arrays.toString(idleSeconds), afterSeconds);
        Totals t = new Totals();
        List<Thread> threads = new ArrayList<>();
        Object lock = new Object();
        CountDownLatch started = new CountDownLatch(1);
        for (int k = 0; k < idleTrials; k++) {
            int trial = k;
            int seconds = idleSeconds[k % idleSeconds.length];
            Thread th = new Thread(() -> {
                try {
                    started.await();
                    Thread.sleep(trial * 3000L); // stagger the start-ups
                    IdleResult r = idleTrial(trial, seconds);
                    synchronized (lock) {
                        t.trials++;
                        t.acknowledged += r.acked;
                        t.lost += r.check.lost;
                        t.torn += r.check.torn() ? 1 : 0;
                        t.outages += r.outage ? 1 : 0;
                        t.refused += r.refused;
                    }
                    String line = String.format("  idle trial %d (idle %d s): %d writes acknowledged; after kill -9: "
                            + "%s; restart: %s%s", trial, seconds, r.acked, r.check, r.outage ? "OUTAGE " + r.probe
                            : "writes accepted", r.check.lost > 0 || r.check.torn() || r.outage ? "  <-- FAIL" : "");
                    out.println(line);
                } catch (Exception e) {
                    out.println("  idle trial " + trial + " failed to run: " + e);
                }
            }, "idle-" + k);
            th.start();
            threads.add(th);
        }
        started.countDown();
        for (Thread th : threads) {
            th.join();
        }
        return t;
    }

    private record IdleResult(int acked, int refused, Check check, boolean outage, String probe) {
    }

    private IdleResult idleTrial(int trial, int seconds) throws Exception {
        Path data = dir.resolve("idle-data-" + trial);
        String prefix = "di-" + runId + "-" + trial + "-";
        Ledger ledger = new Ledger();
        Server server = Server.start(data, dbUrl, dir.resolve("server-idle-" + trial + ".log"));
        try {
            String token = login(server.url);
            for (int i = 0; i < 3; i++) {
                createAcked(server.url, token, prefix + "a" + i, ledger);
            }
            Thread.sleep(seconds * 1000L);
            for (int i = 0; i < 10; i++) {
                createAcked(server.url, token, prefix + "b" + i, ledger);
            }
            Thread.sleep(afterSeconds * 1000L);
        } finally {
            server.kill9();
        }
        Check check = check(data, prefix, ledger);
        Server again = Server.start(data, dbUrl, dir.resolve("server-idle-" + trial + "-restart.log"));
        try {
            String token = login(again.url);
            Answer probe = create(again.url, token, prefix + "probe", "#000000");
            return new IdleResult(ledger.acknowledged.get(), ledger.refused.get(), check, probe.status != 201,
                    probe.status + " " + abbreviate(probe.body));
        } finally {
            again.kill9();
        }
    }

    private void createAcked(String url, String token, String name, Ledger ledger) throws Exception {
        Answer a = create(url, token, name, "#ffffff");
        if (a.status == 201) {
            ledger.ackedCreates.put(a.id, name);
            ledger.ackedColour.put(a.id, "#ffffff");
            ledger.acknowledged.incrementAndGet();
        } else {
            refused(ledger, a);
        }
    }

    // ------------------------------------------------------------------ checks on the database itself

    /** What a direct look at the database (no engine, no repair) found. */
    private record Check(int lost, int lostCreates, int lostUpdates, long counter, long maxSeq,
            int withoutEvent, int eventsWithoutRow, List<String> examples) {
        boolean torn() {
            return counter < maxSeq || withoutEvent > 0 || eventsWithoutRow > 0;
        }

        @Override
        public String toString() {
            return "lost " + lost + " (creates " + lostCreates + ", updates " + lostUpdates + ")"
                    + (examples.isEmpty() ? "" : " e.g. " + examples) + ", event counter " + counter
                    + (counter < maxSeq ? " BEHIND " : " / ") + "max seq " + maxSeq + ", departments without event "
                    + withoutEvent + ", events without department " + eventsWithoutRow;
        }
    }

    private StorageBackend openStore(Path data) {
        return dbUrl == null ? H2Storage.file(data) : PostgresStorage.fromEnvironment(dbUrl, System.getenv());
    }

    private Check check(Path data, String prefix, Ledger ledger) throws SQLException {
        try (StorageBackend store = openStore(data); Connection c = store.dataSource().getConnection()) {
            Map<String, String> stored = new HashMap<>(); // id -> colour
            try (PreparedStatement ps = c.prepareStatement("SELECT id, color FROM department WHERE name LIKE ?")) {
                ps.setString(1, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.put(rs.getObject(1).toString(), rs.getString(2));
                    }
                }
            }
            List<String> examples = new ArrayList<>();
            int lostCreates = 0;
            int lostUpdates = 0;
            for (Map.Entry<String, String> e : ledger.ackedCreates.entrySet()) {
                if (!stored.containsKey(e.getKey())) {
                    lostCreates++;
                    if (examples.size() < 3) {
                        examples.add("create " + e.getValue());
                    }
                }
            }
            for (Map.Entry<String, String> e : ledger.ackedColour.entrySet()) {
                String now = stored.get(e.getKey());
                if (now != null && !now.equals(e.getValue()) && !now.equals(ledger.inFlightColour.get(e.getKey()))) {
                    lostUpdates++;
                    if (examples.size() < 3) {
                        examples.add("update of " + ledger.ackedCreates.get(e.getKey()) + " to " + e.getValue()
                                + " (stored " + now + ")");
                    }
                }
            }
            long counter;
            long maxSeq;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT (SELECT seq FROM zou4j_event_counter WHERE id = 1), (SELECT MAX(seq) FROM api_event)");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                counter = rs.getLong(1);
                maxSeq = rs.getLong(2);
            }
            // department:new events of this run's departments (their data names the department)
            Set<String> withEvent = new HashSet<>();
            Pattern idPattern = Pattern.compile("\"department_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT data FROM api_event WHERE name = 'department:new' AND created_at >= ?")) {
                ps.setTimestamp(1, Timestamp.from(startedAt.minus(Duration.ofDays(1))));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Matcher m = idPattern.matcher(String.valueOf(rs.getString(1)));
                        if (m.find()) {
                            withEvent.add(m.group(1));
                        }
                    }
                }
            }
            int withoutEvent = 0;
            for (String id : stored.keySet()) {
                if (!withEvent.contains(id)) {
                    withoutEvent++;
                }
            }
            int eventsWithoutRow = 0;
            for (String id : withEvent) {
                if (ledger.ackedCreates.containsKey(id) && !stored.containsKey(id)) {
                    eventsWithoutRow++;
                }
            }
            return new Check(lostCreates + lostUpdates, lostCreates, lostUpdates, counter, maxSeq, withoutEvent,
                    eventsWithoutRow, examples);
        }
    }

    // ------------------------------------------------------------------ HTTP

    private record Answer(int status, String body, String id) {
    }

    private String login(String url) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", EMAIL);
        body.put("password", PASSWORD);
        HttpResponse<String> r = http.send(post(url + "/api/auth/login", JSON.writeValueAsString(body), null),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login answered " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private Answer create(String url, String token, String name, String colour)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("color", colour);
        HttpResponse<String> r = http.send(post(url + "/api/data/departments", JSON.writeValueAsString(body), token),
                HttpResponse.BodyHandlers.ofString());
        String id = null;
        if (r.statusCode() == 201) {
            JsonNode node = JSON.readTree(r.body());
            id = node.path("id").asText();
        }
        return new Answer(r.statusCode(), r.body(), id);
    }

    private Answer update(String url, String token, String id, String colour)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/data/departments/" + id))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("color", colour))))
                .build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), id);
    }

    private static HttpRequest post(String url, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static String abbreviate(String s) {
        String one = String.valueOf(s).replace('\n', ' ');
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }

    // ------------------------------------------------------------------ the server process

    /** A standalone server in its own JVM, on this JVM's class path. */
    private static final class Server {
        final Process process;
        final String url;

        private Server(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static Server start(Path data, String dbUrl, Path log) throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "--port", "0", "--host", "127.0.0.1", "--data-dir", data.toString()));
            if (dbUrl != null) {
                cmd.add("--db-url");
                cmd.add(dbUrl);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
            pb.environment().put("ZOU_ADMIN_EMAIL", EMAIL);
            pb.environment().put("ZOU_ADMIN_PASSWORD", PASSWORD);
            pb.environment().put("ZOU_SECRET_KEY", SECRET);
            Process p = pb.start();
            BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            CountDownLatch ready = new CountDownLatch(1);
            String[] found = new String[1];
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = stdout.readLine()) != null) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find() && found[0] == null) {
                            found[0] = m.group(1);
                            ready.countDown();
                        }
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
                ready.countDown();
            }, "server-stdout");
            reader.setDaemon(true);
            reader.start();
            if (!ready.await(180, TimeUnit.SECONDS) || found[0] == null) {
                kill9(p);
                throw new IllegalStateException("the server did not start; see " + log + ": "
                        + tail(log));
            }
            return new Server(p, found[0].replaceAll("/+$", ""));
        }

        void kill9() throws IOException, InterruptedException {
            kill9(process);
        }

        private static void kill9(Process p) throws IOException, InterruptedException {
            if (p.isAlive()) {
                // SIGKILL through kill(1): the process gets no chance to flush or close anything
                new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start().waitFor();
            }
            p.waitFor(60, TimeUnit.SECONDS);
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            } catch (IOException e) {
                return "(no log)";
            }
        }
    }
}
