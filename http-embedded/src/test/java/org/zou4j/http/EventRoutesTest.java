package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.events.Event;
import org.zou4j.events.Subscription;
import org.zou4j.storage.h2.H2Storage;

/** Event routes over HTTP: the event log, names, login logs, and the Server-Sent Events stream. */
class EventRoutesTest {
    private static final String PASSWORD = "correct horse battery";
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static ApiClient admin;
    private static String adminToken;
    private static final ExecutorService READERS = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("events-test-secret-0123456789abcdefgh")
                .bcryptCost(4).build();
        engine.ensureAdmin("admin@example.com", PASSWORD);
        adminToken = engine.login(LoginRequest.of("admin@example.com", PASSWORD)).access().orElseThrow();
        server = ZouHttpServer.builder(engine).port(0).build().start();
        admin = new ApiClient(server.port()).withToken(adminToken);
    }

    @AfterAll
    static void stop() {
        READERS.shutdownNow();
        server.close();
        engine.close();
    }

    @Test
    void aChangeMadeOverHttpIsInTheLogAndReachesAListenerExactlyOnce() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        try (Subscription ignored = engine.events().subscribe("department:new", seen::add)) {
            String id = (String) admin.post("/api/data/departments", Map.of("name", "Layout", "color", "#010203"))
                    .map().get("id");
            List<Map<String, Object>> last = admin.get("/api/data/events/last?limit=5").list();
            assertThat(last).anySatisfy(e -> {
                assertThat(e.get("name")).isEqualTo("department:new");
                assertThat(((Map<?, ?>) e.get("data")).get("department_id")).isEqualTo(id);
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // a duplicate would arrive by now
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).data()).containsEntry("department_id", id);
        }
    }

    @Test
    void namesAndLoginLogsAreServedToAdminsAndRefusedToArtists() {
        admin.post("/api/data/departments", Map.of("name", "Names", "color", "#000000"));
        assertThat(admin.get("/api/data/events/names").json()).asList().contains("department:new");
        ApiClient.Reply logs = admin.get("/api/data/events/login-logs/last");
        assertThat(logs.status()).isEqualTo(200);
        assertThat(logs.list()).isNotEmpty();

        ApiClient artist = new ApiClient(server.port()).withToken(tokenFor("artist-names@example.com", "user"));
        assertThat(artist.get("/api/data/events/last").status()).isEqualTo(403);
        assertThat(artist.get("/api/data/events/login-logs/last").status()).isEqualTo(403);
        assertThat(admin.get("/api/data/events/last?limit=x").status()).isEqualTo(400);
    }

    @Test
    void aCallerCannotChooseTheSequenceNumberOfAnEvent() {
        // Zou's ApiEvent has no seq column: naming it is Zou's 400 for an unknown keyword, and the engine's own
        // numbering stays intact (a caller-chosen number could take the next engine event's number)
        ApiClient.Reply refused = admin.post("/api/data/events", Map.of("name", "custom:event", "seq", 1_000_000));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.map()).containsEntry("message", "'seq' is an invalid keyword argument for ApiEvent");
        ApiClient.Reply update = admin.post("/api/data/departments", Map.of("name", "After seq", "color", "#020202"));
        assertThat(update.status()).isEqualTo(201);
        assertThat(admin.get("/api/data/events/last?limit=1").list()).singleElement()
                .satisfies(e -> assertThat(e).doesNotContainKey("seq").containsEntry("name", "department:new"));
    }

    @Test
    void theStreamDeliversEventsAndResumesAfterLastEventId() throws Exception {
        Future<List<String[]>> first = READERS.submit(() -> readEvents(adminToken, null, "department:new", 1));
        Thread.sleep(500); // let the stream subscribe
        admin.post("/api/data/departments", Map.of("name", "Stream 1", "color", "#000000"));
        List<String[]> got = first.get(20, TimeUnit.SECONDS);
        String firstId = got.get(0)[0];
        assertThat(got.get(0)[2]).contains("department_id");

        admin.post("/api/data/departments", Map.of("name", "Stream 2", "color", "#000000"));
        admin.post("/api/data/departments", Map.of("name", "Stream 3", "color", "#000000"));
        List<String[]> resumed = READERS.submit(() -> readEvents(adminToken, firstId, "department:new", 2))
                .get(20, TimeUnit.SECONDS);
        assertThat(resumed).extracting(e -> Long.parseLong(e[0])).allMatch(seq -> seq > Long.parseLong(firstId));
        assertThat(resumed).hasSize(2);
    }

    @Test
    void theStreamHidesEventsOfProjectsTheCallerCannotRead() throws Exception {
        String artistToken = tokenFor("artist-stream@example.com", "user");
        Session system = engine.systemSession();
        Entry open = system.data("project-status").list(org.zou4j.Query.where(Map.of("name", "Open"))).stream()
                .findFirst().orElseGet(() -> system.data("project-status").create(Map.of("name", "Open",
                        "color", "#000000")));
        Entry hidden = system.data("projects").create(Map.of("name", "Secret show", "project_status_id", open.id()));
        Future<List<String[]>> artistView = READERS.submit(() -> readEvents(artistToken, null, "project:update", 1));
        Thread.sleep(500);
        system.data("projects").update(hidden.id(), Map.of("description", "not for artists"));
        system.data("departments").create(Map.of("name", "Visible to all", "color", "#000000"));
        // the artist's stream must not deliver the project update; it times out waiting for it
        assertThat(waitOrNull(artistView)).isNull();
    }

    @Test
    void aLogoutWhileEventsFlowStopsTheStreamAtItsNextDelivery() throws Exception {
        String token = tokenFor("artist-logout-stream@example.com", "user");
        Session system = engine.systemSession();
        List<String> received = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        Future<Boolean> ended = READERS.submit(() -> {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/api/events/stream")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data: ") && line.contains("department_id")) {
                        received.add(line);
                        first.countDown();
                    }
                }
            }
            return true; // the server ended the stream
        });
        AtomicBoolean flowing = new AtomicBoolean(true);
        List<String> afterLogout = new CopyOnWriteArrayList<>();
        AtomicBoolean loggedOut = new AtomicBoolean();
        Future<?> writer = READERS.submit(() -> {
            int i = 0;
            while (flowing.get()) {
                // only a write begun after the logout returned is certainly committed after it
                boolean afterTheLogout = loggedOut.get();
                String id = system.data("departments").create(Map.of("name", "Flow " + i++, "color", "#000000"))
                        .id();
                if (afterTheLogout) {
                    afterLogout.add(id);
                }
                Thread.sleep(20);
            }
            return null;
        });
        try {
            assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
            engine.logout(token);
            loggedOut.set(true);
            // events keep flowing (every 20 ms, far more often than the keep-alive): the stream still ends
            assertThat(ended.get(30, TimeUnit.SECONDS)).isTrue();
            // the stream may end on an event committed just before the logout: let a few more flow after it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (afterLogout.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            flowing.set(false);
            writer.get(30, TimeUnit.SECONDS);
        }
        assertThat(afterLogout).isNotEmpty();
        assertThat(received).noneMatch(line -> afterLogout.stream().anyMatch(line::contains));
    }

    private static List<String[]> waitOrNull(Future<List<String[]>> f) throws Exception {
        try {
            return f.get(3, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            return null;
        }
    }

    private static String tokenFor(String email, String role) {
        engine.systemSession().data("persons").create(Map.of("first_name", "A", "last_name", "B", "email", email,
                "role", role, "password", PASSWORD));
        return engine.login(LoginRequest.of(email, PASSWORD)).access().orElseThrow();
    }

    /** Reads the stream until {@code count} events named {@code name} arrived: each as {id, event, data}. */
    private static List<String[]> readEvents(String token, String lastEventId, String name, int count)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/events/stream")).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
        if (lastEventId != null) {
            req.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String[]> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    if (name.equals(event)) {
                        events.add(new String[] {id, event, line.substring(6)});
                        if (events.size() == count) {
                            return events;
                        }
                    }
                }
            }
        }
        return events;
    }
}
