package org.zou4j.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.zou4j.Entry;
import org.zou4j.ListResult;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/**
 * {@code ./zou4j bench}: builds (or reuses) the generated production, then measures and reports
 * <ol>
 *   <li>full-list latency and memory over HTTP, beside the floor (plain JDBC + Jackson on a raw socket server);</li>
 *   <li>throughput under wrk beside the HTTP ceiling of the same transport;</li>
 *   <li>the same reads in-process through the Java API beside plain JDBC;</li>
 *   <li>logins/s and other requests' p99 during a login burst;</li>
 *   <li>start-up time of {@code ./zou4j serve} and its idle resident memory;</li>
 *   <li>(6, 7: with-tasks views, user context;) 8: commenting with a status change under wrk beside the ceiling;
 *   9: the open tasks' first page with 75,000 tasks ({@link TaskBench}).</li>
 * </ol>
 * Progress goes to stderr; the table goes to stdout and {@code benchmarks/target/bench-report.md}; the TARGET lines
 * are the last lines of stdout.
 */
public final class BenchMain {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final PrintStream LOG = System.err;

    private final Options opts;
    private final Path target;
    private final Path repo;
    private final Report report = new Report();
    private BenchData.Layout data;
    /** Whether the engine serves login (auth landed); decided by the first server we start. */
    private Boolean authServed;
    /** Body sizes of the list scenarios as the engine answers them, to check lists served at small heaps. */
    private final Map<String, Long> listBytes = new LinkedHashMap<>();

    private BenchMain(Options opts, Path target) {
        this.opts = opts;
        this.target = target;
        this.repo = target.getParent().getParent();
    }

    /** Command-line options. */
    record Options(double scale, int runs, int warmups, int wrkSeconds, Set<Integer> only, Path out) {
        static Options parse(String[] args) {
            double scale = 1.0;
            int runs = -1;
            int wrkSeconds = -1;
            Set<Integer> only = new HashSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scale" -> scale = Double.parseDouble(args[++i]);
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--wrk-seconds" -> wrkSeconds = Integer.parseInt(args[++i]);
                    case "--only" -> {
                        only.clear();
                        for (String s : args[++i].split(",")) {
                            only.add(Integer.parseInt(s.trim()));
                        }
                    }
                    case "--out" -> out = Path.of(args[++i]);
                    case "-h", "--help" -> {
                        System.out.println("usage: ./zou4j bench [--scale 1.0] [--runs N] [--wrk-seconds N] "
                                + "[--only 1,2,3,4,5,6,7,8,9,10] [--out report.md]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (scale <= 0 || scale > 4) {
                throw new IllegalArgumentException("--scale must be in (0, 4]");
            }
            boolean full = scale >= 1.0;
            return new Options(scale, runs > 0 ? runs : full ? 20 : 15, full ? 5 : 5,
                    wrkSeconds > 0 ? wrkSeconds : full ? 10 : 4, only, out);
        }
    }

    public static void main(String[] args) throws Exception {
        Options opts = Options.parse(args);
        Path jar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = jar.getParent();
        if (!target.getFileName().toString().equals("target")) {
            throw new IllegalStateException("run from benchmarks/target (./zou4j bench); found " + jar);
        }
        new BenchMain(opts, target).run();
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        if (opts.only().stream().anyMatch(i -> i <= 6)) { // items 7 to 10 bring their own data
            data = BenchData.prepare(target.resolve("bench-data"), opts.scale(), LOG);
            header();
        }
        if (opts.only().contains(1) || opts.only().contains(3) || opts.only().contains(6)) {
            inProcess();
        }
        if (opts.only().contains(1)) {
            heapProof();
        }
        if (opts.only().contains(6)) {
            withTasksHeap();
        }
        if (opts.only().contains(2) || opts.only().contains(4) || opts.only().contains(5)) {
            separateServer();
        }
        if (opts.only().contains(7)) {
            report.at(7);
            UserContextBench.run(report, opts.scale(), opts.runs(), opts.warmups());
        }
        if (opts.only().contains(8)) {
            report.at(8);
            TaskBench.commentThroughput(report, target.resolve("bench-task-comments"), opts.wrkSeconds());
        }
        if (opts.only().contains(9)) {
            report.at(9);
            TaskBench.openTasks(report, opts.scale(), opts.runs(), opts.warmups());
        }
        if (opts.only().contains(10)) {
            report.at(10);
            MediaBench.run(report, opts.runs(), opts.wrkSeconds(), target.resolve("bench-media"));
        }
        report.at(99);
        report.para(String.format(Locale.ROOT, "Whole run: %.0f s.", (System.nanoTime() - t0) / 1e9));
        String md = report.markdown();
        Path out = opts.out() != null ? opts.out() : target.resolve("bench-report.md");
        Files.writeString(out, md + "\n```\n" + String.join("\n", report.targetLines()) + "\n```\n");
        System.out.println(md);
        System.out.println("Report written to " + out);
        for (String line : report.targetLines()) {
            System.out.println(line);
        }
    }

    private void header() throws IOException {
        StringBuilder sb = new StringBuilder("# zou4j benchmark\n\n");
        sb.append(String.format(Locale.ROOT, "Scale %s: %d assets / %d asset tasks (%d in status wip), %d shots / "
                        + "%d shot tasks. Java %s, %d CPUs, load average at start %s. Run %s UTC.",
                data.scale(), data.count("count.assets"), data.count("count.asset_tasks"),
                data.count("count.asset_tasks_wip"), data.count("count.shots"), data.count("count.shot_tasks"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage(),
                LocalDateTime.now(ZoneOffset.UTC).withNano(0)));
        report.para(sb.toString());
        if (data.scale() < 1.0) {
            report.para("**Reduced scale: figures are not comparable to the targets, which are set for scale 1.**");
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    // ---- phase A: in-process (items 1 and 3) ---------------------------------------------------------------------

    private record Scenario(String name, String path, UUID project, UUID status, boolean entities) {
    }

    private List<Scenario> scenarios() {
        UUID assets = data.id("project.assets");
        UUID shots = data.id("project.shots");
        UUID wip = data.id("status.wip");
        return List.of(
                new Scenario(String.format("tasks of the asset project (%,d)", data.count("count.asset_tasks")),
                        "/data/tasks?project_id=" + assets, assets, null, false),
                new Scenario(String.format("tasks, asset project, status wip (%,d)",
                        data.count("count.asset_tasks_wip")),
                        "/data/tasks?project_id=" + assets + "&task_status_id=" + wip, assets, wip, false),
                new Scenario(String.format("assets: entities of the asset project (%,d)", data.count("count.assets")),
                        "/data/entities?project_id=" + assets, assets, null, true),
                new Scenario(String.format("tasks of the shot project (%,d)", data.count("count.shot_tasks")),
                        "/data/tasks?project_id=" + shots, shots, null, false));
    }

    private void inProcess() throws Exception {
        LOG.println("bench: phase A (in-process engine, floor on the same database)");
        H2Storage storage = H2Storage.file(data.dir());
        try (ZouEngine engine = ZouEngine.builder().storage(storage).secretKey(BenchData.SECRET).build()) {
            Floor floor = new Floor(storage.dataSource());
            if (opts.only().contains(1)) {
                try (EngineServer server = EngineServer.start(engine); FloorServer floorServer = new FloorServer(floor)) {
                    authServed = server.token() != null;
                    fullLists(server, floorServer);
                }
            }
            if (opts.only().contains(3)) {
                javaApi(engine, floor, storage);
            }
            if (opts.only().contains(6)) {
                try (EngineServer server = EngineServer.start(engine); FloorServer floorServer = new FloorServer(floor)) {
                    authServed = server.token() != null;
                    withTasksViews(server, floorServer);
                }
            }
        }
    }

    /** Item 1. */
    private void fullLists(EngineServer server, FloorServer floorServer) throws Exception {
        report.heading(1, "1. Full lists over HTTP: engine vs floor");
        report.para("Engine: " + server.description() + ". Floor: a hand-written `SELECT * FROM task WHERE ...` "
                + "(same columns and condition), rows written by Jackson's streaming generator in Zou's JSON form, "
                + "served by a raw-socket HTTP/1.1 server with the same chunked framing (16 KB chunks); both in this "
                + "JVM on the same H2 database, read by the same client (keep-alive socket, no gzip); the bodies are "
                + "compared by SHA-256 (\"same bytes\"). Time is to the last byte; " + opts.runs() + " runs after "
                + opts.warmups() + " warm-ups each, engine and floor interleaved; p99 of fewer than 100 runs is the "
                + "maximum. Server CPU is the CPU time of all JVM threads but the client's during the request "
                + "(ThreadMXBean; GC threads excluded): unlike wall time it hardly depends on what else runs on the "
                + "machine. Alloc is the bytes allocated by the same threads: churn, not live heap; the live heap is "
                + "bounded by the -Xmx proof below.");
        List<String[]> rows = new ArrayList<>();
        double mainRatio = Double.NaN;
        try (MiniHttp engineHttp = new MiniHttp("127.0.0.1", server.port());
             MiniHttp floorHttp = new MiniHttp("127.0.0.1", floorServer.port())) {
            for (Scenario s : scenarios()) {
                LOG.println("bench:   " + s.name());
                MiniHttp.Response e = engineHttp.get(s.path(), server.token(), false, true);
                MiniHttp.Response f = floorHttp.get(s.path(), null, false, true);
                if (e.status() != 200 || f.status() != 200) {
                    throw new IOException(s.path() + ": engine " + e.status() + ", floor " + f.status());
                }
                boolean identical = Arrays.equals(e.sha256(), f.sha256());
                if (!identical) {
                    explainDifference(engineHttp, floorHttp, s, server.token());
                }
                listBytes.put(s.path(), e.bodyBytes());
                Sample engine = new Sample(opts.runs());
                Sample floor = new Sample(opts.runs());
                for (int i = -opts.warmups(); i < opts.runs(); i++) {
                    boolean engineFirst = (i & 1) == 0;
                    for (int k = 0; k < 2; k++) {
                        boolean isEngine = (k == 0) == engineFirst;
                        MiniHttp http = isEngine ? engineHttp : floorHttp;
                        String token = isEngine ? server.token() : null;
                        Probe probe = Probe.start();
                        MiniHttp.Response r = http.get(s.path(), token, false, false);
                        probe.stop();
                        if (r.status() != 200) {
                            throw new IOException(s.path() + " answered " + r.status());
                        }
                        if (i >= 0) {
                            (isEngine ? engine : floor).add(i, probe);
                        }
                    }
                }
                double ratio = engine.wall().median() / floor.wall().median();
                if (Double.isNaN(mainRatio)) {
                    mainRatio = ratio;
                }
                rows.add(new String[] {s.name(), Report.ms(engine.wall().median()), Report.ms(engine.wall().p99()),
                    Report.ms(engine.cpu().median()), Report.mb(engine.alloc().median()),
                    Report.ms(floor.wall().median()), Report.ms(floor.wall().p99()), Report.ms(floor.cpu().median()),
                    Report.mb(floor.alloc().median()), Report.num(ratio) + " ×",
                    Report.num(engine.cpu().median() / floor.cpu().median()) + " ×", Report.mb(e.bodyBytes()),
                    identical ? "yes" : "**no**"});
            }
        }
        report.table(new String[] {"GET", "engine median", "engine p99", "engine server CPU", "engine alloc",
            "floor median", "floor p99", "floor server CPU", "floor alloc", "engine/floor time",
            "engine/floor CPU", "bytes", "same bytes"}, rows);
        report.target("tasks75k_vs_floor", mainRatio, 1.3, true,
                "median time to last byte of GET /data/tasks?project_id=P (asset project), engine / floor");
    }

    private List<Scenario> withTasksScenarios() {
        UUID assets = data.id("project.assets");
        UUID shots = data.id("project.shots");
        return List.of(
                new Scenario(String.format("shots with tasks (%,d shots / %,d tasks)", data.count("count.shots"),
                        data.count("count.shot_tasks")), "/data/shots/with-tasks?project_id=" + shots, shots, null,
                        true),
                new Scenario(String.format("assets with tasks (%,d assets / %,d tasks)", data.count("count.assets"),
                        data.count("count.asset_tasks")), "/data/assets/with-tasks?project_id=" + assets, assets,
                        null, true));
    }

    /** Body sizes of the with-tasks views as the engine answers them (for the heap bound of item 6). */
    private final Map<String, Long> withTasksBytes = new LinkedHashMap<>();

    /** Item 6: Kitsu's with-tasks views over HTTP beside a hand-written JDBC + Jackson floor of the same JSON. */
    private void withTasksViews(EngineServer server, FloorServer floorServer) throws Exception {
        LOG.println("bench: item 6 (with-tasks views)");
        report.heading(6, "6. Kitsu's with-tasks views over HTTP: engine vs floor");
        report.para("Engine: " + server.description() + ". Floor: hand-written JDBC (entities, their tasks and the "
                + "tasks' assignees read by three cursors in Zou's order and merged) written by Jackson's streaming "
                + "generator in exactly the engine's JSON (checked by SHA-256), served like item 1's floor. "
                + opts.runs() + " runs after " + opts.warmups() + " warm-ups, interleaved; time to the last byte.");
        List<String[]> rows = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (MiniHttp engineHttp = new MiniHttp("127.0.0.1", server.port());
             MiniHttp floorHttp = new MiniHttp("127.0.0.1", floorServer.port())) {
            for (Scenario s : withTasksScenarios()) {
                LOG.println("bench:   " + s.name());
                MiniHttp.Response e = engineHttp.get(s.path(), server.token(), false, true);
                MiniHttp.Response f = floorHttp.get(s.path(), null, false, true);
                if (e.status() != 200 || f.status() != 200) {
                    throw new IOException(s.path() + ": engine " + e.status() + ", floor " + f.status());
                }
                boolean identical = Arrays.equals(e.sha256(), f.sha256());
                if (!identical) {
                    explainDifference(engineHttp, floorHttp, s, server.token());
                }
                withTasksBytes.put(s.path(), e.bodyBytes());
                Sample engine = new Sample(opts.runs());
                Sample floor = new Sample(opts.runs());
                for (int i = -opts.warmups(); i < opts.runs(); i++) {
                    boolean engineFirst = (i & 1) == 0;
                    for (int k = 0; k < 2; k++) {
                        boolean isEngine = (k == 0) == engineFirst;
                        MiniHttp http = isEngine ? engineHttp : floorHttp;
                        Probe probe = Probe.start();
                        MiniHttp.Response r = http.get(s.path(), isEngine ? server.token() : null, false, false);
                        probe.stop();
                        if (r.status() != 200) {
                            throw new IOException(s.path() + " answered " + r.status());
                        }
                        if (i >= 0) {
                            (isEngine ? engine : floor).add(i, probe);
                        }
                    }
                }
                double ratio = engine.wall().median() / floor.wall().median();
                ratios.add(ratio);
                rows.add(new String[] {s.name(), Report.ms(engine.wall().median()), Report.ms(engine.wall().p99()),
                    Report.ms(engine.cpu().median()), Report.mb(engine.alloc().median()),
                    Report.ms(floor.wall().median()), Report.ms(floor.cpu().median()),
                    Report.num(ratio) + " ×", Report.num(engine.cpu().median() / floor.cpu().median()) + " ×",
                    Report.mb(e.bodyBytes()), identical ? "yes" : "**no**"});
            }
        }
        report.table(new String[] {"GET", "engine median", "engine p99", "engine server CPU", "engine alloc",
            "floor median", "floor server CPU", "engine/floor time", "engine/floor CPU", "bytes", "same bytes"}, rows);
        report.target("shots_with_tasks_vs_floor", ratios.get(0), 1.5, true,
                "median time to last byte of GET /data/shots/with-tasks?project_id=P, engine / floor");
        report.target("assets_with_tasks_vs_floor", ratios.get(1), 1.5, true,
                "median time to last byte of GET /data/assets/with-tasks?project_id=P, engine / floor");
    }

    /** Item 6's heap bound: the smallest server -Xmx that serves each with-tasks view completely. */
    private void withTasksHeap() throws Exception {
        LOG.println("bench: with-tasks heap bound (server JVM at small -Xmx)");
        boolean real = authServed();
        List<String[]> rows = new ArrayList<>();
        List<Scenario> scenarios = withTasksScenarios();
        String[] targets = {"shots_with_tasks_heap_mb", "assets_with_tasks_heap_mb"};
        for (int k = 0; k < scenarios.size(); k++) {
            Scenario s = scenarios.get(k);
            Long expected = withTasksBytes.get(s.path());
            int smallest = -1;
            for (int mb : new int[] {16, 24, 32, 48, 64}) {
                String outcome;
                double ms = Double.NaN;
                try (ServerProcess p = launchServer("-Xmx" + mb + "m", real, target.resolve("bench-server-xmx.log"))) {
                    p.awaitFirst200("/", 60_000);
                    String token = real ? Auth.token(p.port()).orElseThrow() : null;
                    try (MiniHttp http = new MiniHttp("127.0.0.1", p.port())) {
                        long start = System.nanoTime();
                        MiniHttp.Response r = http.get(s.path(), token, false, false);
                        ms = (System.nanoTime() - start) / 1e6;
                        outcome = r.status() == 200 && (expected == null || r.bodyBytes() == expected)
                                ? "served completely (" + r.bodyBytes() + " bytes)"
                                : "failed: " + r.status() + " with " + r.bodyBytes() + " bytes";
                    } catch (IOException e) {
                        outcome = "failed: " + e.getMessage();
                    }
                    if (!p.isAlive()) {
                        outcome = "failed: server died";
                    }
                } catch (IOException e) {
                    outcome = "failed to start: " + e.getMessage();
                }
                rows.add(new String[] {s.name(), "-Xmx" + mb + "m", outcome, Report.ms(ms)});
                if (outcome.startsWith("served")) {
                    smallest = mb;
                    break;
                }
            }
            report.target(targets[k], smallest < 0 ? Double.NaN : smallest, 64, true,
                    "smallest server -Xmx (MB) that serves " + s.path().substring(0, s.path().indexOf('?'))
                            + "?project_id=P completely");
        }
        report.at(6);
        report.para("**Heap bound.** Server in its own JVM (" + serverKind(real) + ") at a small maximum heap, "
                + "smallest first; the view must be served completely (same byte count as above).");
        report.table(new String[] {"GET", "server heap", "outcome", "time to last byte"}, rows);
    }

    /** Wall time, CPU and allocation of the JVM's threads but the calling one, around one operation. */
    static final class Probe {
        private long wall;
        private long cpu;
        private long alloc;
        private long ownCpu;
        private long ownAlloc;

        static Probe start() {
            Probe p = new Probe();
            long self = Thread.currentThread().getId();
            p.ownCpu = THREADS.getThreadCpuTime(self);
            p.ownAlloc = THREADS.getThreadAllocatedBytes(self);
            long[] ids = THREADS.getAllThreadIds();
            p.cpu = sum(THREADS.getThreadCpuTime(ids));
            p.alloc = sum(THREADS.getThreadAllocatedBytes(ids));
            p.wall = System.nanoTime();
            return p;
        }

        void stop() {
            wall = System.nanoTime() - wall;
            long self = Thread.currentThread().getId();
            long[] ids = THREADS.getAllThreadIds();
            cpu = sum(THREADS.getThreadCpuTime(ids)) - cpu - (THREADS.getThreadCpuTime(self) - ownCpu);
            alloc = sum(THREADS.getThreadAllocatedBytes(ids)) - alloc - (THREADS.getThreadAllocatedBytes(self) - ownAlloc);
        }

        private static long sum(long[] values) {
            long s = 0;
            for (long v : values) {
                if (v > 0) {
                    s += v;
                }
            }
            return s;
        }
    }

    /** Probes of one variant: wall and CPU in ms, allocation in bytes. */
    static final class Sample {
        private final double[] wall;
        private final double[] cpu;
        private final double[] alloc;

        Sample(int n) {
            wall = new double[n];
            cpu = new double[n];
            alloc = new double[n];
        }

        void add(int i, Probe p) {
            wall[i] = p.wall / 1e6;
            cpu[i] = p.cpu / 1e6;
            alloc[i] = p.alloc;
        }

        void add(int i, long wallNanos, long cpuNanos) {
            wall[i] = wallNanos / 1e6;
            cpu[i] = cpuNanos / 1e6;
        }

        Stats wall() {
            return new Stats(wall);
        }

        Stats cpu() {
            return new Stats(cpu);
        }

        Stats alloc() {
            return new Stats(alloc);
        }
    }

    private void explainDifference(MiniHttp engineHttp, MiniHttp floorHttp, Scenario s, String token)
            throws IOException {
        byte[] a = engineHttp.get(s.path(), token, true, false).body();
        byte[] b = floorHttp.get(s.path(), null, true, false).body();
        int i = 0;
        while (i < a.length && i < b.length && a[i] == b[i]) {
            i++;
        }
        int from = Math.max(0, i - 120);
        LOG.println("bench:   WARNING engine and floor bodies differ at byte " + i + " (" + a.length + " vs "
                + b.length + " bytes)");
        LOG.println("bench:     engine: " + new String(a, from, Math.min(a.length, i + 120) - from,
                StandardCharsets.UTF_8));
        LOG.println("bench:     floor:  " + new String(b, from, Math.min(b.length, i + 120) - from,
                StandardCharsets.UTF_8));
    }

    /** Item 3. */
    private void javaApi(ZouEngine engine, Floor floor, H2Storage storage) throws Exception {
        LOG.println("bench:   in-process Java API");
        report.heading(3, "3. In-process: Java API vs plain JDBC");
        report.para("Same reads without HTTP. `DataSet.query` iterated as `Entry`s vs a plain JDBC loop reading every "
                + "column of every row (`getObject`); `ListResult.writeJson` to a counting null stream vs the floor's "
                + "JDBC → Jackson writer to the same null stream; `DataSet.get(id)` (relations included, as Zou's "
                + "single GET) vs JDBC reading the row into a map plus its assignee ids (1,000 ids in turn). Median "
                + "of " + opts.runs() + " runs after " + opts.warmups() + " warm-ups, the two variants interleaved; "
                + "CPU is the calling thread's (all the work happens on it), steadier than wall time on a shared "
                + "machine.");
        Session session = engine.systemSession();
        List<String[]> rows = new ArrayList<>();
        for (Scenario s : scenarios()) {
            if (s.status() != null) {
                continue;
            }
            String route = s.entities() ? "entities" : "tasks";
            Query q = Query.parse(s.path().substring(s.path().indexOf('?') + 1));
            String table = s.entities() ? "entity" : "task";
            Timer iterate = () -> {
                long n = 0;
                try (ListResult r = session.data(route).query(q)) {
                    for (Entry e : r) {
                        n += e.asMap().size();
                    }
                }
                return n;
            };
            Timer jdbcRead = () -> jdbcRead(storage, table, s.project());
            Timer writeJson = () -> {
                CountingNull out = new CountingNull();
                session.data(route).query(q).writeJson(out);
                return out.count;
            };
            Timer floorJson = () -> {
                CountingNull out = new CountingNull();
                if (s.entities()) {
                    floor.entities(s.project(), out);
                } else {
                    floor.tasks(s.project(), null, out);
                }
                return out.count;
            };
            rows.add(compareRow(s.name() + ": iterate", iterate, jdbcRead, 1, "ms"));
            rows.add(compareRow(s.name() + ": JSON to a null stream", writeJson, floorJson, 1, "ms"));
        }
        List<UUID> ids = sampleIds(storage, "SELECT id FROM task WHERE project_id = ? ORDER BY id LIMIT 1000",
                data.id("project.assets"));
        int calls = 2000;
        Timer engineGet = () -> {
            long n = 0;
            for (int i = 0; i < calls; i++) {
                n += session.data("tasks").get(ids.get(i % ids.size()).toString()).asMap().size();
            }
            return n;
        };
        Timer jdbcGet = () -> {
            long n = 0;
            try (Connection c = storage.dataSource().getConnection()) {
                for (int i = 0; i < calls; i++) {
                    n += jdbcGetTask(c, ids.get(i % ids.size())).size();
                }
            }
            return n;
        };
        rows.add(compareRow("get task by id, per call", engineGet, jdbcGet, calls, "µs"));
        report.table(new String[] {"read", "engine", "plain JDBC", "engine/JDBC time", "engine CPU", "JDBC CPU",
            "engine/JDBC CPU"}, rows);
    }

    @FunctionalInterface
    private interface Timer {
        long run() throws Exception;
    }

    /** Runs {@code a} and {@code b} interleaved; figures per call ({@code perRun} calls per run) in ms or µs. */
    private String[] compareRow(String name, Timer a, Timer b, int perRun, String unit) throws Exception {
        Sample sa = new Sample(opts.runs());
        Sample sb = new Sample(opts.runs());
        long sink = 0;
        long self = Thread.currentThread().getId();
        for (int i = -opts.warmups(); i < opts.runs(); i++) {
            for (int k = 0; k < 2; k++) {
                boolean first = (k == 0) == ((i & 1) == 0);
                Timer t = first ? a : b;
                long cpu0 = THREADS.getThreadCpuTime(self);
                long t0 = System.nanoTime();
                sink += t.run();
                long wall = System.nanoTime() - t0;
                long cpu = THREADS.getThreadCpuTime(self) - cpu0;
                if (i >= 0) {
                    (first ? sa : sb).add(i, wall / perRun, cpu / perRun);
                }
            }
        }
        if (sink == 42) {
            LOG.print("");
        }
        double scale = unit.equals("µs") ? 1000 : 1;
        double aw = sa.wall().median() * scale;
        double bw = sb.wall().median() * scale;
        double ac = sa.cpu().median() * scale;
        double bc = sb.cpu().median() * scale;
        return new String[] {name, Report.num(aw) + " " + unit, Report.num(bw) + " " + unit,
            Report.num(aw / bw) + " ×", Report.num(ac) + " " + unit, Report.num(bc) + " " + unit,
            Report.num(ac / bc) + " ×"};
    }

    private static long jdbcRead(H2Storage storage, String table, UUID project) throws SQLException {
        long n = 0;
        try (Connection c = storage.dataSource().getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE project_id = ?")) {
                ps.setObject(1, project);
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    int cols = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= cols; i++) {
                            if (rs.getObject(i) != null) {
                                n++;
                            }
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
        return n;
    }

    private static Map<String, Object> jdbcGetTask(Connection c, UUID id) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM task WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    var md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        m.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                }
            }
        }
        List<String> assignees = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT person_id FROM task_person_link WHERE task_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assignees.add(rs.getObject(1).toString());
                }
            }
        }
        m.put("assignees", assignees);
        m.put("type", "Task");
        return m;
    }

    private static List<UUID> sampleIds(H2Storage storage, String sql, UUID param) throws SQLException {
        try (Connection c = storage.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** A null stream that counts. */
    static final class CountingNull extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    // ---- separate server JVM (items 1 heap proof, 2, 4, 5) -------------------------------------------------------

    private String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Launches the server under test: {@code ./zou4j serve} when the engine serves login, else the no-auth stand-in
     * in its own JVM. {@code javaOpts} go to {@code ZOU_JAVA_OPTS} (or the java command line).
     */
    private ServerProcess launchServer(String javaOpts, boolean real, Path log) throws IOException {
        int port = ServerProcess.freePort();
        List<String> cmd = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        if (real) {
            cmd.addAll(List.of(repo.resolve("zou4j").toString(), "serve", "--data-dir", data.dir().toString(),
                    "--port", String.valueOf(port)));
            env.put("ZOU_JAVA_OPTS", javaOpts);
        } else {
            cmd.add(javaBin());
            if (!javaOpts.isBlank()) {
                cmd.addAll(List.of(javaOpts.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), NoAuthServer.class.getName(),
                    "--data-dir", data.dir().toString(), "--port", String.valueOf(port)));
        }
        return ServerProcess.launch(cmd, env, port, log);
    }

    /** Whether the engine serves login: decided once, on a real {@code ./zou4j serve}. */
    private boolean authServed() throws Exception {
        if (authServed == null) {
            try (ServerProcess p = launchServer("", true, target.resolve("bench-server.log"))) {
                p.awaitFirst200("/", 60_000);
                authServed = Auth.token(p.port()).isPresent();
            }
        }
        return authServed;
    }

    private String serverKind(boolean real) {
        return real ? "`./zou4j serve`" : "the no-auth stand-in (`NoAuthServer`: same engine, database and transport, "
                + "BenchRoutes; `./zou4j serve` cannot serve /data without a token until auth lands)";
    }

    /** Item 1, memory: the smallest server heap (-Xmx) with which every full list is still served completely. */
    private void heapProof() throws Exception {
        LOG.println("bench: heap bound (server JVM at small -Xmx)");
        boolean real = authServed();
        int[] heaps = {16, 24, 32, 48, 64};
        int smallest = -1;
        List<String[]> rows = new ArrayList<>();
        for (int mb : heaps) {
            String outcome;
            double ms = Double.NaN;
            try (ServerProcess p = launchServer("-Xmx" + mb + "m", real, target.resolve("bench-server-xmx.log"))) {
                p.awaitFirst200("/", 60_000);
                String token = real ? Auth.token(p.port()).orElseThrow() : null;
                outcome = "served all " + listBytes.size() + " lists completely";
                try (MiniHttp http = new MiniHttp("127.0.0.1", p.port())) {
                    for (Map.Entry<String, Long> e : listBytes.entrySet()) {
                        long start = System.nanoTime();
                        MiniHttp.Response r = http.get(e.getKey(), token, false, false);
                        if (e.getKey().equals(scenarios().get(0).path())) {
                            ms = (System.nanoTime() - start) / 1e6;
                        }
                        if (r.status() != 200 || r.bodyBytes() != e.getValue()) {
                            outcome = "failed: " + e.getKey() + " answered " + r.status() + " with " + r.bodyBytes()
                                    + " of " + e.getValue() + " bytes";
                            break;
                        }
                    }
                } catch (IOException e) {
                    outcome = "failed: " + e.getMessage();
                }
                if (!p.isAlive()) {
                    outcome = "failed: server died";
                }
            } catch (IOException e) {
                outcome = "failed to start: " + e.getMessage();
            }
            rows.add(new String[] {"-Xmx" + mb + "m", outcome, Report.ms(ms)});
            if (outcome.startsWith("served")) {
                smallest = mb;
                break;
            }
        }
        report.at(1);
        report.para("**Heap bound.** Server in its own JVM (" + serverKind(real) + ") started with a small maximum "
                + "heap, smallest first; each size must serve every list above completely (same byte count). The "
                + "smallest passing -Xmx bounds the heap of the whole server, so of any one request:");
        report.table(new String[] {"server heap", "outcome", "first list at this heap (time to last byte)"}, rows);
        report.target("list_heap_mb", smallest < 0 ? Double.NaN : smallest, 64, true,
                "smallest server -Xmx (MB) that serves every full list, 75k tasks included");
    }

    private void separateServer() throws Exception {
        boolean real = authServed();
        LOG.println("bench: phase B (server in its own JVM: " + (real ? "./zou4j serve" : "no-auth stand-in") + ")");
        if (opts.only().contains(5)) {
            startup();
        }
        if (opts.only().contains(2) || opts.only().contains(4)) {
            try (ServerProcess p = launchServer("", real, target.resolve("bench-server.log"))) {
                p.awaitFirst200("/", 60_000);
                String token = real ? Auth.token(p.port()).orElseThrow() : null;
                if (opts.only().contains(2)) {
                    throughput(p, token, real);
                }
                if (opts.only().contains(4)) {
                    logins(p, token);
                }
                if (opts.only().contains(5)) {
                    report.at(5);
                    double busy = p.rssMb();
                    Thread.sleep(15_000);
                    double rss = p.rssMb();
                    report.para(String.format(Locale.ROOT, "Resident memory of the server of items 2 and 4 right "
                            + "after them: %.0f MB; idle 15 s later: %.0f MB (the launcher's JVM defaults: README, "
                            + "\"Memory\").", busy, rss));
                    report.target("rss_after_load_mb", busy, 256, true,
                            "resident memory of the server right after items 2 and 4 (MB)");
                }
            }
        }
    }

    /** Item 5. */
    private void startup() throws Exception {
        LOG.println("bench:   start-up");
        // Untimed: ./zou4j serve builds first when sources changed; the figure is for an up-to-date build.
        Process help = new ProcessBuilder(repo.resolve("zou4j").toString(), "serve", "--help")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        help.waitFor();
        List<String[]> rows = new ArrayList<>();
        double[] times = new double[3];
        double[] rss = new double[3];
        for (int i = 0; i < times.length; i++) {
            try (ServerProcess p = launchServer("", true, target.resolve("bench-server-startup.log"))) {
                times[i] = p.awaitFirst200("/", 60_000);
                Thread.sleep(3000);
                rss[i] = p.rssMb();
                rows.add(new String[] {"#" + (i + 1), Report.ms(times[i]), Report.num(rss[i]) + " MB"});
            }
        }
        Stats t = new Stats(times);
        Stats r = new Stats(rss);
        report.heading(5, "5. Start-up and idle memory");
        report.para("`./zou4j serve --data-dir <run copy> --port <free>` (the launcher script, build up to date, "
                + "default JVM settings) on the generated database, polled with `GET /` every 5 ms until it answers "
                + "200 (the engine has migrated and read the schema of the database before the server listens). "
                + "Resident memory (VmRSS) 3 s later, idle.");
        report.table(new String[] {"launch", "time to first 200", "idle RSS"}, rows);
        report.target("startup_s", t.median() / 1000, 2, true, "median time from ./zou4j serve to the first 200 (s)");
        report.target("idle_rss_mb", r.median(), 160, true, "resident memory of the idle server after start (MB)");
    }

    /** Item 2. */
    private void throughput(ServerProcess server, String token, boolean real) throws Exception {
        LOG.println("bench:   wrk");
        report.heading(2, "2. Throughput under wrk");
        String wrk = Wrk.ensureInstalled();
        if (wrk == null) {
            report.para("wrk is not installed and could not be installed: n/a.");
            report.target("get_by_id_vs_ceiling", Double.NaN, 0.5, false, "wrk missing");
            report.target("page_list_vs_ceiling", Double.NaN, 0.5, false, "wrk missing");
            report.target("create_vs_ceiling", Double.NaN, 0.1, false, "wrk missing");
            return;
        }
        int threads = 2;
        int connections = 8;
        int seconds = opts.wrkSeconds();
        Path dir = target.resolve("bench-wrk");
        BenchData.deleteTree(dir);
        Files.createDirectories(dir);
        List<String[]> rows = new ArrayList<>();

        Wrk.Result ceiling;
        int ceilingPort = ServerProcess.freePort();
        try (ServerProcess c = ServerProcess.launch(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
                CeilingServer.class.getName(), "--port", String.valueOf(ceilingPort)), Map.of(), ceilingPort,
                target.resolve("bench-ceiling.log"))) {
            c.awaitFirst200("/", 30_000);
            Wrk.run(wrk, ceilingPort, null, threads, connections, Math.max(2, seconds / 2));
            ceiling = Wrk.run(wrk, ceilingPort, null, threads, connections, seconds);
        }
        rows.add(row("HTTP ceiling: fixed 33-byte JSON body, same transport, own JVM", ceiling, ceiling));

        UUID assets = data.id("project.assets");
        // ids from the data set: read over HTTP from the server under test (it owns the database now)
        List<UUID> taskIds = idsFromList(server, token, "/data/tasks?project_id=" + assets + "&page=1&limit=1000");
        List<UUID> assetIds = idsFromList(server, token, "/data/entities?project_id=" + assets + "&page=1&limit=1000");
        List<String> getPaths = taskIds.stream().map(id -> "/data/tasks/" + id).toList();
        List<String> pagePaths = assetIds.stream()
                .map(id -> "/data/tasks?project_id=" + assets + "&entity_id=" + id + "&page=1").toList();
        record Case(String name, Path warmScript, Path script) {
        }
        Path getScript = Wrk.getScript(dir, "get", getPaths, token);
        Path pageScript = Wrk.getScript(dir, "page", pagePaths, token);
        List<Case> cases = List.of(
                new Case("GET / (index route: router + JSON, no token)", null, null),
                new Case("GET /data/tasks/<id> (1,000 ids in turn; relations included)", getScript, getScript),
                new Case("GET /data/tasks?project_id=P&entity_id=<asset>&page=1 (one page, 15 rows + total)",
                        pageScript, pageScript),
                new Case("POST /data/tasks (create; event in the same transaction)",
                        Wrk.postScript(dir, "create-warm", "/data/tasks", createBody("w"), token),
                        Wrk.postScript(dir, "create", "/data/tasks", createBody("m"), token)));
        double getRatio = Double.NaN;
        double pageRatio = Double.NaN;
        double createRatio = Double.NaN;
        for (Case c : cases) {
            LOG.println("bench:     " + c.name());
            Wrk.run(wrk, server.port(), c.warmScript(), threads, connections, Math.max(2, seconds / 2));
            Wrk.Result r = Wrk.run(wrk, server.port(), c.script(), threads, connections, seconds);
            rows.add(row(c.name(), r, ceiling));
            if (c.name().startsWith("GET /data/tasks/")) {
                getRatio = r.errors() > 0 ? Double.NaN : r.rps() / ceiling.rps();
            } else if (c.name().startsWith("GET /data/tasks?")) {
                pageRatio = r.errors() > 0 ? Double.NaN : r.rps() / ceiling.rps();
            } else if (c.name().startsWith("POST /data/tasks")) {
                createRatio = r.errors() > 0 ? Double.NaN : r.rps() / ceiling.rps();
            }
        }
        report.para("wrk " + threads + " threads, " + connections + " keep-alive connections, " + seconds
                + " s per case after a warm-up run, on 127.0.0.1; wrk shares the 2 CPUs with the server. Server: "
                + serverKind(real) + ", default JVM settings. Errors = non-2xx responses + socket errors.");
        report.table(new String[] {"case", "requests/s", "p50", "p99", "errors", "vs ceiling"}, rows);
        report.target("get_by_id_vs_ceiling", getRatio, 0.5, false, "requests/s of GET /data/tasks/<id> / ceiling");
        report.target("page_list_vs_ceiling", pageRatio, 0.5, false,
                "requests/s of the one-page filtered list / ceiling");
        report.target("create_vs_ceiling", createRatio, 0.1, false, "requests/s of POST /data/tasks / ceiling");
    }

    /** A task to create in the scratch project; unique per run, wrk thread and request (Lua format: %d %d). */
    private String createBody(String phase) {
        String nonce = Long.toString(System.nanoTime(), 36) + phase;
        return "{\"name\":\"wrk-" + nonce + "-%d-%d\",\"project_id\":\"" + data.id("project.scratch")
                + "\",\"task_type_id\":\"" + data.id("task_type.scratch") + "\",\"entity_id\":\""
                + data.id("entity.scratch") + "\",\"task_status_id\":\"" + data.id("status.todo") + "\"}";
    }

    private static String[] row(String name, Wrk.Result r, Wrk.Result ceiling) {
        return new String[] {name, String.format(Locale.ROOT, "%,.0f", r.rps()), Report.ms(r.p50Ms()),
            Report.ms(r.p99Ms()), String.valueOf(r.errors()), Report.num(r.rps() / ceiling.rps()) + " ×"};
    }

    @SuppressWarnings("unchecked")
    private List<UUID> idsFromList(ServerProcess server, String token, String path) throws IOException {
        try (MiniHttp http = new MiniHttp("127.0.0.1", server.port())) {
            MiniHttp.Response r = http.get(path, token, true, false);
            if (r.status() != 200) {
                throw new IOException(path + " answered " + r.status() + ": " + r.text());
            }
            Map<String, Object> page = new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.body(), Map.class);
            List<UUID> ids = new ArrayList<>();
            for (Map<String, Object> row : (List<Map<String, Object>>) page.get("data")) {
                ids.add(UUID.fromString((String) row.get("id")));
            }
            return ids;
        }
    }

    /** Item 4. */
    private void logins(ServerProcess server, String token) throws Exception {
        report.heading(4, "4. Login");
        if (token == null) {
            report.para("n/a (auth not landed): the engine does not serve `POST /auth/login` yet.");
            report.target("login_burst_p99_ratio", Double.NaN, 2, true, "n/a: auth not landed");
            return;
        }
        LOG.println("bench:   logins");
        int seconds = opts.wrkSeconds();
        List<UUID> ids = idsFromList(server, token, "/data/tasks?project_id=" + data.id("project.assets")
                + "&page=1&limit=1000");
        probe(server, token, ids, 2); // warm-up
        Stats quiet = probe(server, token, ids, seconds);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ok = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        int loginThreads = 4;
        List<Thread> threads = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < BenchData.LOGIN_USERS; i++) {
            bodies.add(Auth.loginBody(data.ids().getProperty("login." + i), BenchData.USER_PASSWORD));
        }
        for (int i = 0; i < loginThreads; i++) {
            int first = i;
            Thread t = new Thread(() -> {
                int n = first;
                try (MiniHttp http = new MiniHttp("127.0.0.1", server.port())) {
                    while (!stop.get()) {
                        try {
                            String body = bodies.get(n % bodies.size());
                            n += loginThreads;
                            int status = http.post("/auth/login", null, body).status();
                            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                            if (status == 200) {
                                ok.incrementAndGet();
                            }
                        } catch (IOException e) {
                            statuses.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                }
            }, "login-client-" + i);
            threads.add(t);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Stats burst = probe(server, token, ids, seconds);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double ratio = burst.p99() / quiet.p99();
        report.para("A probe client sends `GET /data/tasks/<id>` back to back on one connection for " + seconds
                + " s, alone, then during a burst of " + loginThreads + " clients posting `/auth/login` (bcrypt "
                + "cost 12) as fast as they are answered, each client cycling through its share of "
                + BenchData.LOGIN_USERS + " accounts (a studio arriving in the morning). Login answers by status: "
                + statuses + ".");
        report.table(new String[] {"figure", "value"}, List.of(
                new String[] {"successful logins/s during the burst", Report.num(ok.get() / elapsed)},
                new String[] {"probe p50 / p99 without logins", Report.ms(quiet.median()) + " / "
                    + Report.ms(quiet.p99())},
                new String[] {"probe p50 / p99 during the burst", Report.ms(burst.median()) + " / "
                    + Report.ms(burst.p99())},
                new String[] {"probe requests without / during", quiet.count() + " / " + burst.count()}));
        report.target("login_burst_p99_ratio", ratio, 2, true,
                "p99 of GET /data/tasks/<id> during a login burst / without");
    }

    private Stats probe(ServerProcess server, String token, List<UUID> ids, int seconds) throws IOException {
        List<Double> ms = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (MiniHttp http = new MiniHttp("127.0.0.1", server.port())) {
            int i = 0;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                MiniHttp.Response r = http.get("/data/tasks/" + ids.get(i++ % ids.size()), token, false, false);
                if (r.status() != 200) {
                    throw new IOException("probe answered " + r.status());
                }
                ms.add((System.nanoTime() - start) / 1e6);
            }
        }
        return new Stats(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
