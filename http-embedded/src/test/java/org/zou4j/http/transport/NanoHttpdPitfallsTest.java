package org.zou4j.http.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One test per NanoHTTPD 2.3.1 pitfall of platform-notes.md, end to end over real sockets. */
class NanoHttpdPitfallsTest extends TransportTestBase {

    private static final RequestHandler OK = request -> HttpResponse.json(200, "{\"ok\":true}");

    @Test
    void pitfall1_everyAcceptedSocketHasTcpNoDelay() throws Exception {
        HttpTransport transport = start(OK);
        RawHttp raw = raw(transport);
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            assertThat(raw.get("/ping").status()).isEqualTo(200);
        }
        long micros = (System.nanoTime() - start) / 1000;
        System.out.printf("200 sequential keep-alive requests on one connection: %d ms (%.0f req/s)%n",
                micros / 1000, 200 / (micros / 1e6));

        assertThat(transport.openSockets()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.getTcpNoDelay()).isTrue());
    }

    @Test
    void pitfall2_fullPoolAnswers503ThenRecoversWhenConnectionsClose() throws Exception {
        HttpTransport transport = start(b -> b.maxConnections(2), OK);
        RawHttp first = raw(transport);
        RawHttp second = raw(transport);
        assertThat(first.get("/a").status()).isEqualTo(200);
        assertThat(second.get("/b").status()).isEqualTo(200);

        RawHttp third = raw(transport);
        RawHttp.Response refused = third.read();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Content-Type")).isEqualTo("application/json");
        assertThat(refused.bodyText()).startsWith("{\"error\":true,\"message\":");
        assertThat(refused.header("Connection")).isEqualTo("close");
        assertThat(third.closedByServer()).isTrue();

        first.close();
        second.close();
        int status = 0;
        for (int attempt = 0; attempt < 500 && status != 200; attempt++) {
            try (RawHttp next = new RawHttp(transport.port())) {
                status = next.get("/again").status();
            } catch (java.io.IOException e) {
                status = -1; // refused connection reset by its lingering close
            }
            if (status != 200) {
                Thread.sleep(10); // the server notices the closed sockets asynchronously
            }
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void pitfall2_idleKeepAliveConnectionIsClosedAfterTheTimeout() throws Exception {
        HttpTransport transport = start(b -> b.idleTimeout(Duration.ofMillis(200)), OK);
        RawHttp raw = raw(transport);
        assertThat(raw.get("/x").status()).isEqualTo(200);
        assertThat(raw.closedByServer()).isTrue();
    }

    @Test
    void pitfall3_overlongRequestLineIs414NotTruncated() throws Exception {
        HttpTransport transport = start(OK);
        RawHttp raw = raw(transport);
        RawHttp.Response response = raw.get("/data/tasks?q=" + "a".repeat(20_000));
        assertThat(response.status()).isEqualTo(414);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.bodyText()).contains("\"error\":true");
        assertThat(raw.closedByServer()).isTrue();
    }

    @Test
    void pitfall3_overlongHeadersAre431() throws Exception {
        HttpTransport transport = start(OK);
        RawHttp raw = raw(transport);
        raw.send("GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(431);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.bodyText()).contains("\"error\":true");
    }

    @Test
    void pitfall3_headJustUnderTheLimitArrivesWhole() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.json(200,
                "{\"length\":" + r.queryParam("q").orElse("").length() + "}"));
        RawHttp raw = raw(transport);
        RawHttp.Response response = raw.get("/x?q=" + "a".repeat(8000));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"length\":8000}");
    }

    @Test
    void pitfall4_malformedPercentEscapeIs400AndTheConnectionStaysUsable() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpTransport transport = start(r -> {
            seen.add(r.queryParam("a").orElse(null));
            return HttpResponse.json(200, "{}");
        });
        RawHttp raw = raw(transport);
        RawHttp.Response bad = raw.get("/x?a=%zz");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).isEqualTo("application/json");
        assertThat(bad.bodyText()).isEqualTo("{\"error\":true,\"message\":"
                + "\"The browser (or proxy) sent a request that this server could not understand.\"}");

        assertThat(raw.get("/x?a=%41%C3%A9").status()).isEqualTo(200);
        assertThat(seen).containsExactly("Aé");
    }

    @Test
    void pitfall5_nonAsciiJsonBodyRoundTripsByteExact() throws Exception {
        List<String> decoded = new CopyOnWriteArrayList<>();
        HttpTransport transport = start(r -> {
            decoded.add(r.bodyAsString());
            return HttpResponse.json(200, r.body());
        });
        String json = "{\"name\": \"Épisode 01 – 日本\"}";
        byte[] sent = json.getBytes(StandardCharsets.UTF_8);
        var response = client().send(java.net.http.HttpRequest.newBuilder(uri(transport, "/data/episodes"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(sent)).build(), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(sent);
        assertThat(decoded).containsExactly(json);
    }

    @Test
    void pitfall6_unreadBodyIsNeverParsedAsTheNextRequest() throws Exception {
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpTransport transport = start(r -> {
            paths.add(r.method() + " " + r.path());
            return HttpResponse.json(200, "{}"); // never looks at the body
        });
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: test\r\n\r\n";
        RawHttp raw = raw(transport);
        raw.send("POST /a HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: "
                + smuggled.length() + "\r\n\r\n" + smuggled
                + "GET /b HTTP/1.1\r\nHost: test\r\n\r\n");

        assertThat(raw.read().status()).isEqualTo(200);
        assertThat(raw.read().status()).isEqualTo(200);
        assertThat(paths).containsExactly("POST /a", "GET /b");
    }

    @Test
    void pitfall7_chunkedRequestBodyIsDecoded() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.bytes(200, "text/plain", r.body()));
        RawHttp raw = raw(transport);
        raw.send("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: t\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("Wikipedia in\r\n\r\nchunks.");

        assertThat(raw.get("/after").status()).isEqualTo(200); // the terminating chunk was consumed exactly
    }

    @Test
    void pitfall7_malformedChunkIs400() throws Exception {
        HttpTransport transport = start(OK);
        RawHttp raw = raw(transport);
        raw.send("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void pitfall8_largeBodiesNeverGoToTempFiles() throws Exception {
        File tmp = new File(System.getProperty("java.io.tmpdir"));
        long before = nanoTempFiles(tmp);
        HttpTransport transport = start(r -> HttpResponse.json(200, "{\"length\":" + r.bodyLength() + "}"));
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        var response = client().send(java.net.http.HttpRequest.newBuilder(uri(transport, "/upload"))
                .POST(BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("{\"length\":" + body.length + "}");
        assertThat(nanoTempFiles(tmp)).isEqualTo(before);
    }

    // Pitfall 9 (TLS protocols) is covered by TlsTransportTest.

    private static long nanoTempFiles(File dir) {
        String[] names = dir.list((d, name) -> name.startsWith("NanoHTTPD-"));
        return Objects.requireNonNull(names).length;
    }
}
