package org.zou4j.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.zou4j.ZouEngine;
import org.zou4j.http.internal.Dispatcher;
import org.zou4j.http.internal.Json;
import org.zou4j.http.internal.Router;
import org.zou4j.http.internal.routes.AuthRoutes;
import org.zou4j.http.internal.routes.BreakdownRoutes;
import org.zou4j.http.internal.routes.DataRoutes;
import org.zou4j.http.internal.routes.EventRoutes;
import org.zou4j.http.internal.routes.ExportRoutes;
import org.zou4j.http.internal.routes.ImportRoutes;
import org.zou4j.http.internal.routes.IndexRoutes;
import org.zou4j.http.internal.routes.PluginRoutes;
import org.zou4j.http.internal.routes.ProductionRoutes;
import org.zou4j.http.internal.routes.SamlRoutes;
import org.zou4j.http.internal.realtime.SocketIoEndpoint;
import org.zou4j.http.internal.routes.TwoFactorRoutes;
import org.zou4j.http.internal.ui.StaticUi;
import org.zou4j.http.internal.routes.UserRoutes;
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
    private final SocketIoEndpoint socketIo;

    private ZouHttpServer(Builder b) {
        Json json = new Json(new ObjectMapper());
        Router router = new Router();
        router.addAll(new IndexRoutes().routes(b.engine));
        router.addAll(new AuthRoutes().routes());
        router.addAll(new TwoFactorRoutes().routes());
        router.addAll(new SamlRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.OidcRoutes().routes());
        router.addAll(new DataRoutes().routes(b.engine));
        router.addAll(new ProductionRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.AssetRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.ShotRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.EditConceptRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.EntityRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.AssetLinkRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.CommentRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.TaskRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.NewsRoutes().routes());
        router.addAll(new UserRoutes().routes());
        router.addAll(new BreakdownRoutes().routes());
        router.addAll(new ExportRoutes().routes());
        router.addAll(new ImportRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.PictureRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.PreviewRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.ProjectsRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.PersonRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.ChatRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.FilesRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.PlaylistRoutes().routes());
        router.addAll(new org.zou4j.http.internal.routes.SharedRoutes().routes());
        router.addAll(new EventRoutes().routes());
        router.addAll(new PluginRoutes().routes());
        router.addAll(new PluginRoutes().frontendRoutes());
        this.socketIo = new SocketIoEndpoint(b.engine, json.mapper());
        router.addAll(socketIo.routes());
        StaticUi ui = b.uiDirectory == null ? null : new StaticUi(b.uiDirectory);
        HttpServerConfig.Builder config = HttpServerConfig.builder()
                .host(b.host)
                .port(b.port)
                .maxConnections(b.maxConnections)
                .idleTimeout(b.idleTimeout)
                .maxUploadSize(b.maxUploadSize)
                .corsAllowedOrigins(b.corsAllowedOrigins);
        if (b.spoolDirectory != null) {
            config.spoolDirectory(b.spoolDirectory);
        }
        this.transport = new HttpTransport(config.build(), new Dispatcher(router, b.engine, json, ui));
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
        socketIo.close(); // first: it answers the open long polls, which the transport would otherwise wait for
        transport.close();
    }

    /** The default largest upload: 2 GiB. */
    public static final long DEFAULT_MAX_UPLOAD = 2L * 1024 * 1024 * 1024;

    /** Settings of a {@link ZouHttpServer}. */
    public static final class Builder {
        private final ZouEngine engine;
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxConnections = 256;
        private Duration idleTimeout = Duration.ofSeconds(15);
        private List<String> corsAllowedOrigins = List.of();
        private Path uiDirectory;
        private long maxUploadSize = DEFAULT_MAX_UPLOAD;
        private Path spoolDirectory;

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

        /**
         * Serves a built web UI (Kitsu's {@code dist/}) from this directory at {@code /}, as Zou's nginx does: the API
         * stays under {@code /api} (the routes without the prefix are then the UI's), socket.io under
         * {@code /socket.io/}; paths without a file answer {@code index.html} (the UI's own routes).
         *
         * @throws IllegalArgumentException at {@link #build()} when the directory has no {@code index.html}
         */
        public Builder uiDirectory(Path directory) {
            this.uiDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Largest upload (a {@code multipart/form-data} body: previews, movies, attachments, working files); larger
         * ones are answered 413 with Zou's JSON error. Default 2 GiB ({@code ./zou4j serve --max-upload-mb}). Zou sets
         * no limit of its own; other bodies stay limited to 64 MB. Uploads are spooled to disk above 1 MiB, never
         * held whole in memory.
         */
        public Builder maxUploadSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxUploadSize must not be negative: " + bytes);
            }
            this.maxUploadSize = bytes;
            return this;
        }

        /**
         * Directory where large request bodies are spooled while their request is served (owner-only files, deleted
         * afterwards; leftovers of a killed server are deleted at start, so give the server a directory of its own).
         * Default: a private temporary directory. {@code ./zou4j serve} uses {@code <data-dir>/tmp}.
         */
        public Builder spoolDirectory(Path directory) {
            this.spoolDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public ZouHttpServer build() {
            return new ZouHttpServer(this);
        }
    }
}
