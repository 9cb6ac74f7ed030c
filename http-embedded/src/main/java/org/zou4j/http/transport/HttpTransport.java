package org.zou4j.http.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embeddable HTTP/1.1 server: NanoHTTPD accepts connections, this package speaks HTTP on them and calls
 * one {@link RequestHandler} per request.
 *
 * <pre>{@code
 * try (HttpTransport server = new HttpTransport(HttpServerConfig.defaults(),
 *         request -> HttpResponse.json(200, "{\"api\":\"Zou\"}"))) {
 *     server.start();
 *     System.out.println("listening on " + server.port());
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. One transport serves one {@code start()}/{@code close()} cycle.
 */
public final class HttpTransport implements AutoCloseable {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HttpServerConfig config;
    private final ConnectionPool pool;
    private final NanoEngine engine;
    private final BodySpool spool;
    private boolean started;
    private boolean closed;

    public HttpTransport(HttpServerConfig config, RequestHandler handler) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        String name = "zou4j-http-" + INSTANCES.incrementAndGet();
        this.pool = new ConnectionPool(config, name);
        this.spool = new BodySpool(config.spoolDirectory().orElse(null));
        TransportContext context = new TransportContext(config, handler,
                new Cors(config.corsAllowedOrigins()), pool::shuttingDown, spool);
        this.engine = new NanoEngine(config, pool, context);
    }

    /**
     * Binds and returns once connections are accepted.
     *
     * @throws UncheckedIOException when the address cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public synchronized HttpTransport start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "transport closed" : "transport already started");
        }
        spool.sweep(); // bodies a killed process was receiving
        try {
            // The read timeout NanoHTTPD sets on accept is a safety net; connections set their own timeouts.
            engine.start((int) config.readTimeout().toMillis(), true);
        } catch (IOException e) {
            pool.closeAll();
            closed = true;
            throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port(), e);
        }
        pool.startWatchdog();
        started = true;
        return this;
    }

    /** The bound port (useful with port 0); -1 before {@link #start()}. */
    public int port() {
        return engine.getListeningPort();
    }

    public HttpServerConfig config() {
        return config;
    }

    /**
     * Stops accepting, closes idle connections, lets requests in progress finish (up to
     * {@link HttpServerConfig#shutdownGrace()}), then closes what remains. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            engine.stop(); // closes the server socket, then ConnectionPool.closeAll(), then joins the acceptor
        } else {
            pool.closeAll();
        }
        spool.close();
    }

    /** Sockets of currently open connections; for tests of socket options. */
    List<Socket> openSockets() {
        return pool.openSockets();
    }
}
