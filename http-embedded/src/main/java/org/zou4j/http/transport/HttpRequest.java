package org.zou4j.http.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request, fully read from the socket before the handler runs. Immutable. A large body (above
 * {@link HttpServerConfig#spoolThreshold()}) is kept in a spool file rather than in memory; it exists until the
 * response has been sent, so read it ({@link #bodyStream()}, {@link #bodyStream(long, long)}) within the handler.
 *
 * <p>Paths and query strings are percent-decoded as UTF-8 by the transport (a malformed escape such as
 * {@code %zz} is answered 400 before any handler runs). Header names are case-insensitive. The body is
 * exactly the bytes the client sent (after chunked decoding); decoding it as JSON is the route layer's job.
 */
public final class HttpRequest {

    private final String method;
    private final String protocol;
    private final String rawPath;
    private final List<String> pathSegments;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final Map<String, String> cookies;
    private final String remoteAddress;
    private final boolean secure;
    private final ReadBody body;

    HttpRequest(RequestHead head, DecodedTarget target, ReadBody body, String remoteAddress, boolean secure) {
        this.method = head.method();
        this.protocol = head.version();
        this.rawPath = target.rawPath();
        this.pathSegments = target.segments();
        this.path = target.path();
        this.rawQuery = target.rawQuery();
        this.query = target.query();
        this.headers = head.headers();
        this.cookies = Cookies.parse(head.headers().getOrDefault("cookie", List.of()));
        this.remoteAddress = remoteAddress;
        this.secure = secure;
        this.body = body;
    }

    /** The method as sent, e.g. {@code GET} (always one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS). */
    public String method() {
        return method;
    }

    /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
    public String protocol() {
        return protocol;
    }

    /** The path as sent, without query string and not percent-decoded, e.g. {@code /data/a%2Fb}. */
    public String rawPath() {
        return rawPath;
    }

    /**
     * The path split on {@code /} and then percent-decoded segment by segment, so an encoded slash stays inside
     * its segment: {@code /data/a%2Fb/} gives {@code ["data", "a/b", ""]}. Use this for routing.
     */
    public List<String> pathSegments() {
        return pathSegments;
    }

    /** The percent-decoded path, e.g. {@code /data/a/b} (ambiguous with encoded slashes; see pathSegments). */
    public String path() {
        return path;
    }

    /** The query string as sent (without {@code ?}), or empty. */
    public String rawQuery() {
        return rawQuery;
    }

    /** Query parameters in order of appearance, decoded ({@code +} is a space); each name maps to all values. */
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    /** All values of a query parameter, possibly none. */
    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** All headers, keyed by lower-case name, values in order received (decoded as ISO-8859-1). */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, name case-insensitive. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    /** All values of a header, name case-insensitive. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** Cookies from the {@code Cookie} headers; the first of duplicate names wins. */
    public Map<String, String> cookies() {
        return cookies;
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** The client's IP address as text (the peer of the TCP connection, not X-Forwarded-For). */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** True when the request came over TLS. */
    public boolean isSecure() {
        return secure;
    }

    /** The {@code Content-Type} header, if any. */
    public Optional<String> contentType() {
        return header("content-type");
    }

    /** The body's length in bytes. */
    public long bodySize() {
        return body.size();
    }

    /** The body's length, capped at {@code Integer.MAX_VALUE} (see {@link #bodySize()}). */
    public int bodyLength() {
        return (int) Math.min(Integer.MAX_VALUE, body.size());
    }

    /**
     * A copy of the body bytes: mind the memory for large bodies, which {@link #bodyStream()} reads without.
     *
     * @throws IllegalStateException when the body cannot fit in an array
     */
    public byte[] body() {
        if (body.bytes() != null) {
            return body.bytes().clone();
        }
        if (body.size() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("The request body is too large for an array: " + body.size());
        }
        try (InputStream in = bodyStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the spooled request body", e);
        }
    }

    /** The body as a stream, without copying it into memory. */
    public InputStream bodyStream() {
        return bodyStream(0, body.size());
    }

    /**
     * {@code length} bytes of the body from {@code offset}, as a stream (no copy in memory): one part of a multipart
     * body, say.
     *
     * @throws IndexOutOfBoundsException when the range lies outside the body
     */
    public InputStream bodyStream(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > body.size()) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " of a body of " + body.size());
        }
        if (body.bytes() != null) {
            return new ByteArrayInputStream(body.bytes(), (int) offset, (int) length);
        }
        try {
            FileChannel channel = FileChannel.open(body.file(), StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInput(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the spooled request body", e);
        }
    }

    /** The body decoded as UTF-8 (malformed sequences become U+FFFD). */
    public String bodyAsString() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** At most {@code left} bytes of a stream. */
    private static final class BoundedInput extends java.io.FilterInputStream {
        private long left;

        BoundedInput(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return len == 0 ? 0 : -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    @Override
    public String toString() {
        // Never the query, headers or body: they may carry tokens or passwords.
        return method + " " + rawPath;
    }
}
