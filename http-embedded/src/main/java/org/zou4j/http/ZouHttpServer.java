package org.zou4j.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.zou4j.ZouEngine;
import org.zou4j.http.internal.Dispatcher;
import org.zou4j.http.internal.Json;
import org.zou4j.http.internal.Router;
import org.zou4j.http.internal.routes.AuthRoutes;
import org.zou4j.http.internal.routes.DataRoutes;
import org.zou4j.http.internal.routes.EventRoutes;
import org.zou4j.http.internal.routes.IndexRoutes;
import org.zou4j.http.internal.routes.PluginRoutes;
import org.zou4j.http.internal.routes.ProductionRoutes;
import org.zou4j.http.internal.routes.SamlRoutes;
import org.zou4j.http.internal.routes.TwoFactorRoutes;
import org.zou4j.http.transport.HttpServerConfig;
import org.zou4j.http.transport.HttpTransport;

/**
 * Zou's HTTP API over an engine: the routes Zou clients (gazu, Kitsu, studio scripts) call, at {@code /} and under
 * {@code /api}. Routes call only the engine's public API, so permissions are exactly those of in-process callers.
 *
 * <pre>{@code
 * try (ZouHttpServer server = ZouHttpServer.builder(engine).port(0).build().start()) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class ZouHttpServer implements AutoCloseable {
    private final HttpTransport transport;

    private ZouHttpServer(Builder b) {
        Json json = new Json(new ObjectMapper());
        Router router = new Router();
        router.addAll(new IndexRoutes().routes(b.engine));
        router.addAll(new AuthRoutes().routes());
        router.addAll(new TwoFactorRoutes().routes());
        router.addAll(new SamlRoutes().routes());
        router.addAll(new DataRoutes().routes(b.engine));
        router.addAll(new ProductionRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.ProjectsRoutes().routes());
        router.addAll(new EventRoutes().routes());
        router.addAll(new PluginRoutes().routes());
        HttpServerConfig.Builder config = HttpServerConfig.builder()
                .host(b.host)
                .port(b.port)
                .maxConnections(b.maxConnections)
                .idleTimeout(b.idleTimeout)
                .corsAllowedOrigins(b.corsAllowedOrigins);
        this.transport = new HttpTransport(config.build(), new Dispatcher(router, b.engine, json));
    }

    /** Starts building a server for {@code engine} (the server does not own or close the engine). */
    public static Builder builder(ZouEngine engine) {
        return new Builder(engine);
    }

    /** Binds and starts accepting requests; returns once it does. */
    public ZouHttpServer start() {
        transport.start();
        return this;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return transport.port();
    }

    /** Stops accepting, lets in-flight requests finish (bounded wait), and closes connections. */
    @Override
    public void close() {
        transport.close();
    }

    /** Settings of a {@link ZouHttpServer}. */
    public static final class Builder {
        private final ZouEngine engine;
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxConnections = 256;
        private Duration idleTimeout = Duration.ofSeconds(15);
        private List<String> corsAllowedOrigins = List.of();

        private Builder(ZouEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** Interface to bind; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port; 0 picks any free port; default 8080. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Concurrent connections at most; more are refused with 503. Default 256. */
        public Builder maxConnections(int max) {
            this.maxConnections = max;
            return this;
        }

        /** How long an idle keep-alive connection is kept. Default 15 s. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "idleTimeout");
            return this;
        }

        /** Origins allowed by CORS (Zou's {@code CORS_ALLOWED_ORIGINS}); empty (default) disables CORS. */
        public Builder corsAllowedOrigins(List<String> origins) {
            this.corsAllowedOrigins = List.copyOf(origins);
            return this;
        }

        public ZouHttpServer build() {
            return new ZouHttpServer(this);
        }
    }
}
