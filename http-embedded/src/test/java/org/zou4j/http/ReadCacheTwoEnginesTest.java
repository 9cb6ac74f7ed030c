package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zou4j.LoginRequest;
import org.zou4j.ZouEngine;
import org.zou4j.internal.readcache.AnswerCache;
import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.postgres.PostgresStorage;
import org.zou4j.storage.postgres.PostgresTestDatabase;
import org.zou4j.testing.H2TestStorage;

/**
 * Two engines over one database (PostgreSQL, and two H2 storages over one in-memory database of this JVM): each sees
 * only its own writes at once, so the other's are served by its read cache for at most the window, and at once with
 * the cache off.
 */
class ReadCacheTwoEnginesTest {
    private static final String SECRET = "two-engines-secret-0123456789abcdefgh";
    private static final String ADMIN = "admin@example.com";
    private static final String PASSWORD = "correct horse battery";
    private static final Duration WINDOW = Duration.ofMillis(400);

    /** One named in-memory H2 database that several storages of this JVM open; the owner shuts it down. */
    private static final class SharedMemory extends H2TestStorage {
        SharedMemory(String name, boolean owner) {
            super("jdbc:h2:mem:" + name + OPTIONS + ";DB_CLOSE_DELAY=-1", "shared H2 " + name, owner);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Supplier<StorageBackend> first, Supplier<StorageBackend> second) throws Exception;
    }

    private static void onOneDatabase(boolean postgres, Work work) throws Exception {
        if (postgres) {
            try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
                work.run(() -> PostgresStorage.connect(db.jdbcUrl()), () -> PostgresStorage.connect(db.jdbcUrl()));
            }
        } else {
            String name = "two-engines-" + UUID.randomUUID();
            work.run(() -> new SharedMemory(name, true), () -> new SharedMemory(name, false));
        }
    }

    private static ZouEngine engine(StorageBackend storage, Duration readCacheMaxAge) {
        return ZouEngine.builder().storage(storage).secretKey(SECRET).bcryptCost(4).readCacheMaxAge(readCacheMaxAge)
                .build();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anotherEnginesWriteIsSeenWithinTheWindow(boolean postgres) throws Exception {
        onOneDatabase(postgres, (first, second) -> {
            try (ZouEngine a = engine(first.get(), WINDOW); ZouEngine b = engine(second.get(), WINDOW);
                 ZouHttpServer sa = ZouHttpServer.builder(a).port(0).build().start();
                 ZouHttpServer sb = ZouHttpServer.builder(b).port(0).build().start()) {
                a.ensureAdmin(ADMIN, PASSWORD);
                ApiClient onA = new ApiClient(sa.port()).withToken(token(a));
                ApiClient onB = new ApiClient(sb.port()).withToken(token(b));
                String id = (String) onA.post("/data/departments", Map.of("name", "Shared", "color", "#000001"))
                        .map().get("id");
                String url = "/data/departments/" + id;
                long hits = ((AnswerCache) b.readCache()).hits();
                assertThat(onB.get(url).map()).containsEntry("color", "#000001");
                assertThat(onB.get(url).map()).containsEntry("color", "#000001");
                assertThat(((AnswerCache) b.readCache()).hits()).as("B caches on shared storage").isGreaterThan(hits);

                assertThat(onA.put(url, Map.of("color", "#000002")).status()).isEqualTo(200);
                assertThat(onA.get(url).map()).as("A's own write at once").containsEntry("color", "#000002");
                long written = System.nanoTime();
                while (!"#000002".equals(onB.get(url).map().get("color"))) {
                    assertThat(Duration.ofNanos(System.nanoTime() - written)).as("within the window (and slack)")
                            .isLessThan(WINDOW.plusSeconds(2));
                    Thread.sleep(20);
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void withTheCacheOffAnotherEnginesWriteIsSeenAtOnce(boolean postgres) throws Exception {
        onOneDatabase(postgres, (first, second) -> {
            try (ZouEngine a = engine(first.get(), Duration.ZERO); ZouEngine b = engine(second.get(), Duration.ZERO);
                 ZouHttpServer sa = ZouHttpServer.builder(a).port(0).build().start();
                 ZouHttpServer sb = ZouHttpServer.builder(b).port(0).build().start()) {
                assertThat(b.readCache().enabled()).isFalse();
                a.ensureAdmin(ADMIN, PASSWORD);
                ApiClient onA = new ApiClient(sa.port()).withToken(token(a));
                ApiClient onB = new ApiClient(sb.port()).withToken(token(b));
                String id = (String) onA.post("/data/departments", Map.of("name", "Off", "color", "#000001"))
                        .map().get("id");
                String url = "/data/departments/" + id;
                for (int i = 2; i < 6; i++) {
                    String color = "#00000" + i;
                    assertThat(onA.put(url, Map.of("color", color)).status()).isEqualTo(200);
                    assertThat(onB.get(url).map()).containsEntry("color", color);
                }
                assertThat(((AnswerCache) b.readCache()).hits()).isZero();
            }
        });
    }

    private static String token(ZouEngine engine) {
        return engine.login(LoginRequest.of(ADMIN, PASSWORD)).access().orElseThrow();
    }
}
