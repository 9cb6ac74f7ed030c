package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;
import org.zou4j.internal.auth.crypto.JwtCodec;

/** Every way a token must be refused, with Zou's status and body for each. */
class TokenAttackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GENERIC_401 = AuthErrors.UNAUTHORIZED_DESCRIPTION;

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    private SharedH2 storage;
    private ZouEngine engine;
    private Entry jane;
    private LoginResult login;

    @BeforeEach
    void start() {
        storage = SharedH2.fresh();
        engine = AuthFixture.engine(storage, clock).build();
        jane = person(engine, "jane@studio.example", PASSWORD, "user");
        login = engine.login(LoginRequest.of("jane@studio.example", PASSWORD));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private ZouException refused(Runnable r) {
        try {
            r.run();
        } catch (ZouException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    private static void assertMsg(ZouException e, int status, String msg) {
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.body()).isEqualTo(Map.of("msg", msg));
    }

    private static void assertGeneric401(ZouException e) {
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.body()).isEqualTo(Map.of("error", true, "message", GENERIC_401));
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> claimsOf(String token) throws Exception {
        String payload = token.split("\\.")[1];
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.readValue(Base64.getUrlDecoder().decode(payload), LinkedHashMap.class);
        return m;
    }

    @Test
    void aValidAccessTokenOpensASession() {
        Session s = engine.session(login.accessToken());
        assertThat(s.personId()).isEqualTo(jane.id());
        assertThat(s.data("task-status").list(Query.all())).isEmpty();
    }

    @Test
    void noTokenAtAllIsZousMissingJwt401() {
        assertMsg(refused(() -> engine.session(null)), 401, "Missing JWT in cookies or headers (Missing cookie "
                + "\"access_token_cookie\"; Missing Authorization Header)");
        assertMsg(refused(() -> engine.refresh("")), 401, "Missing JWT in cookies or headers (Missing cookie "
                + "\"refresh_token_cookie\"; Missing Authorization Header)");
    }

    @Test
    void garbageIs422NotEnoughSegments() {
        assertMsg(refused(() -> engine.session("None")), 422, "Not enough segments");
    }

    @Test
    void algNoneIsRefused() throws Exception {
        Map<String, Object> claims = claimsOf(login.accessToken());
        String forged = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(JSON.writeValueAsString(claims)) + ".";
        ZouException e = refused(() -> engine.session(forged));
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.body()).containsKey("msg");
    }

    @Test
    void aTamperedPayloadFailsTheSignature() throws Exception {
        Entry boss = person(engine, "boss@studio.example", PASSWORD, "admin");
        Map<String, Object> claims = claimsOf(login.accessToken());
        claims.put("sub", boss.id()); // try to become the admin
        String[] parts = login.accessToken().split("\\.");
        String forged = parts[0] + "." + b64(JSON.writeValueAsString(claims)) + "." + parts[2];
        assertMsg(refused(() -> engine.session(forged)), 422, "Signature verification failed");
    }

    @Test
    void aTokenSignedWithAnotherKeyFailsTheSignature() throws Exception {
        Map<String, Object> claims = claimsOf(login.accessToken());
        String other = new JwtCodec("another-secret-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8), clock)
                .encode(claims);
        assertMsg(refused(() -> engine.session(other)), 422, "Signature verification failed");
    }

    @Test
    void anExpiredTokenIsZousSignatureHasExpired() {
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        ZouException e = refused(() -> engine.session(login.accessToken()));
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.body()).isEqualTo(Map.of("error", true, "message", "Signature has expired"));
        // the refresh token lives longer and still gives a new access token
        LoginResult refreshed = engine.refresh(login.refreshToken());
        assertThat(engine.session(refreshed.accessToken()).personId()).isEqualTo(jane.id());
        clock.advance(Duration.ofDays(8));
        assertThat(refused(() -> engine.refresh(login.refreshToken())).body())
                .containsEntry("message", "Signature has expired");
    }

    @Test
    void aRefreshTokenIsNoAccessTokenAndTheReverse() {
        assertMsg(refused(() -> engine.session(login.refreshToken())), 422, "Only non-refresh tokens are allowed");
        assertMsg(refused(() -> engine.refresh(login.accessToken())), 422, "Only refresh tokens are allowed");
        assertMsg(refused(() -> engine.logout(login.refreshToken())), 422, "Only non-refresh tokens are allowed");
    }

    @Test
    void logoutRevokesTheAccessTokenAndItsRefreshTokenEvenAfterRefreshes() {
        LoginResult refreshed = engine.refresh(login.refreshToken());
        assertThat(refreshed.body()).containsOnlyKeys("access_token");

        assertThat(engine.logout(refreshed.accessToken()).body()).isEqualTo(Map.of("logout", true));

        assertMsg(refused(() -> engine.session(refreshed.accessToken())), 401, "Token has been revoked");
        assertMsg(refused(() -> engine.refresh(login.refreshToken())), 401, "Token has been revoked");
        // the first access token of the session was not named by this logout: it stays valid until it expires
        assertThat(engine.session(login.accessToken()).personId()).isEqualTo(jane.id());
        assertMsg(refused(() -> engine.logout(refreshed.accessToken())), 401, "Token has been revoked");
    }

    @Test
    void aDeactivatedPersonIsRefusedAndTheSessionStaysDeadAfterReactivation() {
        engine.systemSession().data("persons").update(jane.id(), Map.of("active", false));
        assertGeneric401(refused(() -> engine.session(login.accessToken())));
        engine.systemSession().data("persons").update(jane.id(), Map.of("active", true));
        assertMsg(refused(() -> engine.session(login.accessToken())), 401, "Token has been revoked");
        assertMsg(refused(() -> engine.refresh(login.refreshToken())), 401, "Token has been revoked");
        // a new login works again
        assertThat(engine.login(LoginRequest.of("jane@studio.example", PASSWORD)).succeeded()).isTrue();
    }

    @Test
    void aDeletedPersonIsRefused() {
        AuthFixture.exec(storage.dataSource(), "DELETE FROM login_log WHERE person_id = ?", UUID.fromString(jane.id()));
        engine.systemSession().data("persons").delete(jane.id());
        assertGeneric401(refused(() -> engine.session(login.accessToken())));
        assertMsg(refused(() -> engine.logout(login.accessToken())), 401, "Error loading the user " + jane.id());
    }

    @Test
    void aPersonPastTheirExpirationDateIsRefused() {
        engine.systemSession().data("persons").update(jane.id(), Map.of("expiration_date", "2025-03-02"));
        LoginResult fresh = engine.login(LoginRequest.of("jane@studio.example", PASSWORD));
        clock.advance(Duration.ofDays(1)); // 2025-03-02: still valid through that day
        assertThat(engine.session(fresh.accessToken()).personId()).isEqualTo(jane.id());
        clock.advance(Duration.ofDays(1)); // 2025-03-03
        assertGeneric401(refused(() -> engine.session(fresh.accessToken())));
        assertThat(refused(() -> engine.login(LoginRequest.of("jane@studio.example", PASSWORD))).body())
                .containsEntry("unactive", true);
    }

    @Test
    void onlyTheLatestBotTokenIsValid() {
        Entry bot = engine.systemSession().data("persons").create(Map.of("first_name", "Render", "last_name", "Farm",
                "is_bot", true, "role", "user"));
        String first = bot.getString("access_token");
        assertThat(first).isNotBlank();
        Session s = engine.session(first);
        assertThat(s.personId()).isEqualTo(bot.id());

        Entry updated = engine.systemSession().data("persons").update(bot.id(), Map.of("expiration_date", "2025-06-30"));
        String second = updated.getString("access_token");
        assertThat(second).isNotBlank().isNotEqualTo(first);

        assertMsg(refused(() -> engine.session(first)), 401, "Token has been revoked");
        assertThat(engine.session(second).personId()).isEqualTo(bot.id());
        // bots may not use person-only routes
        assertThat(refused(() -> engine.logout(second)).httpStatus()).isEqualTo(403);
        // the token ends with its expiration date
        clock.advance(Duration.between(clock.instant(), Instant.parse("2025-07-01T00:00:00Z")));
        assertThat(refused(() -> engine.session(second)).body()).containsEntry("message", "Signature has expired");
    }

    @Test
    void aPersonalApiTokenFollowsTheExpirationDate() throws Exception {
        Entry updated = engine.systemSession().data("persons").update(jane.id(), Map.of("expiration_date",
                LocalDate.of(2025, 12, 31).toString()));
        String api = updated.getString("access_token");
        assertThat(claimsOf(api)).containsEntry("identity_type", "person_api");
        assertThat(engine.session(api).personId()).isEqualTo(jane.id());
        // a past date is refused unless unchanged
        ZouException past = refused(() -> engine.systemSession().data("persons").update(jane.id(),
                Map.of("expiration_date", "2020-01-01")));
        assertThat(past.body()).containsEntry("message", "Expiration date can't be in the past.");
        // a new one replaces it
        Map<String, Object> noDate = new LinkedHashMap<>();
        noDate.put("expiration_date", null);
        String next = engine.systemSession().data("persons").update(jane.id(), noDate).getString("access_token");
        assertMsg(refused(() -> engine.session(api)), 401, "Token has been revoked");
        assertThat(engine.session(next).personId()).isEqualTo(jane.id());
    }

    @Test
    void unknownIdentityTypesAndMissingJtiAreRevoked() throws Exception {
        JwtCodec codec = new JwtCodec(AuthFixture.KEY.getBytes(StandardCharsets.UTF_8), clock);
        Map<String, Object> claims = claimsOf(login.accessToken());
        claims.put("identity_type", "superuser");
        assertMsg(refused(() -> engine.session(codec.encode(claims))), 401, "Token has been revoked");
        claims.remove("identity_type");
        assertMsg(refused(() -> engine.session(codec.encode(claims))), 401, "Token has been revoked");
        Map<String, Object> noJti = claimsOf(login.accessToken());
        noJti.remove("jti");
        assertMsg(refused(() -> engine.session(codec.encode(noJti))), 401, "Token has been revoked");
    }

    @Test
    void aTokenRestrictedTo2faSetupCannotCallTheApi() throws Exception {
        JwtCodec codec = new JwtCodec(AuthFixture.KEY.getBytes(StandardCharsets.UTF_8), clock);
        Map<String, Object> claims = claimsOf(login.accessToken());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("requires_2fa_setup", true);
        ZouException e = refused(() -> engine.session(codec.encode(claims)));
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.body()).containsEntry("two_factor_authentication_required", true);
        assertThat(engine.logout(codec.encode(claims)).succeeded()).isTrue(); // logout stays allowed
    }

    @Test
    void aTokenFromTheFutureIsRefused() throws Exception {
        JwtCodec codec = new JwtCodec(AuthFixture.KEY.getBytes(StandardCharsets.UTF_8), clock);
        Map<String, Object> claims = claimsOf(login.accessToken());
        long later = clock.instant().getEpochSecond() + 3600;
        claims.put("iat", later);
        claims.put("nbf", later);
        assertThat(refused(() -> engine.session(codec.encode(claims))).httpStatus()).isEqualTo(422);
    }

    @Test
    void noRefusalRepeatsTheToken() {
        for (String t : new String[] {login.refreshToken(), login.accessToken() + "x", "a.b.c"}) {
            ZouException e = refused(() -> engine.session(t));
            assertThat(e.getMessage()).doesNotContain(t);
            assertThat(e.body().toString()).doesNotContain(t);
        }
    }
}
