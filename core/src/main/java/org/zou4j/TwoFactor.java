package org.zou4j;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.auth.TwoFactorService;

/**
 * Second authentication factors of a person (Zou's {@code /auth/totp}, {@code /auth/email-otp},
 * {@code /auth/recovery-codes} and {@code /auth/fido}): enrolment, removal and the public steps before a login.
 * Obtained from {@link ZouEngine#twoFactor()}; thread-safe.
 *
 * <p>Session methods act on the session's own person and accept sessions restricted to 2FA enrolment
 * ({@link ZouEngine#enrolmentSession}); bots get 403. Enabling a method answers, like Zou, a fresh unrestricted token
 * pair and, the first time a method is enabled, 16 single-use recovery codes (shown once, stored hashed). Removing a
 * method, or replacing the recovery codes, needs a valid second factor ({@link TwoFactorProof}); a wrong one counts
 * as a failed login attempt. Every code works once, even across engines over one database. Errors are
 * {@link ZouException}s with Zou's status and body.
 *
 * <pre>{@code
 * Map<String, Object> setup = engine.twoFactor().startTotp(session);   // otp_secret, totp_provisionning_uri
 * LoginResult enabled = engine.twoFactor().enableTotp(session, codeFromTheApp, userAgent);
 * }</pre>
 */
public final class TwoFactor {
    private final ZouEngine engine;
    private final TwoFactorService service;

    TwoFactor(ZouEngine engine, TwoFactorService service) {
        this.engine = engine;
        this.service = service;
    }

    private Caller caller(Session session) {
        engine.ensureOpen();
        return ZouEngine.enrolmentCallerOf(session);
    }

    // ---- TOTP ------------------------------------------------------------------------------------------------------

    /**
     * Starts TOTP enrolment ({@code PUT /auth/totp}): a new secret, pending until confirmed. Answers
     * {@code {"totp_provisionning_uri": "otpauth://totp/...", "otp_secret": "<32 base32 characters>"}} (Zou's
     * spelling); the issuer is {@code "Kitsu <organisation name>"}.
     *
     * @throws ZouException 400 {@code "TOTP already enabled."}
     */
    public Map<String, Object> startTotp(Session session) {
        return Collections.unmodifiableMap(service.startTotp(caller(session)));
    }

    /**
     * Confirms the pending TOTP secret with a code from the app and enables TOTP ({@code POST /auth/totp}).
     *
     * @param userAgent the client's User-Agent (browsers also get the token cookies), or null
     * @return 200 {@code {"otp_recovery_codes": [16 codes] or null, "access_token", "refresh_token"}}
     * @throws ZouException 400 {@code "TOTP already enabled."}, 400 {@code "TOTP verification failed."} with
     *                      {@code wrong_OTP}, 400 when no secret is pending, 400 validation error without a code
     */
    public LoginResult enableTotp(Session session, String code, String userAgent) {
        return service.enableTotp(caller(session), code, userAgent);
    }

    /**
     * Disables TOTP ({@code DELETE /auth/totp}), confirmed by any enabled factor.
     *
     * @throws ZouException 400 {@code "TOTP not enabled."}, 400 {@code "OTP verification failed."} with
     *                      {@code wrong_OTP} (wrong or missing factor), 400 lockout answer
     */
    public void disableTotp(Session session, TwoFactorProof proof) {
        service.disableTotp(caller(session), proof);
    }

    // ---- e-mail codes ----------------------------------------------------------------------------------------------

    /**
     * Mails a one-time code (valid 5 minutes, single use) to the active person with this e-mail or desktop login,
     * when they have e-mail codes enabled ({@code GET /auth/email-otp}). Returns normally in every case, so the
     * answer never tells whether the account exists.
     *
     * @throws ZouException 503 when the engine has no mail sender
     */
    public void sendEmailOtp(String emailOrDesktopLogin) {
        engine.ensureOpen();
        service.sendEmailOtp(emailOrDesktopLogin);
    }

    /**
     * Starts e-mail code enrolment ({@code PUT /auth/email-otp}): a code is mailed to the session's person at once.
     *
     * @throws ZouException 400 {@code "OTP by email already enabled."}, 503 without a mail sender
     */
    public void startEmailOtp(Session session) {
        service.startEmailOtp(caller(session));
    }

    /**
     * Enables e-mail codes with the code just mailed ({@code POST /auth/email-otp}); answers as
     * {@link #enableTotp}.
     *
     * @throws ZouException 400 {@code "OTP by email already enabled."}, 400 {@code "OTP by email verification
     *                      failed."} with {@code wrong_OTP}
     */
    public LoginResult enableEmailOtp(Session session, String code, String userAgent) {
        return service.enableEmailOtp(caller(session), code, userAgent);
    }

    /**
     * Disables e-mail codes ({@code DELETE /auth/email-otp}), confirmed by any enabled factor.
     *
     * @throws ZouException 400 {@code "OTP by email not enabled."}, 400 {@code "OTP verification failed."}
     */
    public void disableEmailOtp(Session session, TwoFactorProof proof) {
        service.disableEmailOtp(caller(session), proof);
    }

    // ---- recovery codes --------------------------------------------------------------------------------------------

    /**
     * Replaces the recovery codes with 16 new ones ({@code PUT /auth/recovery-codes}), confirmed by any enabled
     * factor (a recovery code too).
     *
     * @return the new codes, shown once
     * @throws ZouException 400 {@code "No two factor authentication enabled."}, 400 {@code missing_OTP} without a
     *                      factor (Zou answers 500), 400 {@code "OTP verification failed."} for a wrong one
     */
    public List<String> regenerateRecoveryCodes(Session session, TwoFactorProof proof) {
        return List.copyOf(service.regenerateRecoveryCodes(caller(session), proof));
    }

    // ---- FIDO2 / WebAuthn ------------------------------------------------------------------------------------------

    /**
     * WebAuthn authentication options for the active person with this e-mail or desktop login who has FIDO enabled
     * ({@code GET /auth/fido}): {@code {"challenge", "rpId", "allowCredentials"}}, byte values in base64url. The
     * challenge is kept in the database for a few minutes and works once; send the browser's answer with
     * {@link LoginRequest#withFidoAuthenticationResponse}.
     *
     * @throws ZouException 400 {@code "FIDO not enabled."} (also for unknown and inactive accounts)
     */
    public Map<String, Object> fidoAuthenticationOptions(String emailOrDesktopLogin) {
        engine.ensureOpen();
        return Collections.unmodifiableMap(service.fidoAuthenticationOptions(emailOrDesktopLogin));
    }

    /**
     * WebAuthn registration options for a new device of the session's person ({@code PUT /auth/fido}):
     * {@code {"rp", "user", "challenge", "pubKeyCredParams", "excludeCredentials", "authenticatorSelection"}}.
     */
    public Map<String, Object> fidoRegistrationOptions(Session session) {
        return Collections.unmodifiableMap(service.fidoRegistrationOptions(caller(session)));
    }

    /**
     * Registers a device from the browser's registration response ({@code POST /auth/fido}: {@code {id, rawId, type,
     * response: {clientDataJSON, attestationObject}}}) and enables FIDO; answers as {@link #enableTotp}.
     *
     * @throws ZouException 400 {@code "No preregistration before."} (no pending challenge), 400 {@code "FIDO server
     *                      exception your registration response is probly wrong."} (Zou's words), 400 validation error
     */
    public LoginResult registerFido(Session session, Map<String, ?> registrationResponse, String deviceName,
                                    String userAgent) {
        return service.registerFido(caller(session), registrationResponse, deviceName, userAgent);
    }

    /**
     * Removes the first device with this name ({@code DELETE /auth/fido}; an unknown name removes nothing), confirmed
     * by any enabled factor; FIDO is disabled with the last device.
     *
     * @throws ZouException 400 {@code "FIDO not enabled."}, 400 {@code "Wrong OTP."}
     */
    public void unregisterFido(Session session, String deviceName, TwoFactorProof proof) {
        service.unregisterFido(caller(session), deviceName, proof);
    }

    // ---- admin -----------------------------------------------------------------------------------------------------

    /**
     * Turns every second factor of a person off and drops their secrets, devices, recovery codes and preference, for
     * a person who lost their devices (Zou's {@code DELETE /actions/persons/<id>/disable-two-factor-authentication}).
     * Admins only; an admin cannot do it for another admin.
     *
     * @throws ZouException 404 unknown person, 403 bot target or non-admin caller, 400 {@code "An admin can't
     *                      disable 2FA for other admins."}, 400 {@code "Two factor authentication not enabled for this
     *                      user."}
     */
    public void disableForPerson(Session admin, String personId) {
        engine.ensureOpen();
        Caller caller = ZouEngine.callerOf(admin);
        java.util.UUID id;
        try {
            id = java.util.UUID.fromString(personId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ZouException.malformedId();
        }
        service.disableAll(caller, id);
    }
}
