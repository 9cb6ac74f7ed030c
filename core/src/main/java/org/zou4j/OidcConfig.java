package org.zou4j;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.zou4j.internal.auth.oidc.OidcSettings;

/**
 * OpenID Connect sign-in settings for {@link ZouEngine.Builder#oidc(OidcConfig)}, named after Zou's
 * ({@code OIDC_ENABLED}, {@code OIDC_DISCOVERY_URL}, {@code OIDC_CLIENT_ID}, {@code OIDC_CLIENT_SECRET},
 * {@code OIDC_SCOPES}, {@code OIDC_IDP_NAME}, {@code OIDC_EMAIL_CLAIM}, {@code OIDC_GIVEN_NAME_CLAIM},
 * {@code OIDC_FAMILY_NAME_CLAIM}, {@code OIDC_REQUIRE_EMAIL_VERIFIED}, {@code OIDC_SKIP_2FA}). Immutable.
 *
 * <pre>{@code
 * ZouEngine.builder().publicUrl("https://kitsu.studio.example")
 *         .oidc(OidcConfig.builder()
 *                 .discoveryUrl(URI.create("https://id.example/.well-known/openid-configuration"))
 *                 .clientId("kitsu").clientSecret(secret).idpName("Studio SSO").build())
 * }</pre>
 *
 * <p>The provider's metadata is read from the discovery URL at the first login (and again after a failure), so an
 * engine starts while the provider is down. The redirect URI to register at the provider defaults to Zou's,
 * {@code <publicUrl>/api/auth/oidc/callback}.
 */
public final class OidcConfig {
    private final URI discoveryUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scopes;
    private final String idpName;
    private final String emailClaim;
    private final String givenNameClaim;
    private final String familyNameClaim;
    private final boolean requireEmailVerified;
    private final boolean skipTwoFactor;
    private final String redirectUri;
    private final Duration requestLifetime;
    private final Duration clockSkew;
    private final Duration httpTimeout;

    private OidcConfig(Builder b) {
        this.discoveryUrl = b.discoveryUrl;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.scopes = b.scopes;
        this.idpName = b.idpName;
        this.emailClaim = b.emailClaim;
        this.givenNameClaim = b.givenNameClaim;
        this.familyNameClaim = b.familyNameClaim;
        this.requireEmailVerified = b.requireEmailVerified;
        this.skipTwoFactor = b.skipTwoFactor;
        this.redirectUri = b.redirectUri;
        this.requestLifetime = b.requestLifetime;
        this.clockSkew = b.clockSkew;
        this.httpTimeout = b.httpTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The provider's discovery document URL ({@code .../.well-known/openid-configuration}). */
    public URI discoveryUrl() {
        return discoveryUrl;
    }

    /** This client's id at the provider. */
    public String clientId() {
        return clientId;
    }

    /** The name Kitsu shows on its OIDC login button ({@code oidc_idp_name} of {@code GET /config}). */
    public String idpName() {
        return idpName;
    }

    /** The redirect URI when set; else the engine uses {@code <publicUrl>/api/auth/oidc/callback}. */
    public Optional<String> redirectUri() {
        return Optional.ofNullable(redirectUri);
    }

    /** The settings with the redirect URI resolved against the engine's public URL. */
    OidcSettings resolve(String publicUrl) {
        return new OidcSettings(discoveryUrl, clientId, clientSecret, scopes, idpName, emailClaim, givenNameClaim,
                familyNameClaim, requireEmailVerified, skipTwoFactor,
                redirectUri != null ? redirectUri : publicUrl + "/api/auth/oidc/callback", publicUrl.startsWith("https:"),
                requestLifetime, clockSkew, httpTimeout);
    }

    /** Never shows the client secret. */
    @Override
    public String toString() {
        return "OidcConfig[discovery=" + discoveryUrl + ", clientId=" + clientId + ", name=" + idpName + "]";
    }

    /** Builds an {@link OidcConfig}; the discovery URL, client id and client secret are required. */
    public static final class Builder {
        private URI discoveryUrl;
        private String clientId;
        private String clientSecret;
        private String scopes = "openid email profile";
        private String idpName = "";
        private String emailClaim = "email";
        private String givenNameClaim = "given_name";
        private String familyNameClaim = "family_name";
        private boolean requireEmailVerified = true;
        private boolean skipTwoFactor;
        private String redirectUri;
        private Duration requestLifetime = Duration.ofMinutes(10);
        private Duration clockSkew = Duration.ofSeconds(60);
        private Duration httpTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The provider's discovery document (Zou's {@code OIDC_DISCOVERY_URL}); http(s). */
        public Builder discoveryUrl(URI url) {
            Objects.requireNonNull(url, "url");
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("OIDC discovery URL must be http(s): " + url);
            }
            this.discoveryUrl = url;
            return this;
        }

        /** The issuer; the discovery URL becomes {@code <issuer>/.well-known/openid-configuration}. */
        public Builder issuer(URI issuer) {
            String s = Objects.requireNonNull(issuer, "issuer").toString();
            return discoveryUrl(URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                    + "/.well-known/openid-configuration"));
        }

        /** Zou's {@code OIDC_CLIENT_ID}. */
        public Builder clientId(String id) {
            this.clientId = Objects.requireNonNull(id, "id");
            return this;
        }

        /** Zou's {@code OIDC_CLIENT_SECRET}. */
        public Builder clientSecret(String secret) {
            this.clientSecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** Zou's {@code OIDC_SCOPES}, space separated; default {@code openid email profile} ({@code openid} is added). */
        public Builder scopes(String scopes) {
            this.scopes = Objects.requireNonNull(scopes, "scopes");
            return this;
        }

        /** Zou's {@code OIDC_IDP_NAME}, shown on Kitsu's login button; default empty. */
        public Builder idpName(String name) {
            this.idpName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Zou's {@code OIDC_EMAIL_CLAIM}: the claim holding the e-mail address; default {@code email}. */
        public Builder emailClaim(String claim) {
            this.emailClaim = requireClaim(claim);
            return this;
        }

        /** Zou's {@code OIDC_GIVEN_NAME_CLAIM}; default {@code given_name}. */
        public Builder givenNameClaim(String claim) {
            this.givenNameClaim = requireClaim(claim);
            return this;
        }

        /** Zou's {@code OIDC_FAMILY_NAME_CLAIM}; default {@code family_name}. */
        public Builder familyNameClaim(String claim) {
            this.familyNameClaim = requireClaim(claim);
            return this;
        }

        /**
         * Zou's {@code OIDC_REQUIRE_EMAIL_VERIFIED} (default true): the provider must assert
         * {@code email_verified: true}; when false, only an explicit {@code false} is refused.
         */
        public Builder requireEmailVerified(boolean require) {
            this.requireEmailVerified = require;
            return this;
        }

        /** Zou's {@code OIDC_SKIP_2FA} (default false): OIDC sessions are not asked to enrol a second factor. */
        public Builder skipTwoFactor(boolean skip) {
            this.skipTwoFactor = skip;
            return this;
        }

        /** The redirect URI registered at the provider; default {@code <publicUrl>/api/auth/oidc/callback}. */
        public Builder redirectUri(String uri) {
            this.redirectUri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** How long a started login may take to come back; default 10 minutes. */
        public Builder requestLifetime(Duration lifetime) {
            this.requestLifetime = positive(lifetime, "requestLifetime");
            return this;
        }

        /** The clock skew allowed on the ID token's times; default 60 s. */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clockSkew must not be negative");
            }
            this.clockSkew = skew;
            return this;
        }

        /** Connect and read timeout of each call to the provider; default 10 s. */
        public Builder httpTimeout(Duration timeout) {
            this.httpTimeout = positive(timeout, "httpTimeout");
            return this;
        }

        /**
         * @throws IllegalStateException when the discovery URL, client id or client secret is missing
         */
        public OidcConfig build() {
            if (discoveryUrl == null) {
                throw new IllegalStateException("OidcConfig: the discovery URL (OIDC_DISCOVERY_URL) is required");
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalStateException("OidcConfig: the client id (OIDC_CLIENT_ID) is required");
            }
            if (clientSecret == null || clientSecret.isEmpty()) {
                throw new IllegalStateException("OidcConfig: the client secret (OIDC_CLIENT_SECRET) is required");
            }
            return new OidcConfig(this);
        }

        private static String requireClaim(String claim) {
            Objects.requireNonNull(claim, "claim");
            if (claim.isBlank()) {
                throw new IllegalArgumentException("A claim name must not be blank");
            }
            return claim;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
