package org.zou4j.bench;

import java.io.IOException;
import java.util.Optional;
import org.zou4j.ZouEngine;
import org.zou4j.http.ZouHttpServer;
import org.zou4j.http.transport.HttpServerConfig;
import org.zou4j.http.transport.HttpTransport;

/**
 * The engine served over HTTP in the benchmark's JVM, next to the floor on the same database: the real
 * {@link ZouHttpServer} with a token from {@link Auth}, or, while login is not served, {@link BenchRoutes} on the same
 * transport.
 */
final class EngineServer implements AutoCloseable {
    private final AutoCloseable server;
    private final int port;
    private final String token;
    private final String description;

    private EngineServer(AutoCloseable server, int port, String token, String description) {
        this.server = server;
        this.port = port;
        this.token = token;
        this.description = description;
    }

    static EngineServer start(ZouEngine engine) throws IOException {
        ZouHttpServer real = ZouHttpServer.builder(engine).port(0).build().start();
        Optional<String> token;
        try {
            token = Auth.token(real.port());
        } catch (IOException | RuntimeException e) {
            real.close();
            throw e;
        }
        if (token.isPresent()) {
            return new EngineServer(real, real.port(), token.get(), "ZouHttpServer, admin token from POST /auth/login");
        }
        real.close();
        HttpTransport transport = new HttpTransport(HttpServerConfig.builder().port(0).build(),
                new BenchRoutes(engine)).start();
        return new EngineServer(transport, transport.port(), null,
                "auth not landed: BenchRoutes (DataRoutes' engine calls, system session, no token check) on the "
                        + "same transport");
    }

    int port() {
        return port;
    }

    /** The access token, or null in the no-auth stand-in. */
    String token() {
        return token;
    }

    String description() {
        return description;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
