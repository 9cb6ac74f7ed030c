package org.zou4j.http.transport;

import fi.iki.elonen.NanoHTTPD;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NanoHTTPD as the engine: it owns the server socket (plain or TLS), the accept loop and start/stop. Each
 * accepted socket becomes a {@link Connection} run by our {@link ConnectionPool}; NanoHTTPD's HTTPSession,
 * request parsing and temp files are never used.
 */
final class NanoEngine extends NanoHTTPD {

    private static final Logger LOG = LoggerFactory.getLogger(NanoEngine.class);
    /** Pitfall 9: NanoHTTPD would otherwise enable every protocol the JVM supports. */
    static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final TransportContext context;

    NanoEngine(HttpServerConfig config, ConnectionPool pool, TransportContext context) {
        super(config.host(), config.port());
        this.context = context;
        setAsyncRunner(pool);
        // Pitfall 8: bodies are read by us into memory; a temp file request would be a bug.
        setTempFileManagerFactory(() -> {
            throw new IllegalStateException("temp files are never used by the zou4j transport");
        });
        config.sslContext().ifPresent(ssl -> makeSecure(ssl.getServerSocketFactory(), pinnedProtocols(ssl)));
    }

    static String[] pinnedProtocols(SSLContext ssl) {
        List<String> supported = Arrays.asList(ssl.getSupportedSSLParameters().getProtocols());
        List<String> pinned = new ArrayList<>(TLS_PROTOCOLS);
        pinned.retainAll(supported);
        if (pinned.isEmpty()) {
            throw new IllegalArgumentException("The SSLContext supports neither TLSv1.3 nor TLSv1.2");
        }
        return pinned.toArray(String[]::new);
    }

    @Override
    protected ClientHandler createClientHandler(Socket socket, InputStream inputStream) {
        try {
            // Pitfall 1: without it, Nagle + delayed ACK stall every keep-alive response by ~40 ms.
            socket.setTcpNoDelay(true);
        } catch (SocketException e) {
            LOG.debug("Could not set TCP_NODELAY: {}", e.toString());
        }
        return new Client(inputStream, socket);
    }

    @Override
    public Response serve(IHTTPSession session) {
        throw new IllegalStateException("Requests are served by Connection, not by NanoHTTPD sessions");
    }

    /** NanoHTTPD's per-connection runnable, running our {@link Connection} instead of an HTTPSession. */
    final class Client extends ClientHandler {
        private final Socket socket;
        private final Connection connection;

        Client(InputStream inputStream, Socket socket) {
            super(inputStream, socket);
            this.socket = socket;
            Connection c;
            try {
                c = new Connection(socket, context);
            } catch (IOException e) {
                c = null;
            }
            this.connection = c;
        }

        Socket socket() {
            return socket;
        }

        Connection connection() {
            return connection;
        }

        @Override
        public void run() {
            try {
                if (connection != null) {
                    connection.serve();
                }
            } finally {
                Sockets.closeQuietly(socket);
                asyncRunner.closed(this);
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.forceClose();
            } else {
                Sockets.closeQuietly(socket);
            }
        }
    }
}
