package org.zou4j.internal.auth;

import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.auth.crypto.IdentityType;
import org.zou4j.internal.sql.Row;

/**
 * A token that passed every check (signature, times, type, revocation, user lookup), with what the checks found.
 *
 * @param claims   the decoded claims
 * @param identity the {@code identity_type}
 * @param jti      the token id
 * @param person   the person row at verification time
 * @param caller   the caller built from that row
 */
public record VerifiedToken(Map<String, Object> claims, IdentityType identity, String jti, Row person,
                            Caller caller) {

    /** The paired refresh token's id ({@code refresh_jti}), or null. */
    public String refreshJti() {
        return claims.get("refresh_jti") instanceof String s ? s : null;
    }

    /** Whether the token is restricted to 2FA enrolment ({@code requires_2fa_setup}). */
    public boolean restrictedTo2faSetup() {
        return Boolean.TRUE.equals(claims.get("requires_2fa_setup"));
    }

    /** Never shows the claims' values. */
    @Override
    public String toString() {
        return "VerifiedToken[" + identity + ", jti=" + jti + ", person=" + caller.personId() + "]";
    }
}
