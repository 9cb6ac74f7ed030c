package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.events.Event;
import org.zou4j.events.Subscription;

/**
 * The events of a comment with a status change, as the event log writes them (several rows per statement): every
 * event, in emission order, with consecutive sequence numbers, its data and its author and project. Runs on H2;
 * {@link Postgres} runs the same tests on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class CommentEventsRoutesTest extends TaskWorldTest {
    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends CommentEventsRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    /** The events committed after {@code after}, waiting until {@code count} arrived (or 30 s). */
    private List<Event> eventsAfter(long after, int count, Runnable work) {
        List<Event> seen = new ArrayList<>();
        try (Subscription s = w.engine.events().subscribeAfter(after, "*", e -> {
            synchronized (seen) {
                seen.add(e);
            }
        })) {
            work.run();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (seen) {
                    if (seen.size() >= count) {
                        break;
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            synchronized (seen) {
                return new ArrayList<>(seen);
            }
        }
    }

    @Test
    void aCommentWithAStatusChangeWritesAllItsEventsInEmissionOrderWithConsecutiveSequences() {
        String task = w.newAssetTasks("modeling").get("modeling");
        long before = w.engine.events().lastSequence();
        Map<String, Object>[] answer = new Map[1];
        List<Event> events = eventsAfter(before, 5, () -> {
            ApiClient.Reply r = w.as("manager").post("/actions/tasks/" + task + "/comment",
                    Map.of("task_status_id", w.statuses.get("wfa"), "comment", "please review"));
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            answer[0] = r.map();
        });
        String comment = (String) answer[0].get("id");
        assertThat(events).extracting(Event::name).containsExactly("comment:new", "task:update",
                "task:status-changed", "task:to-review", "news:new");
        assertThat(events).extracting(Event::sequence).containsExactly(before + 1, before + 2, before + 3,
                before + 4, before + 5);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.projectId()).isEqualTo(w.project);
            assertThat(e.userId()).isEqualTo(w.persons.get("manager"));
            assertThat(e.data()).containsEntry("project_id", w.project);
        });
        assertThat(events.get(0).data()).containsEntry("comment_id", comment).containsEntry("task_id", task)
                .containsEntry("task_status_id", w.statuses.get("wfa"));
        assertThat(events.get(2).data()).containsEntry("task_id", task)
                .containsEntry("new_task_status_id", w.statuses.get("wfa"))
                .containsEntry("person_id", w.persons.get("manager"));
        assertThat(events.get(3).data()).containsEntry("comment_id", comment);
        // the log as /data/events/last reads it holds the same rows
        assertThat(w.eventsNamed("task:to-review", "comment_id", comment)).hasSize(1);
    }

    @Test
    void oneTransactionWithMoreEventsThanOneInsertHoldsKeepsThemAllInOrder() {
        // comment-many writes all its comments in one transaction: 40 status changes, 4 or 5 events each (more than
        // the 100 rows one insert statement carries)
        Map<String, String> t = w.newAssetTasks("modeling", "rigging");
        List<Map<String, Object>> body = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String status = i % 4 < 2 ? "wfa" : "wip"; // each task alternates, so every comment changes its status
            body.add(Map.of("object_id", t.get(i % 2 == 0 ? "modeling" : "rigging"), "task_status_id",
                    w.statuses.get(status), "comment", "c" + i));
            expected.addAll(status.equals("wfa")
                    ? List.of("comment:new", "task:update", "task:status-changed", "task:to-review", "news:new")
                    : List.of("comment:new", "task:update", "task:status-changed", "news:new"));
        }
        long before = w.engine.events().lastSequence();
        List<Map<String, Object>>[] answer = new List[1];
        List<Event> events = eventsAfter(before, expected.size(), () -> {
            ApiClient.Reply r = w.as("manager").post("/actions/projects/" + w.project + "/tasks/comment-many", body);
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            answer[0] = r.list();
        });
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(events).extracting(Event::name).containsExactlyElementsOf(expected);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).sequence()).isEqualTo(before + 1 + i);
        }
        List<Object> commentIds = new ArrayList<>();
        for (Event e : events) {
            if (e.name().equals("comment:new")) {
                commentIds.add(e.data().get("comment_id"));
            }
        }
        assertThat(commentIds).containsExactlyElementsOf(answer[0].stream().map(c -> c.get("id")).toList());
    }
}
