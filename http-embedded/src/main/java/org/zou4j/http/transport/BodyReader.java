package org.zou4j.http.transport;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decides a request's body framing (RFC 9112 §6.3) and reads the body completely, so an unread body can never
 * be parsed as the next request (pitfall 6). Bodies are read exactly as framed, into memory (no temp files,
 * pitfall 8); chunked bodies are decoded (pitfall 7). Ambiguous framing is refused, as it enables smuggling.
 */
final class BodyReader {

    /** {@link #length} result for a chunked body. */
    static final long CHUNKED = -1;

    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_CHUNK_LINE = 4096;
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private BodyReader() {
    }

    /** @return the Content-Length, 0 when there is no body, or {@link #CHUNKED} */
    static long length(RequestHead head) throws HttpError {
        String transferEncoding = head.joined("transfer-encoding");
        String contentLength = head.joined("content-length");
        if (transferEncoding != null) {
            if (head.isHttp10() || contentLength != null) {
                throw HttpError.closing(400);
            }
            if (!transferEncoding.trim().toLowerCase(Locale.ROOT).equals("chunked")) {
                throw HttpError.closing(501); // gzip or other codings: not supported
            }
            return CHUNKED;
        }
        if (contentLength == null) {
            return 0;
        }
        long length = -1;
        for (String part : contentLength.split(",", -1)) {
            long value = parseDecimal(part.trim());
            if (value < 0 || length >= 0 && value != length) {
                throw HttpError.closing(400);
            }
            length = value;
        }
        return length;
    }

    /** Reads exactly {@code length} bytes, growing the buffer as data arrives (a bare header costs no memory). */
    static byte[] readFixed(WireInput in, long length) throws IOException {
        if (length == 0) {
            return EMPTY;
        }
        int total = (int) length;
        byte[] body = new byte[Math.min(total, INITIAL_CAPACITY)];
        int read = 0;
        while (read < total) {
            if (read == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(total, body.length * 2L));
            }
            int n = in.read(body, read, body.length - read);
            if (n < 0) {
                throw new EOFException("end of stream inside a request body");
            }
            read += n;
        }
        return body;
    }

    /** Decodes a chunked body; chunk extensions and trailers are read and ignored. */
    static byte[] readChunked(WireInput in, long maxBody, int maxTrailers) throws IOException, HttpError {
        byte[] body = new byte[1024];
        int length = 0;
        while (true) {
            long size = parseChunkSize(readLine(in, MAX_CHUNK_LINE));
            if (size == 0) {
                break;
            }
            if (size < 0) {
                throw HttpError.closing(400);
            }
            if (size > maxBody - length) {
                throw HttpError.closing(413);
            }
            int needed = length + (int) size;
            if (needed > body.length) {
                body = Arrays.copyOf(body, (int) Math.min(maxBody, Math.max(needed, body.length * 2L)));
            }
            in.readFully(body, length, (int) size);
            length = needed;
            if (!readLine(in, 2).isEmpty()) {
                throw HttpError.closing(400); // chunk data not followed by CRLF
            }
        }
        int budget = maxTrailers;
        while (true) {
            String trailer = readLine(in, budget);
            if (trailer.isEmpty()) {
                break;
            }
            budget -= in.lastLineBytes();
        }
        return length == body.length ? body : Arrays.copyOf(body, length);
    }

    private static String readLine(WireInput in, int max) throws IOException, HttpError {
        try {
            String line = in.readLine(max);
            if (line == null) {
                throw new EOFException("end of stream inside a chunked body");
            }
            return line;
        } catch (WireInput.LineTooLongException e) {
            throw HttpError.closing(400);
        }
    }

    /** @return the size, -1 when malformed, Long.MAX_VALUE when absurdly large */
    private static long parseChunkSize(String line) {
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        if (hex.isEmpty()) {
            return -1;
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            if (size > (Long.MAX_VALUE >> 4)) {
                return Long.MAX_VALUE;
            }
            size = size << 4 | digit;
        }
        return size;
    }

    /** @return the value, -1 when not a plain decimal, Long.MAX_VALUE when absurdly large */
    private static long parseDecimal(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (value > (Long.MAX_VALUE - 9) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
