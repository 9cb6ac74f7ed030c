package org.zou4j.internal.auth.crypto;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.zou4j.internal.auth.crypto.TokenException.Reason;

/**
 * Builds and checks the claim sets Zou issues (flask-jwt-extended's layout plus Zou's own claims):
 * {@code fresh, iat, jti, type, sub, nbf, exp}, then {@code identity_type}, {@code refresh_jti} (access tokens of a
 * session) and {@code requires_2fa_setup} (only when true). Times are whole epoch seconds; {@code jti} is a random
 * UUID.
 *
 * <p>Lifetimes default to Zou's hard-coded values: access 7 days, refresh 15 days. Bot and personal-API tokens have
 * no {@code exp} unless the person has an expiration date D, in which case they are valid through D (UTC).
 *
 * <p>Thread-safe.
 */
public final class TokenIssuer {

    /** Zou's {@code JWT_ACCESS_TOKEN_EXPIRES}. */
    public static final Duration ZOU_ACCESS_LIFETIME = Duration.ofDays(7);
    /** Zou's {@code JWT_REFRESH_TOKEN_EXPIRES}. */
    public static final Duration ZOU_REFRESH_LIFETIME = Duration.ofDays(15);

    private final JwtCodec codec;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;

    /** An issuer with Zou's lifetimes, using the codec's clock. */
    public TokenIssuer(JwtCodec codec) {
        this(codec, ZOU_ACCESS_LIFETIME, ZOU_REFRESH_LIFETIME);
    }

    /** An issuer with the given lifetimes (each at least one second), using the codec's clock. */
    public TokenIssuer(JwtCodec codec, Duration accessLifetime, Duration refreshLifetime) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.accessLifetime = positive(accessLifetime, "access token lifetime");
        this.refreshLifetime = positive(refreshLifetime, "refresh token lifetime");
    }

    /** The access token lifetime (also how long a revoked access jti must be remembered). */
    public Duration accessLifetime() {
        return accessLifetime;
    }

    /** The refresh token lifetime (also how long a revoked refresh jti must be remembered). */
    public Duration refreshLifetime() {
        return refreshLifetime;
    }

    /**
     * Claims of a session access token.
     *
     * @param subject the person id
     * @param refreshJti the paired refresh token's jti, or null for none
     * @param requires2faSetup whether the token is restricted to 2FA enrolment routes
     */
    public Map<String, Object> accessClaims(String subject, String refreshJti, boolean requires2faSetup) {
        Map<String, Object> claims = base(subject, TokenType.ACCESS, IdentityType.PERSON, accessLifetime);
        if (refreshJti != null) {
            claims.put("refresh_jti", refreshJti);
        }
        if (requires2faSetup) {
            claims.put("requires_2fa_setup", true);
        }
        return claims;
    }

    /** Claims of a session refresh token (no {@code refresh_jti}). */
    public Map<String, Object> refreshClaims(String subject, boolean requires2faSetup) {
        Map<String, Object> claims = base(subject, TokenType.REFRESH, IdentityType.PERSON, refreshLifetime);
        if (requires2faSetup) {
            claims.put("requires_2fa_setup", true);
        }
        return claims;
    }

    /**
     * Claims of a bot or personal-API access token.
     *
     * @param identityType {@link IdentityType#BOT} or {@link IdentityType#PERSON_API}
     * @param expirationDate the person's expiration date, valid through its last second (UTC); null for no expiry
     */
    public Map<String, Object> apiTokenClaims(String subject, IdentityType identityType, LocalDate expirationDate) {
        if (identityType == IdentityType.PERSON) {
            throw new IllegalArgumentException("API tokens are for bots and person_api identities, not sessions");
        }
        Map<String, Object> claims = base(subject, TokenType.ACCESS, identityType, null);
        if (expirationDate != null) {
            long endOfDay = expirationDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - 1;
            claims.put("exp", endOfDay);
            // Keep flask-jwt-extended's claim order: exp comes right after nbf, before Zou's own claims.
            claims.put("identity_type", claims.remove("identity_type"));
        }
        return claims;
    }

    /** Signs a new session: a refresh token and an access token that names it in {@code refresh_jti}. */
    public TokenPair issueSession(String subject, boolean requires2faSetup) {
        IssuedToken refresh = sign(refreshClaims(subject, requires2faSetup));
        IssuedToken access = sign(accessClaims(subject, refresh.jti(), requires2faSetup));
        return new TokenPair(access, refresh);
    }

    /** Signs the access token {@code /auth/refresh-token} hands out; the refresh token itself is not rotated. */
    public IssuedToken issueRefreshedAccess(String subject, String refreshJti, boolean requires2faSetup) {
        Objects.requireNonNull(refreshJti, "refreshJti");
        return sign(accessClaims(subject, refreshJti, requires2faSetup));
    }

    /** Signs a bot or personal-API token (see {@link #apiTokenClaims}). */
    public IssuedToken issueApiToken(String subject, IdentityType identityType, LocalDate expirationDate) {
        return sign(apiTokenClaims(subject, identityType, expirationDate));
    }

    /** Signs an arbitrary claim set built by one of the {@code *Claims} methods (possibly amended). */
    public IssuedToken sign(Map<String, Object> claims) {
        Object jti = claims.get("jti");
        if (!(jti instanceof String s)) {
            throw new IllegalArgumentException("claims need a string jti");
        }
        Object exp = claims.get("exp");
        Instant expiresAt = exp instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        return new IssuedToken(codec.encode(claims), s, expiresAt);
    }

    /**
     * Decodes a token and checks what flask-jwt-extended checks after the signature: a string {@code sub} is
     * present, and the {@code type} is the expected one (a token without {@code type} counts as an access token).
     * Revocation and identity-type rules are the caller's.
     *
     * @throws TokenException with PyJWT/flask-jwt-extended messages ({@code "Only refresh tokens are allowed"}...)
     */
    public Map<String, Object> verify(String token, TokenType expected) {
        Map<String, Object> claims = codec.decode(token);
        if (!(claims.get("sub") instanceof String)) {
            throw new TokenException(Reason.MALFORMED, "Missing claim: sub");
        }
        Object type = claims.getOrDefault("type", TokenType.ACCESS.claim());
        if (!expected.claim().equals(type)) {
            throw new TokenException(Reason.WRONG_TYPE, expected == TokenType.REFRESH
                    ? "Only refresh tokens are allowed" : "Only non-refresh tokens are allowed");
        }
        return claims;
    }

    private Map<String, Object> base(String subject, TokenType type, IdentityType identity, Duration lifetime) {
        Objects.requireNonNull(subject, "subject");
        long now = codec.clock().instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("fresh", false);
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("type", type.claim());
        claims.put("sub", subject);
        claims.put("nbf", now);
        if (lifetime != null) {
            claims.put("exp", now + lifetime.getSeconds());
        }
        claims.put("identity_type", identity.claim());
        return claims;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.getSeconds() < 1) {
            throw new IllegalArgumentException(what + " must be at least one second, got " + d);
        }
        return d;
    }
}
