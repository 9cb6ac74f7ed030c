package org.zou4j.internal.auth;

import java.time.Duration;
import java.util.Objects;
import org.zou4j.internal.auth.crypto.PasswordHasher;
import org.zou4j.internal.auth.crypto.TokenIssuer;

/**
 * The engine's authentication settings, each with Zou's default.
 *
 * @param bcryptCost            cost of new password hashes (Zou: 12)
 * @param minPasswordLength     Zou's {@code MIN_PASSWORD_LENGTH} (8)
 * @param hashingThreads        bcrypt worker threads (default: half the cores)
 * @param accessTokenLifetime   Zou: 7 days
 * @param refreshTokenLifetime  Zou: 15 days
 * @param maxLoginFailures      failures that lock an account (Zou: 5)
 * @param lockoutWindow         how long a locked account stays locked after its last failure (Zou: 60 s)
 * @param resetTokenLifetime    how long a password-reset token is valid (Zou: 2 hours)
 * @param publicUrl             where users reach the web app, for links in mails (Zou:
 *                              {@code DOMAIN_PROTOCOL://DOMAIN_NAME}, {@code https://localhost:8080})
 */
public record AuthSettings(int bcryptCost, int minPasswordLength, int hashingThreads, Duration accessTokenLifetime,
                           Duration refreshTokenLifetime, int maxLoginFailures, Duration lockoutWindow,
                           Duration resetTokenLifetime, String publicUrl) {

    /** Validates every setting with a message naming it. */
    public AuthSettings {
        if (bcryptCost < PasswordHasher.MIN_COST || bcryptCost > PasswordHasher.MAX_COST) {
            throw new IllegalArgumentException("bcryptCost must be between " + PasswordHasher.MIN_COST + " and "
                    + PasswordHasher.MAX_COST + ", got " + bcryptCost);
        }
        if (minPasswordLength < 1) {
            throw new IllegalArgumentException("minPasswordLength must be at least 1, got " + minPasswordLength);
        }
        if (hashingThreads < 1) {
            throw new IllegalArgumentException("hashingThreads must be at least 1, got " + hashingThreads);
        }
        positive(accessTokenLifetime, "accessTokenLifetime");
        positive(refreshTokenLifetime, "refreshTokenLifetime");
        if (maxLoginFailures < 1) {
            throw new IllegalArgumentException("maxLoginFailures must be at least 1, got " + maxLoginFailures);
        }
        positive(lockoutWindow, "lockoutWindow");
        positive(resetTokenLifetime, "resetTokenLifetime");
        Objects.requireNonNull(publicUrl, "publicUrl");
        if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
            throw new IllegalArgumentException("publicUrl must start with http:// or https://, got " + publicUrl);
        }
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
    }

    /** Zou's values. */
    public static AuthSettings defaults() {
        return new AuthSettings(PasswordHasher.DEFAULT_COST, PasswordHasher.DEFAULT_MIN_LENGTH,
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2), TokenIssuer.ZOU_ACCESS_LIFETIME,
                TokenIssuer.ZOU_REFRESH_LIFETIME, 5, Duration.ofMinutes(1), Duration.ofHours(2),
                "https://localhost:8080");
    }

    public AuthSettings withBcryptCost(int v) {
        return new AuthSettings(v, minPasswordLength, hashingThreads, accessTokenLifetime, refreshTokenLifetime,
                maxLoginFailures, lockoutWindow, resetTokenLifetime, publicUrl);
    }

    public AuthSettings withMinPasswordLength(int v) {
        return new AuthSettings(bcryptCost, v, hashingThreads, accessTokenLifetime, refreshTokenLifetime,
                maxLoginFailures, lockoutWindow, resetTokenLifetime, publicUrl);
    }

    public AuthSettings withHashingThreads(int v) {
        return new AuthSettings(bcryptCost, minPasswordLength, v, accessTokenLifetime, refreshTokenLifetime,
                maxLoginFailures, lockoutWindow, resetTokenLifetime, publicUrl);
    }

    public AuthSettings withTokenLifetimes(Duration access, Duration refresh) {
        return new AuthSettings(bcryptCost, minPasswordLength, hashingThreads, access, refresh, maxLoginFailures,
                lockoutWindow, resetTokenLifetime, publicUrl);
    }

    public AuthSettings withLockout(int maxFailures, Duration window) {
        return new AuthSettings(bcryptCost, minPasswordLength, hashingThreads, accessTokenLifetime,
                refreshTokenLifetime, maxFailures, window, resetTokenLifetime, publicUrl);
    }

    public AuthSettings withResetTokenLifetime(Duration v) {
        return new AuthSettings(bcryptCost, minPasswordLength, hashingThreads, accessTokenLifetime,
                refreshTokenLifetime, maxLoginFailures, lockoutWindow, v, publicUrl);
    }

    public AuthSettings withPublicUrl(String v) {
        return new AuthSettings(bcryptCost, minPasswordLength, hashingThreads, accessTokenLifetime,
                refreshTokenLifetime, maxLoginFailures, lockoutWindow, resetTokenLifetime, v);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
