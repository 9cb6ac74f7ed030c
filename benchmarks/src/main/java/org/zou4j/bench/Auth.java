package org.zou4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the benchmark gets an access token: Zou's {@code POST /auth/login} with the generated admin's
 * credentials, on the server being measured. Empty when the server has no login route yet (auth not landed).
 */
final class Auth {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Auth() {
    }

    static String loginBody() {
        return loginBody(BenchData.ADMIN_EMAIL, BenchData.ADMIN_PASSWORD);
    }

    static String loginBody(String email, String password) {
        try {
            return MAPPER.writeValueAsString(Map.of("email", email, "password", password));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The admin's access token from the server at {@code port}, or empty when login is not served. */
    static Optional<String> token(int port) throws IOException {
        try (MiniHttp http = new MiniHttp("127.0.0.1", port)) {
            MiniHttp.Response r = http.post("/auth/login", null, loginBody());
            if (r.status() == 404 || r.status() == 405 || r.status() == 501) {
                return Optional.empty();
            }
            if (r.status() != 200) {
                throw new IOException("POST /auth/login answered " + r.status() + ": " + r.text());
            }
            Object token = MAPPER.readValue(r.body(), Map.class).get("access_token");
            if (!(token instanceof String s) || s.isEmpty()) {
                throw new IOException("POST /auth/login answered no access_token: " + r.text());
            }
            return Optional.of(s);
        }
    }
}
