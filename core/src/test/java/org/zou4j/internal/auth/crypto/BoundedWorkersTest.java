package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedWorkersTest {

    @Test
    void aFullQueueRefusesCallersInsteadOfQueueingThem() throws Exception {
        try (BoundedWorkers workers = new BoundedWorkers("test", 1, 1)) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> busy = CompletableFuture.supplyAsync(() -> workers.call(() -> {
                running.countDown();
                release.await();
                return "first";
            }));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> workers.call(() -> "second"));
            awaitQueued(workers, queued);

            assertThatThrownBy(() -> workers.call(() -> "third"))
                    .isInstanceOf(TooManyConcurrentLoginsException.class)
                    .hasMessageContaining("Too many concurrent logins");

            release.countDown();
            assertThat(busy.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(workers.call(() -> "after")).isEqualTo("after");
        }
    }

    @Test
    void taskExceptionsReachTheCaller() {
        try (BoundedWorkers workers = new BoundedWorkers("test", 1, 1)) {
            assertThatThrownBy(() -> workers.call(() -> {
                throw new IllegalArgumentException("boom");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
            assertThat(workers.tasksRun()).isEqualTo(1);
        }
    }

    /** Waits until the second task sits in the queue (probing with a third call would disturb the state). */
    private static void awaitQueued(BoundedWorkers workers, CompletableFuture<?> queued) throws InterruptedException {
        for (int i = 0; i < 10_000 && workers.queued() == 0 && !queued.isDone(); i++) {
            Thread.sleep(1);
        }
        assertThat(workers.queued()).isEqualTo(1);
    }
}
