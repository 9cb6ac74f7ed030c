package org.zou4j.http.standalone;

import java.io.PrintStream;
import java.util.Map;
import org.zou4j.ZouEngine;

/**
 * Creates the first admin of an empty database: {@code ZOU_ADMIN_EMAIL}/{@code ZOU_ADMIN_PASSWORD}, or
 * {@code admin@example.com} with a generated password printed once.
 */
final class AdminBootstrap {
    private AdminBootstrap() {
    }

    static void run(ZouEngine engine, Map<String, String> env, PrintStream out) {
        // Filled in when the engine's account bootstrap lands (auth work).
    }
}
