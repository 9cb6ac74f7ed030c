package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.SamlConfig;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;
import org.zou4j.testing.SamlTestIdp;

/** Zou's SAML routes over a real socket: the redirect to the IdP, the ACS post, cookies, refusals, disabled, config. */
class SamlRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC_URL = "https://kitsu.studio.example";
    private static final String SP_ENTITY_ID = PUBLIC_URL + "/api/auth/saml/login";
    private static final String ACS_URL = PUBLIC_URL + "/api/auth/saml/sso";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private static SamlTestIdp idp;
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static ZouEngine plainEngine;
    private static ZouHttpServer plainServer;

    @BeforeAll
    static void start() {
        idp = SamlTestIdp.rsa();
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("http-saml-test-secret-0123456789abcdef")
                .bcryptCost(4).publicUrl(PUBLIC_URL)
                .saml(SamlConfig.builder().idpMetadata(idp.metadata()).idpName("Studio SSO").build()).build();
        server = ZouHttpServer.builder(engine).port(0).build().start();
        plainEngine = ZouEngine.builder().storage(H2Storage.inMemory())
                .secretKey("http-saml-test-secret-0123456789abcdef").bcryptCost(4).build();
        plainServer = ZouHttpServer.builder(plainEngine).port(0).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
        plainServer.close();
        plainEngine.close();
    }

    private static HttpResponse<String> call(ZouHttpServer target, String method, String path, String formBody,
                                             String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (formBody != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded");
        }
        b.method(method, formBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(formBody));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String samlResponse) {
        return "SAMLResponse=" + URLEncoder.encode(samlResponse, StandardCharsets.UTF_8) + "&RelayState="
                + URLEncoder.encode("https://evil.example/phish", StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> r) throws IOException {
        return JSON.readValue(r.body(), Map.class);
    }

    @Test
    void theIdpLoginRoundTripLogsTheBrowserInWithCookies() throws Exception {
        HttpResponse<String> login = call(server, "GET", "/api/auth/saml/login", null);
        assertThat(login.statusCode()).isEqualTo(302);
        String location = login.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(SamlTestIdp.SSO_URL + "?SAMLRequest=");
        SamlTestIdp.SeenRequest request = SamlTestIdp.readRequest(location);

        String samlResponse = idp.response(SP_ENTITY_ID, ACS_URL, "Artist@Studio.Example", Instant.now())
                .inResponseTo(request.id()).attribute("first_name", "Ada").attribute("last_name", "Lovelace")
                .base64();
        HttpResponse<String> sso = call(server, "POST", "/api/auth/saml/sso", form(samlResponse), "User-Agent",
                "curl/8.0");

        assertThat(sso.statusCode()).isEqualTo(302);
        assertThat(sso.headers().firstValue("Location")).contains(PUBLIC_URL); // RelayState ignored
        List<String> cookies = sso.headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(2); // whatever the User-Agent, as Zou
        assertThat(cookies.get(0)).startsWith("access_token_cookie=").contains("HttpOnly", "Path=/", "SameSite=Lax");
        assertThat(cookies.get(1)).startsWith("refresh_token_cookie=").contains("Path=/auth/refresh-token");
        String accessCookie = cookies.get(0).substring(0, cookies.get(0).indexOf(';'));

        HttpResponse<String> me = call(server, "GET", "/api/auth/authenticated", null, "Cookie", accessCookie);
        assertThat(me.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) json(me).get("user");
        assertThat(user).containsEntry("email", "artist@studio.example").containsEntry("full_name", "Ada Lovelace")
                .containsEntry("role", "user");

        // the same response again is a replay
        HttpResponse<String> replay = call(server, "POST", "/auth/saml/sso", form(samlResponse));
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(json(replay)).isEqualTo(Map.of("error", true, "message", "Invalid SAML response."));
        assertThat(replay.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aTamperedOrMissingResponseIsRefusedWithoutCookies() throws Exception {
        String requestId = SamlTestIdp.readRequest(call(server, "GET", "/auth/saml/login", null).headers()
                .firstValue("Location").orElseThrow()).id();
        String xml = idp.response(SP_ENTITY_ID, ACS_URL, "victim@studio.example", Instant.now())
                .inResponseTo(requestId).xml();
        HttpResponse<String> tampered = call(server, "POST", "/auth/saml/sso",
                form(SamlTestIdp.base64(xml.replace("victim@", "attacker@"))));
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(json(tampered)).isEqualTo(Map.of("error", true, "message", "Invalid SAML response."));
        assertThat(tampered.headers().allValues("Set-Cookie")).isEmpty();

        HttpResponse<String> empty = call(server, "POST", "/auth/saml/sso", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty)).containsEntry("message", "Invalid SAML response.");
    }

    @Test
    void configReportsSamlAndItsIdpName() throws Exception {
        assertThat(json(call(server, "GET", "/config", null))).containsEntry("saml_enabled", true)
                .containsEntry("saml_idp_name", "Studio SSO");
        assertThat(json(call(plainServer, "GET", "/api/config", null))).containsEntry("saml_enabled", false)
                .containsEntry("saml_idp_name", "");
    }

    @Test
    void withoutSamlBothRoutesAnswerZousBadRequest() throws Exception {
        for (HttpResponse<String> r : List.of(call(plainServer, "GET", "/auth/saml/login", null),
                call(plainServer, "POST", "/api/auth/saml/sso", form("x")))) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r)).isEqualTo(Map.of("error", "SAML is not enabled."));
        }
        assertThat(call(plainServer, "GET", "/auth/saml/sso", null).statusCode()).isEqualTo(405);
    }
}
