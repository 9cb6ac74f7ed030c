package org.zou4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A second authentication factor as Zou's clients send it, to log in or to confirm a change of one's own factors:
 * a TOTP code ({@code totp}), an e-mailed code ({@code email_otp}), a WebAuthn assertion
 * ({@code fido_authentication_response}, the browser's {@code PublicKeyCredential} as JSON with base64url values) or a
 * recovery code ({@code recovery_code}). Several may be given; which one is read depends on what the person has
 * enabled (TOTP, then e-mail, then FIDO, then a recovery code). Immutable; {@link #toString()} never shows a code.
 *
 * <pre>{@code
 * engine.twoFactor().disableTotp(session, TwoFactorProof.none().withRecoveryCode("ABCDE12345"));
 * }</pre>
 */
public final class TwoFactorProof {
    private static final TwoFactorProof NONE = new TwoFactorProof(null, null, null, null);

    private final String totp;
    private final String emailOtp;
    private final Map<String, Object> fidoAuthenticationResponse;
    private final String recoveryCode;

    private TwoFactorProof(String totp, String emailOtp, Map<String, Object> fido, String recoveryCode) {
        this.totp = totp;
        this.emailOtp = emailOtp;
        this.fidoAuthenticationResponse = fido;
        this.recoveryCode = recoveryCode;
    }

    /** No factor at all. */
    public static TwoFactorProof none() {
        return NONE;
    }

    /** This proof with a TOTP code. */
    public TwoFactorProof withTotp(String code) {
        return new TwoFactorProof(code, emailOtp, fidoAuthenticationResponse, recoveryCode);
    }

    /** This proof with an e-mailed code. */
    public TwoFactorProof withEmailOtp(String code) {
        return new TwoFactorProof(totp, code, fidoAuthenticationResponse, recoveryCode);
    }

    /**
     * This proof with a WebAuthn assertion: {@code {"id", "rawId", "type", "response": {"clientDataJSON",
     * "authenticatorData", "signature", "userHandle"}}} (JSON values: strings, numbers, booleans, maps, lists).
     */
    public TwoFactorProof withFidoAuthenticationResponse(Map<String, ?> response) {
        Map<String, Object> copy = response == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(response));
        return new TwoFactorProof(totp, emailOtp, copy, recoveryCode);
    }

    /** This proof with a recovery code. */
    public TwoFactorProof withRecoveryCode(String code) {
        return new TwoFactorProof(totp, emailOtp, fidoAuthenticationResponse, code);
    }

    public String totp() {
        return totp;
    }

    public String emailOtp() {
        return emailOtp;
    }

    /** The WebAuthn assertion, or null. */
    public Map<String, Object> fidoAuthenticationResponse() {
        return fidoAuthenticationResponse;
    }

    public String recoveryCode() {
        return recoveryCode;
    }

    /** Names the factors given, never their values. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TwoFactorProof[");
        if (totp != null) {
            s.append("totp ");
        }
        if (emailOtp != null) {
            s.append("email_otp ");
        }
        if (fidoAuthenticationResponse != null) {
            s.append("fido ");
        }
        if (recoveryCode != null) {
            s.append("recovery_code ");
        }
        return s.toString().strip() + "]";
    }
}
