package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zou4j.ErrorCode;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;
import org.zou4j.internal.auth.crypto.JwtCodec;
import org.zou4j.internal.auth.crypto.Totp;

/** Zou's ENFORCE_2FA (reference §2.7, §9.7): restricted tokens until a factor is enabled. */
class EnforceTwoFactorTest {
    private static final Map<String, Object> REQUIRED = Map.of("error", true, "two_factor_authentication_required",
            true, "message", "Two-factor authentication setup is required. Please configure 2FA before accessing the "
                    + "API.");

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    private ZouEngine engine;

    @BeforeEach
    void start() {
        engine = AuthFixture.engine(SharedH2.fresh(), clock)
                .enforceTwoFactor(true, List.of(" Exempt@Studio.example ")).build();
        person(engine, "jane@studio.example", PASSWORD, "user");
        person(engine, "exempt@studio.example", PASSWORD, "user");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static ZouException fails(Runnable r) {
        try {
            r.run();
        } catch (ZouException e) {
            return e;
        }
        throw new AssertionError("expected a ZouException");
    }

    private Map<String, Object> claims(String token) {
        return new JwtCodec(AuthFixture.KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8), clock).decode(token);
    }

    @Test
    void aPersonWithoutFactorGetsRestrictedTokensThatOnlyServeEnrolment() {
        LoginResult login = engine.login(LoginRequest.of("jane@studio.example", PASSWORD));
        assertThat(login.httpStatus()).isEqualTo(200);
        assertThat(login.body()).containsEntry("two_factor_authentication_required", true)
                .containsKeys("access_token", "refresh_token", "user");
        assertThat(claims(login.accessToken())).containsEntry("requires_2fa_setup", true);
        assertThat(claims(login.refreshToken())).containsEntry("requires_2fa_setup", true);
        assertThat(engine.publicConfig()).containsEntry("enforce_2fa", true);

        ZouException api = fails(() -> engine.session(login.accessToken()));
        assertThat(api.code()).isEqualTo(ErrorCode.TWO_FACTOR_REQUIRED);
        assertThat(api.httpStatus()).isEqualTo(403);
        assertThat(api.body()).isEqualTo(REQUIRED);

        Session enrolment = engine.enrolmentSession(login.accessToken());
        assertThat(fails(() -> enrolment.data("projects")).body()).isEqualTo(REQUIRED);
        assertThat(fails(() -> enrolment.production()).body()).isEqualTo(REQUIRED);
        assertThat(fails(() -> engine.events().names(enrolment)).body()).isEqualTo(REQUIRED);
        assertThat(fails(() -> engine.changePassword(enrolment, PASSWORD, "another password",
                "another password")).body()).isEqualTo(REQUIRED);
        assertThat(engine.authenticated(enrolment)).containsEntry("authenticated", true);
        // refresh keeps the restriction while nothing is enabled; logout works
        LoginResult refreshed = engine.refresh(login.refreshToken());
        assertThat(claims(refreshed.accessToken())).containsEntry("requires_2fa_setup", true);

        // enrolling gives an unrestricted pair
        Totp totp = new Totp();
        String secret = (String) engine.twoFactor().startTotp(enrolment).get("otp_secret");
        LoginResult enabled = engine.twoFactor().enableTotp(enrolment, totp.codeAt(secret, clock.instant()), null);
        assertThat(claims(enabled.accessToken())).doesNotContainKey("requires_2fa_setup");
        assertThat(engine.session(enabled.accessToken()).data("projects").list(org.zou4j.Query.all()).size())
                .isZero();
        // the old restricted token is not revoked but stays restricted; a refresh recomputes the flag
        assertThat(fails(() -> engine.session(login.accessToken())).httpStatus()).isEqualTo(403);
        LoginResult after = engine.refresh(login.refreshToken());
        assertThat(claims(after.accessToken())).doesNotContainKey("requires_2fa_setup");
        assertThat(engine.session(after.accessToken()).personId()).isNotNull();
        engine.logout(login.accessToken());
    }

    @Test
    void exemptUsersAndEnrolledUsersGetFullTokensAndAWrongPasswordIsStillA400() {
        LoginResult exempt = engine.login(LoginRequest.of("EXEMPT@studio.example", PASSWORD));
        assertThat(exempt.body()).doesNotContainKey("two_factor_authentication_required");
        assertThat(engine.session(exempt.accessToken()).personId()).isNotNull();
        assertThat(fails(() -> engine.login(LoginRequest.of("jane@studio.example", "wrong"))).body())
                .isEqualTo(Map.of("login", false));
    }

    @Test
    void withoutEnforcementNothingIsRestricted() {
        try (ZouEngine plain = AuthFixture.engine(SharedH2.fresh(), clock).build()) {
            person(plain, "jane@studio.example", PASSWORD, "user");
            LoginResult login = plain.login(LoginRequest.of("jane@studio.example", PASSWORD));
            assertThat(login.body()).doesNotContainKey("two_factor_authentication_required");
            assertThat(claims(login.accessToken())).doesNotContainKey("requires_2fa_setup");
            assertThat(plain.publicConfig()).containsEntry("enforce_2fa", false);
        }
    }

    @Test
    void singleSignOnIssuesRestrictedTokensToo() {
        org.zou4j.testing.SamlTestIdp idp = org.zou4j.testing.SamlTestIdp.rsa();
        String publicUrl = "https://kitsu.studio.example";
        try (ZouEngine sso = AuthFixture.engine(SharedH2.fresh(), java.time.Clock.fixed(clock.instant(),
                java.time.ZoneOffset.UTC)).publicUrl(publicUrl).enforceTwoFactor(true, List.of())
                .saml(org.zou4j.SamlConfig.builder().idpMetadata(idp.metadata()).build()).build()) {
            String requestId = org.zou4j.testing.SamlTestIdp.readRequest(sso.samlLoginRedirect()).id();
            org.zou4j.SsoResult result = sso.samlLogin(idp.response(publicUrl + "/api/auth/saml/login",
                    publicUrl + "/api/auth/saml/sso", "sso@studio.example", clock.instant()).inResponseTo(requestId)
                    .base64(), "10.0.0.1");
            assertThat(claims(result.accessToken())).containsEntry("requires_2fa_setup", true);
            assertThat(fails(() -> sso.session(result.accessToken())).body()).isEqualTo(REQUIRED);
            assertThat(sso.enrolmentSession(result.accessToken()).personId()).isNotNull();
        }
    }
}
