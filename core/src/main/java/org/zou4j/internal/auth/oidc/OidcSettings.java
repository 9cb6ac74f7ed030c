package org.zou4j.internal.auth.oidc;

import java.net.URI;
import java.time.Duration;

/**
 * OpenID Connect settings with the redirect URI resolved (see {@link org.zou4j.OidcConfig}).
 *
 * @param secureCookie whether the state cookie is {@code Secure} (the public URL is https)
 */
public record OidcSettings(URI discoveryUrl, String clientId, String clientSecret, String scopes, String idpName,
                           String emailClaim, String givenNameClaim, String familyNameClaim,
                           boolean requireEmailVerified, boolean skipTwoFactor, String redirectUri,
                           boolean secureCookie, Duration requestLifetime, Duration clockSkew, Duration httpTimeout) {

    /** Never shows the client secret. */
    @Override
    public String toString() {
        return "OidcSettings[discovery=" + discoveryUrl + ", clientId=" + clientId + ", redirect=" + redirectUri + "]";
    }
}
