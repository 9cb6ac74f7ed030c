package org.zou4j.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;

/**
 * Every write the engine acknowledged survives {@code kill -9} of the process, and no transaction is visible in
 * part. The child prints an ack after each commit; the parent kills it with SIGKILL (not destroyForcibly, which
 * closes the pipe first and loses acks), then reopens the database.
 */
class KillNineTest {

    @Test
    void acknowledgedWritesSurviveKillNineAndNoTransactionIsPartial(@TempDir Path dir) throws Exception {
        long committedSoFar = 0;
        for (int round = 0; round < 3; round++) {
            Set<String> acked = runAndKill(dir, 600 + round * 400);
            assertThat(acked).as("writes acknowledged before the kill").isNotEmpty();
            try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.file(dir))
                    .secretKey("kill-nine-test-secret-0123456789abcdef").build()) {
                Session s = engine.systemSession();
                List<Entry> types = s.data("entity-types").list(Query.all());
                Set<String> names = new HashSet<>();
                for (Entry t : types) {
                    names.add(t.getString("name"));
                    Entry full = s.data("entity-types").get(t.id());
                    assertThat((List<?>) full.get("task_types")).as("links of " + t.getString("name")).hasSize(2);
                }
                assertThat(names).containsAll(acked);
                committedSoFar += types.size();
                long events = s.data("events").list(Query.where(Map.of("name", "asset-type:new"))).size();
                assertThat(events).as("one event per committed entity type, all rounds (list capped at 1000)")
                        .isEqualTo(Math.min(1000, committedSoFar));
                System.out.printf("round %d: %d acknowledged, %d stored%n", round, acked.size(), types.size());
                // start the next round with a clean slate of names
                for (Entry t : types) {
                    s.data("entity-types").delete(t.id());
                }
                for (Entry t : s.data("task-types").list(Query.all())) {
                    s.data("task-types").delete(t.id());
                }
            }
        }
    }

    private static Set<String> runAndKill(Path dir, long runMillis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillNineWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Set<String> acked = new HashSet<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("child start-up").isEqualTo("ready");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith("ack ")) {
                acked.add(line.substring(4));
            }
        }
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
        // acks already written to the pipe before the kill still count
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ack ")) {
                acked.add(line.substring(4));
            }
        }
        p.waitFor(10, TimeUnit.SECONDS);
        return acked;
    }
}
