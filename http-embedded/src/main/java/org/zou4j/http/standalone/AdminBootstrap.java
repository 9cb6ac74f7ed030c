package org.zou4j.http.standalone;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.zou4j.ZouEngine;

/**
 * Creates the first admin of an empty database: {@code ZOU_ADMIN_EMAIL}/{@code ZOU_ADMIN_PASSWORD}, or
 * {@code admin@example.com} with a generated password printed once. A database that already holds a person is left
 * alone, whatever the environment says.
 */
final class AdminBootstrap {
    static final String DEFAULT_EMAIL = "admin@example.com";

    private AdminBootstrap() {
    }

    static void run(ZouEngine engine, Map<String, String> env, PrintStream out) {
        run(engine, env.get("ZOU_ADMIN_EMAIL"), env.get("ZOU_ADMIN_PASSWORD"), out);
    }

    /** With the e-mail and password as configured (either may be null). */
    static void run(ZouEngine engine, String configuredEmail, String configuredPassword, PrintStream out) {
        String email = configuredEmail;
        if (email == null || email.isBlank()) {
            email = DEFAULT_EMAIL;
        }
        String password = configuredPassword;
        boolean generated = password == null || password.isEmpty();
        if (generated) {
            byte[] bytes = new byte[15];
            new SecureRandom().nextBytes(bytes);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); // 20 characters
        }
        if (engine.ensureAdmin(email.trim(), password)) {
            out.println(generated
                    ? "zou4j: created the first admin " + email.trim() + " with password " + password
                            + " (shown only now: log in and change it)"
                    : "zou4j: created the first admin " + email.trim() + " (password from ZOU_ADMIN_PASSWORD)");
            out.flush();
        }
    }
}
