package org.zou4j.http.transport;

import fi.iki.elonen.NanoHTTPD;
import java.io.BufferedOutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NanoHTTPD's {@link NanoHTTPD.AsyncRunner}, bounded (pitfall 2): at most {@code maxConnections} connections,
 * each on its own thread for its keep-alive life. When full, a new connection is answered 503 and closed by a
 * separate small thread, so the accept loop never blocks. Also runs the write watchdog and the graceful stop.
 */
final class ConnectionPool implements NanoHTTPD.AsyncRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    private static final int REJECT_QUEUE = 64;
    private static final int REJECT_LINGER_MILLIS = 500;
    private static final long OVERLOAD_WARNING_INTERVAL_NANOS = 10_000_000_000L;

    private final HttpServerConfig config;
    private final Semaphore permits;
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final ThreadPoolExecutor rejecter;
    private final ScheduledExecutorService watchdog;
    private volatile boolean shuttingDown;
    private volatile long lastOverloadWarning;

    ConnectionPool(HttpServerConfig config, String name) {
        this.config = config;
        this.permits = new Semaphore(config.maxConnections());
        // Unbounded on paper, bounded by the semaphore; idle threads die after a minute.
        this.workers = Executors.newCachedThreadPool(threads(name + "-conn"));
        this.rejecter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(REJECT_QUEUE), threads(name + "-reject"),
                (task, executor) -> ((Rejection) task).dropSilently());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(threads(name + "-watchdog"));
    }

    /** Starts the write watchdog; called when the server starts, so an unstarted transport owns no thread. */
    void startWatchdog() {
        long period = Math.max(100, Math.min(1000, config.writeTimeout().toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::cutStalledWriters, period, period, TimeUnit.MILLISECONDS);
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /** Sockets of the open connections (for tests). */
    List<Socket> openSockets() {
        List<Socket> sockets = new ArrayList<>();
        live.forEach(c -> sockets.add(c.socket()));
        return sockets;
    }

    @Override
    public void exec(NanoHTTPD.ClientHandler handler) {
        NanoEngine.Client client = (NanoEngine.Client) handler;
        if (shuttingDown || client.connection() == null) {
            Sockets.closeQuietly(client.socket());
            return;
        }
        if (!permits.tryAcquire()) {
            warnOverloaded();
            rejecter.execute(new Rejection(client.socket()));
            return;
        }
        live.add(client.connection());
        try {
            workers.execute(client);
        } catch (RejectedExecutionException e) {
            closed(client);
            Sockets.closeQuietly(client.socket());
        }
    }

    @Override
    public void closed(NanoHTTPD.ClientHandler handler) {
        Connection connection = ((NanoEngine.Client) handler).connection();
        if (connection != null && live.remove(connection)) {
            permits.release();
        }
    }

    /** Graceful stop: idle connections close now, busy ones finish their request within the grace period. */
    @Override
    public void closeAll() {
        shuttingDown = true;
        live.forEach(Connection::closeIfIdle);
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (!live.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
                live.forEach(Connection::closeIfIdle);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!live.isEmpty()) {
            LOG.warn("{} connection(s) still busy after the shutdown grace period: closing them", live.size());
        }
        live.forEach(Connection::forceClose);
        workers.shutdown();
        rejecter.shutdownNow();
        watchdog.shutdownNow();
        try {
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** At most one warning per interval: under overload, every refused connection would log otherwise. */
    private void warnOverloaded() {
        long now = System.nanoTime();
        long last = lastOverloadWarning;
        if (last == 0 || now - last > OVERLOAD_WARNING_INTERVAL_NANOS) {
            lastOverloadWarning = now;
            LOG.warn("Connection limit ({}) reached: new connections are answered 503", config.maxConnections());
        }
    }

    private void cutStalledWriters() {
        long now = System.nanoTime();
        long limit = config.writeTimeout().toNanos();
        for (Connection c : live) {
            long since = c.writeBlockedSince();
            if (since != 0 && now - since > limit) {
                LOG.info("Closing a connection whose client stopped reading for more than {}", config.writeTimeout());
                c.forceClose();
            }
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Answers 503 to a connection over the limit, then closes it (never leaves it hanging). */
    private final class Rejection implements Runnable {
        private final Socket socket;

        Rejection(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            try {
                socket.setSoTimeout(REJECT_LINGER_MILLIS);
                ResponseWriter writer = new ResponseWriter(
                        new BufferedOutputStream(socket.getOutputStream(), 1024), config, new Cors(List.of()));
                writer.send(Exchange.bare(), HttpStatus.errorResponse(503).withHeader("Retry-After", "1"));
                Sockets.lingeringClose(socket, REJECT_LINGER_MILLIS);
            } catch (Exception e) {
                LOG.debug("Could not send 503: {}", e.toString());
                Sockets.closeQuietly(socket);
            }
        }

        void dropSilently() {
            Sockets.closeQuietly(socket);
        }
    }
}
