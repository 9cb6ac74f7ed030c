package org.zou4j.internal.auth;

import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.zou4j.LoginRequest;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;

/**
 * Figures, not assertions: logins per second at Zou's bcrypt cost (12) with 4 concurrent clients, and the p99
 * latency of a small read while that burst runs versus without it. Runs only with {@code -Dzou4j.bench=true}.
 */
class LoginBurstBenchmark {
    private static final int CLIENTS = 4;
    private static final long RUN_MILLIS = 8_000;

    @Test
    void loginBurstVersusReadLatency() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("zou4j.bench"), "benchmark: run with -Dzou4j.bench=true");
        try (var hasher = org.zou4j.internal.auth.crypto.PasswordHasher.builder().build()) {
            String hash = hasher.hash(PASSWORD);
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                hasher.verify(PASSWORD, hash);
            }
            System.out.printf("calibration: one bcrypt check at cost 12 takes %.0f ms on this machine now%n",
                    (System.nanoTime() - t0) / 5e6);
        }
        for (int threads : new int[] {1, 2}) {
            try (ZouEngine engine = ZouEngine.builder().storage(SharedH2.fresh()).secretKey(AuthFixture.KEY)
                    .clock(Clock.systemUTC()).passwordHashingThreads(threads).build()) { // bcrypt cost 12
                for (int i = 0; i < 10; i++) {
                    engine.systemSession().data("task-status").create(Map.of("name", "Status " + i,
                            "short_name", "s" + i, "color", "#000000"));
                }
                for (int i = 0; i < CLIENTS; i++) {
                    person(engine, "user" + i + "@studio.example", PASSWORD, "user");
                }
                Session system = engine.systemSession();
                measureReads(system, 2_000); // warm-up
                List<Long> quiet = measureReads(system, RUN_MILLIS);

                AtomicBoolean stop = new AtomicBoolean();
                AtomicInteger logins = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                CountDownLatch done = new CountDownLatch(CLIENTS);
                for (int i = 0; i < CLIENTS; i++) {
                    String email = "user" + i + "@studio.example";
                    Thread t = new Thread(() -> {
                        try {
                            while (!stop.get()) {
                                try {
                                    engine.login(LoginRequest.of(email, PASSWORD));
                                    logins.incrementAndGet();
                                } catch (ZouException e) {
                                    refused.incrementAndGet();
                                }
                            }
                        } finally {
                            done.countDown();
                        }
                    });
                    t.start();
                }
                long start = System.nanoTime();
                List<Long> busy = measureReads(system, RUN_MILLIS);
                double seconds = (System.nanoTime() - start) / 1e9;
                int count = logins.get();
                stop.set(true);
                done.await();
                System.out.printf("bcrypt cost 12, %d hashing thread(s), %d login clients, %d cores: %.1f logins/s "
                                + "(%d refused); task-status list every 5 ms, p50/p99: quiet %.2f/%.2f ms (%d calls), during "
                                + "burst %.2f/%.2f ms (%d calls)%n", threads, CLIENTS,
                        Runtime.getRuntime().availableProcessors(), count / seconds, refused.get(),
                        pct(quiet, 50), pct(quiet, 99), quiet.size(), pct(busy, 50), pct(busy, 99), busy.size());
            }
        }
    }

    /** One read every 5 ms (a steady request rate, not a busy loop that would itself take a core). */
    private static List<Long> measureReads(Session s, long millis) throws InterruptedException {
        List<Long> nanos = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            long t0 = System.nanoTime();
            s.data("task-status").list(Query.all());
            long took = System.nanoTime() - t0;
            nanos.add(took);
            long rest = 5_000_000 - took;
            if (rest > 0) {
                Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
            }
        }
        return nanos;
    }

    private static double pct(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1e6;
    }
}
