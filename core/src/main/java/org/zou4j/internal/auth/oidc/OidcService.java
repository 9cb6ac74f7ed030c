package org.zou4j.internal.auth.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.net.URL;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.AuthCookie;
import org.zou4j.ErrorCode;
import org.zou4j.SsoRedirect;
import org.zou4j.SsoResult;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthService;
import org.zou4j.internal.sql.Database;

/**
 * OpenID Connect sign-in as Zou offers it ({@code OIDCLoginResource}, {@code OIDCCallbackResource}), relying-party
 * side, on Nimbus's OAuth 2.0 / OIDC SDK: the authorization-code flow with {@code state}, {@code nonce} and PKCE (S256);
 * the provider described by its discovery document; the ID token's signature (the provider's JWK set), issuer,
 * audience, expiry and nonce checked; then the person matched by e-mail, created when new, and logged in by
 * {@link AuthService#ssoLogin} with Zou's cookies and redirect. The login's state is kept in the database (any
 * instance can finish it) and in a cookie of the browser that started it (a callback from another browser is refused).
 * One per engine; thread-safe.
 */
public final class OidcService {
    private static final Logger LOG = LoggerFactory.getLogger(OidcService.class);
    private static final String NOT_ENABLED = "OIDC is not enabled.";
    private static final String FAILED = "OIDC authentication failed.";
    /** The browser's copy of the login's state. */
    public static final String STATE_COOKIE = "zou4j_oidc_state";
    private static final int NAME_MAX = 80;
    private static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private final OidcSettings settings;
    private final Clock clock;
    private final AuthService auth;
    private final OidcStore store;
    private volatile Provider provider;

    /**
     * The provider's metadata and the ID-token signature checker built from it (its JWK set is fetched and cached);
     * the claims are checked by {@link #checkClaims} against the engine's clock.
     */
    private record Provider(OIDCProviderMetadata metadata,
                            com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext> processor) {
    }

    public OidcService(OidcSettings settings, Database db, Clock clock, AuthService auth) {
        this.settings = settings;
        this.clock = clock;
        this.auth = auth;
        this.store = new OidcStore(db, clock);
    }

    public OidcSettings settings() {
        return settings;
    }

    /** Zou's answer when OIDC is off: 400 {@code {"error": "OIDC is not enabled."}}. */
    public static ZouException notEnabled() {
        return error(NOT_ENABLED, NOT_ENABLED);
    }

    private static ZouException error(String message, String logMessage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        return new ZouException(ErrorCode.BAD_STATE, 400, logMessage, body);
    }

    /**
     * {@code GET /auth/oidc/login}: a new login (state, nonce and PKCE verifier remembered for the request lifetime)
     * and the provider's authorization URL for it, with the state cookie to set.
     *
     * @throws ZouException 503 when the provider's discovery document cannot be read
     */
    public SsoRedirect loginRedirect() {
        Provider p = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        Instant now = clock.instant();
        store.remember(state.getValue(), nonce.getValue(), verifier.getValue(), now.plus(settings.requestLifetime()));
        Scope scope = Scope.parse(settings.scopes());
        if (scope == null) {
            scope = new Scope();
        }
        if (!scope.contains("openid")) {
            scope.add("openid");
        }
        URI location = new AuthenticationRequest.Builder(ResponseType.CODE, scope, new ClientID(settings.clientId()),
                URI.create(settings.redirectUri()))
                .endpointURI(p.metadata().getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        long seconds = settings.requestLifetime().toSeconds();
        AuthCookie cookie = new AuthCookie(STATE_COOKIE, state.getValue(), "/", seconds, now.plusSeconds(seconds), true,
                settings.secureCookie(), "Lax");
        return new SsoRedirect(location.toString(), List.of(cookie));
    }

    /**
     * {@code GET /auth/oidc/callback}: checks the answer against the pending login, exchanges the code, validates the
     * ID token and logs its person in (see {@link AuthService#ssoLogin}); the state cookie is cleared.
     *
     * @param code         the {@code code} query parameter, or null
     * @param state        the {@code state} query parameter, or null
     * @param error        the provider's {@code error} query parameter, or null
     * @param browserState the browser's {@link #STATE_COOKIE}, or null
     * @param ipAddress    the client's address for the login log, or null
     * @throws ZouException 400 {@code {"error": "OIDC authentication failed."}} for any refused answer (the reason is
     *                      logged, not told); 400 {@code "No email claim returned by the provider."} and
     *                      {@code "Email address is not verified."} as in Zou
     */
    public SsoResult callback(String code, String state, String error, String browserState, String ipAddress) {
        Map<String, Object> claims;
        try {
            claims = verifiedClaims(code, state, error, browserState);
        } catch (Refused e) {
            LOG.warn("OIDC login refused: {}", e.getMessage());
            throw error(FAILED, "OIDC login refused: " + e.getMessage());
        }
        Object emailValue = claims.get(settings.emailClaim());
        String email = emailValue instanceof String s ? s.trim() : null;
        if (email == null || email.isEmpty()) {
            throw error("No email claim returned by the provider.", "OIDC: no " + settings.emailClaim() + " claim");
        }
        if (!emailVerified(claims.get("email_verified"))) {
            throw error("Email address is not verified.", "OIDC: e-mail address " + email + " is not verified");
        }
        if (email.indexOf('@') <= 0 || email.length() > 255) {
            throw error(FAILED, "OIDC: the e-mail claim is not an e-mail address");
        }
        SsoResult result = auth.ssoLogin(email.toLowerCase(Locale.ROOT), profile(claims), ipAddress,
                settings.skipTwoFactor());
        List<AuthCookie> cookies = new java.util.ArrayList<>(result.cookies());
        cookies.add(clearStateCookie());
        return new SsoResult(result.location(), result.accessToken(), result.refreshToken(), cookies);
    }

    /** The cookie that removes the browser's state (set with every callback answer). */
    public AuthCookie clearStateCookie() {
        return new AuthCookie(STATE_COOKIE, "", "/", null, Instant.EPOCH, true, settings.secureCookie(), "Lax");
    }

    /** Zou's rule: with OIDC_REQUIRE_EMAIL_VERIFIED, only {@code true}; else anything but {@code false}. */
    private boolean emailVerified(Object verified) {
        return settings.requireEmailVerified() ? Boolean.TRUE.equals(verified) : !Boolean.FALSE.equals(verified);
    }

    /** The given and family names, when present (empty values do not overwrite what the person has). */
    private Map<String, Object> profile(Map<String, Object> claims) {
        Map<String, Object> profile = new LinkedHashMap<>();
        if (claims.get(settings.givenNameClaim()) instanceof String s && !s.isBlank()) {
            profile.put("first_name", cut(s.trim()));
        }
        if (claims.get(settings.familyNameClaim()) instanceof String s && !s.isBlank()) {
            profile.put("last_name", cut(s.trim()));
        }
        return profile;
    }

    private static String cut(String s) {
        return s.length() <= NAME_MAX ? s : s.substring(0, NAME_MAX);
    }

    private Map<String, Object> verifiedClaims(String code, String state, String error, String browserState)
            throws Refused {
        if (state == null || state.isEmpty()) {
            throw new Refused("no state in the callback");
        }
        if (browserState == null || !MessageDigest.isEqual(browserState.getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused("the state does not match this browser's login (state cookie "
                    + (browserState == null ? "missing" : "different") + ")");
        }
        OidcStore.Pending pending = store.consume(state);
        if (pending == null) {
            throw new Refused("the state names no pending login (unknown, already answered or expired)");
        }
        if (error != null && !error.isEmpty()) {
            throw new Refused("the provider answered error " + ZouException.echo(error));
        }
        if (code == null || code.isEmpty()) {
            throw new Refused("no code in the callback");
        }
        Provider p;
        try {
            p = provider();
        } catch (ZouException e) {
            throw new Refused("provider unavailable: " + e.getMessage());
        }
        OIDCProviderMetadata meta = p.metadata();
        OIDCTokenResponse tokens;
        try {
            TokenRequest request = new TokenRequest.Builder(meta.getTokenEndpointURI(), clientAuthentication(meta),
                    new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(settings.redirectUri()),
                            new CodeVerifier(pending.codeVerifier()))).build();
            TokenResponse response = OIDCTokenResponseParser.parse(send(request.toHTTPRequest()));
            if (!response.indicatesSuccess()) {
                throw new Refused("the token endpoint refused the code: "
                        + response.toErrorResponse().getErrorObject().getCode());
            }
            tokens = (OIDCTokenResponse) response.toSuccessResponse();
        } catch (com.nimbusds.oauth2.sdk.ParseException | java.io.IOException | ClassCastException e) {
            throw new Refused("the code exchange failed: " + e.getMessage());
        }
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new Refused("the token response has no ID token");
        }
        Map<String, Object> claims;
        try {
            if (!(idToken instanceof com.nimbusds.jwt.SignedJWT signed)) {
                throw new Refused("the ID token is not signed");
            }
            com.nimbusds.jwt.JWTClaimsSet set = p.processor().process(signed, null);
            checkClaims(set, meta.getIssuer().getValue(), pending.nonce());
            claims = new LinkedHashMap<>(set.getClaims());
        } catch (com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            throw new Refused("the ID token is not valid: " + e.getMessage());
        }
        if (!(claims.get(settings.givenNameClaim()) instanceof String)
                && !(claims.get(settings.familyNameClaim()) instanceof String)) {
            // some providers (Entra ID) only give names at the userinfo endpoint; best effort, as Zou
            Map<String, Object> userInfo = userInfo(meta, tokens.getOIDCTokens().getBearerAccessToken(),
                    (String) claims.get("sub"));
            userInfo.putAll(claims);
            claims = userInfo;
        }
        return claims;
    }

    private Map<String, Object> userInfo(OIDCProviderMetadata meta, BearerAccessToken token, String subject) {
        if (meta.getUserInfoEndpointURI() == null || token == null) {
            return new LinkedHashMap<>();
        }
        try {
            UserInfoResponse response = UserInfoResponse.parse(send(
                    new UserInfoRequest(meta.getUserInfoEndpointURI(), token).toHTTPRequest()));
            if (!response.indicatesSuccess()) {
                return new LinkedHashMap<>();
            }
            var info = response.toSuccessResponse().getUserInfo();
            // a userinfo answer about someone else is ignored (OIDC Core 5.3.2)
            if (info == null || subject == null || !subject.equals(info.getSubject().getValue())) {
                return new LinkedHashMap<>();
            }
            return new LinkedHashMap<>(info.toJSONObject());
        } catch (com.nimbusds.oauth2.sdk.ParseException | java.io.IOException | RuntimeException e) {
            LOG.warn("OIDC userinfo fetch failed; going on without it: {}", e.getMessage());
            return new LinkedHashMap<>();
        }
    }

    private ClientAuthentication clientAuthentication(OIDCProviderMetadata meta) {
        ClientID id = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        List<ClientAuthenticationMethod> methods = meta.getTokenEndpointAuthMethods();
        if (methods != null && !methods.isEmpty() && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return new ClientSecretPost(id, secret);
        }
        return new ClientSecretBasic(id, secret);
    }

    private HTTPResponse send(HTTPRequest request) throws java.io.IOException {
        int timeout = (int) settings.httpTimeout().toMillis();
        request.setConnectTimeout(timeout);
        request.setReadTimeout(timeout);
        request.setFollowRedirects(false);
        return request.send();
    }

    /** The provider, read from its discovery document on first use (and again after a failure). */
    private Provider provider() {
        Provider p = provider;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (provider == null) {
                provider = discover();
            }
            return provider;
        }
    }

    private Provider discover() {
        try {
            HTTPResponse response = send(new HTTPRequest(HTTPRequest.Method.GET, settings.discoveryUrl()));
            if (response.getStatusCode() != 200) {
                throw new java.io.IOException("HTTP " + response.getStatusCode());
            }
            String body = response.getBody();
            if (body == null || body.length() > MAX_DOCUMENT_BYTES) {
                throw new java.io.IOException("empty or oversized discovery document");
            }
            OIDCProviderMetadata meta = OIDCProviderMetadata.parse(body);
            if (meta.getAuthorizationEndpointURI() == null || meta.getTokenEndpointURI() == null
                    || meta.getJWKSetURI() == null) {
                throw new java.io.IOException("the discovery document lacks the authorization, token or JWK set URL");
            }
            int timeout = (int) settings.httpTimeout().toMillis();
            URL jwks = meta.getJWKSetURI().toURL();
            com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> keys =
                    com.nimbusds.jose.jwk.source.JWKSourceBuilder.<com.nimbusds.jose.proc.SecurityContext>create(jwks,
                            new DefaultResourceRetriever(timeout, timeout, MAX_DOCUMENT_BYTES)).build();
            var processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext>();
            processor.setJWSKeySelector(
                    new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(signingAlgorithms(meta), keys));
            processor.setJWTClaimsSetVerifier((claims, context) -> { }); // checkClaims does it, on the engine's clock
            return new Provider(meta, processor);
        } catch (java.io.IOException | com.nimbusds.oauth2.sdk.ParseException | IllegalArgumentException e) {
            LOG.error("OIDC: the provider's discovery document {} cannot be used: {}", settings.discoveryUrl(),
                    e.getMessage());
            throw new ZouException(ErrorCode.UNAVAILABLE, "The OpenID provider cannot be reached; try again later.");
        }
    }

    /**
     * The ID-token signing algorithms accepted: the asymmetric ones the provider lists (never {@code none} nor the
     * HMAC ones, keyed with the client secret), RS256 (the mandatory one) when it lists none.
     */
    private static java.util.Set<JWSAlgorithm> signingAlgorithms(OIDCProviderMetadata meta) {
        java.util.Set<JWSAlgorithm> accepted = new java.util.LinkedHashSet<>();
        List<JWSAlgorithm> algs = meta.getIDTokenJWSAlgs();
        if (algs != null) {
            for (JWSAlgorithm a : algs) {
                if (JWSAlgorithm.Family.RSA.contains(a) || JWSAlgorithm.Family.EC.contains(a)
                        || JWSAlgorithm.Family.ED.contains(a)) {
                    accepted.add(a);
                }
            }
        }
        if (accepted.isEmpty()) {
            accepted.add(JWSAlgorithm.RS256);
        }
        return accepted;
    }

    /**
     * OIDC Core 3.1.3.7: issuer, audience (and authorized party when there are several), expiry, issue time and nonce,
     * against the engine's clock with the configured skew.
     */
    private void checkClaims(com.nimbusds.jwt.JWTClaimsSet claims, String issuer, String nonce) throws Refused {
        if (!issuer.equals(claims.getIssuer())) {
            throw new Refused("the ID token's issuer " + ZouException.echo(String.valueOf(claims.getIssuer()))
                    + " is not the provider's");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(settings.clientId())) {
            throw new Refused("the ID token is for another audience " + audience);
        }
        Object azp = claims.getClaim("azp");
        if (audience.size() > 1 && !settings.clientId().equals(azp)) {
            throw new Refused("the ID token has several audiences and another authorized party");
        }
        long skew = settings.clockSkew().toMillis();
        long now = clock.millis();
        java.util.Date exp = claims.getExpirationTime();
        if (exp == null || exp.getTime() + skew <= now) {
            throw new Refused("the ID token has expired (exp " + exp + ")");
        }
        java.util.Date iat = claims.getIssueTime();
        if (iat == null || iat.getTime() - skew > now) {
            throw new Refused("the ID token is issued in the future (iat " + iat + ")");
        }
        Object tokenNonce = claims.getClaim("nonce");
        if (!(tokenNonce instanceof String n) || !MessageDigest.isEqual(n.getBytes(StandardCharsets.UTF_8),
                nonce.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused("the ID token's nonce is not the one of this login");
        }
    }

    /** Deletes expired pending logins now; answers how many rows went. */
    public int purgeExpired() {
        return store.purgeExpired();
    }

    /** A refused callback; its message is logged, never told to the client. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
