package org.zou4j.http.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The "HTTP ceiling": requests/s of keep-alive GETs answering a tiny fixed JSON body, from 4 client threads
 * over raw sockets (a minimal client, so the figure is the server's). Prints figures, asserts nothing.
 * Run: {@code java -cp <test classpath> org.zou4j.http.transport.HttpCeiling [requests] [threads]}, or
 * {@code ... HttpCeiling serve <port> <seconds>} to serve the same body to an external tool such as wrk.
 */
public final class HttpCeiling {

    private static final byte[] REQUEST =
            "GET /ping HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "{\"api\":\"Zou\",\"version\":\"1.0.67\"}".getBytes(StandardCharsets.UTF_8);

    private HttpCeiling() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("serve")) { // for an external load tool such as wrk
            HttpServerConfig config = HttpServerConfig.builder().port(Integer.parseInt(args[1])).build();
            try (HttpTransport server = new HttpTransport(config, r -> HttpResponse.json(200, BODY)).start()) {
                System.out.println("serving on port " + server.port());
                Thread.sleep(Long.parseLong(args[2]) * 1000);
            }
            return;
        }
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        try (HttpTransport server = new HttpTransport(HttpServerConfig.defaults(),
                r -> HttpResponse.json(200, BODY)).start()) {
            run(server.port(), 20_000, threads); // warm-up (JIT)
            long start = System.nanoTime();
            run(server.port(), requests, threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("HTTP ceiling: %d keep-alive GETs from %d threads in %.2f s = %.0f req/s%n",
                    requests, threads, seconds, requests / seconds);
        }
    }

    private static void run(int port, int requests, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int share = requests / threads + (t < requests % threads ? 1 : 0);
                futures.add(pool.submit(() -> {
                    client(port, share);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void client(int port, int count) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            for (int i = 0; i < count; i++) {
                out.write(REQUEST);
                readResponse(in, buf);
            }
        }
    }

    /** Reads one response with a Content-Length body; throws unless it is a 200. */
    private static void readResponse(InputStream in, byte[] buf) throws IOException {
        int len = 0;
        int headEnd = -1;
        while (headEnd < 0) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            len += n;
            headEnd = indexOf(buf, len, "\r\n\r\n");
        }
        String head = new String(buf, 0, headEnd + 2, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 200 ")) {
            throw new IOException("unexpected response: " + head);
        }
        int at = head.indexOf("Content-Length: ") + 16;
        int contentLength = Integer.parseInt(head.substring(at, head.indexOf('\r', at)));
        int total = headEnd + 4 + contentLength;
        while (len < total) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            len += n;
        }
    }

    private static int indexOf(byte[] buf, int len, String marker) {
        outer:
        for (int i = 0; i + marker.length() <= len; i++) {
            for (int j = 0; j < marker.length(); j++) {
                if (buf[i + j] != marker.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
