package org.zou4j.internal.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.zou4j.internal.auth.crypto.PasswordHasher;
import org.zou4j.internal.auth.crypto.Totp;
import org.zou4j.internal.sql.RawJson;
import org.zou4j.internal.sql.Row;

/**
 * The second factor at login (reference §4.1): the first branch that applies wins, driven by what the person has
 * enrolled: TOTP, then e-mail OTP, then (FIDO, not read here), then a recovery code; a code for a method that is not
 * enrolled is ignored. Recovery codes are single use.
 *
 * <p>E-mail OTP codes are never accepted yet: the engine does not send them (no {@code GET /auth/email-otp}), so no
 * code can be pending. FIDO responses are not read. Both belong to the 2FA work.
 */
final class SecondFactor {
    /** What the check concluded. */
    enum Outcome {
        /** No method enabled, or a right code. */
        OK,
        /** A method is enabled and no usable code was sent (does not count as a failed attempt). */
        MISSING,
        /** A wrong code (counts as a failed attempt). */
        WRONG
    }

    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };

    private final PasswordHasher hasher;
    private final AuthStore store;
    private final Clock clock;
    private final ObjectMapper json;
    private final Totp totp = new Totp();

    SecondFactor(PasswordHasher hasher, AuthStore store, Clock clock, ObjectMapper json) {
        this.hasher = hasher;
        this.store = store;
        this.clock = clock;
        this.json = json;
    }

    static boolean isEnabled(Row person) {
        return truthy(person.get("totp_enabled")) || truthy(person.get("email_otp_enabled"))
                || truthy(person.get("fido_enabled"));
    }

    /** Zou's list of what would be accepted: {@code recovery_code}, then each enabled method. */
    static List<String> accepted(Row person) {
        List<String> list = new ArrayList<>();
        list.add("recovery_code");
        if (truthy(person.get("totp_enabled"))) {
            list.add("totp");
        }
        if (truthy(person.get("email_otp_enabled"))) {
            list.add("email_otp");
        }
        if (truthy(person.get("fido_enabled"))) {
            list.add("fido");
        }
        return list;
    }

    Outcome check(Row person, String totpCode, String emailOtp, String recoveryCode) {
        if (!isEnabled(person)) {
            return Outcome.OK;
        }
        if (truthy(person.get("totp_enabled")) && notEmpty(totpCode)) {
            Object secret = person.get("totp_secret");
            if (!(secret instanceof String s) || s.isEmpty()) {
                return Outcome.WRONG;
            }
            try {
                return totp.verify(s, totpCode, clock.instant()).isPresent() ? Outcome.OK : Outcome.WRONG;
            } catch (IllegalArgumentException unreadableSecret) {
                return Outcome.WRONG;
            }
        }
        if (truthy(person.get("email_otp_enabled")) && notEmpty(emailOtp)) {
            return Outcome.WRONG; // no e-mail code can be pending (see class comment)
        }
        if (notEmpty(recoveryCode)) {
            return useRecoveryCode(person, recoveryCode) ? Outcome.OK : Outcome.WRONG;
        }
        return Outcome.MISSING;
    }

    /** Checks a recovery code against each stored hash (one bcrypt each, as Zou) and consumes the match. */
    private boolean useRecoveryCode(Row person, String code) {
        List<String> hashes = hashes(person.get("otp_recovery_codes"));
        String matched = null;
        for (String h : hashes) {
            if (hasher.verify(code, h)) {
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
        return store.updateRecoveryCodes((UUID) person.get("id"), current -> {
            List<String> now = hashes(current == null ? null : new RawJson(current));
            if (!now.remove(used)) {
                return null; // consumed meanwhile
            }
            try {
                return json.writeValueAsString(now);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot write recovery codes", e);
            }
        });
    }

    /** Stored hashes as strings (Zou stored bytes; a migrated database may hold them either way). */
    private List<String> hashes(Object stored) {
        List<String> out = new ArrayList<>();
        if (!(stored instanceof RawJson raw) || raw.text() == null) {
            return out;
        }
        try {
            List<Object> list = json.readValue(raw.text(), LIST);
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

    private static String hexToText(String hex) {
        try {
            return new String(java.util.HexFormat.of().parseHex(hex), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    static boolean truthy(Object o) {
        return Boolean.TRUE.equals(o);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
