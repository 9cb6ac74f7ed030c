package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/**
 * Kitsu's live channel: socket.io (Engine.IO 4 long-polling) at {@code /socket.io/}, namespace {@code /events}, spoken
 * here byte for byte as socket.io-client speaks it: handshake, namespace connect, polls that carry Zou's events.
 */
class SocketIoTest {
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static String adminToken;

    @BeforeAll
    static void start() {
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("socketio-test-secret-0123456789abcdef")
                .bcryptCost(4).build();
        engine.ensureAdmin("admin@example.com", PASSWORD);
        adminToken = engine.login(LoginRequest.of("admin@example.com", PASSWORD)).access().orElseThrow();
        server = ZouHttpServer.builder(engine).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    /** One socket.io client over long-polling, authenticated by Kitsu's cookie. */
    private static final class PollingClient {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String cookie;
        private String sid;

        PollingClient(String token) {
            this.cookie = token == null ? null : "access_token_cookie=" + token;
        }

        HttpResponse<String> send(String method, String query, String body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/socket.io/?EIO=4&transport=polling" + query)).timeout(Duration.ofSeconds(60));
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "text/plain;charset=UTF-8");
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Handshake, then connect to {@code /events}; answers the namespace's connect packet. */
        String connect() throws Exception {
            HttpResponse<String> open = send("GET", "", null);
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.body()).startsWith("0{");
            Map<?, ?> handshake = MAPPER.readValue(open.body().substring(1), Map.class);
            sid = (String) handshake.get("sid");
            assertThat(handshake.get("pingInterval")).isEqualTo(25000);
            assertThat(handshake.get("upgrades")).isEqualTo(List.of()); // long-polling only: no WebSocket to try
            HttpResponse<String> connect = send("POST", "&sid=" + sid, "40/events,");
            assertThat(connect.statusCode()).isEqualTo(200);
            assertThat(connect.body()).isEqualTo("ok");
            return poll();
        }

        String poll() throws Exception {
            HttpResponse<String> r = send("GET", "&sid=" + sid, null);
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }

        /** Polls until an event named {@code name} arrives or {@code polls} polls passed; its payload or null. */
        Map<?, ?> awaitEvent(String name, int polls) throws Exception {
            return awaitEvent(name, polls, payload -> true);
        }

        /** As {@link #awaitEvent(String, int)}, skipping events of that name whose payload does not match. */
        Map<?, ?> awaitEvent(String name, int polls, java.util.function.Predicate<Map<?, ?>> matching)
                throws Exception {
            for (int i = 0; i < polls; i++) {
                for (String packet : poll().split("\u001e")) {
                    if (packet.startsWith("42/events,")) {
                        List<?> event = MAPPER.readValue(packet.substring("42/events,".length()), List.class);
                        if (event.get(0).equals(name) && matching.test((Map<?, ?>) event.get(1))) {
                            return (Map<?, ?>) event.get(1);
                        }
                    } else if (packet.equals("2")) {
                        send("POST", "&sid=" + sid, "3"); // answer the server's ping as the client does
                    }
                }
            }
            return null;
        }
    }

    @Test
    void aClientWithKitsusCookieConnectsToEventsAndReceivesACommittedChange() throws Exception {
        PollingClient client = new PollingClient(adminToken);
        assertThat(client.connect()).startsWith("40/events,{\"sid\":");
        Thread.sleep(200);
        String id = engine.systemSession().data("departments").create(Map.of("name", "Live", "color", "#010203")).id();
        // another test's department may still be on its way to this new socket: wait for this one
        Map<?, ?> payload = client.awaitEvent("department:new", 5, p -> id.equals(p.get("department_id")));
        assertThat(payload).isNotNull();
        assertThat(payload.get("department_id")).isEqualTo(id);
    }

    @Test
    void aBearerHeaderAuthenticatesToo() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> open = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/socket.io/?EIO=4&transport=polling")).header("Authorization", "Bearer " + adminToken)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).startsWith("0{\"sid\":");
    }

    @Test
    void withoutAValidTokenTheEventsNamespaceDisconnectsAtOnceAndDeliversNothing() throws Exception {
        for (String token : new String[] {null, "not-a-token"}) {
            PollingClient client = new PollingClient(token);
            // the Engine.IO handshake is open, as in Zou; the namespace connect is acknowledged, then disconnected
            String answers = client.connect();
            engine.systemSession().data("departments").create(Map.of("name", "Hidden " + token, "color", "#000000"));
            if (!answers.contains("41/events,")) {
                answers += client.send("GET", "&sid=" + client.sid, null).body();
            }
            assertThat(answers).contains("41/events,").doesNotContain("department:new");
        }
    }

    @Test
    void anArtistDoesNotReceiveTheEventsOfAProjectOutsideTheirTeams() throws Exception {
        Session system = engine.systemSession();
        system.data("persons").create(Map.of("first_name", "A", "last_name", "B", "email", "artist-sio@example.com",
                "role", "user", "password", PASSWORD));
        String artistToken = engine.login(LoginRequest.of("artist-sio@example.com", PASSWORD)).access().orElseThrow();
        Entry open = system.data("project-status").list(Query.where(Map.of("name", "Open"))).stream().findFirst()
                .orElseGet(() -> system.data("project-status").create(Map.of("name", "Open", "color", "#000000")));
        Entry hidden = system.data("projects").create(Map.of("name", "Secret sio", "project_status_id", open.id()));
        PollingClient artist = new PollingClient(artistToken);
        artist.connect();
        PollingClient admin = new PollingClient(adminToken);
        admin.connect();
        Thread.sleep(200);
        system.data("projects").update(hidden.id(), Map.of("description", "not for artists"));
        system.data("departments").create(Map.of("name", "Seen by all", "color", "#000000"));
        assertThat(admin.awaitEvent("project:update", 3)).isNotNull();
        // the artist gets the department event, and never the project's, which was committed before it
        List<String> artistEvents = new ArrayList<>();
        for (String packet : artist.poll().split("\u001e")) {
            if (packet.startsWith("42/events,")) {
                artistEvents.add((String) MAPPER.readValue(packet.substring(10), List.class).get(0));
            }
        }
        assertThat(artistEvents).contains("department:new").doesNotContain("project:update");
    }

    @Test
    void afterLogoutTheNextEventDisconnectsTheClient() throws Exception {
        Session system = engine.systemSession();
        system.data("persons").create(Map.of("first_name", "C", "last_name", "D", "email", "leaver-sio@example.com",
                "role", "user", "password", PASSWORD));
        String token = engine.login(LoginRequest.of("leaver-sio@example.com", PASSWORD)).access().orElseThrow();
        PollingClient client = new PollingClient(token);
        client.connect();
        engine.logout(token);
        system.data("departments").create(Map.of("name", "After logout", "color", "#000000"));
        // socket.io's namespace disconnect packet, and no event
        String packets = client.poll();
        assertThat(packets).contains("41/events,").doesNotContain("department:new");
    }
}
