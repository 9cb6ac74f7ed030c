package org.zou4j.http.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.mail.SmtpSettings;
import org.zou4j.storage.h2.H2Storage;
import org.zou4j.testing.SamlTestIdp;

/**
 * Every setting {@code ./zou4j serve} honours ({@link ConfigKeys}), from the environment and from {@code --config},
 * checked on a server started as {@code ./zou4j serve} starts it ({@link Main#start}), through HTTP.
 */
class StandaloneConfigTest {
    private static final String ADMIN = "boss@studio.example";
    private static final String PASSWORD = "a long admin password";

    private static Map<String, String> env(Path dataDir, String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("ZOU_ADMIN_EMAIL", ADMIN);
        env.put("ZOU_ADMIN_PASSWORD", PASSWORD);
        env.put("ZOU_DATA_DIR", dataDir.toString());
        env.put("BCRYPT_LOG_ROUNDS", "4");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void zouVariablesFromTheEnvironmentReachTheServer(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        try (StandaloneHttp s = StandaloneHttp.start(env(data, "DEFAULT_TIMEZONE", "America/New_York",
                "DEFAULT_LOCALE", "fr_FR", "USER_LIMIT", "3", "ENFORCE_2FA", "true", "2FA_EXEMPT_USERS",
                " other@studio.example , " + ADMIN, "MIN_PASSWORD_LENGTH", "12", "CORS_ALLOWED_ORIGINS",
                "https://kitsu.a.example;https://kitsu.b.example"))) {
            // ZOU_DATA_DIR: the database and the secret are there
            assertThat(data.resolve("secret.key")).exists();
            Map<String, Object> config = s.get("/api/config", null).map();
            assertThat(config).containsEntry("default_timezone", "America/New_York")
                    .containsEntry("default_locale", "fr_FR").containsEntry("enforce_2fa", true)
                    .containsEntry("saml_enabled", false);

            // 2FA_EXEMPT_USERS: the admin is exempt and gets a full token
            Map<String, Object> adminLogin = s.login(ADMIN, PASSWORD);
            assertThat(adminLogin).doesNotContainKey("two_factor_authentication_required");
            String admin = (String) adminLogin.get("access_token");
            // USER_LIMIT: shown to admins, and enforced (admin + 2 more = 3)
            assertThat(s.get("/api/data/user/context", admin).map()).containsEntry("user_limit", 3);
            s.person(admin, "jane@studio.example", "jane's long password", "user");
            s.person(admin, "joe@studio.example", "joe's long password", "user");
            StandaloneHttp.Reply fourth = s.send("POST", "/api/data/persons", Map.of("first_name", "Too",
                    "last_name", "Many", "email", "more@studio.example"), admin, Map.of());
            assertThat(fourth.status()).isEqualTo(400);
            assertThat(fourth.raw().body()).contains("User limit reached.");

            // ENFORCE_2FA: someone not exempt and without a factor may only enrol one
            Map<String, Object> jane = s.login("jane@studio.example", "jane's long password");
            assertThat(jane).containsEntry("two_factor_authentication_required", true);
            assertThat(s.get("/api/data/projects", (String) jane.get("access_token")).status()).isEqualTo(403);

            // MIN_PASSWORD_LENGTH: 11 characters are too short now
            StandaloneHttp.Reply shortPassword = s.send("POST", "/api/auth/change-password", Map.of("old_password",
                    PASSWORD, "password", "11-chars-pw", "password_2", "11-chars-pw"), admin, Map.of());
            assertThat(shortPassword.status()).isEqualTo(400);
            assertThat(shortPassword.raw().body()).contains("Password is too short.");

            // CORS_ALLOWED_ORIGINS: each listed origin is allowed, others are not
            StandaloneHttp.Reply cors = s.send("GET", "/api/config", null, null,
                    Map.of("Origin", "https://kitsu.b.example"));
            assertThat(cors.header("Access-Control-Allow-Origin")).isEqualTo("https://kitsu.b.example");
            assertThat(s.send("GET", "/api/config", null, null, Map.of("Origin", "https://evil.example"))
                    .header("Access-Control-Allow-Origin")).isNull();
        }
        // BCRYPT_LOG_ROUNDS: new hashes have cost 4
        try (H2Storage h2 = H2Storage.file(data); Connection c = h2.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("select password from person where email = ?")) {
            ps.setString(1, "jane@studio.example");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).matches("\\$2[aby]\\$04\\$.*");
            }
        }
    }

    @Test
    void defaultsAreZous(@TempDir Path tmp) {
        Map<String, String> env = env(tmp.resolve("data"));
        env.remove("BCRYPT_LOG_ROUNDS");
        try (StandaloneHttp s = StandaloneHttp.start(env)) {
            assertThat(s.get("/api/config", null).map()).containsEntry("default_timezone", "Europe/Paris")
                    .containsEntry("default_locale", "en_US").containsEntry("enforce_2fa", false);
            String admin = s.token(ADMIN, PASSWORD);
            assertThat(s.get("/api/data/user/context", admin).map()).containsEntry("user_limit", 100);
            assertThat(s.get("/api/config", null).header("Access-Control-Allow-Origin")).isNull();
            assertThat(s.out).contains("no SMTP server configured (MAIL_SERVER): mails are written as .eml files to "
                    + tmp.resolve("data").resolve("outbox").toAbsolutePath());
        }
    }

    @Test
    void theConfigFileGivesWhatNeitherFlagsNorEnvironmentGive(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("from-file");
        Path file = tmp.resolve("zou4j.properties");
        Files.writeString(file, String.join("\n",
                "# Zou's names, as in its environment file",
                "ZOU_PORT = 1",                        // the flag --port 0 wins
                "ZOU_HOST=127.0.0.1",
                "ZOU_DATA_DIR=" + data,
                "ZOU_ADMIN_EMAIL=" + ADMIN,
                "ZOU_ADMIN_PASSWORD=" + PASSWORD,
                "BCRYPT_LOG_ROUNDS=4",
                "DEFAULT_LOCALE=de_DE",                 // the environment's fr_FR wins
                "DEFAULT_TIMEZONE=Asia/Tokyo",
                "DOMAIN_NAME=kitsu.studio.example:9000",
                "DOMAIN_PROTOCOL=http",
                "MAIL_DEFAULT_SENDER=Kitsu <kitsu@studio.example>",
                ""), StandardCharsets.UTF_8);
        try (StandaloneHttp s = StandaloneHttp.start(Map.of("DEFAULT_LOCALE", "fr_FR"), "--config",
                file.toString())) {
            assertThat(s.running.server().port()).isNotEqualTo(1);
            assertThat(s.get("/api/config", null).map()).containsEntry("default_locale", "fr_FR")
                    .containsEntry("default_timezone", "Asia/Tokyo");
            assertThat(data.resolve("zou4j.mv.db")).exists();

            // DOMAIN_NAME / DOMAIN_PROTOCOL make the link of the mail, MAIL_DEFAULT_SENDER its sender; no SMTP
            // server configured: it lands in the outbox
            assertThat(s.send("POST", "/api/auth/reset-password", Map.of("email", ADMIN), null, Map.of()).status())
                    .isEqualTo(200);
            String mail = OutboxMails.await(data.resolve("outbox"), 1).get(0);
            assertThat(mail).contains("From: Kitsu <kitsu@studio.example>").contains("To: " + ADMIN)
                    .contains("http://kitsu.studio.example:9000/reset-change-password?email=boss%40studio.example");
        }
    }

    @Test
    void anUnknownKeyInTheFileIsAnErrorNamingIt(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("zou4j.properties");
        Files.writeString(file, "MAIL_SERVER=smtp.example\nMAIL_SERVRE=typo.example\n");
        StandaloneHttp.Outcome typo = StandaloneHttp.fails(Map.of(), "--config", file.toString(), "--data-dir",
                tmp.resolve("d").toString());
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown key MAIL_SERVRE").contains(file.toString());
        assertThat(tmp.resolve("d")).doesNotExist();

        Files.writeString(file, "SAML_SKIP_2FA=true\n");
        assertThat(StandaloneHttp.fails(Map.of(), "--config", file.toString()).err())
                .contains("unknown key SAML_SKIP_2FA (a Zou setting that zou4j does not support)");

        Files.writeString(file, "USER_LIMIT=3\nUSER_LIMIT=4\n");
        StandaloneHttp.Outcome twice = StandaloneHttp.fails(Map.of(), "--config", file.toString());
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("key USER_LIMIT is given twice");

        StandaloneHttp.Outcome missing = StandaloneHttp.fails(Map.of(), "--config", tmp.resolve("nope").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the config file");
    }

    @Test
    void aBadValueIsAnErrorNamingTheKeyAndWhereItCameFrom(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("d");
        record Case(String key, String value, String expected) {
        }
        for (Case c : List.of(new Case("MAIL_PORT", "twenty-five", "MAIL_PORT (environment variable MAIL_PORT) must"
                        + " be a number from 1 to 65535, got: twenty-five"),
                new Case("MAIL_USE_TLS", "maybe", "MAIL_USE_TLS (environment variable MAIL_USE_TLS) must be true or"
                        + " false"),
                new Case("USER_LIMIT", "-1", "USER_LIMIT (environment variable USER_LIMIT) must be a number"),
                new Case("DEFAULT_TIMEZONE", "Mars/Olympus", "Unknown time zone: Mars/Olympus"),
                new Case("DOMAIN_PROTOCOL", "ftp", "DOMAIN_PROTOCOL (environment variable DOMAIN_PROTOCOL) must be"
                        + " http or https"),
                new Case("ZOU_PORT", "99999", "ZOU_PORT (environment variable ZOU_PORT) must be a number from 0"),
                new Case("BCRYPT_LOG_ROUNDS", "40", "BCRYPT_LOG_ROUNDS (environment variable BCRYPT_LOG_ROUNDS)"),
                new Case("SAML_ENABLED", "true", "SAML_ENABLED (environment variable SAML_ENABLED) needs"
                        + " SAML_METADATA_URL"),
                new Case("OIDC_ENABLED", "true", "OIDC_ENABLED (environment variable OIDC_ENABLED) needs"
                        + " OIDC_DISCOVERY_URL"),
                new Case("ADMIN_TOKEN", "short", "adminToken (ADMIN_TOKEN) must be at least 16 characters long"))) {
            Map<String, String> env = Map.of(c.key(), c.value(), "MAIL_SERVER", "127.0.0.1");
            StandaloneHttp.Outcome o = StandaloneHttp.fails(env, "--data-dir", d.toString());
            assertThat(o.status()).as(c.key()).isEqualTo(2);
            assertThat(o.err()).as(c.key()).contains(c.expected());
        }
        // a secret is never echoed
        StandaloneHttp.Outcome noUser = StandaloneHttp.fails(Map.of("MAIL_SERVER", "127.0.0.1", "MAIL_PASSWORD",
                "s3cret-value"), "--data-dir", d.toString());
        assertThat(noUser.status()).isEqualTo(2);
        assertThat(noUser.err()).contains("MAIL_PASSWORD (environment variable MAIL_PASSWORD) needs MAIL_USERNAME")
                .doesNotContain("s3cret-value");
        assertThat(d).doesNotExist();
    }

    @Test
    void mailSettingsMapToSmtp() {
        Settings tls = Settings.load(Map.of(), Map.of("MAIL_SERVER", "smtp.studio.example", "MAIL_PORT", "587",
                "MAIL_USE_TLS", "True", "MAIL_USERNAME", "kitsu", "MAIL_PASSWORD", "pw", "MAIL_DEFAULT_SENDER",
                "kitsu@studio.example"), null);
        SmtpSettings smtp = StandaloneSetup.smtp(tls);
        assertThat(smtp.host()).isEqualTo("smtp.studio.example");
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(smtp.username()).isEqualTo("kitsu");
        assertThat(smtp.password()).isEqualTo("pw");
        assertThat(smtp.fromAddress()).isEqualTo("kitsu@studio.example");
        // MAIL_USE_SSL wins over MAIL_USE_TLS, as in Flask-Mail
        Settings ssl = Settings.load(Map.of(), Map.of("MAIL_SERVER", "smtp.studio.example", "MAIL_USE_TLS", "1",
                "MAIL_USE_SSL", "yes"), null);
        assertThat(StandaloneSetup.smtp(ssl).security()).isEqualTo(SmtpSettings.Security.SSL);
        assertThat(StandaloneSetup.smtp(ssl).port()).isEqualTo(25);
        assertThat(StandaloneSetup.smtp(ssl).authenticates()).isFalse();
    }

    @Test
    void uploadLimitFromTheFlagOrEnvironmentAnswers413AboveAndBodiesSpoolUnderTheDataDirectory(@TempDir Path tmp)
            throws Exception {
        Path data = tmp.resolve("data");
        try (StandaloneHttp s = StandaloneHttp.start(env(data), "--max-upload-mb", "1")) {
            assertThat(data.resolve("tmp")).isDirectory();
            int port = s.running.server().port();
            for (long length : new long[] {1024 * 1024 + 1, 64L * 1024 * 1024 * 1024}) {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                    socket.setSoTimeout(30_000);
                    socket.getOutputStream().write(("POST /api/pictures/preview-files/x HTTP/1.1\r\nHost: t\r\n"
                            + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + length
                            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(answer).startsWith("HTTP/1.1 413").endsWith(
                            "{\"error\":true,\"message\":\"The data value transmitted exceeds the capacity limit.\"}");
                }
            }
        }
        StandaloneHttp.Outcome bad = StandaloneHttp.fails(env(data, "ZOU_MAX_UPLOAD_MB", "lots"));
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("ZOU_MAX_UPLOAD_MB");
    }

    @Test
    void mailDisabledDropsMails(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        try (StandaloneHttp s = StandaloneHttp.start(env(data, "MAIL_ENABLED", "false"))) {
            assertThat(s.out).contains("mail disabled (MAIL_ENABLED=false)");
            assertThat(s.send("POST", "/api/auth/reset-password", Map.of("email", ADMIN), null, Map.of()).status())
                    .isEqualTo(200);
        }
        assertThat(data.resolve("outbox")).doesNotExist();
    }

    @Test
    void oidcAndAdminTokenFromZouVariables(@TempDir Path tmp) throws Exception {
        // the provider is read at the first login, not at start: the server starts while it is unreachable
        try (StandaloneHttp s = StandaloneHttp.start(env(tmp.resolve("data"), "OIDC_ENABLED", "true",
                "OIDC_IDP_NAME", "Studio OIDC", "OIDC_DISCOVERY_URL",
                "http://127.0.0.1:9/.well-known/openid-configuration", "OIDC_CLIENT_ID", "kitsu",
                "OIDC_CLIENT_SECRET", "kitsu-secret", "ADMIN_TOKEN", "standalone-admin-token-42"))) {
            assertThat(s.get("/api/config", null).map()).containsEntry("oidc_enabled", true)
                    .containsEntry("oidc_idp_name", "Studio OIDC");
            // an unreachable provider: 503 with a JSON body, not a redirect nor a 500
            StandaloneHttp.Reply login = s.get("/api/auth/oidc/login", null);
            assertThat(login.status()).isEqualTo(503);
            assertThat(login.map()).containsKey("message");
            StandaloneHttp.Reply check = s.get("/api/admin/config/check", "standalone-admin-token-42");
            assertThat(check.status()).isEqualTo(200);
            assertThat(check.map()).containsKeys("user_limit", "active_users");
        }
    }

    @Test
    void samlFromZouVariables(@TempDir Path tmp) throws Exception {
        byte[] metadata = SamlTestIdp.rsa().metadata().getBytes(StandardCharsets.UTF_8);
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/metadata.xml", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/samlmetadata+xml");
            exchange.sendResponseHeaders(200, metadata.length);
            exchange.getResponseBody().write(metadata);
            exchange.close();
        });
        idp.start();
        try (StandaloneHttp s = StandaloneHttp.start(env(tmp.resolve("data"), "SAML_ENABLED", "true",
                "SAML_IDP_NAME", "Studio SSO", "SAML_METADATA_URL",
                "http://127.0.0.1:" + idp.getAddress().getPort() + "/metadata.xml", "DOMAIN_NAME",
                "kitsu.studio.example"))) {
            assertThat(s.get("/api/config", null).map()).containsEntry("saml_enabled", true)
                    .containsEntry("saml_idp_name", "Studio SSO");
            // the login starts at the identity provider of the metadata
            StandaloneHttp.Reply login = s.get("/api/auth/saml/login", null);
            assertThat(login.status()).isEqualTo(302);
            assertThat(login.header("Location")).startsWith(SamlTestIdp.SSO_URL);
        } finally {
            idp.stop(0);
        }
        // file: URLs too
        Path file = tmp.resolve("idp.xml");
        Files.write(file, metadata);
        try (StandaloneHttp s = StandaloneHttp.start(env(tmp.resolve("data2"), "SAML_ENABLED", "yes",
                "SAML_METADATA_URL", file.toUri().toString()))) {
            assertThat(s.get("/api/config", null).map()).containsEntry("saml_enabled", true)
                    .containsEntry("saml_idp_name", "");
        }
    }

    @Test
    void pluginFolderAndUiDirectory(@TempDir Path tmp) throws Exception {
        StandaloneHttp.Outcome noPlugins = StandaloneHttp.fails(env(tmp.resolve("data"), "PLUGIN_FOLDER",
                tmp.resolve("no-such-plugins").toString()), "--port", "0");
        assertThat(noPlugins.status()).isEqualTo(1);
        assertThat(noPlugins.err()).contains(tmp.resolve("no-such-plugins").toString());

        Path ui = Files.createDirectories(tmp.resolve("dist"));
        Files.writeString(ui.resolve("index.html"), "<html>kitsu from ZOU_UI_DIR</html>");
        Files.createDirectories(tmp.resolve("plugins"));
        try (StandaloneHttp s = StandaloneHttp.start(env(tmp.resolve("data2"), "ZOU_UI_DIR", ui.toString(),
                "PLUGIN_FOLDER", tmp.resolve("plugins").toString()))) {
            assertThat(s.get("/", null).raw().body()).contains("kitsu from ZOU_UI_DIR");
            assertThat(s.running.engine().plugins()).isEmpty();
        }
    }

    @Test
    void aSharedDatabaseUrlFromTheEnvironmentNeedsTheSecretKeyToo(@TempDir Path tmp) {
        StandaloneHttp.Outcome o = StandaloneHttp.fails(Map.of("ZOU_DB_URL", "jdbc:postgresql://127.0.0.1:1/zou",
                "ZOU_DATA_DIR", tmp.resolve("d").toString()));
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).contains("ZOU_SECRET_KEY");
    }

    /** Reads the {@code .eml} files of an outbox. */
    static final class OutboxMails {
        private OutboxMails() {
        }

        static List<String> await(Path outbox, int count) throws Exception {
            for (int i = 0; i < 200; i++) {
                if (Files.isDirectory(outbox)) {
                    try (Stream<Path> files = Files.list(outbox)) {
                        List<Path> mails = files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
                        if (mails.size() >= count) {
                            List<String> out = new java.util.ArrayList<>();
                            for (Path p : mails) {
                                out.add(Files.readString(p, StandardCharsets.UTF_8));
                            }
                            return out;
                        }
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("fewer than " + count + " mails in " + outbox);
        }
    }
}
