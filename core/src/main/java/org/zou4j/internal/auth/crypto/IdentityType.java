package org.zou4j.internal.auth.crypto;

import java.util.Optional;

/**
 * The {@code identity_type} claim: which kind of principal a token stands for, which also decides how its revocation
 * is checked (Zou: session tokens against a blocklist, bot/API tokens against the person's {@code jti} column).
 */
public enum IdentityType {
    /** A session of a person (login, SSO, refresh). */
    PERSON("person"),
    /** A bot's long-lived API token. */
    BOT("bot"),
    /** A person's long-lived personal API token. */
    PERSON_API("person_api");

    private final String claim;

    IdentityType(String claim) {
        this.claim = claim;
    }

    /** The claim value as written in the token. */
    public String claim() {
        return claim;
    }

    /** The identity type named by a claim value; empty for anything unknown (Zou treats those as revoked). */
    public static Optional<IdentityType> fromClaim(Object value) {
        for (IdentityType t : values()) {
            if (t.claim.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
