package org.zou4j.http.internal.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoServer;
import io.socket.socketio.server.SocketIoSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.events.Event;
import org.zou4j.events.Subscription;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/**
 * Zou's realtime channel for Kitsu: socket.io (Engine.IO 4, long-polling) at {@code /socket.io/}, namespace
 * {@code /events}. The protocol is the socket.io/Engine.IO server library's; this class plugs it into our transport
 * ({@link ServletExchange}) and feeds it the engine's committed events, which include other instances' events.
 *
 * <p>Authentication is the API's: the {@code access_token_cookie} cookie Kitsu's login set, or an
 * {@code Authorization: Bearer} header. As in Zou, the Engine.IO handshake is open (Kitsu opens its socket before
 * the person logs in, and connects again after) and the {@code /events} namespace connection without a valid token is
 * disconnected at once, and each delivery re-checks the token, so a logout or deactivation ends
 * the flow at the next event. Zou broadcasts every event to every connected client; here a client only receives the
 * events of projects it may read (see {@link EventAudience}), as on {@code /events/stream}.
 */
public final class SocketIoEndpoint implements AutoCloseable {
    /** Kitsu connects to this namespace. */
    public static final String NAMESPACE = "/events";
    private static final Logger LOG = LoggerFactory.getLogger(SocketIoEndpoint.class);
    private static final long PING_INTERVAL_MILLIS = 25_000;
    private static final long PING_TIMEOUT_MILLIS = 20_000;
    private static final int QUEUE = 10_000;
    private static final Pattern UPGRADES = Pattern.compile("\"upgrades\"\\s*:\\s*\\[[^\\]]*\\]");

    private final ZouEngine engine;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService timers;
    private final ExecutorService fanOut;
    private final EngineIoServer engineIo;
    private final Map<SocketIoSocket, EventAudience> audiences = new ConcurrentHashMap<>();
    private final Subscription subscription;

    public SocketIoEndpoint(ZouEngine engine, ObjectMapper mapper) {
        this.engine = engine;
        this.mapper = mapper;
        AtomicInteger threads = new AtomicInteger();
        this.timers = Executors.newScheduledThreadPool(1, r -> daemon(r, "zou4j-socketio-timer-" + threads.incrementAndGet()));
        // one thread delivers in commit order; a full queue drops (clients re-read on reconnect, as after any outage)
        this.fanOut = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE),
                r -> daemon(r, "zou4j-socketio-fanout"), new ThreadPoolExecutor.DiscardPolicy());
        EngineIoServerOptions options = EngineIoServerOptions.newFromDefault();
        options.setCorsHandlingDisabled(true); // the transport applies the server's CORS settings
        options.setPingInterval(PING_INTERVAL_MILLIS);
        options.setPingTimeout(PING_TIMEOUT_MILLIS);
        options.setScheduledExecutorService(timers);
        this.engineIo = new EngineIoServer(options);
        SocketIoServer socketIo = new SocketIoServer(engineIo);
        SocketIoNamespace events = socketIo.namespace(NAMESPACE);
        events.on("connection", args -> onConnection((SocketIoSocket) args[0]));
        this.subscription = engine.events().subscribe("*", e -> fanOut.execute(() -> deliver(e)));
    }

    /** {@code GET} (handshake, long poll) and {@code POST} (client packets) of {@code /socket.io/}. */
    public List<Route> routes() {
        return List.of(Route.of("GET", "/socket.io", false, this::handle),
                Route.of("POST", "/socket.io", false, this::handle));
    }

    private HttpResponse handle(Call call) {
        ServletExchange exchange = new ServletExchange(call.request());
        try {
            engineIo.handleRequest(exchange.request(), exchange.response());
            HttpResponse response = exchange.awaitResponse(PING_INTERVAL_MILLIS + PING_TIMEOUT_MILLIS);
            return call.request().queryParam("sid").isPresent() ? response : withoutUpgrades(response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZouException.plain(org.zou4j.ErrorCode.UNAVAILABLE, "The server is stopping.");
        }
    }

    /**
     * The library offers a WebSocket upgrade in every polling handshake; our transport keeps clients on long-polling,
     * so the offer is withdrawn ({@code "upgrades": []}) and socket.io-client never tries a WebSocket that would fail.
     */
    private static HttpResponse withoutUpgrades(HttpResponse handshake) {
        String body = new String(handshake.body(), StandardCharsets.UTF_8);
        String withdrawn = UPGRADES.matcher(body).replaceFirst("\"upgrades\": []");
        if (withdrawn.equals(body)) {
            return handshake;
        }
        HttpResponse response = HttpResponse.bytes(handshake.status(),
                handshake.header("Content-Type").orElse("text/plain; charset=UTF-8"),
                withdrawn.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> header : handshake.headers()) {
            if (!header.getKey().equalsIgnoreCase("Content-Type") && !header.getKey().equalsIgnoreCase("Content-Length")) {
                response = response.withHeader(header.getKey(), header.getValue());
            }
        }
        return response;
    }

    private void onConnection(SocketIoSocket socket) {
        Optional<EventAudience> audience = audience(socket.getInitialHeaders());
        if (audience.isEmpty()) {
            socket.disconnect(false); // socket.io's namespace disconnect: the client stays until it connects again
            return;
        }
        audiences.put(socket, audience.get());
        socket.on("disconnect", args -> audiences.remove(socket));
    }

    private void deliver(Event e) {
        JSONObject payload = null;
        for (Map.Entry<SocketIoSocket, EventAudience> entry : audiences.entrySet()) {
            SocketIoSocket socket = entry.getKey();
            EventAudience audience = entry.getValue();
            try {
                if (!audience.stillAuthorized()) {
                    audiences.remove(socket);
                    socket.disconnect(true);
                    continue;
                }
                if (!audience.sees(e)) {
                    continue;
                }
                if (payload == null) {
                    payload = new JSONObject(mapper.writeValueAsString(e.data()));
                }
                socket.send(e.name(), payload);
            } catch (JsonProcessingException | RuntimeException ex) {
                LOG.warn("Could not deliver {} to a socket.io client: {}", e.name(), ex.toString());
            }
        }
    }

    /** The audience of the token in the request headers (cookie first, then Authorization), if it is valid. */
    private Optional<EventAudience> audience(Map<String, List<String>> headers) {
        Optional<String> token = token(headers);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EventAudience(engine, token.get()));
        } catch (ZouException e) {
            return Optional.empty();
        }
    }

    static Optional<String> token(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String line : header.getValue()) {
                    for (String pair : line.split(";")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0 && pair.substring(0, eq).trim().equals("access_token_cookie")) {
                            String value = pair.substring(eq + 1).trim();
                            if (!value.isEmpty()) {
                                return Optional.of(value);
                            }
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("authorization")) {
                for (String value : header.getValue()) {
                    String[] parts = value.trim().split("\\s+");
                    if (parts.length == 2 && parts[0].equals("Bearer")) {
                        return Optional.of(parts[1]);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** How many socket.io clients are connected to {@code /events} (for tests and status). */
    public int connectedClients() {
        return audiences.size();
    }

    @Override
    public void close() {
        subscription.close();
        fanOut.shutdownNow();
        for (SocketIoSocket socket : audiences.keySet()) {
            try {
                socket.disconnect(true);
            } catch (RuntimeException e) {
                LOG.debug("socket.io disconnect at close: {}", e.toString());
            }
        }
        audiences.clear();
        engineIo.shutdown();
        timers.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
