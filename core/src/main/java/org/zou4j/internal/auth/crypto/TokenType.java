package org.zou4j.internal.auth.crypto;

/** The {@code type} claim: what a token may be used for. */
public enum TokenType {
    /** Authenticates API calls. */
    ACCESS("access"),
    /** Only obtains new access tokens ({@code /auth/refresh-token}). */
    REFRESH("refresh");

    private final String claim;

    TokenType(String claim) {
        this.claim = claim;
    }

    /** The claim value as written in the token. */
    public String claim() {
        return claim;
    }
}
