package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zou4j.ZouEngine;
import org.zou4j.mail.MailMessage;
import org.zou4j.storage.h2.H2Storage;

/** Zou's auth routes end to end over a real socket: bodies, statuses, cookies, and the engine behind them. */
class AuthRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    private static final List<MailMessage> MAILS = new CopyOnWriteArrayList<>();
    private static H2Storage storage;
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        storage = H2Storage.inMemory();
        engine = ZouEngine.builder().storage(storage).secretKey("http-auth-test-secret-0123456789abcdef")
                .bcryptCost(4).mailSender(MAILS::add).publicUrl("https://kitsu.studio.example").build();
        server = ZouHttpServer.builder(engine).port(0).build().start();
        for (String who : List.of("jane", "john", "reset", "changer", "browser")) {
            engine.systemSession().data("persons").create(Map.of("first_name", who, "last_name", "Doe",
                    "email", who + "@studio.example", "password", PASSWORD));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    record Reply(int status, HttpResponse<String> raw) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            try {
                return JSON.readValue(raw.body(), Map.class);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        List<String> setCookies() {
            return raw.headers().allValues("set-cookie");
        }
    }

    private static Reply call(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Reply postJson(String path, Object body, String... headers) {
        List<String> h = new ArrayList<>(List.of("Content-Type", "application/json"));
        h.addAll(List.of(headers));
        return call("POST", path, ApiClient.json(body), h.toArray(String[]::new));
    }

    private static Reply putJson(String path, Object body) {
        return call("PUT", path, ApiClient.json(body), "Content-Type", "application/json");
    }

    private static Map<String, Object> login(String who) {
        Reply r = postJson("/api/auth/login", Map.of("email", who + "@studio.example", "password", PASSWORD),
                "User-Agent", "gazu/0.10");
        assertThat(r.status()).isEqualTo(200);
        return r.map();
    }

    private static String cookieValue(List<String> setCookies, String name) {
        for (String c : setCookies) {
            if (c.startsWith(name + "=")) {
                return c.substring(name.length() + 1, c.indexOf(';'));
            }
        }
        throw new AssertionError("no " + name + " in " + setCookies);
    }

    @Test
    void loginAnswersZousBodyAndAScriptGetsNoCookie() {
        Reply r = postJson("/auth/login", Map.of("email", "jane@studio.example", "password", PASSWORD, "extra", 1),
                "User-Agent", "python-requests/2.32");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.map()).containsKeys("user", "organisation", "access_token", "refresh_token")
                .containsEntry("login", true);
        assertThat(r.setCookies()).isEmpty();
    }

    @Test
    void loginReadsTheQueryStringOrAFormWhenThereIsNoJson() {
        Reply q = call("POST", "/auth/login?email=jane%40studio.example&password=correct+horse+battery", null);
        assertThat(q.status()).isEqualTo(200);
        Reply form = call("POST", "/api/auth/login/", "email=jane%40studio.example&password=correct%20horse%20battery",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.map()).containsEntry("login", true);
    }

    @Test
    void loginFailuresAreZousAnswers() {
        Reply wrong = postJson("/auth/login", Map.of("email", "john@studio.example", "password", "nope"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.map()).isEqualTo(Map.of("login", false));

        Reply empty = postJson("/auth/login", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.map()).isEqualTo(Map.of("error", true, "message", "Validation error.", "data",
                Map.of("errors", List.of(Map.of("field", "email", "message", "Field required")))));

        Reply notString = postJson("/auth/login", Map.of("email", 42));
        assertThat(notString.map().toString()).contains("Input should be a valid string");
    }

    @Test
    void aBrowserGetsCookiesThatAuthenticateRefreshAndLogOut() {
        Reply r = postJson("/auth/login", Map.of("email", "browser@studio.example", "password", PASSWORD),
                "User-Agent", BROWSER);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.setCookies()).hasSize(2);
        assertThat(r.setCookies().get(0)).startsWith("access_token_cookie=").contains("HttpOnly")
                .contains("Path=/;").contains("SameSite=Lax").contains("Max-Age=31540000");
        assertThat(r.setCookies().get(1)).startsWith("refresh_token_cookie=").contains("Path=/auth/refresh-token");
        String access = cookieValue(r.setCookies(), "access_token_cookie");
        String refresh = cookieValue(r.setCookies(), "refresh_token_cookie");

        Reply me = call("GET", "/auth/authenticated", null, "Cookie", "access_token_cookie=" + access);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.map()).containsEntry("authenticated", true);

        Reply refreshed = call("GET", "/auth/refresh-token", null, "Cookie", "refresh_token_cookie=" + refresh,
                "User-Agent", BROWSER);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.map()).isEqualTo(Map.of("refresh", true));
        assertThat(refreshed.setCookies()).hasSize(2);
        assertThat(refreshed.setCookies().get(1)).startsWith("refresh_token_cookie=;")
                .contains("Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        String newAccess = cookieValue(refreshed.setCookies(), "access_token_cookie");

        Reply out = call("GET", "/auth/logout", null, "Cookie", "access_token_cookie=" + newAccess,
                "User-Agent", BROWSER);
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.map()).isEqualTo(Map.of("logout", true));
        assertThat(out.setCookies()).allMatch(c -> c.contains("=;") && c.contains("1970"));

        Reply after = call("GET", "/auth/refresh-token", null, "Cookie", "refresh_token_cookie=" + refresh);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.map()).isEqualTo(Map.of("msg", "Token has been revoked"));
    }

    @Test
    void bearerTokensWorkForScriptsAndLogoutRevokesBothTokens() {
        Map<String, Object> login = login("john");
        String access = (String) login.get("access_token");
        String refresh = (String) login.get("refresh_token");

        Reply me = call("GET", "/api/auth/authenticated/", null, "Authorization", "Bearer " + access);
        assertThat(me.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) me.map().get("user");
        assertThat(user).containsEntry("email", "john@studio.example").containsKey("fido_devices")
                .doesNotContainKeys("password", "jti");

        Reply refreshed = call("GET", "/auth/refresh-token", null, "Authorization", "Bearer " + refresh);
        assertThat(refreshed.map()).containsOnlyKeys("access_token");
        Reply wrongType = call("GET", "/auth/refresh-token", null, "Authorization", "Bearer " + access);
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.map()).isEqualTo(Map.of("msg", "Only refresh tokens are allowed"));

        assertThat(call("GET", "/auth/logout", null, "Authorization", "Bearer " + access).map())
                .isEqualTo(Map.of("logout", true));
        Reply revoked = call("GET", "/auth/authenticated", null, "Authorization", "Bearer " + access);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.map()).isEqualTo(Map.of("msg", "Token has been revoked"));
        assertThat(call("GET", "/auth/refresh-token", null, "Authorization", "Bearer " + refresh).status())
                .isEqualTo(401);
    }

    @Test
    void aMalformedBearerIs422AndNoTokenIs401() {
        Reply none = call("GET", "/auth/authenticated", null, "Authorization", "Bearer None");
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.map()).isEqualTo(Map.of("msg", "Not enough segments"));
        Reply missing = call("GET", "/auth/logout", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.map()).containsEntry("msg", "Missing JWT in cookies or headers (Missing cookie "
                + "\"access_token_cookie\"; Missing Authorization Header)");
        Reply missingRefresh = call("GET", "/auth/refresh-token", null);
        assertThat((String) missingRefresh.map().get("msg")).contains("refresh_token_cookie");
    }

    @ParameterizedTest
    @CsvSource({"GET,/auth/login", "POST,/auth/logout", "GET,/auth/change-password", "GET,/auth/reset-password",
        "DELETE,/auth/reset-password", "POST,/auth/authenticated", "POST,/auth/refresh-token"})
    void otherMethodsAre405(String method, String path) {
        Reply r = call(method, path, null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.map()).isEqualTo(Map.of("error", true, "message",
                "The method is not allowed for the requested URL."));
    }

    @Test
    void registerDoesNotExist() {
        assertThat(postJson("/auth/register", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void changePasswordOverHttp() {
        String access = (String) login("changer").get("access_token");
        Reply wrong = call("POST", "/auth/change-password", ApiClient.json(Map.of("old_password", "nope",
                "password", "a new password", "password_2", "a new password")), "Content-Type", "application/json",
                "Authorization", "Bearer " + access);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.map()).isEqualTo(Map.of("error", true, "message", "Old password is wrong."));

        Reply missing = call("POST", "/auth/change-password", "{}", "Content-Type", "application/json",
                "Authorization", "Bearer " + access);
        assertThat(missing.map().toString()).contains("old_password").contains("password_2");

        Reply ok = call("POST", "/auth/change-password", ApiClient.json(Map.of("old_password", PASSWORD,
                "password", "a new password", "password_2", "a new password")), "Content-Type", "application/json",
                "Authorization", "Bearer " + access);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.map()).isEqualTo(Map.of("success", true));
        assertThat(postJson("/auth/login", Map.of("email", "changer@studio.example", "password", "a new password"))
                .status()).isEqualTo(200);

        assertThat(call("POST", "/auth/change-password", "{}", "Content-Type", "application/json").status())
                .isEqualTo(401);
    }

    @Test
    void resetPasswordOverHttp() throws Exception {
        Reply unknown = postJson("/auth/reset-password", Map.of("email", "nobody@studio.example"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.map()).isEqualTo(Map.of("success", "Reset token sent"));
        Reply known = postJson("/auth/reset-password", Map.of("email", "reset@studio.example"));
        assertThat(known.map()).isEqualTo(unknown.map());

        String token = null;
        for (int i = 0; i < 100 && token == null; i++) {
            for (MailMessage m : MAILS) {
                Matcher matcher = Pattern.compile("email=reset%40studio.example&token=([A-Z0-9]{64})").matcher(m.text());
                if (matcher.find()) {
                    token = matcher.group(1);
                }
            }
            if (token == null) {
                Thread.sleep(50);
            }
        }
        assertThat(token).isNotNull();

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "reset@studio.example");
        body.put("token", token);
        body.put("password", "short");
        body.put("password2", "short");
        assertThat(putJson("/auth/reset-password", body).map()).isEqualTo(Map.of("error", true, "message",
                "Password is too short."));
        body.put("password", "a reset password");
        body.put("password2", "a reset password");
        Reply ok = putJson("/auth/reset-password", body);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.map()).isEqualTo(Map.of("success", true));
        Reply again = putJson("/auth/reset-password", body);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.map()).isEqualTo(Map.of("error", true, "message", "Wrong or expired token."));
        assertThat(postJson("/auth/login", Map.of("email", "reset@studio.example", "password", "a reset password"))
                .status()).isEqualTo(200);
    }

    @Test
    void theDefaultPasswordAnswerCarriesAResetToken() {
        // Zou's placeholder password (CSV imports, LDAP sync) is too short to be set through /data/persons
        String id = engine.systemSession().data("persons").create(Map.of("first_name", "New", "last_name", "Comer",
                "email", "new@studio.example")).id();
        try (var hasher = org.zou4j.internal.auth.crypto.PasswordHasher.builder().cost(4).build();
             var c = storage.dataSource().getConnection();
             var ps = c.prepareStatement("UPDATE person SET password = ? WHERE id = ?")) {
            ps.setString(1, hasher.hash("default"));
            ps.setObject(2, java.util.UUID.fromString(id));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        Reply r = postJson("/auth/login", Map.of("email", "new@studio.example"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.map()).containsEntry("login", false).containsEntry("default_password", true).containsKey("token");
    }
}
