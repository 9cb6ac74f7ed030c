package org.zou4j.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Needs no server: connects to a port where nothing listens. */
class PostgresUnreachableTest {
    private static final String PASSWORD = "hunter22-not-logged";

    @Test
    void anUnreachableServerFailsAtOnceNamingHostAndPortButNotThePassword() throws IOException {
        int port = closedPort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/zou?user=kitsu&password=" + PASSWORD;

        PostgresConnectionException e = catchThrowableOfType(PostgresConnectionException.class,
                () -> PostgresStorage.builder(url).connectionTimeout(Duration.ofSeconds(2)).build());

        System.out.println("unreachable server: " + e.getMessage());
        assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("kitsu").doesNotContain(PASSWORD);
        assertThat(e.sqlState()).isEqualTo("08001");
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
        }
    }

    @Test
    void explicitPasswordsNeverShowEither() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/zou";

        PostgresConnectionException e = catchThrowableOfType(PostgresConnectionException.class,
                () -> PostgresStorage.connect(url, "kitsu", PASSWORD.toCharArray()));

        assertThat(e).hasMessageNotContaining(PASSWORD);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
