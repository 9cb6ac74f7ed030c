package org.zou4j.http.transport;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Records when a socket write starts blocking. Java socket writes have no timeout, so a client that stops
 * reading would hold a connection thread forever; the pool's watchdog closes such connections.
 */
final class WatchedOutputStream extends FilterOutputStream {

    private volatile long blockedSince;

    WatchedOutputStream(OutputStream out) {
        super(out);
    }

    long blockedSince() {
        return blockedSince;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        blockedSince = Math.max(1, System.nanoTime());
        try {
            out.write(b, off, len);
        } finally {
            blockedSince = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
