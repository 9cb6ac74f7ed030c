package org.zou4j.http.transport;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decides a request's body framing (RFC 9112 §6.3) and reads the body completely, so an unread body can never
 * be parsed as the next request (pitfall 6). Bodies are read exactly as framed: small ones into memory (pitfall 8),
 * large ones (uploads of movies) into an owner-only spool file; chunked bodies are decoded (pitfall 7). Ambiguous framing is refused, as it enables smuggling.
 */
final class BodyReader {

    /** {@link #length} result for a chunked body. */
    static final long CHUNKED = -1;

    private static final int COPY_BUFFER = 64 * 1024;
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

    /**
     * Reads exactly {@code length} bytes: into memory up to {@code threshold} (growing the buffer as data arrives, so a
     * bare header costs no memory), else straight into a spool file, so a large upload never sits in the heap.
     */
    static ReadBody readFixed(WireInput in, long length, long threshold, BodySpool spool) throws IOException {
        if (length == 0) {
            return ReadBody.EMPTY;
        }
        if (length > threshold) {
            Sink sink = new Sink(0, spool);
            try {
                byte[] buf = new byte[COPY_BUFFER];
                long left = length;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        throw new EOFException("end of stream inside a request body");
                    }
                    sink.write(buf, 0, n);
                    left -= n;
                }
                return sink.finish();
            } catch (IOException | RuntimeException e) {
                sink.discard();
                throw e;
            }
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
        return ReadBody.of(body);
    }

    /** Decodes a chunked body (spooled past {@code threshold}); chunk extensions and trailers are read and ignored. */
    static ReadBody readChunked(WireInput in, long maxBody, int maxTrailers, long threshold, BodySpool spool)
            throws IOException, HttpError {
        Sink sink = new Sink(threshold, spool);
        try {
            byte[] buf = new byte[COPY_BUFFER];
            while (true) {
                long size = parseChunkSize(readLine(in, MAX_CHUNK_LINE));
                if (size == 0) {
                    break;
                }
                if (size < 0) {
                    throw HttpError.closing(400);
                }
                if (size > maxBody - sink.size()) {
                    throw HttpError.closing(413);
                }
                long left = size;
                while (left > 0) {
                    int n = (int) Math.min(buf.length, left);
                    in.readFully(buf, 0, n);
                    sink.write(buf, 0, n);
                    left -= n;
                }
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
            return sink.finish();
        } catch (IOException | HttpError | RuntimeException e) {
            sink.discard();
            throw e;
        }
    }

    /** Collects body bytes in memory up to a threshold, then in a spool file. */
    private static final class Sink {
        private final long threshold;
        private final BodySpool spool;
        private byte[] memory = new byte[1024];
        private long size;
        private Path file;
        private OutputStream out;

        Sink(long threshold, BodySpool spool) {
            this.threshold = threshold;
            this.spool = spool;
        }

        long size() {
            return size;
        }

        void write(byte[] b, int off, int len) throws IOException {
            if (out == null && size + len > threshold) {
                file = spool.newFile();
                out = new BufferedOutputStream(Files.newOutputStream(file), COPY_BUFFER);
                out.write(memory, 0, (int) size);
                memory = null;
            }
            if (out != null) {
                out.write(b, off, len);
            } else {
                int needed = (int) size + len;
                if (needed > memory.length) {
                    memory = Arrays.copyOf(memory, (int) Math.min(threshold, Math.max(needed,
                            memory.length * 2L)));
                }
                System.arraycopy(b, off, memory, (int) size, len);
            }
            size += len;
        }

        ReadBody finish() throws IOException {
            if (out == null) {
                return size == 0 ? ReadBody.EMPTY : ReadBody.of(Arrays.copyOf(memory, (int) size));
            }
            out.close();
            return new ReadBody(null, file, size);
        }

        void discard() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the file goes anyway
                }
            }
            new ReadBody(null, file, size).discard();
        }
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
