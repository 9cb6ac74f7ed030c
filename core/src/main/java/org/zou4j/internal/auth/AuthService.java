package org.zou4j.internal.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.AuthCookie;
import org.zou4j.ErrorCode;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.Query;
import org.zou4j.SsoResult;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.auth.crypto.IdentityType;
import org.zou4j.internal.auth.crypto.IssuedToken;
import org.zou4j.internal.auth.crypto.JwtCodec;
import org.zou4j.internal.auth.crypto.PasswordHasher;
import org.zou4j.internal.auth.crypto.PasswordPolicyException;
import org.zou4j.internal.auth.crypto.RandomTokens;
import org.zou4j.internal.auth.crypto.TokenException;
import org.zou4j.internal.auth.crypto.TokenIssuer;
import org.zou4j.internal.auth.crypto.TokenPair;
import org.zou4j.internal.auth.crypto.TokenType;
import org.zou4j.internal.auth.crypto.TooManyConcurrentLoginsException;
import org.zou4j.internal.auth.crypto.WebAuthn;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.model.ModelDef;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;
import org.zou4j.mail.MailMessage;
import org.zou4j.mail.MailSender;

/**
 * Zou's authentication (reference zou-auth.md §1–§3): password login with lockout and login logs, HS256 session
 * tokens with refresh and logout, per-request token verification with database-backed revocation and a fresh user
 * lookup, bot and personal-API tokens, password change and reset by e-mail; second factors at login (§4, with
 * {@link TwoFactorService} for enrolment) and Zou's {@code ENFORCE_2FA} restricted tokens (§2.7).
 *
 * <p>All state lives in the database (revoked token ids, reset tokens, failure counters, one-time codes and
 * challenges), so several engines over one database honour each other's logouts, lockouts and used codes. One per
 * engine; thread-safe.
 */
public final class AuthService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    private static final String DEFAULT_PASSWORD = "default";
    private static final List<String> ORGANISATION_SECRETS = List.of("chat_token_slack", "chat_webhook_mattermost",
            "chat_token_discord");
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };

    /** Which route a token is verified for; decides the answers Zou gives that differ by route. */
    public enum Use {
        /** Any API route: restricted (2FA setup) tokens are refused. */
        API(JwtCookies.ACCESS, false),
        /** {@code /auth/authenticated}: restricted tokens allowed. */
        AUTHENTICATED(JwtCookies.ACCESS, true),
        /** The 2FA enrolment routes ({@code /auth/totp}, {@code /auth/email-otp}, ...): restricted tokens allowed. */
        ENROLMENT(JwtCookies.ACCESS, true),
        /** {@code /auth/logout}: restricted tokens allowed; a missing person is "Error loading the user". */
        LOGOUT(JwtCookies.ACCESS, true),
        /** {@code /auth/refresh-token}: a refresh token. */
        REFRESH(JwtCookies.REFRESH, true);

        private final String cookie;
        private final boolean allowsRestricted;

        Use(String cookie, boolean allowsRestricted) {
            this.cookie = cookie;
            this.allowsRestricted = allowsRestricted;
        }
    }

    private final Database db;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AuthSettings settings;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final RandomTokens random = new RandomTokens();
    private final AuthStore store;
    private final SecondFactor secondFactor;
    private final TwoFactorStore twoFactorStore;
    private final TwoFactorService twoFactor;
    private final TwoFactorSettings twoFactorSettings;
    private final AuthMailer mailer;
    private final TokenStateCache tokenStates;
    private volatile CrudService crud;

    /**
     * @param secretKey the token signing key (copied by the codec)
     * @param mailSender where auth mails go, or null for none
     */
    public AuthService(Database db, ObjectMapper mapper, Clock clock, byte[] secretKey, AuthSettings settings,
                       MailSender mailSender) {
        this(db, mapper, clock, secretKey, settings, TwoFactorSettings.defaults(), mailSender);
    }

    /**
     * @param secretKey the token signing key (copied by the codec)
     * @param twoFactorSettings second-factor settings (enforcement, FIDO relying party)
     * @param mailSender where auth mails go, or null for none
     */
    public AuthService(Database db, ObjectMapper mapper, Clock clock, byte[] secretKey, AuthSettings settings,
                       TwoFactorSettings twoFactorSettings, MailSender mailSender) {
        this(db, mapper, clock, secretKey, settings, twoFactorSettings, mailSender, Duration.ZERO);
    }

    /**
     * @param secretKey the token signing key (copied by the codec)
     * @param twoFactorSettings second-factor settings (enforcement, FIDO relying party)
     * @param mailSender where auth mails go, or null for none
     * @param tokenStateMaxAge how long an API route may use what the database said about a token: another engine's
     *                         logout or deactivation is honoured here after at most this long (this engine's own at
     *                         once); zero reads the database on every request ({@link TokenStateCache})
     */
    public AuthService(Database db, ObjectMapper mapper, Clock clock, byte[] secretKey, AuthSettings settings,
                       TwoFactorSettings twoFactorSettings, MailSender mailSender, Duration tokenStateMaxAge) {
        this.db = db;
        this.tokenStates = new TokenStateCache(tokenStateMaxAge, System::nanoTime);
        db.onCommittedWrites(tokenStates::tableWritten);
        this.mapper = mapper;
        this.clock = clock;
        this.settings = settings;
        this.hasher = PasswordHasher.builder().cost(settings.bcryptCost()).minLength(settings.minPasswordLength())
                .threads(settings.hashingThreads()).build();
        this.tokens = new TokenIssuer(new JwtCodec(secretKey, clock), settings.accessTokenLifetime(),
                settings.refreshTokenLifetime());
        this.store = new AuthStore(db, clock, tokenStates::invalidateAll);
        this.mailer = new AuthMailer(mailSender);
        this.twoFactorSettings = Objects.requireNonNull(twoFactorSettings, "twoFactorSettings");
        this.twoFactorStore = new TwoFactorStore(db, clock);
        String rpId = twoFactorSettings.fidoRpId() != null ? twoFactorSettings.fidoRpId()
                : java.net.URI.create(settings.publicUrl()).getHost();
        WebAuthn webAuthn = new WebAuthn(rpId, twoFactorSettings.fidoOrigins().isEmpty()
                ? WebAuthn.OriginPolicy.sameSite(rpId) : WebAuthn.OriginPolicy.exactly(twoFactorSettings.fidoOrigins()));
        Fido fido = new Fido(webAuthn, twoFactorStore, random, mapper, twoFactorSettings.fidoChallengeLifetime());
        this.secondFactor = new SecondFactor(hasher, twoFactorStore, fido, clock, mapper);
        this.twoFactor = new TwoFactorService(this, store, twoFactorStore, secondFactor, fido, hasher, random, mapper,
                clock, twoFactorSettings, mailer);
    }

    /** Completes construction once the engine's CRUD service exists (it needs this service's hooks first). */
    public void bind(CrudService crudService) {
        if (this.crud != null) {
            throw new IllegalStateException("already bound");
        }
        this.crud = Objects.requireNonNull(crudService, "crudService");
    }

    public AuthSettings settings() {
        return settings;
    }

    public TwoFactorSettings twoFactorSettings() {
        return twoFactorSettings;
    }

    public TokenIssuer tokens() {
        return tokens;
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    /** The models' hooks with the auth behaviour of persons added (see {@link PersonAuthHooks}). */
    public java.util.function.Function<ModelDef, ModelHooks> hooks(
            java.util.function.Function<ModelDef, ModelHooks> modelHooks) {
        return def -> {
            ModelHooks own = modelHooks.apply(def);
            return "person".equals(def.table()) ? new PersonAuthHooks(own, this) : own;
        };
    }

    // ================================================================================================================
    // Token verification

    /**
     * Verifies a token as Zou does on a protected route: locate → decode (signature, {@code exp}/{@code nbf}/
     * {@code iat}, {@code sub}) → type → revocation → user lookup (exists, active, not past its expiration date) →
     * 2FA restriction.
     *
     * @throws ZouException with Zou's exact status and body for each failure
     */
    public VerifiedToken verify(String token, TokenType type, Use use) {
        if (token == null || token.isBlank()) {
            throw AuthErrors.missingToken(use.cookie);
        }
        Map<String, Object> claims;
        try {
            claims = tokens.verify(token, type);
        } catch (TokenException e) {
            throw AuthErrors.invalidToken(e);
        }
        String jti = claims.get("jti") instanceof String s ? s : null;
        IdentityType identity = IdentityType.fromClaim(claims.get("identity_type")).orElse(null);
        if (jti == null || identity == null) {
            throw AuthErrors.revoked();
        }
        String subject = (String) claims.get("sub");
        UUID personId = tryUuid(subject);
        // One statement: the revocation, the person and their departments (AuthStore.tokenState). API routes may use
        // it for up to tokenStateMaxAge (this engine's own changes drop it at once: TokenStateCache); the auth routes
        // (logout, refresh, /auth/authenticated, enrolment) always read it.
        AuthStore.TokenState state = use == Use.API
                ? tokenStates.get(personId, jti, () -> db.read(tx -> AuthStore.tokenState(tx, personId, jti)))
                : db.read(tx -> AuthStore.tokenState(tx, personId, jti));
        if (identity == IdentityType.PERSON && state.revoked()) {
            throw AuthErrors.revoked();
        }
        Row person = state.person();
        if (identity != IdentityType.PERSON && (person == null || !jti.equals(person.get("jti")))) {
            throw AuthErrors.revoked(); // only the latest bot / personal token is valid
        }
        if (person == null) {
            throw use == Use.LOGOUT ? AuthErrors.errorLoadingUser(subject) : AuthErrors.notAuthorized();
        }
        if (!mayLogIn(person)) {
            if (identity == IdentityType.PERSON) {
                // Zou ends the session for good: reactivating the person does not revive it.
                revokeSession(claims);
            }
            throw AuthErrors.notAuthorized();
        }
        Caller caller = new Caller(personId, role(person), state.departments(),
                identity == IdentityType.BOT || Boolean.TRUE.equals(person.get("is_bot")));
        VerifiedToken verified = new VerifiedToken(claims, identity, jti, person, caller);
        if (verified.restrictedTo2faSetup() && !use.allowsRestricted) {
            throw AuthErrors.twoFactorSetupRequired();
        }
        return verified;
    }

    /** The caller of an access token on an API route. */
    public Caller callerForAccessToken(String token) {
        return verify(token, TokenType.ACCESS, Use.API).caller();
    }

    /**
     * The caller for a person the embedding application authenticated itself: the same checks as a token's user
     * lookup (exists, active, not expired).
     */
    public Caller callerForPerson(String personId) {
        UUID id = tryUuid(personId);
        if (id == null) {
            throw ZouException.malformedId();
        }
        return db.read(tx -> {
            Row person = tx.byId("person", id);
            if (person == null || !mayLogIn(person)) {
                throw AuthErrors.notAuthorized();
            }
            return new Caller(id, role(person), AuthStore.departments(tx, id), Boolean.TRUE.equals(person.get("is_bot")));
        });
    }

    /** Active, and (for persons with an expiration date) not past the last day. */
    boolean mayLogIn(Row person) {
        if (!Boolean.TRUE.equals(person.get("active"))) {
            return false;
        }
        Object expiration = person.get("expiration_date");
        return !(expiration instanceof LocalDate d) || !today().isAfter(d);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private void revokeSession(Map<String, Object> claims) {
        Instant now = clock.instant();
        String jti = (String) claims.get("jti");
        Instant exp = claims.get("exp") instanceof Number n ? Instant.ofEpochSecond(n.longValue())
                : now.plus("refresh".equals(claims.get("type")) ? settings.refreshTokenLifetime()
                : settings.accessTokenLifetime());
        store.revoke(jti, exp);
        if (claims.get("refresh_jti") instanceof String refreshJti) {
            store.revoke(refreshJti, now.plus(settings.refreshTokenLifetime()));
        }
    }

    private static void requirePerson(VerifiedToken v) {
        if (v.identity() == IdentityType.BOT) {
            throw AuthErrors.personRequired();
        }
    }

    /**
     * Zou's {@code ENFORCE_2FA} rule: a person who is not exempt and has no second factor enabled gets tokens
     * restricted to the enrolment routes.
     */
    public boolean requiresTwoFactorSetup(Row person) {
        return requiresTwoFactorSetup(person, SecondFactor.state(person));
    }

    private boolean requiresTwoFactorSetup(Row person, TwoFactorStore.State factors) {
        return twoFactorSettings.enforce() && !factors.anyMethod()
                && !twoFactorSettings.isExempt(person.get("email") == null ? null : person.get("email").toString());
    }

    /** Enrolment and removal of second factors (the 2FA routes). */
    public TwoFactorService twoFactor() {
        return twoFactor;
    }

    // ================================================================================================================
    // Login, refresh, logout

    /** Zou's {@code POST /auth/login} (reference §1.2, §3.3, §3.4). */
    public LoginResult login(LoginRequest request) {
        new AuthErrors.Validation().required("email", request.email()).check();
        String password = request.password() == null ? DEFAULT_PASSWORD : request.password();
        Row person = store.personByLogin(request.email());
        if (person == null) {
            dummyCheck();
            throw AuthErrors.loginFailed();
        }
        UUID id = person.id();
        checkPassword(person, password, AuthErrors.lockedOut(), AuthErrors.loginFailed());
        if (!mayLogIn(person)) {
            store.releaseAttempt(id);
            throw AuthErrors.unactive();
        }
        SecondFactor.Outcome factor;
        TwoFactorStore.State factors = SecondFactor.state(person);
        try {
            factor = secondFactor.check(id, factors, request.secondFactor());
        } catch (TooManyConcurrentLoginsException e) {
            store.releaseAttempt(id);
            throw AuthErrors.tooManyConcurrentLogins();
        } catch (PasswordPolicyException e) {
            factor = SecondFactor.Outcome.WRONG; // a "code" bcrypt cannot even read
        }
        if (factor == SecondFactor.Outcome.MISSING) {
            store.releaseAttempt(id);
            throw AuthErrors.missingOtp(factors.preferred(), SecondFactor.accepted(factors));
        }
        if (factor == SecondFactor.Outcome.WRONG) {
            throw AuthErrors.wrongOtp(); // the reserved attempt stays counted
        }
        store.clearFailures(id);

        if (DEFAULT_PASSWORD.equals(password)) {
            // Zou: the placeholder password never logs in; the client is sent to the reset form with a token.
            String token = random.passwordResetToken();
            store.storeResetToken(id, RandomTokens.sha256Hex(token), settings.resetTokenLifetime());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("login", false);
            body.put("default_password", true);
            body.put("token", token);
            return new LoginResult(400, body, null, null, List.of());
        }

        boolean restricted = requiresTwoFactorSetup(person, factors);
        TokenPair pair = tokens.issueSession(id.toString(), restricted);
        boolean browser = Browsers.isBrowser(request.userAgent());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", personJson(id));
        body.put("organisation", organisation("admin".equals(role(person))));
        body.put("login", true);
        body.put("access_token", pair.access().token());
        body.put("refresh_token", pair.refresh().token());
        if (restricted) {
            body.put("two_factor_authentication_required", true);
        }
        store.insertLoginLog(id, request.ipAddress(), browser ? "web" : "script");
        Instant now = clock.instant();
        List<AuthCookie> cookies = browser
                ? List.of(JwtCookies.access(pair.access().token(), now), JwtCookies.refresh(pair.refresh().token(), now))
                : List.of();
        return new LoginResult(200, body, pair.access().token(), pair.refresh().token(), cookies);
    }

    /**
     * Takes a login attempt (refused while locked) and checks the password; a wrong one stays counted.
     *
     * @throws ZouException {@code locked} when locked out, {@code wrong} when the password does not match
     */
    private void checkPassword(Row person, String password, ZouException locked, ZouException wrong) {
        UUID id = person.id();
        if (!store.reserveAttempt(id, settings.maxLoginFailures(), settings.lockoutWindow())) {
            throw locked;
        }
        boolean ok;
        try {
            ok = hasher.verify(password, (String) person.get("password"));
        } catch (TooManyConcurrentLoginsException e) {
            store.releaseAttempt(id);
            throw AuthErrors.tooManyConcurrentLogins();
        } catch (PasswordPolicyException tooLong) {
            dummyCheck(); // longer than bcrypt reads: it was never this account's password; same cost as a check
            ok = false;
        }
        if (!ok) {
            throw wrong;
        }
    }

    private void dummyCheck() {
        try {
            hasher.verifyDummy();
        } catch (TooManyConcurrentLoginsException e) {
            throw AuthErrors.tooManyConcurrentLogins();
        }
    }

    /** Zou's {@code GET /auth/refresh-token}: a new access token; the refresh token is not rotated. */
    public LoginResult refresh(String refreshToken, String userAgent) {
        VerifiedToken v = verify(refreshToken, TokenType.REFRESH, Use.REFRESH);
        requirePerson(v);
        IssuedToken access = tokens.issueRefreshedAccess(v.caller().personId().toString(), v.jti(),
                requiresTwoFactorSetup(v.person(), SecondFactor.state(v.person())));
        Map<String, Object> body = new LinkedHashMap<>();
        if (Browsers.isBrowser(userAgent)) {
            body.put("refresh", true);
            return new LoginResult(200, body, access.token(), null,
                    List.of(JwtCookies.access(access.token(), clock.instant()), JwtCookies.clearRefresh()));
        }
        body.put("access_token", access.token());
        return new LoginResult(200, body, access.token(), null, List.of());
    }

    /** Zou's {@code GET /auth/logout}: revokes the access token and its paired refresh token. */
    public LoginResult logout(String accessToken, String userAgent) {
        VerifiedToken v = verify(accessToken, TokenType.ACCESS, Use.LOGOUT);
        requirePerson(v);
        if (v.identity() == IdentityType.PERSON) {
            revokeSession(v.claims());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("logout", true);
        List<AuthCookie> cookies = Browsers.isBrowser(userAgent)
                ? List.of(JwtCookies.clearAccess(), JwtCookies.clearRefresh()) : List.of();
        return new LoginResult(200, body, null, null, cookies);
    }

    // ================================================================================================================
    // Single sign-on

    /**
     * Completes a single sign-on (SAML, reference §1.12) for a user the identity provider vouched for: the non-bot
     * person with this e-mail (case-insensitive) is updated when the profile differs, or else created as an active
     * {@code user} without a password (a password login then fails like a wrong password until one is set through a
     * reset). An active person gets a session exactly as a password login issues it (token pair, login log with
     * origin {@code web}), as cookies whatever the User-Agent; an inactive one gets no session and no error. Either
     * way the answer redirects to the web app.
     *
     * @param profile columns from the IdP, already normalized: any of {@code first_name}, {@code last_name},
     *                {@code phone}, {@code country}, {@code studio_id} (strings) and {@code departments} (list of ids)
     * @throws ZouException 400 when the e-mail or profile breaks a person rule (invalid e-mail, user limit reached)
     */
    public SsoResult ssoLogin(String email, Map<String, Object> profile, String ipAddress) {
        return ssoLogin(email, profile, ipAddress, false);
    }

    /**
     * As {@link #ssoLogin(String, Map, String)}; {@code skipTwoFactor} leaves out the second-factor enrolment that
     * {@code ENFORCE_2FA} asks for (Zou's {@code OIDC_SKIP_2FA}, for providers that enforce MFA themselves).
     */
    public SsoResult ssoLogin(String email, Map<String, Object> profile, String ipAddress, boolean skipTwoFactor) {
        Row person = store.personByEmail(email);
        if (person == null) {
            Map<String, Object> body = new LinkedHashMap<>(profile);
            body.putIfAbsent("first_name", "");
            body.putIfAbsent("last_name", "");
            body.put("email", email);
            body.put("role", "user");
            body.put("active", true);
            try {
                crud.create(Caller.system(), "persons", body);
            } catch (ZouException e) {
                if (e.code() != ErrorCode.DUPLICATE) {
                    throw e;
                }
                // another login of the same person created it meanwhile
            }
        } else {
            Map<String, Object> changes = profileChanges(person, profile);
            if (!changes.isEmpty()) {
                crud.update(Caller.system(), "persons", person.id().toString(), changes);
            }
        }
        person = store.personByEmail(email);
        if (person == null) {
            throw ZouException.internal("SSO: the person with the IdP's e-mail vanished after provisioning", null);
        }
        if (!mayLogIn(person)) {
            return new SsoResult(settings.publicUrl(), null, null, List.of());
        }
        UUID id = person.id();
        // ENFORCE_2FA applies to single sign-on too (Zou, unless SAML_SKIP_2FA, which is not offered here)
        TokenPair pair = tokens.issueSession(id.toString(), !skipTwoFactor && requiresTwoFactorSetup(person));
        store.insertLoginLog(id, ipAddress, "web");
        Instant now = clock.instant();
        return new SsoResult(settings.publicUrl(), pair.access().token(), pair.refresh().token(),
                List.of(JwtCookies.access(pair.access().token(), now), JwtCookies.refresh(pair.refresh().token(), now)));
    }

    /** The profile values that differ from the person's (departments compared as sets). */
    private Map<String, Object> profileChanges(Row person, Map<String, Object> profile) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : profile.entrySet()) {
            if (e.getKey().equals("departments")) {
                Set<String> current = new java.util.HashSet<>();
                db.read(tx -> AuthStore.departments(tx, person.id())).forEach(d -> current.add(d.toString()));
                if (!current.equals(new java.util.HashSet<>((List<?>) e.getValue()))) {
                    changes.put(e.getKey(), e.getValue());
                }
            } else {
                Object stored = person.get(e.getKey());
                if (!Objects.equals(stored == null ? null : stored.toString(), e.getValue())) {
                    changes.put(e.getKey(), e.getValue());
                }
            }
        }
        return changes;
    }

    /** Zou's {@code GET /auth/authenticated} body for a verified caller. */
    public Map<String, Object> authenticated(Caller caller) {
        if (caller.isSystem()) {
            throw AuthErrors.notAuthorized();
        }
        Row person = store.personById(caller.personId());
        if (person == null) {
            throw AuthErrors.notAuthorized();
        }
        Map<String, Object> user = personJson(caller.personId());
        user.put("fido_devices", fidoDevices(person.get("fido_credentials")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authenticated", true);
        body.put("user", user);
        body.put("organisation", organisation("admin".equals(role(person))));
        return body;
    }

    // ================================================================================================================
    // Passwords

    /**
     * Zou's {@code POST /auth/change-password}: the old password is checked like a login without second factor
     * (lockout applies, a wrong one counts as a failure), then the new one is validated and stored. Other sessions
     * stay valid, as in Zou.
     */
    public void changePassword(Caller caller, String oldPassword, String password, String password2) {
        if (caller.isSystem()) {
            throw new IllegalArgumentException("The system session has no password to change.");
        }
        if (caller.isBot()) {
            throw AuthErrors.personRequired();
        }
        new AuthErrors.Validation().required("old_password", oldPassword).required("password", password)
                .required("password_2", password2).check();
        Row person = store.personById(caller.personId());
        if (person == null) {
            throw AuthErrors.notAuthorized();
        }
        checkPassword(person, oldPassword, AuthErrors.changePasswordLockedOut(),
                AuthErrors.badRequest("Old password is wrong."));
        if (!mayLogIn(person)) {
            store.releaseAttempt(person.id());
            throw AuthErrors.badRequest("User is unactive.");
        }
        store.clearFailures(person.id());
        store.setPassword(person.id(), hashNewPassword(password, password2));
        Object email = person.get("email");
        if (email instanceof String address && !address.isEmpty() && mailer.isConfigured()) {
            mailer.send(AuthMails.passwordChanged(address, fullName(person), clock.instant()), "password changed");
        }
    }

    /**
     * Zou's {@code POST /auth/reset-password}: mails a one-time reset link to an active person with that e-mail.
     * Answers the same whether or not the address exists (the mail goes out in the background).
     *
     * @throws ZouException {@link ErrorCode#UNAVAILABLE} when the engine has no mail sender
     */
    public void requestPasswordReset(String email) {
        if (!mailer.isConfigured()) {
            throw new ZouException(ErrorCode.UNAVAILABLE, 503, "Password reset by e-mail is unavailable: this engine "
                    + "has no mail sender (configure one with ZouEngine.builder().mailSender(...)).",
                    body("Password reset by e-mail is not configured on this server."));
        }
        new AuthErrors.Validation().required("email", email).check();
        Row person = store.personByEmail(email);
        if (person == null || !mayLogIn(person)) {
            return;
        }
        String token = random.passwordResetToken();
        store.storeResetToken(person.id(), RandomTokens.sha256Hex(token), settings.resetTokenLifetime());
        String link = settings.publicUrl() + "/reset-change-password?email=" + urlEncode(email) + "&token=" + token;
        mailer.send(AuthMails.resetPassword((String) person.get("email"), fullName(person), link,
                settings.resetTokenLifetime()), "password reset");
    }

    /**
     * Zou's {@code PUT /auth/reset-password}: applies a reset token (one-time) and sets the new password.
     *
     * @param email the e-mail the token was sent to, checked when not null
     */
    public void resetPassword(String email, String token, String password, String password2) {
        new AuthErrors.Validation().required("token", token).required("password", password)
                .required("password2", password2).check();
        ZouException wrongToken = AuthErrors.badRequest("Wrong or expired token.");
        String tokenHash = RandomTokens.sha256Hex(token);
        Row pending = store.resetToken(tokenHash);
        if (pending == null) {
            throw wrongToken;
        }
        Row person = store.personById((UUID) pending.get("person_id"));
        if (person == null || (email != null && !email.equalsIgnoreCase(String.valueOf(person.get("email"))))) {
            throw wrongToken;
        }
        validateNewPassword(password, password2);
        if (!Boolean.TRUE.equals(person.get("active"))) {
            throw AuthErrors.badRequest("User is unactive.");
        }
        String hash = hashNewPassword(password, password2);
        if (!store.consumeResetToken(tokenHash, person.id(), hash)) {
            throw wrongToken;
        }
    }

    // ================================================================================================================
    // An admin acting on another person's account (Zou's persons blueprint)

    /**
     * The target of an admin action on a person's password: the person must exist (404) and not be a bot (403,
     * Zou's {@code check_person_is_not_bot}), the caller must be an admin (403), and unless the admin acts on
     * themself, the target may not be another admin who already has a password (400, Zou's
     * {@code check_password_change_allowed}).
     */
    private Row passwordTarget(Caller admin, UUID personId) {
        Row person = personId == null ? null : store.personById(personId);
        if (person == null) {
            throw ZouException.notFound("Person not found");
        }
        if (Boolean.TRUE.equals(person.get("is_bot"))) {
            throw ZouException.forbidden();
        }
        if (!admin.isAdmin()) {
            throw ZouException.forbidden();
        }
        if (!person.id().equals(admin.personId()) && "admin".equals(person.get("role"))
                && person.get("password") != null) {
            throw AuthErrors.badRequest("An admin can't change another admin's password.");
        }
        return person;
    }

    /**
     * Zou's {@code POST /actions/persons/<id>/change-password}: an admin sets a person's password (validated as any
     * new password) and the person is told by mail, with the admin's IP address when known.
     *
     * @param clientIp the first address of {@code X-Forwarded-For}, or null
     */
    public void setPasswordAsAdmin(Caller admin, UUID personId, String password, String password2, String clientIp) {
        Row person = passwordTarget(admin, personId);
        new AuthErrors.Validation().required("password", password).required("password_2", password2).check();
        store.setPassword(person.id(), hashNewPassword(password, password2));
        LOG.warn("Admin {} changed the password of person {}", admin.personId(), person.id());
        Object email = person.get("email");
        if (email instanceof String address && !address.isEmpty() && mailer.isConfigured()) {
            mailer.send(AuthMails.passwordChangedByAdmin(address, fullName(person), clock.instant(), clientIp),
                    "password changed by an admin");
        }
    }

    /**
     * Zou's {@code POST /actions/persons/<id>/reset-password-link}: a one-time reset link for the person, valid as
     * long as a mailed one ({@code resetTokenLifetime}). The token is stored hashed, so a new link replaces the
     * previous one (Zou hands the same link out again while it lives).
     */
    public String passwordResetLink(Caller admin, UUID personId) {
        Row person = passwordTarget(admin, personId);
        String token = random.passwordResetToken();
        store.storeResetToken(person.id(), RandomTokens.sha256Hex(token), settings.resetTokenLifetime());
        LOG.info("Admin {} generated a password reset link for person {}", admin.personId(), person.id());
        return resetUrl((String) person.get("email"), token, null);
    }

    /**
     * Zou's {@code GET /actions/persons/<id>/invite}: mails the person an invitation with a link to choose their
     * password (valid 7 days, as Zou's).
     *
     * @throws ZouException 404 unknown person, 403 bot or non-admin caller, 503 when the engine has no mail sender
     */
    public void invite(Caller admin, UUID personId) {
        Row person = personId == null ? null : store.personById(personId);
        if (person == null) {
            throw ZouException.notFound("Person not found");
        }
        if (Boolean.TRUE.equals(person.get("is_bot")) || !admin.isAdmin()) {
            throw ZouException.forbidden();
        }
        if (!mailer.isConfigured()) {
            throw new ZouException(ErrorCode.UNAVAILABLE, 503, "Invitations by e-mail are unavailable: this engine "
                    + "has no mail sender (configure one with ZouEngine.builder().mailSender(...)).",
                    body("Invitations by e-mail are not configured on this server."));
        }
        String email = (String) person.get("email");
        if (email == null || email.isEmpty()) {
            throw AuthErrors.badRequest("This person has no e-mail address.");
        }
        String token = random.passwordResetToken();
        store.storeResetToken(person.id(), RandomTokens.sha256Hex(token), INVITATION_LIFETIME);
        mailer.send(AuthMails.invitation(email, fullName(person), (String) person.get("first_name"),
                organisationName(), resetUrl(email, token, "new")), "invitation");
    }

    /** Zou's invitation tokens live a week. */
    private static final java.time.Duration INVITATION_LIFETIME = java.time.Duration.ofDays(7);

    private String resetUrl(String email, String token, String type) {
        return settings.publicUrl() + "/reset-change-password?email=" + urlEncode(email) + "&token=" + token
                + (type == null ? "" : "&type=" + type);
    }

    /**
     * Hashes a password sent to {@code POST /data/persons} (the person hooks' {@code PasswordHashing}). Unlike Zou,
     * which hashes whatever an admin sends there, the minimum length applies (and bcrypt's 72-byte limit).
     *
     * @throws ZouException 400 with the rule's message, 429 when the hashing pool is saturated
     */
    public String hashForStorage(String password) {
        try {
            hasher.validateNewPassword(password);
            return hasher.hash(password);
        } catch (PasswordPolicyException e) {
            throw ZouException.wrongParameter(e.getMessage()); // the CRUD routes' WrongParameter shape
        } catch (TooManyConcurrentLoginsException e) {
            throw AuthErrors.tooManyConcurrentLogins();
        }
    }

    private void validateNewPassword(String password, String confirmation) {
        try {
            hasher.validateNewPassword(password, confirmation);
        } catch (PasswordPolicyException e) {
            throw AuthErrors.badRequest(e.getMessage());
        }
    }

    private String hashNewPassword(String password, String confirmation) {
        validateNewPassword(password, confirmation);
        try {
            return hasher.hash(password);
        } catch (PasswordPolicyException e) {
            throw AuthErrors.badRequest(e.getMessage());
        } catch (TooManyConcurrentLoginsException e) {
            throw AuthErrors.tooManyConcurrentLogins();
        }
    }

    /**
     * Creates the first admin when the database holds no person at all.
     *
     * @return whether an admin was created
     */
    public boolean ensureAdmin(String email, String password) {
        if (email == null || email.isBlank()) {
            throw ZouException.wrongParameter("ensureAdmin: an e-mail address is required.");
        }
        validateNewPassword(password, password);
        boolean any = db.read(tx -> tx.exists("person", List.of()));
        if (any) {
            return false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", "Super");
        body.put("last_name", "Admin");
        body.put("email", email);
        body.put("password", password);
        body.put("role", "admin");
        try {
            crud.create(Caller.system(), "persons", body);
            return true;
        } catch (ZouException e) {
            // Another engine on the same database created a first person meanwhile: its e-mail clashes with ours
            // either in the database (DUPLICATE) or in the person rules' own check ("Email already in use.").
            if (e.code() == ErrorCode.DUPLICATE || db.read(tx -> tx.exists("person", List.of()))) {
                return false;
            }
            throw e;
        }
    }

    // ================================================================================================================
    // Serialization

    /** The person as Zou's login answers it: every non-secret column, full_name, departments, type. */
    private Map<String, Object> personJson(UUID id) {
        return new LinkedHashMap<>(crud.get(Caller.system(), "persons", id.toString(), Query.all()));
    }

    /** The organisation (created with Zou's default name when there is none); chat secrets only for admins. */
    private Map<String, Object> organisation(boolean sensitive) {
        UUID id = db.read(tx -> firstOrganisation(tx));
        if (id == null) {
            try {
                id = db.inTransaction(tx -> {
                    UUID existing = firstOrganisation(tx);
                    if (existing != null) {
                        return existing;
                    }
                    UUID created = UUID.randomUUID();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", created);
                    row.put("created_at", store.now());
                    row.put("updated_at", store.now());
                    row.put("name", "Kitsu");
                    tx.insert("organisation", row);
                    return created;
                });
            } catch (ZouException e) {
                if (e.code() != ErrorCode.DUPLICATE) {
                    throw e;
                }
                id = db.read(tx -> firstOrganisation(tx)); // created concurrently
            }
        }
        Map<String, Object> json = new LinkedHashMap<>(crud.get(Caller.system(), "organisations", id.toString(),
                Query.all()));
        if (!sensitive) {
            ORGANISATION_SECRETS.forEach(json::remove);
        }
        return json;
    }

    /** The organisation's name (Zou's default "Kitsu" when none is set), for the TOTP issuer. */
    String organisationName() {
        Object name = organisation(false).get("name");
        return name == null || name.toString().isEmpty() ? "Kitsu" : name.toString();
    }

    private static UUID firstOrganisation(Tx tx) throws SQLException {
        List<Row> rows = tx.select("organisation", List.of(), List.of(Tx.Order.asc("created_at")), 1, 0);
        return rows.isEmpty() ? null : rows.get(0).id();
    }

    private List<String> fidoDevices(Object stored) {
        List<String> names = new ArrayList<>();
        if (stored instanceof RawJson raw && raw.text() != null) {
            try {
                List<Object> list = mapper.readValue(raw.text(), LIST);
                if (list != null) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> m && m.get("device_name") instanceof String n) {
                            names.add(n);
                        }
                    }
                }
            } catch (IOException e) {
                LOG.warn("Unreadable fido_credentials on a person; no device names answered");
            }
        }
        return names;
    }

    private static Map<String, Object> body(String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("message", message);
        return b;
    }

    private static String role(Row person) {
        Object r = person.get("role");
        return r == null ? "user" : r.toString();
    }

    static String fullName(Row person) {
        String first = person.get("first_name") == null ? "" : person.get("first_name").toString();
        String last = person.get("last_name") == null ? "" : person.get("last_name").toString();
        return (first + " " + last).trim();
    }

    private static UUID tryUuid(String s) {
        if (s == null || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Deletes expired revocations and reset tokens now (also done in passing); returns how many rows went. */
    public int purgeExpired() {
        return store.purgeExpired() + twoFactorStore.purgeExpired();
    }

    @Override
    public void close() {
        mailer.close();
        hasher.close();
    }
}
