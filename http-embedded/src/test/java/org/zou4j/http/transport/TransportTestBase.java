package org.zou4j.http.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

/** Starts transports on 127.0.0.1, port 0, and closes them after each test. */
abstract class TransportTestBase {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    HttpTransport start(RequestHandler handler) {
        return start(b -> { }, handler);
    }

    HttpTransport start(Consumer<HttpServerConfig.Builder> settings, RequestHandler handler) {
        HttpServerConfig.Builder builder = HttpServerConfig.builder().shutdownGrace(Duration.ofSeconds(2));
        settings.accept(builder);
        HttpTransport transport = new HttpTransport(builder.build(), handler).start();
        toClose.add(transport);
        return transport;
    }

    RawHttp raw(HttpTransport transport) throws Exception {
        RawHttp raw = new RawHttp(transport.port());
        toClose.add(0, raw);
        return raw;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static URI uri(HttpTransport transport, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + transport.port() + pathAndQuery);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        toClose.clear();
    }
}
