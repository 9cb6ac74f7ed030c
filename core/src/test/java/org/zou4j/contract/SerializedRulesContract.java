package org.zou4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.ZouException;

/**
 * Rules the engine checks in code rather than with a constraint hold under concurrent writers too: of many
 * simultaneous identical creations exactly one is stored and every other one gets Zou's 400 (task type names,
 * preview background file names, one person's overlapping day offs).
 */
public abstract class SerializedRulesContract extends ContractBase {
    private static final int ROUNDS = 3;
    private static final List<Integer> WRITERS = List.of(8, 16, 32);

    /** Runs {@code n} simultaneous creations; returns the created entries and the refusals, all 400s. */
    private List<Entry> race(int n, String route, java.util.function.IntFunction<Map<String, Object>> body,
                             String message) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        List<Object> outcomes = ConcurrencyContract.<Object>runAll(n, t -> {
            Map<String, Object> b = body.apply(t);
            start.await(30, TimeUnit.SECONDS);
            try {
                return admin.data(route).create(b);
            } catch (ZouException e) {
                return e;
            }
        });
        List<Entry> winners = outcomes.stream().filter(o -> o instanceof Entry).map(o -> (Entry) o).toList();
        assertThat(outcomes).filteredOn(o -> o instanceof ZouException).hasSize(n - winners.size())
                .allSatisfy(o -> {
                    ZouException e = (ZouException) o;
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
        return winners;
    }

    @Test
    void concurrentTaskTypesWithOneNameStoreExactlyOne() throws Exception {
        for (int writers : WRITERS) {
            for (int round = 0; round < ROUNDS; round++) {
                String name = fx.name("Race type");
                List<Entry> winners = race(writers, "task-types", t -> Map.of("name", name),
                        "A task type with similar name already exists");
                assertThat(winners).as("%d writers, round %d", writers, round).hasSize(1);
                assertThat(admin.data("task-types").list(Query.where(Map.of("name", name)))).hasSize(1);
            }
        }
    }

    @Test
    void concurrentPreviewBackgroundFilesWithOneNameStoreExactlyOne() throws Exception {
        for (int writers : WRITERS) {
            for (int round = 0; round < ROUNDS; round++) {
                String name = fx.name("Race background");
                List<Entry> winners = race(writers, "preview-background-files", t -> Map.of("name", name),
                        "A preview background file with similar name already exists");
                assertThat(winners).as("%d writers, round %d", writers, round).hasSize(1);
                assertThat(admin.data("preview-background-files").list(Query.where(Map.of("name", name))))
                        .hasSize(1);
            }
        }
    }

    @Test
    void concurrentOverlappingDayOffsOfOnePersonStoreExactlyOne() throws Exception {
        for (int writers : WRITERS) {
            for (int round = 0; round < ROUNDS; round++) {
                Entry person = fx.person();
                // every range contains the 10th; starts and ends differ
                List<Entry> winners = race(writers, "day-offs", t -> Map.of("person_id", person.id(),
                        "date", "2024-03-" + String.format("%02d", 1 + t % 9),
                        "end_date", "2024-03-" + String.format("%02d", 10 + t % 7)),
                        "Day off already exists for this period");
                assertThat(winners).as("%d writers, round %d", writers, round).hasSize(1);
                assertThat(admin.data("day-offs").list(Query.where(Map.of("person_id", person.id())))).hasSize(1);
            }
        }
        // another person's day offs are not held up by, nor refused because of, the first person's
        Entry other = fx.person();
        assertThat(admin.data("day-offs").create(Map.of("person_id", other.id(), "date", "2024-03-10",
                "end_date", "2024-03-10")).id()).isNotNull();
    }
}
