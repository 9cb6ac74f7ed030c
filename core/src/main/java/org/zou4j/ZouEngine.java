package org.zou4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.zou4j.events.EventSettings;
import org.zou4j.events.Events;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.Policies;
import org.zou4j.internal.auth.AuthService;
import org.zou4j.internal.auth.AuthSettings;
import org.zou4j.internal.auth.saml.SamlService;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.ModelRegistry;
import org.zou4j.internal.events.EngineEvents;
import org.zou4j.internal.events.EventInvariants;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.hooks.HookSettings;
import org.zou4j.internal.hooks.Hooks;
import org.zou4j.internal.model.Models;
import org.zou4j.internal.plugins.PluginHost;
import org.zou4j.internal.production.ProductionService;
import org.zou4j.internal.setup.DefaultData;
import org.zou4j.internal.sql.Database;
import org.zou4j.mail.MailSender;
import org.zou4j.storage.StorageBackend;

/**
 * The zou4j engine: Zou's data model, rules and permissions over a storage backend. Built once by {@link #builder()},
 * immutable and thread-safe afterwards; two engines in one JVM share nothing. Close it to release the storage.
 *
 * <pre>{@code
 * try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey(key).build()) {
 *     Session admin = engine.systemSession();
 *     Entry project = admin.data("projects").create(Map.of("name", "Agent 327"));
 * }
 * }</pre>
 */
public final class ZouEngine implements AutoCloseable {
    private final StorageBackend storage;
    private final Database database;
    private final CrudService crud;
    private final EngineEvents events;
    private final ProductionService production;
    private final org.zou4j.internal.assets.EntityService entities;
    private final org.zou4j.internal.tasks.CommentService comments;
    private final org.zou4j.internal.tasks.TaskService tasks;
    private final UserArea user;
    private final org.zou4j.internal.breakdown.BreakdownService breakdown;
    private final org.zou4j.internal.export.ExportService exports;
    private final org.zou4j.internal.imports.ImportService imports;
    private final org.zou4j.internal.media.PictureService pictures;
    private final org.zou4j.internal.media.PreviewService previews;
    private final org.zou4j.internal.playlists.PlaylistService playlists;
    private final String publicUrl;
    /** The temporary media directory this engine made (no file store configured), deleted on close; or null. */
    private final Path ownedMediaDirectory;
    private final org.zou4j.internal.projects.ProjectsArea projectsArea;
    private final org.zou4j.internal.persons.PersonsService persons;
    private final org.zou4j.internal.chats.ChatService chats;
    private final org.zou4j.internal.files.FilesService files;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final byte[] secretKey;
    private final Path pluginsDirectory;
    private final PluginHost plugins;
    private final AuthService auth;
    private final TwoFactor twoFactor;
    private final SamlService saml;
    private final org.zou4j.internal.auth.oidc.OidcService oidc;
    private final String defaultTimezone;
    private final String defaultLocale;
    private final int userLimit;
    private final String adminToken;
    private final EventLog eventLog;
    private final org.zou4j.internal.readcache.AnswerCache readCache;
    private volatile boolean closed;

    private ZouEngine(Builder b) {
        this.storage = b.storage;
        this.clock = b.clock;
        this.secretKey = b.secretKey;
        this.pluginsDirectory = b.pluginsDirectory;
        this.defaultTimezone = b.defaultTimezone;
        this.defaultLocale = b.defaultLocale;
        this.userLimit = b.userLimit;
        this.adminToken = b.adminToken;
        this.mapper = new ObjectMapper();
        this.plugins = new PluginHost(pluginsDirectory, this::systemSession, this::events);
        AuthService authService = null;
        try {
            this.database = Database.open(storage);
            EventInvariants.checkAndRepair(storage.dataSource());
            java.time.Duration tokenWindow = b.tokenStateMaxAge != null ? b.tokenStateMaxAge
                    : b.eventSettings.pollInterval();
            authService = new AuthService(database, mapper, clock, secretKey, b.auth, b.twoFactor, b.mailSender,
                    tokenWindow);
            this.readCache = new org.zou4j.internal.readcache.AnswerCache(database, b.readCacheBytes,
                    READ_CACHE_MAX_BODY, readCacheMaxAge(b, storage, tokenWindow), System::nanoTime);
            AuthService a = authService;
            ModelRegistry registry = new ModelRegistry(Models.ALL, database.schema(), Policies::forModel,
                    a.hooks(Hooks.configured(HookSettings.defaults().withUserLimit(b.userLimit)
                            .withPasswordHashing(a::hashForStorage))));
            this.events = new EngineEvents(database, mapper, clock, b.eventSettings, ZouEngine::callerOf,
                    this::ensureOpen);
            EventLog eventLog = new EventLog(mapper, clock, events);
            this.eventLog = eventLog;
            this.crud = new CrudService(database, registry, eventLog, mapper, clock);
            this.production = new ProductionService(crud, eventLog);
            this.entities = new org.zou4j.internal.assets.EntityService(crud, eventLog);
            this.breakdown = new org.zou4j.internal.breakdown.BreakdownService(crud, eventLog);
            this.exports = new org.zou4j.internal.export.ExportService(crud);
            org.zou4j.files.FileStore fileStore = b.fileStore;
            Path owned = null;
            if (fileStore == null) {
                owned = temporaryMediaDirectory();
                fileStore = org.zou4j.files.FileStore.local(owned);
            }
            this.ownedMediaDirectory = owned;
            // the one store of media bytes: pictures, movies, files, attachments, avatars
            org.zou4j.internal.tasks.Attachments attachments = new org.zou4j.internal.tasks.Attachments(fileStore);
            this.comments = new org.zou4j.internal.tasks.CommentService(crud, eventLog, attachments);
            this.tasks = new org.zou4j.internal.tasks.TaskService(comments);
            this.imports = new org.zou4j.internal.imports.ImportService(crud, eventLog,
                    new org.zou4j.internal.tasks.TaskWrites(comments, tasks));
            org.zou4j.internal.persons.Avatars avatars = new org.zou4j.internal.persons.Avatars(fileStore);
            this.user = UserArea.create(crud, eventLog, avatars, b.userLimit);
            this.pictures = new org.zou4j.internal.media.PictureService(crud, eventLog, fileStore, b.maxPicturePixels);
            // one ffmpeg for every media job: preview movies and playlist builds
            org.zou4j.internal.media.Ffmpeg ffmpeg = org.zou4j.internal.media.MediaTools.detect(b.ffmpegDirectory,
                    b.movieTimeout, b.moviePreset);
            this.previews = new org.zou4j.internal.media.PreviewService(crud, eventLog, fileStore, pictures, comments,
                    tasks.taskActions(), attachments, ffmpeg, b.movieThreads, b.saveMovieSources,
                    b.maxPicturePixels);
            this.projectsArea = new org.zou4j.internal.projects.ProjectsArea(crud, eventLog);
            this.persons = new org.zou4j.internal.persons.PersonsService(crud, eventLog, authService, avatars);
            this.chats = new org.zou4j.internal.chats.ChatService(crud, eventLog, attachments);
            this.files = new org.zou4j.internal.files.FilesService(crud, eventLog, fileStore);
            this.playlists = new org.zou4j.internal.playlists.PlaylistService(crud, eventLog, fileStore, ffmpeg,
                    b.mailSender,
                    new org.zou4j.internal.tasks.GuestComments(comments, tasks));
            this.publicUrl = b.auth.publicUrl();
            authService.bind(crud);
            if (b.initData) {
                DefaultData.seedOnce(database, eventLog, clock);
            }
            this.auth = authService;
            this.twoFactor = new TwoFactor(this, authService.twoFactor());
            this.saml = b.saml == null ? null
                    : new SamlService(b.saml.resolve(b.auth.publicUrl()), database, clock, authService);
            this.oidc = b.oidc == null ? null : new org.zou4j.internal.auth.oidc.OidcService(
                    b.oidc.resolve(b.auth.publicUrl()), database, clock, authService);
            plugins.start();
        } catch (RuntimeException e) {
            plugins.stop();
            if (authService != null) {
                authService.close();
            }
            storage.close();
            throw e;
        }
    }

    /** The largest answer body the read cache keeps. */
    static final int READ_CACHE_MAX_BODY = 64 * 1024;

    /**
     * How long the read cache may serve an entry: while valid when the storage has no other writer, else the
     * configured window (the token-state window by default); zero (configured) turns it off.
     */
    private static long readCacheMaxAge(Builder b, StorageBackend storage, java.time.Duration tokenWindow) {
        if (b.readCacheMaxAge != null && b.readCacheMaxAge.isZero()) {
            return 0;
        }
        if (storage.soleWriter()) {
            return Long.MAX_VALUE;
        }
        java.time.Duration window = b.readCacheMaxAge != null ? b.readCacheMaxAge : tokenWindow;
        return window.isZero() ? 0 : window.toNanos();
    }

    /**
     * The cache of serialized read answers the HTTP transport uses for the routes that opt in (the generic
     * {@code /data} reads, the preview pictures); the in-process API never goes through it. See
     * {@link Builder#readCacheMaxAge} and {@link StorageBackend#soleWriter()}.
     */
    public org.zou4j.readcache.ReadCache readCache() {
        ensureOpen();
        return readCache;
    }

    /** Starts building an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A session with every right and no person, for the embedding application's own work (bootstrap, imports,
     * maintenance). Never hand it to end users.
     */
    public Session systemSession() {
        ensureOpen();
        return new EngineSession(this, Caller.system());
    }

    /** Events: listeners (in commit order, after commit) and Zou's event-log reads. */
    public Events events() {
        ensureOpen();
        return events;
    }

    /**
     * The session of the person an access token was issued to, checked as Zou checks every protected request:
     * signature (HS256 only), expiry, token type, revocation (logouts are stored in the database, so every engine
     * over it honours them; bot and personal-API tokens are valid only while they are the person's latest), then a
     * lookup of the person (exists, active, not past their expiration date). The revocation and the person as read
     * may be reused for up to {@link Builder#tokenStateMaxAge} (this engine's own logouts and person changes take
     * effect at once; another engine's within that window).
     *
     * @throws ZouException {@link ErrorCode#UNAUTHORIZED} with Zou's exact status and body: 401 {@code {"msg":
     *                      "Missing JWT ..."}} (no token), 422 {@code {"msg": "Not enough segments"}} / {@code
     *                      "Signature verification failed"} / {@code "Only non-refresh tokens are allowed"} (malformed,
     *                      forged or refresh token), 401 {@code {"error": true, "message": "Signature has expired"}},
     *                      401 {@code {"msg": "Token has been revoked"}}, 401 {@code {"error": true, "message": ...}}
     *                      for a deleted or inactive person; {@link ErrorCode#TWO_FACTOR_REQUIRED} (403) for a token
     *                      restricted to two-factor enrolment
     */
    public Session session(String accessToken) {
        ensureOpen();
        return new EngineSession(this, auth.callerForAccessToken(accessToken));
    }

    /**
     * The session of an access token for the auth and second-factor calls ({@code /auth/authenticated},
     * {@link #twoFactor()}, {@link #logout}): checked as {@link #session(String)}, but a token restricted to 2FA
     * enrolment (issued when {@link Builder#enforceTwoFactor two-factor authentication is enforced} and the person has
     * no factor yet) is accepted too. Such a session refuses every data and production call with 403
     * {@code two_factor_authentication_required}, and {@link #changePassword} as well.
     *
     * @throws ZouException as {@link #session(String)}, without the 403
     */
    public Session enrolmentSession(String accessToken) {
        ensureOpen();
        org.zou4j.internal.auth.VerifiedToken v = auth.verify(accessToken,
                org.zou4j.internal.auth.crypto.TokenType.ACCESS, AuthService.Use.ENROLMENT);
        return new EngineSession(this, v.caller(), v.restrictedTo2faSetup());
    }

    /** Second factors: TOTP, e-mailed codes, recovery codes, FIDO2 devices (Zou's 2FA routes). */
    public TwoFactor twoFactor() {
        ensureOpen();
        return twoFactor;
    }

    /**
     * Logs a person in with an e-mail address (or desktop login) and password, as Zou's {@code POST /auth/login}
     * does: the account is locked for a while after too many failures (checked before the password), an inactive
     * account is disclosed only to the right password, a second factor is required when one is enabled, and each
     * login is logged. Browsers (by User-Agent) also get the token cookies.
     *
     * @return 200 with the user, organisation and tokens; or 400 without tokens when the password is Zou's
     *         placeholder {@code "default"} (the body then holds a password-reset token)
     * @throws ZouException with Zou's exact status and body: 400 {@code {"login": false}} (unknown login or wrong
     *                      password), 400 {@code too_many_failed_login_attemps}, 401 {@code unactive}, 400
     *                      {@code missing_OTP} / {@code wrong_OTP}, 400 validation error (no e-mail), 429 when too many
     *                      password checks are already waiting. With {@link Builder#enforceTwoFactor} and no factor
     *                      enabled, the tokens only serve enrolment and the body says
     *                      {@code "two_factor_authentication_required": true}.
     */
    public LoginResult login(LoginRequest request) {
        ensureOpen();
        return auth.login(Objects.requireNonNull(request, "request"));
    }

    /** As {@link #refresh(String, String)} for a non-browser client. */
    public LoginResult refresh(String refreshToken) {
        return refresh(refreshToken, null);
    }

    /**
     * A new access token for a refresh token (Zou's {@code GET /auth/refresh-token}); the refresh token itself stays
     * valid until it expires or its session logs out. A browser gets {@code {"refresh": true}} and the access cookie;
     * other clients {@code {"access_token": ...}}.
     *
     * @param userAgent the client's User-Agent, or null
     * @throws ZouException 401/422 as {@link #session(String)}, 422 {@code "Only refresh tokens are allowed"} for an
     *                      access token, 403 for a bot
     */
    public LoginResult refresh(String refreshToken, String userAgent) {
        ensureOpen();
        return auth.refresh(refreshToken, userAgent);
    }

    /** As {@link #logout(String, String)} for a non-browser client. */
    public LoginResult logout(String accessToken) {
        return logout(accessToken, null);
    }

    /**
     * Ends the session of an access token (Zou's {@code GET /auth/logout}): the token and its paired refresh token
     * are revoked in the database, so every engine over it refuses them from now on. Answers {@code {"logout":
     * true}}; a browser also gets both cookies cleared.
     *
     * @throws ZouException as {@link #session(String)}; 403 for a bot token
     */
    public LoginResult logout(String accessToken, String userAgent) {
        ensureOpen();
        return auth.logout(accessToken, userAgent);
    }

    /**
     * Zou's {@code GET /auth/oidc/login}: starts an OpenID Connect login (authorization-code flow with state, nonce
     * and PKCE) and answers where to send the browser, with the state cookie to set.
     *
     * @throws ZouException 400 {@code {"error": "OIDC is not enabled."}} without an {@link Builder#oidc OIDC
     *                      configuration}; 503 when the provider's discovery document cannot be read
     */
    public SsoRedirect oidcLoginRedirect() {
        ensureOpen();
        if (oidc == null) {
            throw org.zou4j.internal.auth.oidc.OidcService.notEnabled();
        }
        return oidc.loginRedirect();
    }

    /**
     * Zou's {@code GET /auth/oidc/callback}: checks the provider's answer against the login this browser started
     * (state, and the cookie that carries it), exchanges the code, validates the ID token (signature, issuer, audience,
     * expiry, nonce), then logs in the person with the token's e-mail, created on first login: as
     * {@link #samlLogin}, a redirect to the web app with the session cookies (none for an inactive person).
     *
     * @param code         the {@code code} query parameter
     * @param state        the {@code state} query parameter
     * @param error        the provider's {@code error} query parameter, or null
     * @param browserState the value of the browser's {@value org.zou4j.internal.auth.oidc.OidcService#STATE_COOKIE}
     *                     cookie, or null
     * @param ipAddress    the client's address for the login log, or null
     * @throws ZouException 400 {@code {"error": "OIDC is not enabled."}}, 400 {@code {"error": "OIDC authentication
     *                      failed."}} for any refused answer, 400 for a missing or unverified e-mail (Zou's bodies)
     */
    public SsoResult oidcLogin(String code, String state, String error, String browserState, String ipAddress) {
        ensureOpen();
        if (oidc == null) {
            throw org.zou4j.internal.auth.oidc.OidcService.notEnabled();
        }
        return oidc.callback(code, state, error, browserState, ipAddress);
    }

    /**
     * Where {@code GET /auth/saml/login} sends the browser: the identity provider's single sign-on URL carrying a new
     * AuthnRequest (HTTP-Redirect binding). The request is remembered in the database for the configured request
     * lifetime, so any engine over the same storage can accept its answer.
     *
     * @throws ZouException 400 {@code {"error": "SAML is not enabled."}} when the engine has no
     *                      {@link Builder#saml SAML configuration}
     */
    public String samlLoginRedirect() {
        ensureOpen();
        if (saml == null) {
            throw SamlService.notEnabled();
        }
        return saml.loginRedirect();
    }

    /**
     * Zou's SAML assertion consumer service ({@code POST /auth/saml/sso}): validates the identity provider's signed
     * response (signature by a metadata certificate over the very assertion read, issuer, audience, destination and
     * recipient, validity window, an answer to a pending request of this server unless IdP-initiated login is
     * allowed, never seen before), then finds the person by the subject's NameID e-mail (case-insensitive) and updates
     * their name, phone, country, studio and departments from the assertion's attributes when they differ, or creates
     * them as an active {@code user}. An active person is logged in as a password login would be (token pair as
     * cookies, login log); an inactive one is only redirected.
     *
     * @param samlResponse the {@code SAMLResponse} form field, base64
     * @param ipAddress    the client's address for the login log, or null
     * @return the redirect to the web app, with the session cookies when the person may log in
     * @throws ZouException 400 {@code {"error": "SAML is not enabled."}} when SAML is off; 400 {@code {"error": true,
     *                      "message": "Invalid SAML response."}} for a refused response (the reason is in the
     *                      exception's message and the log); 400 when the person cannot be created (e.g. user limit)
     */
    public SsoResult samlLogin(String samlResponse, String ipAddress) {
        ensureOpen();
        if (saml == null) {
            throw SamlService.notEnabled();
        }
        return saml.consume(samlResponse, ipAddress);
    }

    /**
     * The session of a person the embedding application authenticated by its own means (single sign-on, a desktop
     * session...). The person must exist, be active and not past their expiration date.
     *
     * @throws ZouException 400 for a malformed id, 401 for a missing or inactive person
     */
    public Session sessionForPerson(String personId) {
        ensureOpen();
        return new EngineSession(this, auth.callerForPerson(personId));
    }

    /**
     * Zou's {@code GET /auth/authenticated} body: {@code {"authenticated": true, "user": {...}, "organisation":
     * {...}}}, the user with its departments and FIDO device names, the organisation's chat secrets for admins only.
     *
     * @throws ZouException 401 when the session's person no longer exists
     */
    public Map<String, Object> authenticated(Session session) {
        ensureOpen();
        return java.util.Collections.unmodifiableMap(auth.authenticated(enrolmentCallerOf(session)));
    }

    /**
     * Changes the session's own password (Zou's {@code POST /auth/change-password}). The old password is checked as
     * a login is (lockout applies; a wrong one counts as a failed attempt); the new one must have the minimum length
     * and equal its confirmation. When a mail sender is configured, the person is told by mail.
     *
     * @throws ZouException 400 {@code "Old password is wrong."}, {@code "Password is too short."},
     *                      {@code "Confirmation password doesn't match."}, {@code "User is unactive."}, the
     *                      lockout answer; 403 for a bot, 403 {@code two_factor_authentication_required} for a session
     *                      restricted to 2FA enrolment
     */
    public void changePassword(Session session, String oldPassword, String password, String password2) {
        ensureOpen();
        auth.changePassword(callerOf(session), oldPassword, password, password2); // not an enrolment route (Zou)
    }

    /**
     * Mails a one-time password-reset link to the active person with this e-mail (Zou's
     * {@code POST /auth/reset-password}). Returns normally whether or not the address exists, so callers answer the
     * same either way; the mail is sent in the background.
     *
     * @throws ZouException 503 when the engine has no {@link Builder#mailSender mail sender}
     */
    public void requestPasswordReset(String email) {
        ensureOpen();
        auth.requestPasswordReset(email);
    }

    /** As {@link #resetPassword(String, String, String, String)} without checking the e-mail address. */
    public void resetPassword(String token, String password, String password2) {
        resetPassword(null, token, password, password2);
    }

    /**
     * Sets a new password with a reset token (Zou's {@code PUT /auth/reset-password}); the token works once.
     *
     * @param email the address the token was sent to (checked when not null)
     * @throws ZouException 400 {@code "Wrong or expired token."}, {@code "Password is too short."},
     *                      {@code "Confirmation password doesn't match."}, {@code "User is unactive."}
     */
    public void resetPassword(String email, String token, String password, String password2) {
        ensureOpen();
        auth.resetPassword(email, token, password, password2);
    }

    /**
     * Bootstrap for a new installation: creates an admin ("Super Admin") with this e-mail and password when the
     * database holds no person at all.
     *
     * @return true when the admin was created, false when there already were persons
     * @throws ZouException 400 when the password breaks the password rules
     */
    public boolean ensureAdmin(String email, String password) {
        ensureOpen();
        return auth.ensureAdmin(email, password);
    }

    /**
     * The caller of a session, for any call but the auth and 2FA ones: a session restricted to 2FA enrolment is
     * refused (403 {@code two_factor_authentication_required}).
     */
    static Caller callerOf(Session session) {
        EngineSession s = engineSession(session);
        s.refuseIfRestricted();
        return s.caller();
    }

    /** The caller of a session for {@link #authenticated} and the 2FA calls: restricted sessions allowed. */
    static Caller enrolmentCallerOf(Session session) {
        return engineSession(session).caller();
    }

    private static EngineSession engineSession(Session session) {
        if (!(session instanceof EngineSession s)) {
            throw new IllegalArgumentException("Not a session of a zou4j engine: " + session);
        }
        return s;
    }

    /** Whether the storage answers a trivial query now. */
    public boolean isStorageUp() {
        try {
            return database.read(tx -> tx.exists("project_status", java.util.List.of()) || true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * What Zou's public {@code GET /config} answers: which login methods are enabled and the defaults a client needs
     * before logging in (no secret).
     */
    public java.util.Map<String, Object> publicConfig() {
        ensureOpen();
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("is_self_hosted", true);
        config.put("crisp_token", "");
        config.put("dark_theme_by_default", database.read(tx -> {
            var rows = tx.select("organisation", java.util.List.of(), java.util.List.of(), 1, 0);
            return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0).get("dark_theme_by_default"));
        }));
        config.put("indexer_configured", false);
        config.put("saml_enabled", saml != null);
        config.put("saml_idp_name", saml == null ? "" : saml.settings().idpName());
        config.put("oidc_enabled", oidc != null);
        config.put("oidc_idp_name", oidc == null ? "" : oidc.settings().idpName());
        config.put("default_locale", defaultLocale);
        config.put("default_timezone", defaultTimezone);
        config.put("enforce_2fa", auth.twoFactorSettings().enforce());
        return config;
    }

    /**
     * Zou's {@code GET /stats} (admins): the counts Zou's telemetry reports, {@code number_of_video_previews} (mp4),
     * {@code number_of_picture_previews} (png), {@code number_of_model_previews} (obj) and {@code number_of_comments}.
     *
     * @throws ZouException 403 for a caller who is not an admin
     */
    public java.util.Map<String, Object> mainStats(Session session) {
        ensureOpen();
        if (!"admin".equals(session.role())) {
            throw ZouException.forbidden();
        }
        return database.read(tx -> {
            java.util.Map<String, Object> stats = new java.util.LinkedHashMap<>();
            stats.put("number_of_video_previews", tx.count("preview_file",
                    java.util.List.of(org.zou4j.internal.sql.Filter.eq("extension", "mp4"))));
            stats.put("number_of_picture_previews", tx.count("preview_file",
                    java.util.List.of(org.zou4j.internal.sql.Filter.eq("extension", "png"))));
            stats.put("number_of_model_previews", tx.count("preview_file",
                    java.util.List.of(org.zou4j.internal.sql.Filter.eq("extension", "obj"))));
            stats.put("number_of_comments", tx.count("comment", java.util.List.of()));
            return stats;
        });
    }

    /**
     * Zou's {@code GET /status/test-event}: emits the event {@code main:test} (empty data, no project) so that an
     * operator can check that event delivery (socket.io, listeners) works end to end. Unlike Zou, whose event is not
     * persisted, it goes through the event log, which is how events reach every instance.
     */
    public void emitTestEvent() {
        ensureOpen();
        database.inTransaction(tx -> eventLog.begin(tx, null).emit("main:test", java.util.Map.of(), null));
    }

    /**
     * Zou's {@code GET /admin/config/check}: the settings that Zou keeps both in its environment and in its key-value
     * store ({@code user_limit}, {@code default_timezone}, {@code default_locale}, {@code nomad_host},
     * {@code nomad_normalize_job}, {@code nomad_playlist_job}), each as {@code {"env": value, "redis": null}} (this
     * engine has no key-value store: its settings are the builder's), plus {@code active_users}, the active persons
     * who are neither bots nor guests (what {@code USER_LIMIT} counts).
     *
     * @param bearerToken the token of the request's {@code Authorization: Bearer} header, or null
     * @throws ZouException 403 unless an {@link Builder#adminToken admin token} is configured and equals
     *                      {@code bearerToken} (compared in constant time)
     */
    public java.util.Map<String, Object> configCheck(String bearerToken) {
        ensureOpen();
        if (adminToken == null || bearerToken == null || !java.security.MessageDigest.isEqual(
                adminToken.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                bearerToken.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw ZouException.forbidden();
        }
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("user_limit", envOnly(userLimit));
        out.put("default_timezone", envOnly(defaultTimezone));
        out.put("default_locale", envOnly(defaultLocale));
        out.put("nomad_host", envOnly(""));
        out.put("nomad_normalize_job", envOnly(""));
        out.put("nomad_playlist_job", envOnly(""));
        out.put("active_users", database.read(tx -> tx.count("person", java.util.List.of(
                org.zou4j.internal.sql.Filter.eq("active", true), org.zou4j.internal.sql.Filter.eq("is_bot", false),
                org.zou4j.internal.sql.Filter.eq("is_guest", false)))));
        return out;
    }

    private static java.util.Map<String, Object> envOnly(Object value) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("env", value);
        m.put("redis", null);
        return m;
    }

    /** The routes served at {@code /data/<route>}, in Zou's route-table order. */
    public java.util.List<String> dataRoutes() {
        return java.util.List.copyOf(crud.models().routes().keySet());
    }

    ProductionService production() {
        return production;
    }

    org.zou4j.internal.assets.EntityService entities() {
        return entities;
    }

    org.zou4j.internal.tasks.CommentService comments() {
        return comments;
    }

    org.zou4j.internal.tasks.TaskService tasks() {
        return tasks;
    }

    UserArea user() {
        return user;
    }

    org.zou4j.internal.breakdown.BreakdownService breakdown() {
        return breakdown;
    }

    org.zou4j.internal.export.ExportService exports() {
        return exports;
    }

    org.zou4j.internal.imports.ImportService imports() {
        return imports;
    }

    org.zou4j.internal.media.PictureService pictures() {
        return pictures;
    }

    org.zou4j.internal.media.PreviewService previews() {
        return previews;
    }

    org.zou4j.internal.playlists.PlaylistService playlists() {
        return playlists;
    }

    String publicUrl() {
        return publicUrl;
    }

    /**
     * Guest access to playlists through their share links (Zou's {@code shared} blueprint): no account, the share
     * token is the credential and opens that playlist's data only.
     */
    public org.zou4j.playlists.SharedPlaylists sharedPlaylists() {
        ensureOpen();
        return new org.zou4j.internal.playlists.GuestPlaylists(playlists);
    }

    private static Path temporaryMediaDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("zou4j-media-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create a temporary media directory", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // best effort: a temporary directory
        }
    }

    org.zou4j.internal.projects.ProjectsArea projectsArea() {
        return projectsArea;
    }

    org.zou4j.internal.persons.PersonsService persons() {
        return persons;
    }

    org.zou4j.internal.chats.ChatService chats() {
        return chats;
    }

    org.zou4j.internal.files.FilesService files() {
        return files;
    }

    CrudService crud() {
        return crud;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** The plugins directory given to the builder, or {@code null}. */
    public Path pluginsDirectory() {
        return pluginsDirectory;
    }

    /** What became of each jar of the plugins directory (empty without one). */
    public java.util.List<PluginStatus> plugins() {
        return plugins.statuses();
    }

    /**
     * Stops every plugin and loads the plugins directory again: new, changed and removed jars and their settings
     * files. Runs in progress finish with the old plugins. A plugin that fails is reported in {@link #plugins()}.
     */
    public void reloadPlugins() {
        ensureOpen();
        plugins.reload();
    }

    /**
     * A static file of a plugin's web frontend (Zou's {@code GET /plugins/<plugin_id>/frontend/<path>}, which Kitsu
     * shows in an iframe): the entry {@code frontend/<path>} of the started plugin's jar, {@code frontend/index.html}
     * for an empty path or one ending with {@code /}. Public, as in Zou: a frontend calls the API with the user's own
     * cookie.
     *
     * @return the file's bytes; empty for an unknown plugin, a missing file, a folder, or a path with {@code .},
     *         {@code ..} or empty segments
     */
    public java.util.Optional<byte[]> pluginFrontendFile(String pluginId, String path) {
        ensureOpen();
        return plugins.frontendFile(pluginId, path);
    }

    PluginHost pluginHost() {
        return plugins;
    }

    void ensureOpen() {
        if (closed) {
            throw new ZouException(ErrorCode.UNAVAILABLE, "The engine is closed.");
        }
    }

    /**
     * Stops event delivery (a listener handling an event may finish it; durable listeners persist their position),
     * then closes the storage; in-flight calls may fail with {@link ErrorCode#UNAVAILABLE}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        plugins.stop();
        Arrays.fill(secretKey, (byte) 0);
        try {
            previews.close();
            events.close();
        } finally {
            auth.close();
            storage.close();
            if (ownedMediaDirectory != null) {
                deleteTree(ownedMediaDirectory);
            }
        }
    }

    /** Builds a {@link ZouEngine}, validating every setting. */
    public static final class Builder {
        private StorageBackend storage;
        private byte[] secretKey;
        private Clock clock = Clock.systemUTC();
        private Path pluginsDirectory;
        private EventSettings eventSettings = EventSettings.defaults();
        private java.time.Duration tokenStateMaxAge; // null: the event poll interval
        private java.time.Duration readCacheMaxAge; // null: the token-state window
        private long readCacheBytes = 32L * 1024 * 1024;
        private AuthSettings auth = AuthSettings.defaults();
        private org.zou4j.internal.auth.TwoFactorSettings twoFactor =
                org.zou4j.internal.auth.TwoFactorSettings.defaults();
        private MailSender mailSender;
        private SamlConfig saml;
        private OidcConfig oidc;
        private boolean initData;
        private org.zou4j.files.FileStore fileStore;
        private long maxPicturePixels = org.zou4j.internal.media.Thumbnails.MAX_PIXELS;
        private Path ffmpegDirectory;
        private int movieThreads = 1;
        private java.time.Duration movieTimeout = java.time.Duration.ofMinutes(30);
        private String moviePreset = "slow";
        private boolean saveMovieSources;
        private int userLimit = HookSettings.DEFAULT_USER_LIMIT;
        private String defaultTimezone = "Europe/Paris";
        private String defaultLocale = "en_US";
        private String adminToken;

        private Builder() {
        }

        /**
         * Zou's {@code USER_LIMIT} (default 100): the most active persons (bots and guests aside) the studio may have;
         * creating or activating one more is refused with 400 {@code "User limit reached."}. Admins see it as
         * {@code user_limit} in {@code /data/user/context}.
         */
        public Builder userLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("userLimit must be >= 0, got " + limit);
            }
            this.userLimit = limit;
            return this;
        }

        /**
         * Zou's {@code ADMIN_TOKEN}: the static bearer token that opens {@code GET /admin/config/check} (an operator's
         * probe, not a person's login). Unset by default, and then that route always answers 403 (Zou lets an empty
         * token through).
         *
         * @throws IllegalArgumentException for a token shorter than 16 characters
         */
        public Builder adminToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < 16) {
                throw new IllegalArgumentException("adminToken (ADMIN_TOKEN) must be at least 16 characters long");
            }
            this.adminToken = token;
            return this;
        }

        /**
         * Zou's {@code DEFAULT_TIMEZONE} (default {@code Europe/Paris}), answered by {@code GET /config} for clients
         * to use when a person has none.
         *
         * @throws IllegalArgumentException when it is not a time-zone id such as {@code America/New_York}
         */
        public Builder defaultTimezone(String timezone) {
            Objects.requireNonNull(timezone, "timezone");
            try {
                java.time.ZoneId.of(timezone);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("Unknown time zone: " + timezone
                        + " (expected an id such as Europe/Paris or America/New_York)", e);
            }
            this.defaultTimezone = timezone;
            return this;
        }

        /** Zou's {@code DEFAULT_LOCALE} (default {@code en_US}), answered by {@code GET /config}. */
        public Builder defaultLocale(String locale) {
            Objects.requireNonNull(locale, "locale");
            if (!locale.matches("[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*")) {
                throw new IllegalArgumentException("Not a locale: " + locale + " (expected e.g. en_US or fr_FR)");
            }
            this.defaultLocale = locale;
            return this;
        }

        /**
         * Whether to put Zou's default data into the database, as {@code zou init-data} does (3D domain): project
         * statuses, asset types, shot types, departments, task types and task statuses (Todo being the default status
         * of new tasks). Done once per database: rows that already exist are kept, and a database seeded before is
         * left alone (a default status deleted since does not come back). Default {@code false}: an embedding
         * application usually brings its own studio's data (or imports it), and an engine must not invent rows its
         * embedder did not ask for. The standalone server ({@code ./zou4j serve}) turns it on.
         */
        public Builder initData(boolean seed) {
            this.initData = seed;
            return this;
        }

        /** The bcrypt cost of new password hashes, 4 to 16 (default 12, Zou's); existing hashes keep theirs. */
        public Builder bcryptCost(int cost) {
            auth = auth.withBcryptCost(cost);
            return this;
        }

        /** Minimum length of a new password, in characters (default 8, Zou's {@code MIN_PASSWORD_LENGTH}). */
        public Builder minPasswordLength(int length) {
            auth = auth.withMinPasswordLength(length);
            return this;
        }

        /**
         * Threads that run bcrypt (default: half the cores). Password checks beyond them wait in a short queue and are
         * refused (429) when it is full, so a login burst cannot take the CPU from other requests.
         */
        public Builder passwordHashingThreads(int threads) {
            auth = auth.withHashingThreads(threads);
            return this;
        }

        /** Lifetimes of access and refresh tokens (default 7 and 15 days, Zou's). */
        public Builder tokenLifetimes(java.time.Duration access, java.time.Duration refresh) {
            auth = auth.withTokenLifetimes(access, refresh);
            return this;
        }

        /**
         * Login throttling: after {@code maxFailures} failed attempts an account is locked until {@code window} has
         * passed since the last one (default 5 and 60 s, Zou's).
         */
        public Builder loginLockout(int maxFailures, java.time.Duration window) {
            auth = auth.withLockout(maxFailures, window);
            return this;
        }

        /** How long a password-reset token stays valid (default 2 hours, Zou's). */
        public Builder resetTokenLifetime(java.time.Duration lifetime) {
            auth = auth.withResetTokenLifetime(lifetime);
            return this;
        }

        /**
         * Where users reach the web app, for links in mails, e.g. {@code https://kitsu.studio.example} (Zou's
         * {@code DOMAIN_PROTOCOL://DOMAIN_NAME}; default {@code https://localhost:8080}).
         */
        public Builder publicUrl(String url) {
            auth = auth.withPublicUrl(url);
            return this;
        }

        /**
         * Zou's {@code ENFORCE_2FA} / {@code 2FA_EXEMPT_USERS} (default off): when on, a person without any second
         * factor logs in with tokens that only serve the enrolment routes ({@link #enrolmentSession}); everywhere else
         * they get 403 {@code two_factor_authentication_required} until they enable a factor. Exempt e-mail addresses
         * (case-insensitive) get normal tokens.
         */
        public Builder enforceTwoFactor(boolean enforce, java.util.Collection<String> exemptEmails) {
            twoFactor = twoFactor.withEnforce(enforce, Objects.requireNonNull(exemptEmails, "exemptEmails"));
            return this;
        }

        /**
         * The WebAuthn relying party for FIDO2 devices: its id (a host name; default: the host of
         * {@link #publicUrl}, as Zou derives it from {@code DOMAIN_NAME}) and the origins browsers may report (default
         * empty: python-fido2's rule, https on the RP id or a sub-domain of it, or http://localhost when the id is
         * localhost). Devices are bound to the RP id: changing it makes registered devices unusable.
         */
        public Builder fidoRelyingParty(String rpId, java.util.Collection<String> allowedOrigins) {
            twoFactor = twoFactor.withFido(rpId, Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
            return this;
        }

        /**
         * Sends the engine's mails (password reset, password changed, one-time codes); without one, password reset
         * and e-mailed codes are unavailable.
         */
        public Builder mailSender(MailSender sender) {
            this.mailSender = Objects.requireNonNull(sender, "mailSender");
            return this;
        }

        /**
         * Enables SAML single sign-on ({@code /auth/saml/login}, {@code /auth/saml/sso}; Zou's {@code SAML_ENABLED}).
         * The service-provider URLs default from {@link #publicUrl(String)}.
         */
        public Builder saml(SamlConfig config) {
            this.saml = Objects.requireNonNull(config, "saml");
            return this;
        }

        /**
         * Enables OpenID Connect sign-in ({@code /auth/oidc/login}, {@code /auth/oidc/callback}; Zou's
         * {@code OIDC_ENABLED}). The redirect URI defaults from {@link #publicUrl(String)}.
         */
        public Builder oidc(OidcConfig config) {
            this.oidc = Objects.requireNonNull(config, "oidc");
            return this;
        }

        /** Where the data lives (e.g. {@code H2Storage.file(dir)}); required. The engine closes it. */
        public Builder storage(StorageBackend storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** The token signing secret: at least 32 bytes; required. */
        public Builder secretKey(byte[] key) {
            Objects.requireNonNull(key, "secretKey");
            this.secretKey = key.clone();
            return this;
        }

        /** The token signing secret as text (UTF-8): at least 32 bytes. */
        public Builder secretKey(String key) {
            return secretKey(Objects.requireNonNull(key, "secretKey").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** The clock (UTC) used for timestamps and token lifetimes; defaults to the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How events are delivered to listeners (optional; {@link EventSettings#defaults()}). */
        public Builder events(EventSettings settings) {
            this.eventSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * How long the data and production calls of a session may rely on what the database last said about its token
         * (the person's row and departments, and whether the token is revoked) before reading it again. This engine's
         * own logouts and changes to persons and departments take effect at once; those made by another engine over
         * the same database take effect here after at most this long. Default: the event poll interval
         * ({@link EventSettings#pollInterval()}, 250 ms), so every engine over one database refuses a logged-out or
         * deactivated session within one poll interval. {@link java.time.Duration#ZERO} reads the database on every
         * call (no window at all, one more statement per request).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder tokenStateMaxAge(java.time.Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("tokenStateMaxAge must not be negative, was " + maxAge);
            }
            this.tokenStateMaxAge = maxAge;
            return this;
        }

        /**
         * How long the read cache ({@link ZouEngine#readCache()}) may serve an answer on a storage that other engines
         * or processes may write ({@link StorageBackend#soleWriter()} false): their changes are seen after at most this
         * long (this engine's own writes at once, on every storage). On a storage with no other writer, answers are
         * served for as long as the tables they were computed from are unchanged. Default: the token-state window
         * ({@link #tokenStateMaxAge}, 250 ms by default). {@link java.time.Duration#ZERO} turns the cache off on every
         * storage.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder readCacheMaxAge(java.time.Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("readCacheMaxAge must not be negative, was " + maxAge);
            }
            this.readCacheMaxAge = maxAge;
            return this;
        }

        /**
         * The bound of the read cache's memory (answers, headers and keys; default 32 MB). Zero turns the cache off.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder readCacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("readCacheBytes must not be negative, was " + bytes);
            }
            this.readCacheBytes = bytes;
            return this;
        }

        /**
         * A directory of plugin jars to load (optional), with each plugin's optional settings file
         * {@code <plugin-id>.properties}.
         */
        public Builder pluginsDirectory(Path dir) {
            this.pluginsDirectory = dir;
            return this;
        }

        /**
         * The one store of media bytes: pictures, avatars, movies, files and comment/chat attachments, e.g.
         * {@code FileStore.local(dataDir.resolve("previews"))}. Default: a temporary directory made for this engine
         * and deleted when it closes, so media routes work the same on a throw-away engine.
         */
        public Builder fileStore(org.zou4j.files.FileStore store) {
            this.fileStore = java.util.Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where {@code ffmpeg} and {@code ffprobe} are (default: found on the {@code PATH}). Without them the engine
         * logs it at start-up and movie uploads answer 503.
         */
        public Builder ffmpegDirectory(Path directory) {
            this.ffmpegDirectory = java.util.Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * How uploaded movies are processed: {@code threads} at once (default 1, off the request threads; the pool
         * stops when the engine closes), each ffmpeg run at most {@code timeout} (default 30 min), with x264's
         * {@code preset} (default {@code slow}, as Zou).
         */
        public Builder movieProcessing(int threads, java.time.Duration timeout, String preset) {
            if (threads < 1 || timeout == null || timeout.isNegative() || timeout.isZero() || preset == null
                    || !preset.matches("[a-z]+")) {
                throw new IllegalArgumentException("movieProcessing: threads >= 1, a positive timeout and an x264 "
                        + "preset name (ultrafast ... veryslow) are required");
            }
            this.movieThreads = threads;
            this.movieTimeout = timeout;
            this.moviePreset = preset;
            return this;
        }

        /**
         * Whether uploaded movies are also kept as they came, served at {@code /movies/source/...} (Zou's
         * {@code PREVIEW_SAVE_SOURCE_FILE}; default false, as Zou).
         */
        public Builder saveMovieSources(boolean save) {
            this.saveMovieSources = save;
            return this;
        }

        /**
         * The most pixels (width × height) an uploaded picture may declare; larger ones are refused with 400 before
         * being decoded (decompression bombs). Default: Pillow's limit, 89,478,485, which Zou inherits.
         */
        public Builder maxPicturePixels(long pixels) {
            if (pixels < 1) {
                throw new IllegalArgumentException("maxPicturePixels must be positive");
            }
            this.maxPicturePixels = pixels;
            return this;
        }

        /**
         * Builds the engine: migrates the storage and reads its schema.
         *
         * @throws IllegalStateException when a required setting is missing or invalid
         */
        public ZouEngine build() {
            if (storage == null) {
                throw new IllegalStateException("ZouEngine.builder(): storage(...) is required "
                        + "(e.g. H2Storage.file(dataDir) or H2Storage.inMemory()).");
            }
            if (secretKey == null || secretKey.length < 32) {
                throw new IllegalStateException("ZouEngine.builder(): secretKey(...) is required and must be at least "
                        + "32 bytes (e.g. 32 random bytes, base64-encoded).");
            }
            if (pluginsDirectory != null && !java.nio.file.Files.isDirectory(pluginsDirectory)) {
                throw new IllegalStateException("ZouEngine.builder(): the plugins directory " + pluginsDirectory
                        + " does not exist or is not a directory; create it or leave pluginsDirectory(...) out.");
            }
            return new ZouEngine(this);
        }
    }
}
