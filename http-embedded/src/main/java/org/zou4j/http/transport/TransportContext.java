package org.zou4j.http.transport;

import java.util.function.BooleanSupplier;

/** What every connection of one transport shares. */
record TransportContext(HttpServerConfig config, RequestHandler handler, Cors cors, BooleanSupplier shutdownFlag,
                        BodySpool spool) {

    boolean shuttingDown() {
        return shutdownFlag.getAsBoolean();
    }

    int idleTimeoutMillis() {
        return (int) config.idleTimeout().toMillis();
    }

    int readTimeoutMillis() {
        return (int) config.readTimeout().toMillis();
    }

    long readTimeoutNanos() {
        return config.readTimeout().toNanos();
    }
}
