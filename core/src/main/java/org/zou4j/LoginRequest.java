package org.zou4j;

import java.util.Map;

/**
 * What a client sends to log in (Zou's {@code POST /auth/login}): an e-mail address or desktop login, a password, an
 * optional second factor, and who the client is (IP address for the login log, User-Agent to tell browsers, which get
 * cookies, from scripts). Immutable; {@link #toString()} never shows the password or codes.
 *
 * <pre>{@code
 * LoginResult r = engine.login(LoginRequest.of("jane@studio.example", password).from(ip, userAgent));
 * }</pre>
 */
public final class LoginRequest {
    private final String email;
    private final String password;
    private final TwoFactorProof secondFactor;
    private final String ipAddress;
    private final String userAgent;

    private LoginRequest(String email, String password, TwoFactorProof secondFactor, String ipAddress,
                         String userAgent) {
        this.email = email;
        this.password = password;
        this.secondFactor = secondFactor;
        this.ipAddress = ipAddress;
        this.userAgent = userAgent;
    }

    /**
     * A login with an e-mail address (or desktop login) and a password. A {@code null} password means Zou's
     * placeholder {@code "default"}, as when the key is missing from Zou's body.
     */
    public static LoginRequest of(String email, String password) {
        return new LoginRequest(email, password, TwoFactorProof.none(), null, null);
    }

    /** This request from a client: its IP address (recorded in the login log) and User-Agent (may be null). */
    public LoginRequest from(String ipAddress, String userAgent) {
        return new LoginRequest(email, password, secondFactor, ipAddress, userAgent);
    }

    /** This request with a second factor (replacing any given before). */
    public LoginRequest withSecondFactor(TwoFactorProof proof) {
        return new LoginRequest(email, password, proof == null ? TwoFactorProof.none() : proof, ipAddress, userAgent);
    }

    /** This request with a TOTP code (second factor). */
    public LoginRequest withTotp(String code) {
        return withSecondFactor(secondFactor.withTotp(code));
    }

    /** This request with an e-mailed one-time code (second factor). */
    public LoginRequest withEmailOtp(String code) {
        return withSecondFactor(secondFactor.withEmailOtp(code));
    }

    /** This request with a recovery code (second factor). */
    public LoginRequest withRecoveryCode(String code) {
        return withSecondFactor(secondFactor.withRecoveryCode(code));
    }

    /**
     * This request with a WebAuthn assertion (second factor) answering the challenge of
     * {@link TwoFactor#fidoAuthenticationOptions}; see {@link TwoFactorProof#withFidoAuthenticationResponse}.
     */
    public LoginRequest withFidoAuthenticationResponse(Map<String, ?> response) {
        return withSecondFactor(secondFactor.withFidoAuthenticationResponse(response));
    }

    public String email() {
        return email;
    }

    /** The password as given; {@code null} when none was given (Zou then uses {@code "default"}). */
    public String password() {
        return password;
    }

    /** The second factor(s) given; {@link TwoFactorProof#none()} when none. */
    public TwoFactorProof secondFactor() {
        return secondFactor;
    }

    public String totp() {
        return secondFactor.totp();
    }

    public String emailOtp() {
        return secondFactor.emailOtp();
    }

    public String recoveryCode() {
        return secondFactor.recoveryCode();
    }

    public String ipAddress() {
        return ipAddress;
    }

    public String userAgent() {
        return userAgent;
    }

    /** Shows the login and the client, never the password or codes. */
    @Override
    public String toString() {
        return "LoginRequest[email=" + email + ", ip=" + ipAddress + "]";
    }
}
