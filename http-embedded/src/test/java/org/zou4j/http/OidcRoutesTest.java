package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.LoginRequest;
import org.zou4j.OidcConfig;
import org.zou4j.ZouEngine;
import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.h2.H2Storage;
import org.zou4j.storage.postgres.PostgresTestDatabase;

/**
 * OpenID Connect sign-in against a real OpenID provider running in-process (NAV's mock-oauth2-server: discovery, JWK
 * set, authorization and token endpoints, RS256-signed ID tokens): the whole browser flow over HTTP, following
 * redirects with a cookie jar, and the refusals (state, replay, nonce, expiry, audience, unverified e-mail, provider
 * error). Runs on H2; {@link Postgres} on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class OidcRoutesTest {
    static final String ADMIN = "admin@example.com";
    static final String PASSWORD = "s3cret-Passw0rd!";
    static final String CLIENT_ID = "kitsu-client";
    static final String FAILED = "{\"error\":\"OIDC authentication failed.\"}";

    /** The engine's clock, which a test can move forward. */
    final ShiftedClock clock = new ShiftedClock();
    MockOAuth2Server provider;
    ZouEngine engine;
    ZouHttpServer server;
    String publicUrl;
    ApiClient admin;

    boolean postgres() {
        return false;
    }

    @BeforeAll
    void start() throws IOException {
        provider = new MockOAuth2Server();
        provider.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        publicUrl = "http://127.0.0.1:" + port;
        StorageBackend storage = postgres() ? PostgresTestDatabase.newStorage() : H2Storage.inMemory();
        engine = ZouEngine.builder().storage(storage).secretKey("oidc-test-secret-0123456789abcdefghij")
                .bcryptCost(4).publicUrl(publicUrl)
                .oidc(OidcConfig.builder().discoveryUrl(URI.create(provider.wellKnownUrl("default").toString()))
                        .clientId(CLIENT_ID).clientSecret("kitsu-secret").idpName("Studio SSO").build())
                .clock(clock)
                .build();
        engine.ensureAdmin(ADMIN, PASSWORD);
        server = ZouHttpServer.builder(engine).port(port).build().start();
        admin = new ApiClient(port).withToken(engine.login(LoginRequest.of(ADMIN, PASSWORD)).access().orElseThrow());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends OidcRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    /** The ID token the provider issues next: {@code claims} added to (or overriding) its standard ones. */
    private void nextToken(Map<String, Object> claims, long expirySeconds) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "sub-" + UUID.randomUUID(), "JWT",
                List.of(CLIENT_ID), claims, expirySeconds));
    }

    private static Map<String, Object> person(String email, String given, String family) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", email);
        claims.put("email_verified", true);
        claims.put("given_name", given);
        claims.put("family_name", family);
        return claims;
    }

    /** A browser: a cookie jar, redirects followed or not. */
    private static HttpClient browser(CookieManager jar, boolean follow) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(jar)
                .followRedirects(follow ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        for (String pair : q == null ? new String[0] : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String cookie(CookieManager jar, String name) {
        return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Login up to the provider's answer: the callback URL the provider sends the browser to. */
    private String callbackUrl(HttpClient browser) {
        String authorize = location(get(browser, publicUrl + "/api/auth/oidc/login"));
        return location(get(browser, authorize));
    }

    @Test
    void theBrowserFlowCreatesThePersonAndOpensASession() {
        nextToken(person("nora.ide@example.com", "Nora", "Ide"), 3600);
        CookieManager jar = new CookieManager();
        HttpResponse<String> landed = get(browser(jar, true), publicUrl + "/api/auth/oidc/login");
        // login -> provider -> callback -> the web app (Zou's redirect to DOMAIN_PROTOCOL://DOMAIN_NAME)
        assertThat(landed.statusCode()).as(landed.body()).isEqualTo(200);
        assertThat(landed.uri().toString()).isIn(publicUrl, publicUrl + "/");
        String access = cookie(jar, "access_token_cookie");
        assertThat(access).isNotBlank();
        assertThat(cookie(jar, "zou4j_oidc_state")).as("state cookie cleared").isNull();

        ApiClient.Reply me = new ApiClient(server.port()).withToken(access).get("/auth/authenticated");
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        Map<String, Object> user = (Map<String, Object>) me.map().get("user");
        assertThat(user).containsEntry("email", "nora.ide@example.com").containsEntry("first_name", "Nora")
                .containsEntry("last_name", "Ide").containsEntry("role", "user");
    }

    @Test
    void anExistingPersonIsMatchedByEmailAndGetsTheProvidersNames() {
        ApiClient.Reply created = admin.post("/data/persons", Map.of("email", "ada.l@example.com",
                "first_name", "Ada", "last_name", "L", "role", "manager"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        nextToken(person("Ada.L@Example.com", "Adelaide", "Lovelace"), 3600);
        CookieManager jar = new CookieManager();
        assertThat(get(browser(jar, true), publicUrl + "/api/auth/oidc/login").statusCode()).isEqualTo(200);
        List<Map<String, Object>> matches = admin.get("/data/persons?email=ada.l@example.com").list();
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0)).containsEntry("id", created.map().get("id"))
                .containsEntry("first_name", "Adelaide").containsEntry("last_name", "Lovelace")
                .containsEntry("role", "manager");
        assertThat(cookie(jar, "access_token_cookie")).isNotBlank();
    }

    @Test
    void theLoginRedirectCarriesStateNonceAndPkce() {
        CookieManager jar = new CookieManager();
        HttpResponse<String> r = get(browser(jar, false), publicUrl + "/auth/oidc/login");
        String authorize = location(r);
        assertThat(authorize).startsWith(provider.authorizationEndpointUrl("default").toString());
        Map<String, String> q = query(authorize);
        assertThat(q).containsEntry("client_id", CLIENT_ID).containsEntry("response_type", "code")
                .containsEntry("redirect_uri", publicUrl + "/api/auth/oidc/callback")
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
        assertThat(q.get("scope").split(" ")).contains("openid", "email", "profile");
        String setCookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("zou4j_oidc_state=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        assertThat(cookie(jar, "zou4j_oidc_state")).isEqualTo(q.get("state"));
        ApiClient.Reply config = new ApiClient(server.port()).get("/api/config");
        assertThat(config.map()).containsEntry("oidc_enabled", true).containsEntry("oidc_idp_name", "Studio SSO");
        assertThat(new ApiClient(server.port()).send("PATCH", "/api/auth/oidc/login", "{}", "application/json")
                .status()).isEqualTo(405);
    }

    private void assertRefused(HttpResponse<String> r, CookieManager jar, String body) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body().replace(" ", "")).isEqualTo(body.replace(" ", ""));
        assertThat(cookie(jar, "access_token_cookie")).isNull();
    }

    @Test
    void aCallbackWithoutThisBrowsersStateIsRefused() {
        // refused before the code exchange: no token is queued at the provider (the next test would get it)
        CookieManager victim = new CookieManager();
        String callback = callbackUrl(browser(new CookieManager(), false));
        // another browser (no state cookie) brings the attacker's callback: login CSRF
        assertRefused(get(browser(victim, false), callback), victim, FAILED);
        // a state of our own browser, but not the one the provider answered
        CookieManager jar = new CookieManager();
        HttpClient b = browser(jar, false);
        location(get(b, publicUrl + "/api/auth/oidc/login"));
        String forged = callback.replaceAll("state=[^&]+", "state=" + cookie(jar, "zou4j_oidc_state") + "x");
        assertRefused(get(b, forged), jar, FAILED);
    }

    @Test
    void aCallbackIsAnsweredOnce() {
        nextToken(person("once@example.com", "O", "N"), 3600);
        CookieManager jar = new CookieManager();
        HttpClient b = browser(jar, false);
        String callback = callbackUrl(b);
        String state = cookie(jar, "zou4j_oidc_state");
        assertThat(location(get(b, callback))).isEqualTo(publicUrl);
        assertThat(cookie(jar, "access_token_cookie")).isNotBlank();
        // replayed, even with the state cookie put back
        CookieManager again = new CookieManager();
        again.getCookieStore().add(URI.create(publicUrl), stateCookie(state));
        assertRefused(get(browser(again, false), callback), again, FAILED);
    }

    /** The system clock, moved forward by a settable amount. */
    static final class ShiftedClock extends java.time.Clock {
        private volatile Duration shift = Duration.ZERO;

        void shift(Duration d) {
            shift = d;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(shift);
        }
    }

    private static HttpCookie stateCookie(String value) {
        HttpCookie c = new HttpCookie("zou4j_oidc_state", value);
        c.setPath("/");
        c.setVersion(0);
        return c;
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        Map<String, Object> claims = person("nonce@example.com", "N", "O");
        claims.put("nonce", "not-the-one-we-sent");
        nextToken(claims, 3600);
        CookieManager jar = new CookieManager();
        HttpClient b = browser(jar, false);
        assertRefused(get(b, callbackUrl(b)), jar, FAILED);
        assertThat(admin.get("/data/persons?email=nonce@example.com").list()).isEmpty();
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        // a token valid for ten minutes, checked by an engine whose clock is an hour ahead
        nextToken(person("late@example.com", "L", "A"), 600);
        clock.shift(Duration.ofHours(1));
        try {
            CookieManager jar = new CookieManager();
            HttpClient b = browser(jar, false);
            assertRefused(get(b, callbackUrl(b)), jar, FAILED);
        } finally {
            clock.shift(Duration.ZERO);
        }
        assertThat(admin.get("/data/persons?email=late@example.com").list()).isEmpty();
    }

    @Test
    void anIdTokenForAnotherClientIsRefused() {
        Map<String, Object> claims = person("aud@example.com", "A", "U");
        claims.put("aud", "some-other-client");
        nextToken(claims, 3600);
        CookieManager jar = new CookieManager();
        HttpClient b = browser(jar, false);
        assertRefused(get(b, callbackUrl(b)), jar, FAILED);
        assertThat(admin.get("/data/persons?email=aud@example.com").list()).isEmpty();
    }

    @Test
    void anUnverifiedOrMissingEmailIsRefusedWithZousMessages() {
        Map<String, Object> claims = person("unverified@example.com", "U", "V");
        claims.put("email_verified", false);
        nextToken(claims, 3600);
        CookieManager jar = new CookieManager();
        HttpClient b = browser(jar, false);
        assertRefused(get(b, callbackUrl(b)), jar, "{\"error\": \"Email address is not verified.\"}");

        Map<String, Object> noEmail = person("x@example.com", "N", "E");
        noEmail.remove("email");
        nextToken(noEmail, 3600);
        CookieManager jar2 = new CookieManager();
        HttpClient b2 = browser(jar2, false);
        assertRefused(get(b2, callbackUrl(b2)), jar2, "{\"error\": \"No email claim returned by the provider.\"}");
    }

    @Test
    void aProviderErrorIsRefused() {
        CookieManager jar = new CookieManager();
        HttpClient b = browser(jar, false);
        location(get(b, publicUrl + "/api/auth/oidc/login"));
        String state = cookie(jar, "zou4j_oidc_state");
        assertRefused(get(b, publicUrl + "/api/auth/oidc/callback?error=access_denied&state=" + state), jar, FAILED);
        assertRefused(get(b, publicUrl + "/api/auth/oidc/callback"), jar, FAILED);
    }
}
