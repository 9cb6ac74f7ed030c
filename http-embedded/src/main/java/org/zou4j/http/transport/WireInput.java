package org.zou4j.http.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Buffered reading of a connection's bytes with bounded lines, replacing NanoHTTPD's fixed 8 KB head buffer
 * that truncated long heads silently (pitfall 3). Not thread-safe: one per connection.
 */
final class WireInput {

    /** A line longer than the caller's limit; the rest of it is unread. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("line too long", null);
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[512];
    private int lastLineBytes;
    private long deadline;
    private boolean deadlineSet;

    WireInput(InputStream in) {
        this.in = in;
    }

    /** Fails reads after {@code nanos} from now, however slowly bytes trickle in (slowloris heads). */
    void setDeadline(long nanos) {
        deadline = System.nanoTime() + nanos;
        deadlineSet = true;
    }

    void clearDeadline() {
        deadlineSet = false;
    }

    /** Blocks until at least one byte is available; false at end of stream. */
    boolean awaitData() throws IOException {
        return pos < limit || fill() > 0;
    }

    private int fill() throws IOException {
        if (deadlineSet && System.nanoTime() - deadline > 0) {
            throw new SocketTimeoutException("request not received in time");
        }
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n;
    }

    /**
     * Reads one line ended by LF (a CR before it is dropped), decoded one char per byte.
     *
     * @param max most bytes the line may take, terminator included
     * @return the line, or null at end of stream before its first byte
     * @throws LineTooLongException when no LF comes within {@code max} bytes
     */
    String readLine(int max) throws IOException {
        int len = 0;
        while (true) {
            if (pos == limit && fill() < 0) {
                if (len == 0) {
                    return null;
                }
                throw new EOFException("end of stream inside a line");
            }
            int lf = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            int take = (lf >= 0 ? lf : limit) - pos;
            if (len + take + (lf >= 0 ? 1 : 0) > max) {
                throw new LineTooLongException();
            }
            if (len + take > line.length) {
                line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, len + take));
            }
            System.arraycopy(buf, pos, line, len, take);
            len += take;
            if (lf >= 0) {
                pos = lf + 1;
                lastLineBytes = len + 1;
                int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
                return new String(line, 0, end, StandardCharsets.ISO_8859_1);
            }
            pos = limit;
        }
    }

    /** Bytes taken by the last line read, terminator included. */
    int lastLineBytes() {
        return lastLineBytes;
    }

    /** Reads up to {@code len} bytes; -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pos == limit) {
            if (len >= buf.length) {
                return in.read(b, off, len);
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = read(b, off, len);
            if (n < 0) {
                throw new EOFException("end of stream inside a request body");
            }
            off += n;
            len -= n;
        }
    }
}
