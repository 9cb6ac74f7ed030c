package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.internal.auth.crypto.TokenException.Reason;

class TokenIssuerTest {

    private static final byte[] KEY = "zou4j-test-secret-key-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.750Z");
    private static final String PERSON = "a24a6ea4-ce75-4665-a070-57453082c25b";

    private final JwtCodec codec = new JwtCodec(KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    private final TokenIssuer issuer = new TokenIssuer(codec);

    @Test
    void sessionTokensCarryZousClaimsInFlaskJwtExtendedOrder() {
        TokenPair pair = issuer.issueSession(PERSON, false);

        Map<String, Object> access = codec.decode(pair.access().token());
        Map<String, Object> refresh = codec.decode(pair.refresh().token());
        long now = NOW.getEpochSecond();
        assertThat(access.keySet()).containsExactly("fresh", "iat", "jti", "type", "sub", "nbf", "exp",
                "identity_type", "refresh_jti");
        assertThat(access).containsEntry("fresh", false).containsEntry("type", "access").containsEntry("sub", PERSON)
                .containsEntry("identity_type", "person").containsEntry("refresh_jti", pair.refresh().jti())
                .containsEntry("jti", pair.access().jti());
        assertThat(((Number) access.get("iat")).longValue()).isEqualTo(now);
        assertThat(((Number) access.get("nbf")).longValue()).isEqualTo(now);
        assertThat(((Number) access.get("exp")).longValue()).isEqualTo(now + Duration.ofDays(7).toSeconds());
        assertThat(refresh.keySet()).containsExactly("fresh", "iat", "jti", "type", "sub", "nbf", "exp",
                "identity_type");
        assertThat(refresh).containsEntry("type", "refresh").containsEntry("jti", pair.refresh().jti());
        assertThat(((Number) refresh.get("exp")).longValue()).isEqualTo(now + Duration.ofDays(15).toSeconds());
        assertThat(pair.access().expiresAt()).isEqualTo(Instant.ofEpochSecond(now).plus(Duration.ofDays(7)));
        assertThat(pair.access().jti()).isNotEqualTo(pair.refresh().jti())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void restrictedSessionsCarryTheTwoFactorSetupFlagOnBothTokens() {
        TokenPair pair = issuer.issueSession(PERSON, true);

        assertThat(codec.decode(pair.access().token())).containsEntry("requires_2fa_setup", true);
        assertThat(codec.decode(pair.refresh().token())).containsEntry("requires_2fa_setup", true);
        assertThat(codec.decode(issuer.issueSession(PERSON, false).access().token()))
                .doesNotContainKey("requires_2fa_setup");
    }

    @Test
    void refreshedAccessTokensKeepThePresentedRefreshJti() {
        TokenPair pair = issuer.issueSession(PERSON, false);

        IssuedToken renewed = issuer.issueRefreshedAccess(PERSON, pair.refresh().jti(), false);

        assertThat(issuer.verify(renewed.token(), TokenType.ACCESS)).containsEntry("refresh_jti", pair.refresh().jti());
        assertThat(renewed.jti()).isNotEqualTo(pair.access().jti());
    }

    @Test
    void apiTokensNeverExpireWithoutADateAndOtherwiseLastThroughIt() {
        Map<String, Object> bot = codec.decode(issuer.issueApiToken(PERSON, IdentityType.BOT, null).token());
        IssuedToken api = issuer.issueApiToken(PERSON, IdentityType.PERSON_API, LocalDate.of(2026, 3, 31));
        Map<String, Object> personApi = codec.decode(api.token());

        assertThat(bot).doesNotContainKey("exp").containsEntry("identity_type", "bot").containsEntry("type", "access");
        assertThat(personApi).containsEntry("identity_type", "person_api")
                .containsEntry("exp", (int) Instant.parse("2026-03-31T23:59:59Z").getEpochSecond());
        assertThat(personApi.keySet()).containsExactly("fresh", "iat", "jti", "type", "sub", "nbf", "exp",
                "identity_type");
        assertThat(api.expiresAt()).isEqualTo(Instant.parse("2026-03-31T23:59:59Z"));
        assertThatThrownBy(() -> issuer.issueApiToken(PERSON, IdentityType.PERSON, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifyChecksTheTokenTypeWithFlaskJwtExtendedMessages() {
        TokenPair pair = issuer.issueSession(PERSON, false);

        assertThat(issuer.verify(pair.refresh().token(), TokenType.REFRESH)).containsEntry("type", "refresh");
        assertThatThrownBy(() -> issuer.verify(pair.access().token(), TokenType.REFRESH))
                .hasMessage("Only refresh tokens are allowed")
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.WRONG_TYPE);
        assertThatThrownBy(() -> issuer.verify(pair.refresh().token(), TokenType.ACCESS))
                .hasMessage("Only non-refresh tokens are allowed");
    }

    @Test
    void verifyTreatsAMissingTypeAsAccessAndRequiresASubject() {
        assertThat(issuer.verify(codec.encode(Map.of("sub", PERSON)), TokenType.ACCESS)).containsEntry("sub", PERSON);
        assertThatThrownBy(() -> issuer.verify(codec.encode(Map.of("type", "access")), TokenType.ACCESS))
                .hasMessage("Missing claim: sub");
    }

    @Test
    void lifetimesAreConfigurable() {
        TokenIssuer shortLived = new TokenIssuer(codec, Duration.ofMinutes(15), Duration.ofHours(8));

        TokenPair pair = shortLived.issueSession(PERSON, false);

        assertThat(pair.access().expiresAt()).isEqualTo(Instant.ofEpochSecond(NOW.getEpochSecond()).plusSeconds(900));
        assertThat(pair.refresh().expiresAt()).isEqualTo(Instant.ofEpochSecond(NOW.getEpochSecond())
                .plus(Duration.ofHours(8)));
        assertThatThrownBy(() -> new TokenIssuer(codec, Duration.ZERO, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issuedTokensDoNotShowThemselvesInToString() {
        IssuedToken token = issuer.issueSession(PERSON, false).access();

        assertThat(token.toString()).doesNotContain(token.token()).contains(token.jti());
    }
}
