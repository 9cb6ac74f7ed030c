package org.zou4j.http.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/** A raw HTTP/1.1 client over one socket, for protocol-level tests: sends bytes as given, parses strictly. */
final class RawHttp implements Closeable {

    /** A parsed response; {@code chunkSizes} lists the chunk sizes when the body was chunked. */
    record Response(int status, Map<String, List<String>> headers, byte[] body, List<Integer> chunkSizes) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends {@code GET path} with a Host header and reads the response. */
    Response get(String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n");
        return read();
    }

    Response read() throws IOException {
        return read(false, n -> { });
    }

    /** Reads the answer to a HEAD request: headers only. */
    Response readHeadResponse() throws IOException {
        return read(true, n -> { });
    }

    /** @param progress called with the body bytes read so far, after each chunk */
    Response read(boolean headRequest, IntConsumer progress) throws IOException {
        String statusLine = line();
        while (statusLine.isEmpty()) {
            statusLine = line();
        }
        if (!statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("Bad status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        if (status == 100) {
            return new Response(status, headers, new byte[0], List.of());
        }
        List<Integer> chunks = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String te = first(headers, "transfer-encoding");
        String cl = first(headers, "content-length");
        if (headRequest || status == 204 || status == 304) {
            return new Response(status, headers, new byte[0], chunks);
        } else if ("chunked".equalsIgnoreCase(te)) {
            while (true) {
                int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                chunks.add(size);
                body.write(in.readNBytes(size));
                if (!line().isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
                progress.accept(body.size());
            }
        } else if (cl != null) {
            byte[] b = in.readNBytes(Integer.parseInt(cl));
            body.write(b);
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(status, headers, body.toByteArray(), chunks);
    }

    /** True when the server closed the connection (reads end of stream within the socket timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server also means closed
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed; read so far: " + line);
            }
            line.write(c);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
