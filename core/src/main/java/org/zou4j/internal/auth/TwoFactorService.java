package org.zou4j.internal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.zou4j.AuthCookie;
import org.zou4j.ErrorCode;
import org.zou4j.LoginResult;
import org.zou4j.TwoFactorProof;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.auth.crypto.PasswordHasher;
import org.zou4j.internal.auth.crypto.PasswordPolicyException;
import org.zou4j.internal.auth.crypto.RandomTokens;
import org.zou4j.internal.auth.crypto.TokenPair;
import org.zou4j.internal.auth.crypto.TooManyConcurrentLoginsException;
import org.zou4j.internal.auth.crypto.Totp;
import org.zou4j.internal.sql.Row;

/**
 * Enrolment and removal of second factors (reference §1.8–§1.11, §4): TOTP, e-mailed codes, FIDO2 devices and
 * recovery codes, with Zou's answers. Enabling a method answers a fresh unrestricted token pair, and the recovery
 * codes when the person had none; disabling the last method drops the recovery codes and the preference; disabling
 * the preferred method falls back in Zou's order.
 *
 * <p>Unlike Zou, a wrong factor sent to confirm a change of one's own factors counts as a failed login attempt, and
 * such changes are refused while the account is locked: a stolen access token cannot be used to guess codes.
 *
 * <p>Thread-safe.
 */
public final class TwoFactorService {
    /**
     * bcrypt cost of recovery-code hashes (Zou: 12, the password cost). A code carries about 52 random bits, so cost 8
     * already puts an offline search out of reach, and checking a login against 16 hashes takes ~0.2 s instead of
     * ~3 s of the bcrypt pool. Codes hashed by Zou (cost 12) are still read.
     */
    static final int RECOVERY_CODE_COST = 8;
    /** A 12-digit space of HOTP counters, as Zou. */
    private static final long EMAIL_OTP_COUNTER_BOUND = 1_000_000_000_000L;

    private final AuthService auth;
    private final AuthStore authStore;
    private final TwoFactorStore store;
    private final SecondFactor secondFactor;
    private final Fido fido;
    private final PasswordHasher hasher;
    private final RandomTokens random;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TwoFactorSettings settings;
    private final AuthMailer mailer;
    private final Totp totp = new Totp();

    TwoFactorService(AuthService auth, AuthStore authStore, TwoFactorStore store, SecondFactor secondFactor, Fido fido,
                     PasswordHasher hasher, RandomTokens random, ObjectMapper mapper, Clock clock,
                     TwoFactorSettings settings, AuthMailer mailer) {
        this.auth = auth;
        this.authStore = authStore;
        this.store = store;
        this.secondFactor = secondFactor;
        this.fido = fido;
        this.hasher = hasher;
        this.random = random;
        this.mapper = mapper;
        this.clock = clock;
        this.settings = settings;
        this.mailer = mailer;
    }

    // ================================================================================================================
    // TOTP

    /** {@code PUT /auth/totp}: a new pending secret (replacing a pending one) and its provisioning URI. */
    public Map<String, Object> startTotp(Caller caller) {
        Row person = person(caller);
        String secret = totp.generateSecret();
        store.locked(person.id(), locked -> {
            if (locked.state().totpEnabled()) {
                throw AuthErrors.badRequest("TOTP already enabled.");
            }
            locked.write(locked.state().withTotp(false, secret));
            return null;
        });
        String email = person.get("email") == null ? "" : person.get("email").toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totp_provisionning_uri", totp.provisioningUri(secret, email, "Kitsu " + auth.organisationName()));
        body.put("otp_secret", secret);
        return body;
    }

    /** {@code POST /auth/totp}: confirms the pending secret with a code and enables TOTP. */
    public LoginResult enableTotp(Caller caller, String code, String userAgent) {
        new AuthErrors.Validation().required("totp", code).check();
        Row person = person(caller);
        UUID id = person.id();
        TwoFactorStore.State before = store.state(id);
        if (before.totpEnabled()) {
            throw AuthErrors.badRequest("TOTP already enabled.");
        }
        if (before.totpSecret() == null || before.totpSecret().isEmpty()) {
            throw AuthErrors.badRequest("No TOTP secret is pending: call PUT /auth/totp first.");
        }
        OptionalLong step = secondFactor.totpStep(before.totpSecret(), code);
        if (step.isEmpty()) {
            throw AuthErrors.wrongOtpMessage("TOTP verification failed.");
        }
        String secret = before.totpSecret();
        return enable(caller, before, SecondFactor.TOTP, userAgent, locked -> {
            TwoFactorStore.State s = locked.state();
            if (s.totpEnabled()) {
                throw AuthErrors.badRequest("TOTP already enabled.");
            }
            if (!secret.equals(s.totpSecret())) {
                throw AuthErrors.wrongOtpMessage("TOTP verification failed."); // replaced by another PUT meanwhile
            }
            store.resetTotpStep(locked, id, step.getAsLong()); // the confirming code is used up
            return s.withTotp(true, secret);
        });
    }

    /** {@code DELETE /auth/totp}: disables TOTP, confirmed by a valid factor. */
    public void disableTotp(Caller caller, TwoFactorProof proof) {
        UUID id = person(caller).id();
        TwoFactorStore.State s = store.state(id);
        if (!s.anyMethod()) {
            throw AuthErrors.badRequest("TOTP not enabled.");
        }
        if (verifyOwnFactor(id, s, proof) != SecondFactor.Outcome.OK) {
            throw AuthErrors.wrongOtpMessage("OTP verification failed.");
        }
        store.locked(id, locked -> {
            if (!locked.state().totpEnabled()) {
                throw AuthErrors.badRequest("TOTP not enabled.");
            }
            locked.write(disable(locked.state(), SecondFactor.TOTP));
            store.deleteTotpStep(locked, id);
            return null;
        });
    }

    // ================================================================================================================
    // E-mail codes

    /**
     * {@code GET /auth/email-otp}: mails a code to the active person with this e-mail or desktop login when they have
     * e-mail codes enabled; otherwise does nothing. Returns the same way in every case.
     */
    public void sendEmailOtp(String login) {
        requireMailer();
        Row person = authStore.personByLogin(login);
        if (person == null || !auth.mayLogIn(person)) {
            return;
        }
        TwoFactorStore.State s = SecondFactor.state(person);
        if (!s.emailOtpEnabled() || s.emailOtpSecret() == null || !(person.get("email") instanceof String email)
                || email.isEmpty()) {
            return;
        }
        mailCode(person, email, s.emailOtpSecret());
    }

    /** {@code PUT /auth/email-otp}: a new pending secret; a first code is mailed at once. */
    public void startEmailOtp(Caller caller) {
        Row person = person(caller);
        requireMailer();
        if (!(person.get("email") instanceof String email) || email.isEmpty()) {
            throw AuthErrors.badRequest("This account has no e-mail address to send codes to.");
        }
        String secret = totp.generateSecret();
        store.locked(person.id(), locked -> {
            if (locked.state().emailOtpEnabled()) {
                throw AuthErrors.badRequest("OTP by email already enabled.");
            }
            locked.write(locked.state().withEmailOtp(false, secret));
            return null;
        });
        mailCode(person, email, secret);
    }

    /** {@code POST /auth/email-otp}: confirms the pending secret with the mailed code and enables e-mail codes. */
    public LoginResult enableEmailOtp(Caller caller, String code, String userAgent) {
        new AuthErrors.Validation().required("email_otp", code).check();
        UUID id = person(caller).id();
        TwoFactorStore.State before = store.state(id);
        if (before.emailOtpEnabled()) {
            throw AuthErrors.badRequest("OTP by email already enabled.");
        }
        String secret = before.emailOtpSecret();
        if (!secondFactor.checkEmailOtp(id, secret, code)) {
            throw AuthErrors.wrongOtpMessage("OTP by email verification failed.");
        }
        return enable(caller, before, SecondFactor.EMAIL_OTP, userAgent, locked -> {
            TwoFactorStore.State s = locked.state();
            if (s.emailOtpEnabled()) {
                throw AuthErrors.badRequest("OTP by email already enabled.");
            }
            if (!secret.equals(s.emailOtpSecret())) {
                throw AuthErrors.wrongOtpMessage("OTP by email verification failed.");
            }
            return s.withEmailOtp(true, secret);
        });
    }

    /** {@code DELETE /auth/email-otp}: disables e-mail codes, confirmed by a valid factor. */
    public void disableEmailOtp(Caller caller, TwoFactorProof proof) {
        UUID id = person(caller).id();
        TwoFactorStore.State s = store.state(id);
        if (!s.anyMethod()) {
            throw AuthErrors.badRequest("OTP by email not enabled.");
        }
        if (verifyOwnFactor(id, s, proof) != SecondFactor.Outcome.OK) {
            throw AuthErrors.wrongOtpMessage("OTP verification failed.");
        }
        store.locked(id, locked -> {
            if (!locked.state().emailOtpEnabled()) {
                throw AuthErrors.badRequest("OTP by email not enabled.");
            }
            locked.write(disable(locked.state(), SecondFactor.EMAIL_OTP));
            store.deleteEmailOtp(locked, id);
            return null;
        });
    }

    private void mailCode(Row person, String email, String secret) {
        long counter = random.counter(EMAIL_OTP_COUNTER_BOUND);
        store.storeEmailOtp(person.id(), counter, settings.emailOtpLifetime());
        String code = totp.hotp(secret, counter);
        mailer.send(AuthMails.emailOtp(email, AuthService.fullName(person), code, settings.emailOtpLifetime(),
                clock.instant()), "one-time code");
    }

    private void requireMailer() {
        if (!mailer.isConfigured()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("error", true);
            b.put("message", "One-time codes by e-mail are not configured on this server.");
            throw new ZouException(ErrorCode.UNAVAILABLE, 503, "One-time codes by e-mail are unavailable: this engine "
                    + "has no mail sender (configure one with ZouEngine.builder().mailSender(...)).", b);
        }
    }

    // ================================================================================================================
    // Recovery codes

    /** {@code PUT /auth/recovery-codes}: 16 new codes replace the old ones, confirmed by a valid factor. */
    public List<String> regenerateRecoveryCodes(Caller caller, TwoFactorProof proof) {
        UUID id = person(caller).id();
        TwoFactorStore.State s = store.state(id);
        if (!s.anyMethod()) {
            throw AuthErrors.badRequest("No two factor authentication enabled.");
        }
        SecondFactor.Outcome outcome = verifyOwnFactor(id, s, proof);
        if (outcome == SecondFactor.Outcome.MISSING) {
            throw AuthErrors.missingSecondFactor("A second factor is required to regenerate the recovery codes: send "
                    + "one of " + String.join(", ", factorKeys(s)) + ".", s.preferred(), SecondFactor.accepted(s));
        }
        if (outcome == SecondFactor.Outcome.WRONG) {
            throw AuthErrors.wrongOtpMessage("OTP verification failed.");
        }
        List<String> codes = random.recoveryCodes();
        String hashes = hashCodes(codes);
        store.locked(id, locked -> {
            if (!locked.state().anyMethod()) {
                throw AuthErrors.badRequest("No two factor authentication enabled.");
            }
            locked.write(locked.state().withRecoveryCodes(hashes));
            return null;
        });
        return codes;
    }

    private static List<String> factorKeys(TwoFactorStore.State s) {
        List<String> keys = new ArrayList<>();
        if (s.totpEnabled()) {
            keys.add("totp");
        }
        if (s.emailOtpEnabled()) {
            keys.add("email_otp");
        }
        if (s.fidoEnabled()) {
            keys.add("fido_authentication_response");
        }
        keys.add("recovery_code");
        return keys;
    }

    private String hashCodes(List<String> codes) {
        List<String> hashes = new ArrayList<>(codes.size());
        try {
            for (String c : codes) {
                hashes.add(hasher.hashSecret(c, RECOVERY_CODE_COST));
            }
        } catch (TooManyConcurrentLoginsException e) {
            throw AuthErrors.tooManyConcurrentLogins();
        }
        return secondFactor.writeHashes(hashes);
    }

    // ================================================================================================================
    // FIDO

    /**
     * {@code GET /auth/fido}: authentication options for the active person with this e-mail or desktop login who has
     * FIDO enabled; the same 400 {@code "FIDO not enabled."} otherwise.
     */
    public Map<String, Object> fidoAuthenticationOptions(String login) {
        Row person = authStore.personByLogin(login);
        TwoFactorStore.State s = person == null ? null : SecondFactor.state(person);
        if (person == null || !auth.mayLogIn(person) || !s.fidoEnabled()) {
            throw AuthErrors.badRequest("FIDO not enabled.");
        }
        return fido.authenticationOptions(person.id(), s.fidoCredentials());
    }

    /** {@code PUT /auth/fido}: registration options for a new device. */
    public Map<String, Object> fidoRegistrationOptions(Caller caller) {
        Row person = person(caller);
        TwoFactorStore.State s = store.state(person.id());
        return fido.registrationOptions(person.id(), (String) person.get("email"), AuthService.fullName(person),
                s.fidoCredentials());
    }

    /** {@code POST /auth/fido}: registers a device from the browser's registration response and enables FIDO. */
    public LoginResult registerFido(Caller caller, Map<String, ?> response, String deviceName, String userAgent) {
        AuthErrors.Validation v = new AuthErrors.Validation().required("device_name", deviceName);
        if (response == null) {
            v.missing("registration_response");
        }
        v.check();
        UUID id = person(caller).id();
        TwoFactorStore.State before = store.state(id);
        Map<String, Object> entry;
        try {
            entry = fido.register(id, response, deviceName,
                    FidoCredentials.parse(mapper, before.fidoCredentials()));
        } catch (Fido.RegistrationRefused e) {
            throw AuthErrors.badRequest(e.noChallenge ? "No preregistration before."
                    : "FIDO server exception your registration response is probly wrong.");
        }
        return enable(caller, before, SecondFactor.FIDO, userAgent, locked -> {
            TwoFactorStore.State s = locked.state();
            List<Map<String, Object>> credentials = FidoCredentials.parse(mapper, s.fidoCredentials());
            credentials.add(entry);
            return s.withFido(true, FidoCredentials.write(mapper, credentials));
        });
    }

    /** {@code DELETE /auth/fido}: removes the first device of that name, confirmed by a valid factor. */
    public void unregisterFido(Caller caller, String deviceName, TwoFactorProof proof) {
        new AuthErrors.Validation().required("device_name", deviceName).check();
        UUID id = person(caller).id();
        TwoFactorStore.State s = store.state(id);
        if (!s.fidoEnabled()) {
            throw AuthErrors.badRequest("FIDO not enabled.");
        }
        if (verifyOwnFactor(id, s, proof) != SecondFactor.Outcome.OK) {
            throw AuthErrors.badRequest("Wrong OTP.");
        }
        store.locked(id, locked -> {
            TwoFactorStore.State now = locked.state();
            List<Map<String, Object>> credentials = FidoCredentials.parse(mapper, now.fidoCredentials());
            for (int i = 0; i < credentials.size(); i++) {
                if (deviceName.equals(credentials.get(i).get(FidoCredentials.DEVICE_NAME))) {
                    credentials.remove(i);
                    break;
                }
            }
            TwoFactorStore.State next = credentials.isEmpty() ? disable(now, SecondFactor.FIDO)
                    : now.withFido(now.fidoEnabled(), FidoCredentials.write(mapper, credentials));
            locked.write(next);
            return null;
        });
    }

    // ================================================================================================================
    // Admin

    /**
     * Zou's {@code DELETE /actions/persons/<id>/disable-two-factor-authentication}: turns every method off and drops
     * secrets, devices, recovery codes and the preference.
     */
    public void disableAll(Caller admin, UUID target) {
        Row person = authStore.personById(target);
        if (person == null) {
            throw ZouException.notFound();
        }
        if (Boolean.TRUE.equals(person.get("is_bot"))) {
            throw ZouException.forbidden();
        }
        if (!admin.isAdmin()) {
            throw ZouException.forbidden();
        }
        if (!admin.isSystem() && !target.equals(admin.personId()) && "admin".equals(person.get("role"))) {
            throw AuthErrors.badRequest("An admin can't disable 2FA for other admins.");
        }
        store.locked(target, locked -> {
            if (!locked.state().anyMethod()) {
                throw AuthErrors.badRequest("Two factor authentication not enabled for this user.");
            }
            locked.write(new TwoFactorStore.State(false, null, false, null, false, null, null, null));
            store.deleteTotpStep(locked, target);
            store.deleteEmailOtp(locked, target);
            return null;
        });
    }

    // ================================================================================================================
    // Shared steps

    /** How a method is switched on, under the person's row lock. */
    @FunctionalInterface
    private interface Enabling {
        TwoFactorStore.State apply(TwoFactorStore.Locked locked) throws java.sql.SQLException;
    }

    /**
     * Enables a method: issues recovery codes when the person has none (hashed before taking the lock), sets the
     * preference when none is set, and answers a fresh unrestricted token pair (cookies for browsers).
     */
    private LoginResult enable(Caller caller, TwoFactorStore.State before, String method, String userAgent,
                               Enabling enabling) {
        UUID id = caller.personId();
        List<String> codes = hasNoCodes(before) ? random.recoveryCodes() : null;
        String hashes = codes == null ? null : hashCodes(codes);
        boolean issued = store.locked(id, locked -> {
            TwoFactorStore.State next = enabling.apply(locked);
            if (next.preferred() == null) {
                next = next.withPreferred(method);
            }
            boolean give = hashes != null && hasNoCodes(locked.state());
            if (give) {
                next = next.withRecoveryCodes(hashes);
            }
            locked.write(next);
            return give;
        });
        TokenPair pair = auth.tokens().issueSession(id.toString(), false);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("otp_recovery_codes", issued ? codes : null);
        body.put("access_token", pair.access().token());
        body.put("refresh_token", pair.refresh().token());
        Instant now = clock.instant();
        List<AuthCookie> cookies = Browsers.isBrowser(userAgent)
                ? List.of(JwtCookies.access(pair.access().token(), now), JwtCookies.refresh(pair.refresh().token(), now))
                : List.of();
        return new LoginResult(200, body, pair.access().token(), pair.refresh().token(), cookies);
    }

    private boolean hasNoCodes(TwoFactorStore.State s) {
        return secondFactor.hashes(s.recoveryCodes()).isEmpty();
    }

    /**
     * Zou's §4.6: a disabled method's secret goes; when it was the preferred one the preference falls back in a fixed
     * order; with no method left, the preference and the recovery codes go too.
     */
    static TwoFactorStore.State disable(TwoFactorStore.State s, String method) {
        TwoFactorStore.State next = switch (method) {
            case SecondFactor.TOTP -> s.withTotp(false, null);
            case SecondFactor.EMAIL_OTP -> s.withEmailOtp(false, null);
            default -> s.withFido(false, null);
        };
        if (!next.anyMethod()) {
            return next.withPreferred(null).withRecoveryCodes(null);
        }
        if (!method.equals(s.preferred())) {
            return next;
        }
        List<String> order = switch (method) {
            case SecondFactor.TOTP -> List.of(SecondFactor.FIDO, SecondFactor.EMAIL_OTP);
            case SecondFactor.EMAIL_OTP -> List.of(SecondFactor.FIDO, SecondFactor.TOTP);
            default -> List.of(SecondFactor.TOTP, SecondFactor.EMAIL_OTP);
        };
        for (String m : order) {
            boolean on = switch (m) {
                case SecondFactor.TOTP -> next.totpEnabled();
                case SecondFactor.EMAIL_OTP -> next.emailOtpEnabled();
                default -> next.fidoEnabled();
            };
            if (on) {
                return next.withPreferred(m);
            }
        }
        return next.withPreferred(null);
    }

    /**
     * Checks a factor confirming a change of one's own factors, with the login's accounting: refused while the
     * account is locked, a wrong factor counts as a failed attempt, a right one clears the count.
     */
    private SecondFactor.Outcome verifyOwnFactor(UUID id, TwoFactorStore.State s, TwoFactorProof proof) {
        TwoFactorProof p = proof == null ? TwoFactorProof.none() : proof;
        AuthSettings a = auth.settings();
        if (!authStore.reserveAttempt(id, a.maxLoginFailures(), a.lockoutWindow())) {
            throw AuthErrors.changePasswordLockedOut();
        }
        SecondFactor.Outcome outcome;
        try {
            outcome = secondFactor.check(id, s, p);
        } catch (TooManyConcurrentLoginsException e) {
            authStore.releaseAttempt(id);
            throw AuthErrors.tooManyConcurrentLogins();
        } catch (PasswordPolicyException e) {
            outcome = SecondFactor.Outcome.WRONG;
        }
        if (outcome == SecondFactor.Outcome.MISSING) {
            authStore.releaseAttempt(id);
        } else if (outcome == SecondFactor.Outcome.OK) {
            authStore.clearFailures(id);
        }
        return outcome;
    }

    /** The caller's person row: a person (not a bot, not the system session) that still exists. */
    private Row person(Caller caller) {
        if (caller.isSystem()) {
            throw new IllegalArgumentException("The system session has no second factor; use a person's session.");
        }
        if (caller.isBot()) {
            throw AuthErrors.personRequired();
        }
        Row person = authStore.personById(caller.personId());
        if (person == null) {
            throw AuthErrors.notAuthorized();
        }
        return person;
    }
}
