package org.zou4j.http.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** HTTP/1.x protocol handling: methods, HEAD, Connection, HTTP/1.0, limits, timeouts, Expect. */
class ProtocolBehaviourTest extends TransportTestBase {

    private static final RequestHandler DOC = r -> HttpResponse.json(200, "{\"doc\":\"" + "d".repeat(100) + "\"}");

    @Test
    void headGetsTheHeadersOfGetAndNoBody() throws Exception {
        HttpTransport transport = start(DOC);
        RawHttp raw = raw(transport);
        raw.send("HEAD /doc HTTP/1.1\r\nHost: test\r\n\r\n");
        RawHttp.Response head = raw.readHeadResponse();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).isEqualTo("application/json");
        int length = Integer.parseInt(head.header("Content-Length"));

        RawHttp.Response get = raw.get("/doc"); // would fail to parse if the HEAD answer had carried a body
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).hasSize(length);
    }

    @Test
    void headOfAStreamedResponseDoesNotRunTheWriter() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        HttpTransport transport = start(r -> HttpResponse.streamJson(200, out -> {
            ran.add("writer");
            out.write("[]".getBytes(StandardCharsets.UTF_8));
        }));
        RawHttp raw = raw(transport);
        raw.send("HEAD /list HTTP/1.1\r\nHost: test\r\n\r\n");
        assertThat(raw.readHeadResponse().status()).isEqualTo(200);
        assertThat(raw.get("/list").bodyText()).isEqualTo("[]");
        assertThat(ran).containsExactly("writer");
    }

    @Test
    void unknownMethodIs405JsonAndTheConnectionStaysUsable() throws Exception {
        HttpTransport transport = start(DOC);
        RawHttp raw = raw(transport);
        raw.send("BREW /pot HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\nabc");
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("Allow")).contains("GET");
        assertThat(response.bodyText())
                .isEqualTo("{\"error\":true,\"message\":\"The method is not allowed for the requested URL.\"}");
        assertThat(raw.get("/doc").status()).isEqualTo(200);
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        HttpTransport transport = start(DOC);
        RawHttp raw = raw(transport);
        raw.send("GET /doc HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(raw.closedByServer()).isTrue();
    }

    @Test
    void handlerMayAskToCloseTheConnection() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.json(200, "{}").withHeader("Connection", "close"));
        RawHttp raw = raw(transport);
        assertThat(raw.get("/x").header("Connection")).isEqualTo("close");
        assertThat(raw.closedByServer()).isTrue();
    }

    @Test
    void http10ClientGetsOneResponseThenClose() throws Exception {
        HttpTransport transport = start(DOC);
        RawHttp raw = raw(transport);
        raw.send("GET /doc HTTP/1.0\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Length")).isNotNull();
        assertThat(raw.closedByServer()).isTrue();
    }

    @Test
    void http10KeepAliveIsHonouredWhenAsked() throws Exception {
        HttpTransport transport = start(DOC);
        RawHttp raw = raw(transport);
        raw.send("GET /doc HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        RawHttp.Response first = raw.read();
        assertThat(first.header("Connection")).isEqualTo("keep-alive");
        raw.send("GET /doc HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(raw.read().status()).isEqualTo(200);
    }

    @Test
    void http10StreamedResponseIsCloseDelimited() throws Exception {
        byte[] big = "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        HttpTransport transport = start(r -> HttpResponse.stream(200, "text/plain", out -> out.write(big)));
        RawHttp raw = raw(transport);
        raw.send("GET /big HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.header("Transfer-Encoding")).isNull();
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.body()).isEqualTo(big);
    }

    @Test
    void unsupportedHttpVersionIs505() throws Exception {
        HttpTransport transport = start(DOC);
        RawHttp raw = raw(transport);
        raw.send("GET / HTTP/2.0\r\nHost: test\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(505);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void garbageRequestLineIs400Json() throws Exception {
        HttpTransport transport = start(DOC);
        RawHttp raw = raw(transport);
        raw.send("hello there\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("\"error\":true");
    }

    @Test
    void ambiguousFramingIsRefused() throws Exception {
        HttpTransport transport = start(DOC);
        RawHttp raw = raw(transport);
        raw.send("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n");
        assertThat(raw.read().status()).isEqualTo(400);
        assertThat(raw.closedByServer()).isTrue();
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        HttpTransport transport = start(b -> b.maxBodySize(1024), DOC);
        RawHttp raw = raw(transport);
        raw.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 4096\r\n\r\n" + "z".repeat(4096));
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.bodyText()).isEqualTo(
                "{\"error\":true,\"message\":\"The data value transmitted exceeds the capacity limit.\"}");
        assertThat(raw.closedByServer()).isTrue();
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        HttpTransport transport = start(b -> b.maxBodySize(1024), DOC);
        RawHttp raw = raw(transport);
        raw.send("POST /upload HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "800\r\n" + "z".repeat(2048) + "\r\n0\r\n\r\n");
        assertThat(raw.read().status()).isEqualTo(413);
    }

    @Test
    void bodyAtTheLimitIsAccepted() throws Exception {
        HttpTransport transport = start(b -> b.maxBodySize(1024),
                r -> HttpResponse.json(200, "{\"length\":" + r.bodyLength() + "}"));
        RawHttp raw = raw(transport);
        raw.send("POST /upload HTTP/1.1\r\nHost: test\r\nContent-Length: 1024\r\n\r\n" + "z".repeat(1024));
        assertThat(raw.read().bodyText()).isEqualTo("{\"length\":1024}");
    }

    @Test
    void expectContinueGetsAnInterimResponseBeforeTheBody() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.bytes(200, "text/plain", r.body()));
        RawHttp raw = raw(transport);
        raw.send("PUT /x HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        assertThat(raw.read().status()).isEqualTo(100);
        raw.send("hello");
        assertThat(raw.read().bodyText()).isEqualTo("hello");
    }

    @Test
    void requestHeadNotFinishedInTimeIs408() throws Exception {
        HttpTransport transport = start(b -> b.readTimeout(Duration.ofMillis(300)), DOC);
        RawHttp raw = raw(transport);
        raw.send("GET /doc HTTP/1.1\r\nHost: te");
        RawHttp.Response response = raw.read();
        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.json(200, "{\"path\":\"" + r.path() + "\"}"));
        RawHttp raw = raw(transport);
        raw.send("GET /one HTTP/1.1\r\nHost: t\r\n\r\nGET /two HTTP/1.1\r\nHost: t\r\n\r\n"
                + "GET /three HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(raw.read().bodyText()).contains("/one");
        assertThat(raw.read().bodyText()).contains("/two");
        assertThat(raw.read().bodyText()).contains("/three");
    }
}
