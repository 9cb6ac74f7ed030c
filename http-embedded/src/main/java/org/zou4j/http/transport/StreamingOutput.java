package org.zou4j.http.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stream a {@link BodyWriter} writes to. It holds back the first {@link #CHUNK} bytes so that a short body
 * still gets a Content-Length, and a failure before anything was sent can still become a 500; past that it
 * commits the head and emits one chunk per buffer, so memory stays bounded whatever the body size.
 */
final class StreamingOutput extends OutputStream {

    static final int CHUNK = 16 * 1024;
    /** Room before the data for the chunk-size line ({@code 4000\r\n} at most). */
    private static final int PREFIX = 8;

    enum Framing { FIXED, CHUNKED, CLOSE_DELIMITED }

    /** Writes the response head once the framing is known. */
    interface HeadCommitter {
        /** @param contentLength the whole body length, or -1 when the body is longer than one buffer */
        Framing commit(long contentLength) throws IOException;
    }

    private final OutputStream socket;
    private final HeadCommitter committer;
    private final byte[] buf = new byte[PREFIX + CHUNK + 2];
    private int count;
    private Framing framing;
    private boolean socketFailed;

    StreamingOutput(OutputStream socket, HeadCommitter committer) {
        this.socket = socket;
        this.committer = committer;
    }

    boolean isCommitted() {
        return framing != null;
    }

    /** True when a write to the socket failed: the client went away, the writer is not to blame. */
    boolean socketFailed() {
        return socketFailed;
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

    /** Ignored: bytes leave when a chunk is full or the body is finished. */
    @Override
    public void flush() {
    }

    /** Ignored: the transport finishes the body after the writer returns. */
    @Override
    public void close() {
    }

    /** Sends what is buffered now, as a chunk (committing the head without a Content-Length if needed). */
    void sendNow() throws IOException {
        emit();
        try {
            socket.flush();
        } catch (IOException e) {
            socketFailed = true;
            throw e;
        }
    }

    /** Sends what is buffered and the end of the body. */
    void finish() throws IOException {
        if (framing == null) {
            commit(count);
            send(buf, PREFIX, count);
        } else {
            emit();
            if (framing == Framing.CHUNKED) {
                send("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, 5);
            }
        }
        try {
            socket.flush();
        } catch (IOException e) {
            socketFailed = true;
            throw e;
        }
    }

    private void emit() throws IOException {
        if (framing == null) {
            commit(-1);
        }
        if (count == 0) {
            return;
        }
        if (framing == Framing.CHUNKED) {
            byte[] size = (Integer.toHexString(count) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            int start = PREFIX - size.length;
            System.arraycopy(size, 0, buf, start, size.length);
            buf[PREFIX + count] = '\r';
            buf[PREFIX + count + 1] = '\n';
            send(buf, start, size.length + count + 2);
        } else {
            send(buf, PREFIX, count);
        }
        count = 0;
    }

    private void commit(long contentLength) throws IOException {
        try {
            framing = committer.commit(contentLength);
        } catch (IOException e) {
            socketFailed = true;
            throw e;
        }
    }

    private void send(byte[] b, int off, int len) throws IOException {
        try {
            socket.write(b, off, len);
        } catch (IOException e) {
            socketFailed = true;
            throw e;
        }
    }
}
