package org.zou4j.http.transport;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes responses on one connection: status line, headers (Zou's security headers, CORS, Date, framing),
 * then the body as bytes with Content-Length or streamed (see {@link StreamingOutput}), gzipped when worth it.
 */
final class ResponseWriter {

    /** Zou sets these on every response, errors included, when the route did not (zou-auth.md §8). */
    private static final String[][] SECURITY_HEADERS = {
            {"X-Content-Type-Options", "nosniff"},
            {"X-Frame-Options", "SAMEORIGIN"},
            {"Content-Security-Policy", "frame-ancestors 'self'"},
            {"Referrer-Policy", "strict-origin-when-cross-origin"},
    };

    private final OutputStream out;
    private final HttpServerConfig config;
    private final Cors cors;
    private final StringBuilder head = new StringBuilder(512);

    ResponseWriter(OutputStream out, HttpServerConfig config, Cors cors) {
        this.out = out;
        this.config = config;
        this.cors = cors;
    }

    /** The interim answer to {@code Expect: 100-continue}. */
    void sendContinue() throws IOException {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * @return whether the connection may serve another request
     * @throws BodyWriterException when a streamed body failed (the connection state is then in the exception)
     */
    boolean send(Exchange exchange, HttpResponse response) throws IOException, BodyWriterException {
        OutgoingHeaders headers = new OutgoingHeaders();
        boolean keepAlive = exchange.keepAlive();
        for (Map.Entry<String, String> h : response.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            switch (name) {
                case "connection" -> keepAlive &= !HeaderRules.hasToken(h.getValue(), "close");
                case "content-length", "transfer-encoding", "keep-alive" -> { } // framing is ours
                default -> headers.add(h.getKey(), h.getValue());
            }
        }
        headers.addIfAbsent("Date", HttpDate.now());
        for (String[] h : SECURITY_HEADERS) {
            headers.addIfAbsent(h[0], h[1]);
        }
        cors.decorate(headers, exchange.origin());

        int status = response.status();
        boolean bodyless = exchange.head() || status == 204 || status == 304 || status < 200;
        if (response.isStreaming()) {
            return sendStream(exchange, response, headers, keepAlive, bodyless);
        }
        byte[] body = response.bodyBytes();
        if (!bodyless && gzipEligible(headers) && body.length >= config.gzipMinSize()) {
            headers.addVary("Accept-Encoding");
            if (GzipPolicy.clientAccepts(exchange.acceptEncoding())) {
                body = gzip(body);
                headers.add("Content-Encoding", "gzip");
            }
        }
        if (status != 204 && status != 304 && status >= 200) {
            headers.add("Content-Length", Integer.toString(body.length));
        }
        writeHead(status, headers, keepAlive, exchange.http10());
        if (!bodyless) {
            out.write(body);
        }
        out.flush();
        return keepAlive;
    }

    private boolean sendStream(Exchange exchange, HttpResponse response, OutgoingHeaders headers,
                               boolean keepAlive, boolean bodyless) throws IOException, BodyWriterException {
        int status = response.status();
        if (bodyless) { // HEAD: the writer is not run, so the length is unknown and not sent (unless declared)
            if (response.knownLength() >= 0 && status >= 200 && status != 204 && status != 304) {
                headers.add("Content-Length", Long.toString(response.knownLength()));
            }
            writeHead(status, headers, keepAlive, exchange.http10());
            out.flush();
            return keepAlive;
        }
        boolean compress = false;
        if (!response.isLive() && response.knownLength() < 0 && gzipEligible(headers)) {
            headers.addVary("Accept-Encoding");
            compress = GzipPolicy.clientAccepts(exchange.acceptEncoding());
            if (compress) {
                headers.add("Content-Encoding", "gzip");
            }
        }
        boolean[] keep = {keepAlive};
        long declared = response.knownLength();
        StreamingOutput body = new StreamingOutput(out, buffered -> {
            long contentLength = declared >= 0 ? declared : buffered;
            StreamingOutput.Framing framing;
            if (contentLength >= 0) {
                headers.add("Content-Length", Long.toString(contentLength));
                framing = StreamingOutput.Framing.FIXED;
            } else if (exchange.http10()) {
                keep[0] = false; // HTTP/1.0 has no chunked encoding: the end of the body is the end of the connection
                framing = StreamingOutput.Framing.CLOSE_DELIMITED;
            } else {
                headers.add("Transfer-Encoding", "chunked");
                framing = StreamingOutput.Framing.CHUNKED;
            }
            writeHead(status, headers, keep[0], exchange.http10());
            return framing;
        });
        try {
            GZIPOutputStream gzip = compress ? new GZIPOutputStream(body, 8192) : null;
            response.writer().writeTo(response.isLive() ? new LiveShield(body) : new Shield(gzip != null ? gzip : body));
            if (gzip != null) {
                gzip.finish();
            }
            body.finish();
        } catch (Throwable e) { // any writer failure is handled by the connection, even an Error
            throw new BodyWriterException(e, body.isCommitted(), body.socketFailed());
        }
        return keep[0];
    }

    private boolean gzipEligible(OutgoingHeaders headers) {
        return config.gzip() && headers.get("Content-Encoding") == null
                && GzipPolicy.compressible(headers.get("Content-Type"));
    }

    private void writeHead(int status, OutgoingHeaders headers, boolean keepAlive, boolean http10)
            throws IOException {
        if (!keepAlive) {
            headers.add("Connection", "close");
        } else if (http10) {
            headers.add("Connection", "keep-alive");
        }
        head.setLength(0);
        head.append("HTTP/1.1 ").append(status).append(' ').append(HttpStatus.reason(status)).append("\r\n");
        headers.appendTo(head);
        head.append("\r\n");
        byte[] bytes = new byte[head.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) head.charAt(i); // header values are validated Latin-1
        }
        out.write(bytes);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(64, body.length / 4));
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 8192)) {
            gzip.write(body);
        }
        return compressed.toByteArray();
    }

    /** A live stream's writer: flushing sends what was written at once; closing is still ours. */
    private static final class LiveShield extends FilterOutputStream {
        private final StreamingOutput body;

        LiveShield(StreamingOutput body) {
            super(body);
            this.body = body;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            body.sendNow();
        }

        @Override
        public void close() {
        }
    }

    /** Hands the writer a stream it cannot flush or close, so gzip trailers and chunk framing stay ours. */
    private static final class Shield extends FilterOutputStream {
        Shield(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
