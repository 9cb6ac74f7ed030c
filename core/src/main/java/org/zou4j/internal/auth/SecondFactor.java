package org.zou4j.internal.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.zou4j.TwoFactorProof;
import org.zou4j.internal.auth.crypto.PasswordHasher;
import org.zou4j.internal.auth.crypto.RandomTokens;
import org.zou4j.internal.auth.crypto.Totp;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Row;

/**
 * Checks a second factor (reference §4.1): the first branch that applies wins, driven by what the person has
 * enrolled: TOTP, then e-mail code, then FIDO assertion, then a recovery code; a code for a method that is not
 * enrolled is ignored (a missing factor, not a wrong one). Every factor is single use, across engines:
 * <ul>
 *   <li>TOTP: the matched time step must be later than the last one accepted ({@code zou4j_totp_last_step});</li>
 *   <li>e-mail code: the pending code is deleted by the one request that presents it;</li>
 *   <li>FIDO: the challenge is deleted by the one request that presents it, and the signature counter must grow
 *       when the authenticator keeps one;</li>
 *   <li>recovery code: its hash is removed under the person's row lock.</li>
 * </ul>
 */
final class SecondFactor {
    /** What the check concluded. */
    enum Outcome {
        /** No method enabled, or a right factor. */
        OK,
        /** A method is enabled and no usable factor was sent (does not count as a failed attempt). */
        MISSING,
        /** A wrong factor (counts as a failed attempt). */
        WRONG
    }

    static final String TOTP = "totp";
    static final String EMAIL_OTP = "email_otp";
    static final String FIDO = "fido";
    /** Wrong codes tried against one e-mailed code before it stops working. */
    static final int EMAIL_OTP_MAX_FAILURES = 5;
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };

    private final PasswordHasher hasher;
    private final TwoFactorStore store;
    private final Fido fido;
    private final Clock clock;
    private final ObjectMapper json;
    private final Totp totp = new Totp();

    SecondFactor(PasswordHasher hasher, TwoFactorStore store, Fido fido, Clock clock, ObjectMapper json) {
        this.hasher = hasher;
        this.store = store;
        this.fido = fido;
        this.clock = clock;
        this.json = json;
    }

    /** The factor columns of a person row (as read by the login lookup). */
    static TwoFactorStore.State state(Row person) {
        return new TwoFactorStore.State(truthy(person.get("totp_enabled")), text(person.get("totp_secret")),
                truthy(person.get("email_otp_enabled")), text(person.get("email_otp_secret")),
                truthy(person.get("fido_enabled")), jsonText(person.get("fido_credentials")),
                jsonText(person.get("otp_recovery_codes")), text(person.get("preferred_two_factor_authentication")));
    }

    static boolean isEnabled(Row person) {
        return state(person).anyMethod();
    }

    /** Zou's list of what would be accepted: {@code recovery_code}, then each enabled method. */
    static List<String> accepted(TwoFactorStore.State s) {
        List<String> list = new ArrayList<>();
        list.add("recovery_code");
        if (s.totpEnabled()) {
            list.add(TOTP);
        }
        if (s.emailOtpEnabled()) {
            list.add(EMAIL_OTP);
        }
        if (s.fidoEnabled()) {
            list.add(FIDO);
        }
        return list;
    }

    /**
     * Checks the factor given for a person in state {@code s}, consuming it when right.
     *
     * @throws org.zou4j.internal.auth.crypto.TooManyConcurrentLoginsException when bcrypt workers are saturated
     */
    Outcome check(UUID personId, TwoFactorStore.State s, TwoFactorProof proof) {
        if (!s.anyMethod()) {
            return Outcome.OK;
        }
        if (s.totpEnabled() && notEmpty(proof.totp())) {
            return checkTotp(personId, s.totpSecret(), proof.totp()) ? Outcome.OK : Outcome.WRONG;
        }
        if (s.emailOtpEnabled() && notEmpty(proof.emailOtp())) {
            return checkEmailOtp(personId, s.emailOtpSecret(), proof.emailOtp()) ? Outcome.OK : Outcome.WRONG;
        }
        if (s.fidoEnabled() && proof.fidoAuthenticationResponse() != null) {
            return checkFido(personId, s, proof.fidoAuthenticationResponse()) ? Outcome.OK : Outcome.WRONG;
        }
        if (notEmpty(proof.recoveryCode())) {
            return useRecoveryCode(personId, s.recoveryCodes(), proof.recoveryCode()) ? Outcome.OK : Outcome.WRONG;
        }
        return Outcome.MISSING;
    }

    // ---- TOTP ------------------------------------------------------------------------------------------------------

    /** The time step a code matches for a secret (±1 step), or empty; an unreadable secret matches nothing. */
    OptionalLong totpStep(String secret, String code) {
        if (secret == null || secret.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return totp.verify(secret, code, clock.instant());
        } catch (IllegalArgumentException unreadableSecret) {
            return OptionalLong.empty();
        }
    }

    private boolean checkTotp(UUID personId, String secret, String code) {
        OptionalLong step = totpStep(secret, code);
        return step.isPresent() && store.claimTotpStep(personId, step.getAsLong());
    }

    // ---- e-mail code -----------------------------------------------------------------------------------------------

    /** Checks and (when right) consumes the person's pending e-mailed code; a wrong one counts against it. */
    boolean checkEmailOtp(UUID personId, String secret, String code) {
        TwoFactorStore.PendingEmailOtp pending = store.pendingEmailOtp(personId, EMAIL_OTP_MAX_FAILURES);
        if (pending == null || secret == null || secret.isEmpty()) {
            return false;
        }
        boolean right;
        try {
            right = totp.verifyHotp(secret, code, pending.counter());
        } catch (IllegalArgumentException unreadableSecret) {
            return false;
        }
        if (!right) {
            store.failEmailOtp(personId, pending.counter());
            return false;
        }
        return store.consumeEmailOtp(personId, pending.counter(), EMAIL_OTP_MAX_FAILURES);
    }

    // ---- FIDO ------------------------------------------------------------------------------------------------------

    private boolean checkFido(UUID personId, TwoFactorStore.State s, Map<String, Object> response) {
        Fido.Assertion a = fido.verify(personId, response, FidoCredentials.parse(json, s.fidoCredentials()));
        if (a == null) {
            return false;
        }
        // The signature counter must grow when the authenticator keeps one (a cloned key would repeat values).
        return store.locked(personId, locked -> {
            List<Map<String, Object>> credentials = FidoCredentials.parse(json, locked.state().fidoCredentials());
            for (Map<String, Object> c : credentials) {
                if (FidoCredentials.matches(c, a.credentialId())) {
                    long stored = FidoCredentials.signCount(c);
                    if ((stored != 0 || a.signCount() != 0) && a.signCount() <= stored) {
                        return false;
                    }
                    if (a.signCount() != stored) {
                        c.put(FidoCredentials.SIGN_COUNT, a.signCount());
                        locked.write(locked.state().withFido(locked.state().fidoEnabled(),
                                FidoCredentials.write(json, credentials)));
                    }
                    return true;
                }
            }
            return false; // unregistered meanwhile
        });
    }

    // ---- recovery codes --------------------------------------------------------------------------------------------

    /** Checks a recovery code against each stored hash (one bcrypt each, as Zou) and removes the match. */
    private boolean useRecoveryCode(UUID personId, String storedCodes, String code) {
        String candidate = normaliseRecoveryCode(code);
        List<String> hashes = hashes(storedCodes);
        if (candidate.isEmpty() || candidate.length() > RandomTokens.RECOVERY_CODE_LENGTH * 4) {
            hasher.verifyDummy(); // never a code of ours; same cost as a check
            return false;
        }
        String matched = null;
        for (String h : hashes) {
            if (hasher.verify(candidate, h)) {
                matched = h;
                break;
            }
        }
        if (matched == null) {
            if (hashes.isEmpty()) {
                hasher.verifyDummy();
            }
            return false;
        }
        String used = matched;
        return store.locked(personId, locked -> {
            List<String> now = hashes(locked.state().recoveryCodes());
            if (!now.remove(used)) {
                return false; // consumed meanwhile
            }
            locked.write(locked.state().withRecoveryCodes(writeHashes(now)));
            return true;
        });
    }

    /** Recovery codes are upper-case letters and digits; what people type around them is ignored. */
    static String normaliseRecoveryCode(String code) {
        StringBuilder s = new StringBuilder();
        for (char c : code.toCharArray()) {
            if (!Character.isWhitespace(c) && c != '-') {
                s.append(c);
            }
        }
        return s.toString().toUpperCase(Locale.ROOT);
    }

    /** Stored hashes as strings (Zou stored bytes; a migrated database may hold them either way). */
    List<String> hashes(String stored) {
        List<String> out = new ArrayList<>();
        if (stored == null || stored.isBlank()) {
            return out;
        }
        try {
            List<Object> list = json.readValue(stored, LIST);
            if (list != null) {
                for (Object o : list) {
                    if (o instanceof String s) {
                        out.add(s.startsWith("\\x") ? hexToText(s.substring(2)) : s);
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    String writeHashes(List<String> hashes) {
        try {
            return json.writeValueAsString(hashes);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write recovery codes", e);
        }
    }

    private static String hexToText(String hex) {
        try {
            return new String(java.util.HexFormat.of().parseHex(hex), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static boolean truthy(Object o) {
        return Boolean.TRUE.equals(o);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static String jsonText(Object o) {
        return o instanceof RawJson raw ? raw.text() : o instanceof String s ? s : null;
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
