package org.zou4j.http.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Streaming, gzip, security headers, CORS and error handling. */
class ResponseFeaturesTest extends TransportTestBase {

    private static final String BIG_JSON = "[" + "{\"name\":\"shot\"},".repeat(500) + "{}]";

    @Test
    void fiveMegabyteStreamIsChunkedAndSentBeforeItIsFullyProduced() throws Exception {
        int total = 5 * 1024 * 1024;
        CountDownLatch clientGotFirstBytes = new CountDownLatch(1);
        HttpTransport transport = start(r -> HttpResponse.stream(200, "application/octet-stream", out -> {
            byte[] piece = new byte[64 * 1024];
            for (int written = 0; written < total; written += piece.length) {
                for (int i = 0; i < piece.length; i++) {
                    piece[i] = (byte) ((written + i) % 251);
                }
                out.write(piece);
                // Deadlocks (and fails) if the transport buffered the whole body before sending any of it.
                if (written == 1024 * 1024 && !await(clientGotFirstBytes)) {
                    throw new IOException("client never received the first megabyte");
                }
            }
        }));
        RawHttp raw = raw(transport);
        raw.send("GET /export HTTP/1.1\r\nHost: test\r\n\r\n");
        RawHttp.Response response = raw.read(false, soFar -> {
            if (soFar >= 512 * 1024) {
                clientGotFirstBytes.countDown();
            }
        });

        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(response.header("Content-Length")).isNull();
        assertThat(response.chunkSizes()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(16 * 1024));
        assertThat(response.body()).hasSize(total);
        for (int i = 0; i < total; i += 4099) {
            assertThat(response.body()[i]).isEqualTo((byte) (i % 251));
        }
        assertThat(raw.get("/export").body()).hasSize(total); // the connection is still in sync
    }

    @Test
    void shortStreamGetsAContentLength() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.streamJson(200, out -> out.write("[1,2]".getBytes())));
        RawHttp.Response response = raw(transport).get("/short");
        assertThat(response.header("Content-Length")).isEqualTo("5");
        assertThat(response.bodyText()).isEqualTo("[1,2]");
    }

    @Test
    void gzipWhenAcceptedAndNotOtherwise() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.json(200, BIG_JSON));
        var gzipped = client().send(java.net.http.HttpRequest.newBuilder(uri(transport, "/list"))
                .header("Accept-Encoding", "gzip, deflate").build(), BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThan(BIG_JSON.length());
        assertThat(gunzip(gzipped.body())).isEqualTo(BIG_JSON);

        var plain = client().send(java.net.http.HttpRequest.newBuilder(uri(transport, "/list")).build(),
                BodyHandlers.ofString());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(BIG_JSON);

        var refused = client().send(java.net.http.HttpRequest.newBuilder(uri(transport, "/list"))
                .header("Accept-Encoding", "gzip;q=0").build(), BodyHandlers.ofString());
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void smallBodiesAndDisabledGzipAreSentAsIs() throws Exception {
        HttpTransport small = start(r -> HttpResponse.json(200, "{\"small\":true}"));
        var response = client().send(java.net.http.HttpRequest.newBuilder(uri(small, "/x"))
                .header("Accept-Encoding", "gzip").build(), BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();

        HttpTransport off = start(b -> b.gzip(false), r -> HttpResponse.json(200, BIG_JSON));
        var big = client().send(java.net.http.HttpRequest.newBuilder(uri(off, "/x"))
                .header("Accept-Encoding", "gzip").build(), BodyHandlers.ofString());
        assertThat(big.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(big.body()).isEqualTo(BIG_JSON);
    }

    @Test
    void streamedBodyIsGzippedWhenAccepted() throws Exception {
        StringBuilder rows = new StringBuilder("[");
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            rows.append("{\"id\":\"").append(new java.util.UUID(random.nextLong(), random.nextLong()))
                    .append("\",\"name\":\"task\"},");
        }
        String expected = rows.append("{}]").toString();
        HttpTransport transport = start(r -> HttpResponse.streamJson(200, out -> {
            byte[] bytes = expected.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += 1000) {
                out.write(bytes, i, Math.min(1000, bytes.length - i));
            }
        }));
        RawHttp raw = raw(transport);
        raw.send("GET /tasks HTTP/1.1\r\nHost: test\r\nAccept-Encoding: gzip\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(response.body().length).isLessThan(expected.length());
        assertThat(gunzip(response.body())).isEqualTo(expected);
    }

    @Test
    void securityHeadersOnEveryResponseIncludingTransportErrors() throws Exception {
        HttpTransport transport = start(r -> r.path().equals("/framed")
                ? HttpResponse.json(200, "{}").withHeader("X-Frame-Options", "DENY")
                : HttpResponse.error(404, "Not found"));
        RawHttp raw = raw(transport);
        for (RawHttp.Response response : List.of(raw.get("/missing"), raw.get("/x?a=%zz"))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
            assertThat(response.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'self'");
            assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
            assertThat(response.header("Date")).endsWith(" GMT");
        }
        RawHttp.Response framed = raw.get("/framed");
        assertThat(framed.headers().get("x-frame-options")).containsExactly("DENY"); // set only if absent
    }

    @Test
    void corsPreflightAndActualRequestWhenEnabled() throws Exception {
        List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpTransport transport = start(b -> b.corsAllowedOrigins(List.of("https://kitsu.example")), r -> {
            handled.add(r.method());
            return HttpResponse.json(200, "{}");
        });
        RawHttp raw = raw(transport);
        raw.send("OPTIONS /data/projects HTTP/1.1\r\nHost: test\r\nOrigin: https://kitsu.example\r\n"
                + "Access-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: content-type, authorization\r\n\r\n");
        RawHttp.Response preflight = raw.read();
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://kitsu.example");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(preflight.header("Access-Control-Allow-Methods"))
                .isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo("authorization, content-type");
        assertThat(preflight.header("Vary")).contains("Origin");
        assertThat(handled).isEmpty();

        raw.send("GET /data/projects HTTP/1.1\r\nHost: test\r\nOrigin: https://kitsu.example\r\n\r\n");
        RawHttp.Response actual = raw.read();
        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("https://kitsu.example");
        assertThat(actual.header("Access-Control-Allow-Credentials")).isEqualTo("true");

        raw.send("GET /data/projects HTTP/1.1\r\nHost: test\r\nOrigin: https://evil.example\r\n\r\n");
        assertThat(raw.read().header("Access-Control-Allow-Origin")).isNull();
        assertThat(handled).containsExactly("GET", "GET");
    }

    @Test
    void noCorsHeadersWhenDisabled() throws Exception {
        List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpTransport transport = start(r -> {
            handled.add(r.method());
            return HttpResponse.json(200, "{}");
        });
        RawHttp raw = raw(transport);
        raw.send("OPTIONS /data/projects HTTP/1.1\r\nHost: test\r\nOrigin: https://kitsu.example\r\n"
                + "Access-Control-Request-Method: POST\r\n\r\n");
        RawHttp.Response response = raw.read();
        assertThat(response.headers().keySet()).noneMatch(h -> h.startsWith("access-control-"));
        assertThat(handled).containsExactly("OPTIONS"); // the route layer decides
    }

    @Test
    void handlerExceptionBecomes500WithoutLeakingItsMessage() throws Exception {
        HttpTransport transport = start(r -> {
            throw new IllegalStateException("db password is hunter2");
        });
        RawHttp raw = raw(transport);
        RawHttp.Response response = raw.get("/boom");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.bodyText()).isEqualTo("{\"error\":true,\"message\":\"Internal server error.\"}");
        assertThat(raw.get("/boom").status()).isEqualTo(500); // connection still usable
    }

    @Test
    void streamFailingBeforeAnythingWasSentBecomes500() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.streamJson(200, out -> {
            out.write('[');
            throw new IllegalStateException("cursor broke");
        }));
        RawHttp raw = raw(transport);
        RawHttp.Response response = raw.get("/list");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText()).isEqualTo("{\"error\":true,\"message\":\"Internal server error.\"}");
    }

    @Test
    void streamFailingMidwayClosesTheConnectionWithoutTheLastChunk() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.streamJson(200, out -> {
            out.write(new byte[100_000]);
            throw new IllegalStateException("cursor broke");
        }));
        RawHttp raw = raw(transport);
        raw.send("GET /list HTTP/1.1\r\nHost: test\r\n\r\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(raw::read).isInstanceOf(IOException.class);
    }

    @Test
    void requestPartsAreDecoded() throws Exception {
        AtomicReference<HttpRequest> seen = new AtomicReference<>();
        HttpTransport transport = start(r -> {
            seen.set(r);
            return HttpResponse.noContent();
        });
        var response = client().send(java.net.http.HttpRequest.newBuilder(
                        uri(transport, "/data/a%2Fb/%C3%A9t%C3%A9?page=1&name=Shot+01&name=second&flag"))
                .header("Cookie", "access_token_cookie=abc; other=\"q\"")
                .header("X-Custom", "one")
                .method("DELETE", BodyPublishers.noBody()).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);

        HttpRequest r = seen.get();
        assertThat(r.method()).isEqualTo("DELETE");
        assertThat(r.rawPath()).isEqualTo("/data/a%2Fb/%C3%A9t%C3%A9");
        assertThat(r.pathSegments()).containsExactly("data", "a/b", "été");
        assertThat(r.queryParameters()).containsOnlyKeys("page", "name", "flag");
        assertThat(r.queryParameters().keySet()).containsExactly("page", "name", "flag");
        assertThat(r.queryParam("name")).contains("Shot 01");
        assertThat(r.queryParams("name")).containsExactly("Shot 01", "second");
        assertThat(r.queryParam("flag")).contains("");
        assertThat(r.header("x-CUSTOM")).contains("one");
        assertThat(r.cookie("access_token_cookie")).contains("abc");
        assertThat(r.cookie("other")).contains("q");
        assertThat(r.remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(r.isSecure()).isFalse();
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
