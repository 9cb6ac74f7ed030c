package org.zou4j.internal.auth.saml;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's SAML settings, resolved (the service-provider URLs default from the engine's public URL).
 *
 * @param idp               the identity provider, from its metadata
 * @param idpName           shown by Kitsu on its login button ({@code saml_idp_name} of {@code GET /config})
 * @param spEntityId        this service provider's entity id: the {@code Audience} responses must be addressed to
 * @param acsUrl            the assertion consumer service URL: the {@code Destination} and {@code Recipient} responses
 *                          must carry
 * @param clockSkew         tolerance on the IdP's timestamps ({@code NotBefore}, {@code NotOnOrAfter})
 * @param allowIdpInitiated whether a response that answers no request of ours (IdP-initiated login) is accepted
 * @param requestLifetime   how long an AuthnRequest we sent can be answered
 */
public record SamlSettings(IdpMetadata idp, String idpName, String spEntityId, String acsUrl, Duration clockSkew,
                           boolean allowIdpInitiated, Duration requestLifetime) {
    /** The largest clock skew accepted. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

    /** Validates every setting with a message naming it. */
    public SamlSettings {
        Objects.requireNonNull(idp, "idp");
        Objects.requireNonNull(idpName, "idpName");
        requireUrl(spEntityId, "spEntityId", false);
        requireUrl(acsUrl, "acsUrl", true);
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("SAML clockSkew must be between 0 and " + MAX_CLOCK_SKEW + ", got "
                    + clockSkew);
        }
        Objects.requireNonNull(requestLifetime, "requestLifetime");
        if (requestLifetime.compareTo(Duration.ofSeconds(30)) < 0 || requestLifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("SAML requestLifetime must be between 30 s and 1 h, got "
                    + requestLifetime);
        }
    }

    private static void requireUrl(String value, String name, boolean http) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("SAML " + name + " must not be blank");
        }
        if (http && !value.startsWith("https://") && !value.startsWith("http://")) {
            throw new IllegalArgumentException("SAML " + name + " must be an http(s) URL, got " + value);
        }
    }
}
