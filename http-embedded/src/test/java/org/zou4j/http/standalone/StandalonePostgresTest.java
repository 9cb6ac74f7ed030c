package org.zou4j.http.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/**
 * {@code ./zou4j serve} on a shared PostgreSQL configured through the environment ({@code ZOU_DB_URL} without
 * credentials, {@code ZOU_DB_USER}, {@code ZOU_SECRET_KEY}) with Zou's variables and the outbox: the same settings
 * reach the server as on H2. Skipped, with the reason printed, without {@code ZOU_TEST_PG_URL}.
 */
class StandalonePostgresTest {

    @Test
    void settingsFromTheEnvironmentOnASharedPostgresql(@TempDir Path tmp) throws Exception {
        try (PostgresTestDatabase.Dropping db = PostgresTestDatabase.newDatabase()) {
            String url = db.database().jdbcUrl();
            Matcher user = Pattern.compile("[?&]user=([^&]+)").matcher(url);
            assertThat(user.find()).as("the test server URL names its user").isTrue();
            Map<String, String> env = new HashMap<>(Map.of("ZOU_DB_URL", url.substring(0, url.indexOf('?')),
                    "ZOU_DB_USER", user.group(1), "ZOU_SECRET_KEY", "a-shared-secret-key-of-at-least-32-bytes!",
                    "ZOU_ADMIN_EMAIL", "boss@studio.example", "ZOU_ADMIN_PASSWORD", "a long admin password",
                    "ZOU_DATA_DIR", tmp.resolve("data").toString(), "BCRYPT_LOG_ROUNDS", "4",
                    "DEFAULT_TIMEZONE", "Europe/Berlin", "USER_LIMIT", "42"));
            env.put("DOMAIN_NAME", "kitsu.studio.example");
            try (StandaloneHttp s = StandaloneHttp.start(env)) {
                assertThat(s.get("/api/config", null).map()).containsEntry("default_timezone", "Europe/Berlin");
                String admin = s.token("boss@studio.example", "a long admin password");
                assertThat(s.get("/api/data/user/context", admin).map()).containsEntry("user_limit", 42);
                assertThat(s.send("POST", "/api/auth/reset-password", Map.of("email", "boss@studio.example"), null,
                        Map.of()).status()).isEqualTo(200);
                assertThat(StandaloneConfigTest.OutboxMails.await(tmp.resolve("data").resolve("outbox"), 1).get(0))
                        .contains("https://kitsu.studio.example/reset-change-password?email=boss%40studio.example");
            }
            // no secret was generated into the data directory: the shared key signs the tokens
            assertThat(tmp.resolve("data").resolve("secret.key")).doesNotExist();
        }
    }
}
