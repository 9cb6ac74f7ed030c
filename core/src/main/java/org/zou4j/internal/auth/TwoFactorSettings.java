package org.zou4j.internal.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Second-factor settings, each with Zou's default.
 *
 * @param enforce            Zou's {@code ENFORCE_2FA}: a person without any method gets tokens restricted to the
 *                           enrolment routes (default false)
 * @param exemptUsers        Zou's {@code 2FA_EXEMPT_USERS}: e-mail addresses never restricted (compared lower-case)
 * @param fidoRpId           the WebAuthn relying-party id, or null for the host of the public URL (Zou: the host of
 *                           {@code DOMAIN_NAME})
 * @param fidoOrigins        origins accepted in WebAuthn client data; empty for python-fido2's rule (https on the RP
 *                           id or a sub-domain, or http://localhost when the RP id is localhost)
 * @param emailOtpLifetime   how long an e-mailed code is valid (Zou: 5 minutes)
 * @param fidoChallengeLifetime how long a WebAuthn challenge is valid (Zou: no limit)
 */
public record TwoFactorSettings(boolean enforce, Set<String> exemptUsers, String fidoRpId, List<String> fidoOrigins,
                                Duration emailOtpLifetime, Duration fidoChallengeLifetime) {

    /** Validates and normalises. */
    public TwoFactorSettings {
        exemptUsers = exemptUsers.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (fidoRpId != null && (fidoRpId.isBlank() || fidoRpId.contains("/") || fidoRpId.contains(":"))) {
            throw new IllegalArgumentException("fidoRpId must be a host name (e.g. kitsu.studio.example), got "
                    + fidoRpId);
        }
        fidoOrigins = List.copyOf(fidoOrigins);
        positive(emailOtpLifetime, "emailOtpLifetime");
        positive(fidoChallengeLifetime, "fidoChallengeLifetime");
    }

    /** Zou's values (challenges expire after 5 minutes here). */
    public static TwoFactorSettings defaults() {
        return new TwoFactorSettings(false, Set.of(), null, List.of(), Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    public TwoFactorSettings withEnforce(boolean v, java.util.Collection<String> exempt) {
        return new TwoFactorSettings(v, Set.copyOf(exempt), fidoRpId, fidoOrigins, emailOtpLifetime,
                fidoChallengeLifetime);
    }

    public TwoFactorSettings withFido(String rpId, java.util.Collection<String> origins) {
        return new TwoFactorSettings(enforce, exemptUsers, rpId, List.copyOf(origins), emailOtpLifetime,
                fidoChallengeLifetime);
    }

    /** Whether this e-mail address is exempt from enforcement. */
    public boolean isExempt(String email) {
        return email != null && exemptUsers.contains(email.toLowerCase(Locale.ROOT));
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
