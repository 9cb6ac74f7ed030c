package org.zou4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.zou4j.ListResult;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/**
 * Profiles one engine read in-process with Java Flight Recorder and prints where the CPU goes (top frames by self
 * samples, and by inclusive samples of org.zou4j / jOOQ / H2 / Jackson methods). For finding hot spots, not figures.
 *
 * <pre>
 * java -cp benchmarks/target/zou4j-benchmarks-*.jar:benchmarks/target/lib/* org.zou4j.bench.ProfileMain \
 *     benchmarks/target/bench-data/run-1.0 list|entities|get|page [seconds]
 * </pre>
 */
public final class ProfileMain {
    private ProfileMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String what = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        java.util.Properties ids = new java.util.Properties();
        try (var in = Files.newInputStream(dir.getParent().resolve("scale-" + dir.getFileName().toString()
                .substring(4)).resolve("manifest.properties"))) {
            ids.load(in);
        }
        String project = ids.getProperty("project.assets");
        try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.file(dir)).secretKey(BenchData.SECRET).build()) {
            Session s = engine.systemSession();
            List<String> taskIds = new ArrayList<>();
            for (var e : s.data("tasks").list(Query.parse("project_id=" + project + "&page=1&limit=1000"))) {
                taskIds.add(e.id());
            }
            List<String> entityIds = new ArrayList<>();
            for (var e : s.data("entities").list(Query.parse("project_id=" + project + "&page=1&limit=1000"))) {
                entityIds.add(e.id());
            }
            Runnable op = switch (what) {
                case "list" -> () -> s.data("tasks").query(Query.parse("project_id=" + project))
                        .writeJson(new BenchMain.CountingNull());
                case "entities" -> () -> s.data("entities").query(Query.parse("project_id=" + project))
                        .writeJson(new BenchMain.CountingNull());
                case "iterate" -> () -> {
                    try (ListResult r = s.data("tasks").query(Query.parse("project_id=" + project))) {
                        r.forEach(e -> { });
                    }
                };
                case "get" -> new Runnable() {
                    int i;

                    @Override
                    public void run() {
                        s.data("tasks").get(taskIds.get(i++ % taskIds.size()));
                    }
                };
                case "page" -> new Runnable() {
                    int i;

                    @Override
                    public void run() {
                        s.data("tasks").query(Query.parse("project_id=" + project + "&entity_id="
                                + entityIds.get(i++ % entityIds.size()) + "&page=1")).close();
                    }
                };
                default -> throw new IllegalArgumentException(what);
            };
            int background = Integer.getInteger("threads", 1) - 1; // extra threads running the same operation
            for (int t = 0; t < background; t++) {
                Runnable same = op;
                Thread th = new Thread(() -> {
                    while (true) {
                        same.run();
                    }
                }, "profile-load-" + t);
                th.setDaemon(true);
                th.start();
            }
            long warm = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < warm) {
                op.run();
            }
            Path jfr = Files.createTempFile("zou4j-profile", ".jfr");
            long n = 0;
            try (Recording r = new Recording()) {
                if (!Boolean.getBoolean("noprofile")) {
                    r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
                }
                r.start();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                long t0 = System.nanoTime();
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                List<Long> cpus = new ArrayList<>();
                var sun = (com.sun.management.ThreadMXBean) threads;
                long a0 = sun.getThreadAllocatedBytes(Thread.currentThread().getId());
                while (System.nanoTime() < end) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    op.run();
                    cpus.add(threads.getCurrentThreadCpuTime() - c0);
                    n++;
                }
                long alloc = sun.getThreadAllocatedBytes(Thread.currentThread().getId()) - a0;
                java.util.Collections.sort(cpus);
                long cpuSum = 0;
                for (long c : cpus) {
                    cpuSum += c;
                }
                System.out.printf("%s: %d ops, %.3f ms/op wall; CPU of this thread per op: min %.3f ms, median %.3f ms,"
                        + " mean %.3f ms, p99 %.3f ms; %.2f MB allocated per op%n", what, n,
                        (System.nanoTime() - t0) / 1e6 / n, cpus.get(0) / 1e6, cpus.get(cpus.size() / 2) / 1e6,
                        cpuSum / 1e6 / n, cpus.get((int) (cpus.size() * 0.99)) / 1e6, alloc / 1048576.0 / n);
                r.stop();
                r.dump(jfr);
            }
            summarize(jfr);
            if (System.getProperty("keepjfr") != null) { Files.copy(jfr, Path.of(System.getProperty("keepjfr")), java.nio.file.StandardCopyOption.REPLACE_EXISTING); }
            Files.delete(jfr);
        }
        UUID.randomUUID();
    }

    private static void summarize(Path jfr) throws Exception {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.println("samples: " + total);
        System.out.println("--- self");
        print(self, total, 30, null);
        System.out.println("--- inclusive (zou4j, jooq, h2, jackson, java.time)");
        print(inclusive, total, 60, "org.zou4j|org.jooq|org.h2|com.fasterxml|java.time");
    }

    private static void print(Map<String, Integer> m, int total, int limit, String filter) {
        m.entrySet().stream()
                .filter(e -> filter == null || e.getKey().matches("^(" + filter + ").*"))
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(limit)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
