package org.zou4j.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The floor over HTTP: a raw-socket HTTP/1.1 keep-alive server (one thread per connection, TCP_NODELAY) that streams
 * {@link Floor}'s JSON with chunked transfer encoding in 16 KB chunks, as the engine's transport frames a long body.
 * Serves {@code /data/tasks?project_id=&task_status_id=} and {@code /data/entities?project_id=}.
 */
final class FloorServer implements AutoCloseable {
    private final Floor floor;
    private final WithTasksFloor withTasks;
    private final ServerSocket server;
    private final Thread acceptor;
    private volatile boolean closed;

    FloorServer(Floor floor) throws IOException {
        this.floor = floor;
        this.withTasks = new WithTasksFloor(floor.dataSource());
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "floor-acceptor");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "floor-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                while (true) { // headers: ignored (GET only)
                    String h = line(in);
                    if (h == null) {
                        return;
                    }
                    if (h.isEmpty()) {
                        break;
                    }
                }
                String target = requestLine.split(" ")[1];
                int q = target.indexOf('?');
                String path = q < 0 ? target : target.substring(0, q);
                Map<String, String> params = query(q < 0 ? "" : target.substring(q + 1));
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                ChunkedOutput body = new ChunkedOutput(out);
                try {
                    if (path.equals("/data/tasks")) {
                        String status = params.get("task_status_id");
                        floor.tasks(UUID.fromString(params.get("project_id")),
                                status == null ? null : UUID.fromString(status), body);
                    } else if (path.equals("/data/assets/with-tasks")) {
                        withTasks.assets(UUID.fromString(params.get("project_id")), body);
                    } else if (path.equals("/data/shots/with-tasks")) {
                        withTasks.shots(UUID.fromString(params.get("project_id")), body);
                    } else if (path.equals("/data/entities")) {
                        floor.entities(UUID.fromString(params.get("project_id")), body);
                    } else {
                        body.write("[]".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (java.sql.SQLException e) {
                    throw new IOException(e);
                }
                body.finish();
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static Map<String, String> query(String qs) {
        Map<String, String> m = new HashMap<>();
        for (String pair : qs.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        return null;
    }

    /** Chunked transfer encoding, one chunk (size line, data, CRLF) per socket write of at most 16 KB of data. */
    private static final class ChunkedOutput extends OutputStream {
        private static final int CHUNK = 16 * 1024;
        private static final int PREFIX = 8;
        private final OutputStream out;
        private final byte[] buf = new byte[PREFIX + CHUNK + 2];
        private int count;

        ChunkedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            buf[PREFIX + count++] = (byte) b;
            if (count == CHUNK) {
                emit();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - count);
                System.arraycopy(b, off, buf, PREFIX + count, n);
                count += n;
                off += n;
                len -= n;
                if (count == CHUNK) {
                    emit();
                }
            }
        }

        private void emit() throws IOException {
            if (count > 0) {
                byte[] size = (Integer.toHexString(count) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                int start = PREFIX - size.length;
                System.arraycopy(size, 0, buf, start, size.length);
                buf[PREFIX + count] = '\r';
                buf[PREFIX + count + 1] = '\n';
                out.write(buf, start, size.length + count + 2);
                count = 0;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        void finish() throws IOException {
            emit();
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
