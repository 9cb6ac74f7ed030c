package org.zou4j.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.events.EventSettings;
import org.zou4j.events.Subscription;
import org.zou4j.testing.TestStorage;

class EventInternalsTest {

    @Test
    void patternsMatchExactNamesAndGlobs() {
        assertThat(EventPattern.parse("task:update").matches("task:update")).isTrue();
        assertThat(EventPattern.parse("task:update").matches("task:update-casting")).isFalse();
        assertThat(EventPattern.parse("task:*").matches("task:new")).isTrue();
        assertThat(EventPattern.parse("task:*").matches("task:")).isTrue();
        assertThat(EventPattern.parse("task:*").matches("task-type:new")).isFalse();
        assertThat(EventPattern.parse("*:delete").matches("preview-file:delete")).isTrue();
        assertThat(EventPattern.parse("*:delete").matches("preview-file:delete-reply")).isFalse();
        assertThat(EventPattern.parse("*").matches("anything:at-all")).isTrue();
        assertThat(EventPattern.parse("*file*:*").matches("preview-file:add-file")).isTrue();
        assertThat(EventPattern.parse("a*a").matches("a")).isFalse();
        assertThat(EventPattern.parse("a*a").matches("aa")).isTrue();
        assertThat(EventPattern.parse(" Task:* ").matches("task:new")).isTrue();
        assertThatThrownBy(() -> EventPattern.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datesAndIdsAreReadLikeZou() {
        assertThat(EventQueries.parseDate("2020-01-05T13:23:10")).isEqualTo(LocalDateTime.of(2020, 1, 5, 13, 23, 10));
        assertThat(EventQueries.parseDate("2020-01-05")).isEqualTo(LocalDateTime.of(2020, 1, 5, 0, 0));
        assertThat(EventQueries.parseDate("2020-1-5T1:2:3")).isEqualTo(LocalDateTime.of(2020, 1, 5, 1, 2, 3));
        assertThat(EventQueries.parseDate(null)).isNull();
        for (String bad : List.of("2020-01-05T13:23", "2020-01-05T24:00:00", "2020-02-30", "20-01-05", "2020/01/05",
                "2020-01-05T13:23:60", "2020-01-05 ", "")) {
            assertThatThrownBy(() -> EventQueries.parseDate(bad)).as(bad).isInstanceOf(ZouException.class)
                    .hasMessage(EventQueries.WRONG_DATE);
        }
        assertThat(EventQueries.parseId("A24A6EA4-CE75-4665-A070-57453082C25F")).isNotNull();
        assertThat(EventQueries.parseId("a24a6ea4-ce75-4665-a070-57453082c25")).isNull();
        assertThat(EventQueries.parseId("1-1-1-1-1")).isNull();
    }

    @Test
    void anOverflowingQueueSwitchesToReadingTheLogAndBack() throws Exception {
        try (ZouEngine engine = ZouEngine.builder().storage(new TestStorage())
                .secretKey("0123456789abcdef0123456789abcdef")
                .events(EventSettings.defaults().withQueueCapacity(2).withPollInterval(Duration.ofMillis(10)))
                .build()) {
            Session s = engine.systemSession();
            CountDownLatch gate = new CountDownLatch(1);
            List<Long> seen = new ArrayList<>();
            Subscription sub = engine.events().subscribe("*", e -> {
                if (e.sequence() > 1) {
                    gate.await();
                }
                synchronized (seen) {
                    seen.add(e.sequence());
                }
            });
            LiveSubscription live = (LiveSubscription) sub;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            s.data("departments").create(Map.of("name", "first", "color", "#000000"));
            while (!(live.isLive() && live.position() == 1) && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(live.isLive()).isTrue();
            int i = 1;
            while (live.overflowCount() == 0 && System.nanoTime() < deadline) {
                s.data("departments").create(Map.of("name", "o" + i++, "color", "#000000"));
                Thread.sleep(2);
            }
            assertThat(live.overflowCount()).isPositive();
            gate.countDown();
            int total = i;
            assertThat(live.isLive()).isFalse();
            while (System.nanoTime() < deadline) {
                synchronized (seen) {
                    if (seen.size() >= total) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
            // back to live: later events still arrive, once each, in order
            s.data("departments").create(Map.of("name", "after", "color", "#000000"));
            while (System.nanoTime() < deadline) {
                synchronized (seen) {
                    if (seen.size() >= total + 1) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
            Thread.sleep(200);
            synchronized (seen) {
                assertThat(seen).isEqualTo(java.util.stream.LongStream.rangeClosed(1, total + 1).boxed().toList());
            }
        }
    }
}
