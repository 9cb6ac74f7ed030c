package org.zou4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A minimal HTTP/1.1 keep-alive client over one socket, the same for every server measured (engine, floor, ceiling),
 * so differences are the servers'. It reads Content-Length and chunked bodies into a fixed buffer, counting bytes,
 * optionally hashing them or keeping them (small bodies).
 */
final class MiniHttp implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;

    /** One response. */
    record Response(int status, long bodyBytes, String contentType, byte[] body, byte[] sha256) {
        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    MiniHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Whether any byte of the current response arrived. */
    private boolean answered;

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setReceiveBufferSize(256 * 1024);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(120_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            pos = lim = 0;
        }
    }

    Response get(String target, String token, boolean keep, boolean hash) throws IOException {
        return send("GET", target, token, null, keep, hash);
    }

    Response post(String target, String token, String json) throws IOException {
        return send("POST", target, token, json, true, false);
    }

    /** Sends one request and reads the whole response. {@code keep}: keep the body bytes (small bodies only). */
    Response send(String method, String target, String token, String json, boolean keep, boolean hash)
            throws IOException {
        boolean reused = socket != null;
        try {
            return sendOnce(method, target, token, json, keep, hash);
        } catch (IOException e) {
            if (!reused || answered) {
                throw e;
            }
            // a kept-alive connection the server closed while idle (its idle timeout passed while the other server
            // of a pair was measured on a loaded machine): not an answer, so send again on a new connection, as
            // HTTP clients do
            return sendOnce(method, target, token, json, keep, hash);
        }
    }

    private Response sendOnce(String method, String target, String token, String json, boolean keep, boolean hash)
            throws IOException {
        connect();
        answered = false;
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(host).append(':')
                .append(port).append("\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(keep, hash);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Response read(boolean keep, boolean hash) throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("Bad status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String contentType = null;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            } else if (name.equalsIgnoreCase("Content-Type")) {
                contentType = value;
            }
        }
        ByteArrayOutputStream kept = keep ? new ByteArrayOutputStream() : null;
        MessageDigest digest = hash ? sha256() : null;
        long total = 0;
        if (chunked) {
            while (true) {
                String sizeLine = line();
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                total += body(size, kept, digest);
                if (!line().isEmpty()) {
                    throw new IOException("Bad chunk end");
                }
            }
        } else if (length >= 0) {
            total = body(length, kept, digest);
        } else {
            while (fill()) {
                total += consume(lim - pos, kept, digest);
            }
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(code, total, contentType, kept == null ? null : kept.toByteArray(),
                digest == null ? null : digest.digest());
    }

    private long body(long n, ByteArrayOutputStream kept, MessageDigest digest) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == lim && !fill()) {
                throw new IOException("Connection closed in a body");
            }
            left -= consume((int) Math.min(left, lim - pos), kept, digest);
        }
        return n;
    }

    private int consume(int n, ByteArrayOutputStream kept, MessageDigest digest) {
        if (kept != null) {
            kept.write(buf, pos, n);
        }
        if (digest != null) {
            digest.update(buf, pos, n);
        }
        pos += n;
        return n;
    }

    private boolean fill() throws IOException {
        pos = 0;
        lim = 0;
        int n = in.read(buf);
        if (n < 0) {
            return false;
        }
        answered = true;
        lim = n;
        return true;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            if (pos == lim && !fill()) {
                throw new IOException("Connection closed");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) (b & 0xff));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
            socket = null;
        }
    }
}
