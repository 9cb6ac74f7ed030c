package org.zou4j.http.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Concurrency, graceful shutdown, stalled clients, start/stop contract. */
class LifecycleAndLoadTest extends TransportTestBase {

    @Test
    void concurrentKeepAliveClientsAreAllAnsweredCorrectly() throws Exception {
        HttpTransport transport = start(r -> HttpResponse.json(200,
                "{\"id\":\"" + r.queryParam("id").orElseThrow() + "\"}"));
        HttpClient client = client();
        int threads = 16;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        String id = thread + "-" + i;
                        var response = client.send(java.net.http.HttpRequest.newBuilder(
                                uri(transport, "/echo?id=" + id)).build(), BodyHandlers.ofString());
                        if (response.statusCode() == 200 && response.body().equals("{\"id\":\"" + id + "\"}")) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : results) {
                ok += f.get(120, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d threads x %d requests (java.net.http client): %.2f s, %.0f req/s%n",
                    threads, perThread, seconds, threads * perThread / seconds);
            assertThat(ok).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeLetsInFlightRequestsFinishAndClosesIdleConnections() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpTransport transport = new HttpTransport(HttpServerConfig.builder().shutdownGrace(Duration.ofSeconds(20))
                .build(), r -> {
            if (r.path().equals("/slow")) {
                entered.countDown();
                awaitQuietly(release);
            }
            return HttpResponse.json(200, "{\"path\":\"" + r.path() + "\"}");
        }).start();
        int port = transport.port();
        try (RawHttp idle = new RawHttp(port); RawHttp busy = new RawHttp(port)) {
            assertThat(idle.get("/warm").status()).isEqualTo(200);
            busy.send("GET /slow HTTP/1.1\r\nHost: test\r\n\r\n");
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(transport::close);
            assertThat(idle.closedByServer()).isTrue();
            assertThat(closing).isNotDone();

            release.countDown();
            RawHttp.Response slow = busy.read();
            assertThat(slow.status()).isEqualTo(200);
            assertThat(slow.header("Connection")).isEqualTo("close");
            closing.get(20, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void clientThatStopsReadingIsCutAfterTheWriteTimeout() throws Exception {
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        CountDownLatch failed = new CountDownLatch(1);
        HttpTransport transport = start(b -> b.writeTimeout(Duration.ofMillis(300)),
                r -> HttpResponse.stream(200, "application/octet-stream", out -> {
                    byte[] block = new byte[64 * 1024];
                    try {
                        for (long i = 0; i < 1_000_000; i++) { // up to 64 GB: only a cut connection ends it
                            out.write(block);
                        }
                    } catch (IOException | RuntimeException e) {
                        writerFailure.set(e);
                        failed.countDown();
                        throw e;
                    }
                }));
        try (Socket socket = new Socket("127.0.0.1", transport.port())) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.getOutputStream().write("GET /huge HTTP/1.1\r\nHost: test\r\n\r\n".getBytes());
            assertThat(failed.await(60, TimeUnit.SECONDS)).isTrue(); // the client never reads
        }
        assertThat(writerFailure.get()).isInstanceOf(IOException.class);
    }

    @Test
    void startFailsClearlyWhenThePortIsTaken() throws Exception {
        HttpTransport first = start(r -> HttpResponse.noContent());
        HttpTransport second = new HttpTransport(HttpServerConfig.builder().port(first.port()).build(),
                r -> HttpResponse.noContent());
        assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(String.valueOf(first.port()));
        second.close();
        assertThatThrownBy(first::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> HttpServerConfig.builder().maxConnections(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpServerConfig.builder().port(70000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpServerConfig.builder().maxBodySize(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.json(200, "{}").withHeader("X-Evil", "a\r\nSet-Cookie: x=y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
