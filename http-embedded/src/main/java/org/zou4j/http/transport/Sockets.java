package org.zou4j.http.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import javax.net.ssl.SSLSocket;

/** Socket helpers shared by connections and the overload path. */
final class Sockets {

    private static final int LINGER_MAX_BYTES = 1024 * 1024;

    private Sockets() {
    }

    /**
     * Closes after an error answer while the client may still be sending: closing a socket with unread input
     * makes the kernel send RST, which can destroy the answer before the client reads it. So we stop writing,
     * discard what still arrives (bounded in bytes and time), then close.
     */
    static void lingeringClose(Socket socket, int millis) {
        try {
            if (!(socket instanceof SSLSocket)) {
                socket.shutdownOutput();
            }
            socket.setSoTimeout(Math.min(250, millis));
            InputStream in = socket.getInputStream();
            byte[] junk = new byte[8192];
            long deadline = System.nanoTime() + millis * 1_000_000L;
            int total = 0;
            while (total < LINGER_MAX_BYTES && System.nanoTime() - deadline < 0) {
                int n;
                try {
                    n = in.read(junk);
                } catch (java.net.SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the peer is gone or misbehaving: nothing more to do than close
        } finally {
            closeQuietly(socket);
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed or broken
        }
    }
}
