package org.zou4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.ErrorCode;
import org.zou4j.Query;
import org.zou4j.ZouException;

/**
 * Concurrent writers through one engine lose nothing and fail only the way Zou answers: the database's locking and
 * the engine's retries, not luck, keep every acknowledged write.
 */
public abstract class ConcurrencyContract extends ContractBase {
    private static final int THREADS = 8;

    @Test
    void concurrentCreatesAreAllKeptWithOneEventEach() throws Exception {
        String url = "https://example.com/" + fx.name("conc");
        int perThread = 25;
        List<String> created = runAll(THREADS, t -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                ids.add(fx.customAction(fx.name("T" + t + "-" + i), url, false).id());
            }
            return ids;
        }).stream().flatMap(List::stream).toList();

        assertThat(created).hasSize(THREADS * perThread).doesNotHaveDuplicates();
        assertThat(Fixtures.ids(admin.data("custom-actions").list(Query.where(Map.of("url", url)))))
                .containsExactlyInAnyOrderElementsOf(created);
        Set<String> eventIds = new HashSet<>();
        for (Entry event : admin.data("events").list(Query.where(Map.of("name", "custom-action:new")))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) event.get("data");
            eventIds.add((String) data.get("custom_action_id"));
        }
        assertThat(eventIds).containsAll(created);
    }

    @Test
    void concurrentUpdatesOfDifferentFieldsOfOneRowAreAllKept() throws Exception {
        Entry project = fx.project();
        List<String> fields = List.of("description", "code", "fps", "ratio", "resolution", "homepage", "man_days",
                "max_retakes");
        int rounds = 20;
        runAll(fields.size(), t -> {
            String field = fields.get(t);
            for (int i = 1; i <= rounds; i++) {
                Object value = field.equals("man_days") || field.equals("max_retakes") ? (Object) i : field + i;
                if (field.equals("resolution")) {
                    value = (1000 + i) + "x" + (500 + i);
                }
                admin.data("projects").update(project.id(), Map.of(field, value));
            }
            return List.of();
        });

        Entry after = admin.data("projects").get(project.id());
        assertThat(after.get("description")).isEqualTo("description" + rounds);
        assertThat(after.get("code")).isEqualTo("code" + rounds);
        assertThat(after.get("fps")).isEqualTo("fps" + rounds);
        assertThat(after.get("ratio")).isEqualTo("ratio" + rounds);
        assertThat(after.get("resolution")).isEqualTo((1000 + rounds) + "x" + (500 + rounds));
        assertThat(after.get("homepage")).isEqualTo("homepage" + rounds);
        assertThat(after.get("man_days")).isEqualTo(rounds);
        assertThat(after.get("max_retakes")).isEqualTo(rounds);
    }

    @Test
    void concurrentCreatesOfOneUniqueNameLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = fx.name("Race");
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Object> outcomes = ConcurrencyContract.<Object>runAll(THREADS, t -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    return admin.data("departments").create(Map.of("name", name, "color", "#000000"));
                } catch (ZouException e) {
                    return e;
                }
            });

            List<Entry> winners = outcomes.stream().filter(o -> o instanceof Entry).map(o -> (Entry) o).toList();
            List<ZouException> losers = outcomes.stream().filter(o -> o instanceof ZouException)
                    .map(o -> (ZouException) o).toList();
            assertThat(winners).as("round %d", round).hasSize(1);
            assertThat(losers).hasSize(THREADS - 1).allSatisfy(e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE);
                assertThat(e.body()).containsEntry("fields", List.of("name"));
            });
            assertThat(admin.data("departments").list(Query.where(Map.of("name", name)))).hasSize(1);
        }
    }

    @Test
    void concurrentTimeSpentsAddUpOnTheirTask() throws Exception {
        Entry task = fx.task(Map.of());
        List<Entry> persons = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            persons.add(fx.person());
        }
        // Zou recomputes the task's duration after each time spent (a model hook): skip where it is not wired yet.
        admin.data("time-spents").create(Map.of("task_id", task.id(), "person_id", persons.get(0).id(),
                "date", "2024-01-01", "duration", 1.0));
        double first = ((Number) admin.data("tasks").get(task.id()).get("duration")).doubleValue();
        org.junit.jupiter.api.Assumptions.assumeTrue(first == 1.0,
                "time spents do not update their task's duration in this engine yet");

        int days = 10;
        CyclicBarrier start = new CyclicBarrier(THREADS);
        runAll(THREADS, t -> {
            start.await(10, TimeUnit.SECONDS);
            for (int d = 1; d <= days; d++) {
                admin.data("time-spents").create(Map.of("task_id", task.id(), "person_id", persons.get(t).id(),
                        "date", "2024-02-" + (d < 10 ? "0" + d : d), "duration", 2.0));
            }
            return List.of();
        });

        assertThat(admin.data("time-spents").list(Query.where(Map.of("task_id", task.id()))))
                .hasSize(1 + THREADS * days);
        assertThat(((Number) admin.data("tasks").get(task.id()).get("duration")).doubleValue())
                .as("the sum of every time spent: none lost").isEqualTo(1.0 + THREADS * days * 2.0);
    }

    /** Runs {@code work(t)} on {@code n} threads at once and returns their results in thread order. */
    protected static <T> List<T> runAll(int n, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<T>) () -> work.run(thread)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Work of one thread. */
    @FunctionalInterface
    protected interface Work<T> {
        T run(int thread) throws Exception;
    }
}
