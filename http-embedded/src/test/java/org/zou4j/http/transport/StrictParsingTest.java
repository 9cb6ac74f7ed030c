package org.zou4j.http.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.LoginRequest;
import org.zou4j.Query;
import org.zou4j.ZouEngine;
import org.zou4j.http.ZouHttpServer;
import org.zou4j.storage.h2.H2Storage;

/**
 * Requests are read strictly, as Zou (and RFC 9112) read them: JSON with trailing data, bodies that are not valid in
 * their charset and heads without exactly one Host are refused with 400; a declared charset is honoured; an
 * {@code Authorization} list with one Bearer entry is accepted, as flask-jwt-extended accepts it.
 */
class StrictParsingTest {
    private static final String PASSWORD = "correct horse battery";
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static String token;

    @BeforeAll
    static void start() {
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("strict-test-secret-0123456789abcdefgh")
                .bcryptCost(4).build();
        engine.ensureAdmin("admin@example.com", PASSWORD);
        token = engine.login(LoginRequest.of("admin@example.com", PASSWORD)).access().orElseThrow();
        server = ZouHttpServer.builder(engine).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    private static RawHttp.Response post(String path, String contentType, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        try (RawHttp http = new RawHttp(server.port())) {
            return http.send(out.toByteArray()).read();
        }
    }

    private static RawHttp.Response raw(String head) throws IOException {
        try (RawHttp http = new RawHttp(server.port())) {
            return http.send(head).read();
        }
    }

    private static String text(RawHttp.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static int departmentsNamed(String name) {
        return engine.systemSession().data("departments").list(Query.where(Map.of("name", name))).size();
    }

    @Test
    void jsonWithTrailingDataIsRefused() throws IOException {
        for (String body : new String[] {"{\"name\":\"Trailing\",\"color\":\"#000000\"}xyz",
                "{\"name\":\"Trailing\",\"color\":\"#000000\"}{}", "{}{}", "{\"name\":\"Trailing\"} 1"}) {
            RawHttp.Response r = post("/api/data/departments", "application/json",
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(text(r)).contains("\"message\"");
        }
        assertThat(departmentsNamed("Trailing")).isZero();
        // trailing white space is no trailing data
        assertThat(post("/api/data/departments", "application/json",
                "{\"name\":\"Trailing\",\"color\":\"#000000\"}  \r\n".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(201);
    }

    @Test
    void malformedUtf8IsRefusedNotReplaced() throws IOException {
        byte[] prefix = "{\"name\":\"Bad".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\",\"color\":\"#000000\"}".getBytes(StandardCharsets.UTF_8);
        for (byte[] bad : new byte[][] {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(prefix);
            body.writeBytes(bad);
            body.writeBytes(suffix);
            assertThat(post("/api/data/departments", "application/json", body.toByteArray()).status())
                    .isEqualTo(400);
            assertThat(post("/api/data/departments", "application/json; charset=utf-8", body.toByteArray())
                    .status()).isEqualTo(400);
        }
        assertThat(engine.systemSession().data("departments").list(Query.all()))
                .noneMatch(d -> d.getString("name").startsWith("Bad"));
    }

    @Test
    void aDeclaredCharsetIsHonoured() throws IOException {
        byte[] latin1 = "{\"name\":\"Caf\u00e9 cr\u00e8me\",\"color\":\"#000000\"}".getBytes(StandardCharsets.ISO_8859_1);
        RawHttp.Response r = post("/api/data/departments", "application/json; charset=iso-8859-1", latin1);
        assertThat(r.status()).isEqualTo(201);
        assertThat(text(r)).contains("Caf\u00e9 cr\u00e8me");
        assertThat(departmentsNamed("Caf\u00e9 cr\u00e8me")).isEqualTo(1);
        // the same bytes without the charset are not UTF-8
        assertThat(post("/api/data/departments", "application/json", latin1).status()).isEqualTo(400);
        // an unknown charset is refused, not guessed
        assertThat(post("/api/data/departments", "application/json; charset=no-such-charset",
                "{\"name\":\"Unknown charset\",\"color\":\"#000000\"}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(400);
    }

    @Test
    void anHttp11RequestNeedsExactlyOneValidHost() throws IOException {
        assertThat(raw("GET /api/ HTTP/1.1\r\nConnection: close\r\n\r\n").status()).isEqualTo(400);
        assertThat(raw("GET /api/ HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(400);
        assertThat(raw("GET /api/ HTTP/1.1\r\nHost: a, b\r\nConnection: close\r\n\r\n").status()).isEqualTo(400);
        assertThat(raw("GET /api/ HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n").status()).isEqualTo(400);
        // one Host, with or without a port, or empty (RFC 9112 §3.2), and HTTP/1.0 without one, are fine
        assertThat(raw("GET /api/ HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(200);
        assertThat(raw("GET /api/ HTTP/1.1\r\nHost: [::1]:8080\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(200);
        assertThat(raw("GET /api/ HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n").status()).isEqualTo(200);
        assertThat(raw("GET /api/ HTTP/1.0\r\n\r\n").status()).isEqualTo(200);
    }

    @Test
    void anAuthorizationListWithOneBearerEntryIsAccepted() throws IOException {
        String get = "GET /api/data/departments HTTP/1.1\r\nHost: test\r\nConnection: close\r\nAuthorization: ";
        assertThat(raw(get + "Basic eA==, Bearer " + token + "\r\n\r\n").status()).isEqualTo(200);
        assertThat(raw(get + "Bearer " + token + ", Basic eA==\r\n\r\n").status()).isEqualTo(200);
        assertThat(raw(get + "Bearer " + token + "\r\n\r\n").status()).isEqualTo(200);
        // none, or two Bearer entries: Zou's 401
        assertThat(raw(get + "Basic eA==\r\n\r\n").status()).isEqualTo(401);
        assertThat(raw(get + "Bearer " + token + ", Bearer " + token + "\r\n\r\n").status()).isEqualTo(401);
        assertThat(raw(get + "Basic eA==, Bearer\r\n\r\n").status()).isEqualTo(422);
    }
}
