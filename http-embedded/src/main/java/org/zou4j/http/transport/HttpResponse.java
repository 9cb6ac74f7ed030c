package org.zou4j.http.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP response: a status, headers and a body that is either bytes or a streaming {@link BodyWriter}.
 * Immutable; {@link #withHeader} returns a copy.
 *
 * <p>The transport owns the framing headers: {@code Content-Length}, {@code Transfer-Encoding},
 * {@code Connection} and {@code Keep-Alive} set here are ignored, except that {@code Connection: close}
 * closes the connection after this response. It adds {@code Date}, Zou's security headers (when absent)
 * and CORS headers (when enabled).
 *
 * <p>Factories taking a {@code byte[]} do not copy it: do not modify the array afterwards.
 */
public final class HttpResponse {

    /** {@code application/json} (UTF-8 is JSON's only encoding, so no charset parameter, like Flask). */
    public static final String JSON = "application/json";

    private static final byte[] EMPTY = new byte[0];

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;
    private final BodyWriter writer;
    private final boolean live;
    /** The exact length a streamed body will have, or -1 when unknown. */
    private final long length;

    private HttpResponse(int status, List<Map.Entry<String, String>> headers, byte[] body, BodyWriter writer) {
        this(status, headers, body, writer, false);
    }

    private HttpResponse(int status, List<Map.Entry<String, String>> headers, byte[] body, BodyWriter writer,
                         boolean live) {
        this(status, headers, body, writer, live, -1);
    }

    private HttpResponse(int status, List<Map.Entry<String, String>> headers, byte[] body, BodyWriter writer,
                         boolean live, long length) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.writer = writer;
        this.live = live;
        this.length = length;
    }

    /** A response with a byte body of the given content type ({@code null}: no Content-Type header). */
    public static HttpResponse bytes(int status, String contentType, byte[] body) {
        Objects.requireNonNull(body, "body");
        return new HttpResponse(status, contentTypeHeader(contentType), body, null);
    }

    /** A JSON response from UTF-8 encoded JSON bytes. */
    public static HttpResponse json(int status, byte[] utf8Json) {
        return bytes(status, JSON, utf8Json);
    }

    /** A JSON response from a JSON text. */
    public static HttpResponse json(int status, String json) {
        return json(status, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A streamed response: {@code writer} runs on the connection's thread after the handler returned. */
    public static HttpResponse stream(int status, String contentType, BodyWriter writer) {
        Objects.requireNonNull(writer, "writer");
        return new HttpResponse(status, contentTypeHeader(contentType), null, writer);
    }

    /**
     * A streamed body of exactly {@code length} bytes (files, movies): sent with that {@code Content-Length} (also
     * to HEAD), never compressed, so clients can seek in it; {@code writer} must write exactly that many bytes.
     */
    public static HttpResponse sized(int status, String contentType, long length, BodyWriter writer) {
        Objects.requireNonNull(writer, "writer");
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0");
        }
        return new HttpResponse(status, contentTypeHeader(contentType), null, writer, false, length);
    }

    /**
     * A live stream (e.g. Server-Sent Events): never compressed, and each {@code flush()} of the writer's stream sends
     * what was written at once, so a client sees every message as soon as it is written.
     */
    public static HttpResponse live(int status, String contentType, BodyWriter writer) {
        Objects.requireNonNull(writer, "writer");
        return new HttpResponse(status, contentTypeHeader(contentType), null, writer, true);
    }

    /**
     * A response of {@code body} framed as a streamed one (Content-Length up to the transport's buffer, chunked past
     * it), with exactly {@code headers}: what {@link #stream} with a {@link BytesWriter} or {@link #bytes} gave, replayed
     * (e.g. from a cache) so that it is byte-identical on the wire.
     */
    public static HttpResponse replay(int status, List<Map.Entry<String, String>> headers, byte[] body,
                                      boolean streamed) {
        Objects.requireNonNull(body, "body");
        return streamed ? new HttpResponse(status, headers, null, new BytesWriter(body))
                : new HttpResponse(status, headers, body, null);
    }

    /**
     * The body bytes when they are known without running a writer: a byte body, or a stream of a {@link BytesWriter};
     * else {@code null}. Shared: never modify them.
     */
    public byte[] knownBytes() {
        if (writer == null) {
            return body;
        }
        return writer instanceof BytesWriter w && !live && length < 0 ? w.bytes() : null;
    }

    /** A streamed JSON response. */
    public static HttpResponse streamJson(int status, BodyWriter writer) {
        return stream(status, JSON, writer);
    }

    /** {@code 204 No Content}, Zou's answer to a successful DELETE. */
    public static HttpResponse noContent() {
        return empty(204);
    }

    /** A response with an empty body and no Content-Type. */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, List.of(), EMPTY, null);
    }

    /** Zou's error shape: {@code {"error": true, "message": message}}. */
    public static HttpResponse error(int status, String message) {
        return json(status, Json.errorBody(message));
    }

    /** A copy with one more header (repeatable, e.g. for {@code Set-Cookie}). */
    public HttpResponse withHeader(String name, String value) {
        HeaderRules.requireValidName(name);
        HeaderRules.requireValidValue(value);
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.add(Map.entry(name, value));
        return new HttpResponse(status, copy, body, writer, live, length);
    }

    /** A copy without any header of that name (case-insensitive). */
    public HttpResponse withoutHeader(String name) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        return new HttpResponse(status, copy, body, writer, live, length);
    }

    /** A copy with another status. */
    public HttpResponse withStatus(int newStatus) {
        return new HttpResponse(newStatus, headers, body, writer, live, length);
    }

    public int status() {
        return status;
    }

    /** Headers in the order they were added. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The first value of a header (case-insensitive name). */
    public Optional<String> header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return Optional.of(h.getValue());
            }
        }
        return Optional.empty();
    }

    /** True when the body is produced by a {@link BodyWriter}. */
    public boolean isStreaming() {
        return writer != null;
    }

    /** A copy of the byte body; empty for a streamed response. */
    public byte[] body() {
        return body == null ? EMPTY : body.clone();
    }

    byte[] bodyBytes() {
        return body;
    }

    /** The exact length of a {@link #sized} body, or -1. */
    public long knownLength() {
        return length;
    }

    /** True for a {@link #live} stream. */
    public boolean isLive() {
        return live;
    }

    BodyWriter writer() {
        return writer;
    }

    private static List<Map.Entry<String, String>> contentTypeHeader(String contentType) {
        if (contentType == null) {
            return List.of();
        }
        HeaderRules.requireValidValue(contentType);
        return List.of(Map.entry("Content-Type", contentType));
    }
}
