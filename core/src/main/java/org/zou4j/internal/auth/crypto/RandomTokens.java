package org.zou4j.internal.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Random secrets handed to people: password-reset tokens, e-mail codes, recovery codes, generic URL-safe tokens.
 * All come from one {@link SecureRandom}. One-time tokens should be stored as {@link #sha256Hex} digests and compared
 * with {@link #constantTimeEquals}.
 *
 * <p>Thread-safe.
 */
public final class RandomTokens {

    /** Zou's alphabet for reset tokens and recovery codes. */
    public static final String UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Zou's reset token length (about 330 bits). */
    public static final int RESET_TOKEN_LENGTH = 64;
    /** Zou's number of recovery codes. */
    public static final int RECOVERY_CODE_COUNT = 16;
    /** Zou's recovery code length (about 51 bits each). */
    public static final int RECOVERY_CODE_LENGTH = 10;

    private final SecureRandom random;

    /** Tokens from a new {@link SecureRandom}. */
    public RandomTokens() {
        this(new SecureRandom());
    }

    /** Tokens from the given generator. */
    public RandomTokens(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@code count} random bytes. */
    public byte[] bytes(int count) {
        byte[] b = new byte[count];
        random.nextBytes(b);
        return b;
    }

    /** A URL-safe token: {@code byteCount} random bytes in base64url without padding. */
    public String urlSafe(int byteCount) {
        if (byteCount < 16) {
            throw new IllegalArgumentException("a token needs at least 16 random bytes, got " + byteCount);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(byteCount));
    }

    /** A URL-safe token of 256 bits (43 characters). */
    public String urlSafe() {
        return urlSafe(32);
    }

    /** A password-reset token as Zou makes them: 64 characters from {@code A-Z0-9}, safe in a URL. */
    public String passwordResetToken() {
        return fromAlphabet(UPPER_ALPHANUMERIC, RESET_TOKEN_LENGTH);
    }

    /** A code of {@code digits} decimal digits (leading zeros kept). */
    public String numericCode(int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("digits must be at least 1, got " + digits);
        }
        return fromAlphabet("0123456789", digits);
    }

    /** A 6-digit code to send by e-mail. */
    public String emailOtpCode() {
        return numericCode(6);
    }

    /** A random counter in {@code [0, bound)}, e.g. Zou's e-mail OTP counter (bound 10<sup>12</sup>). */
    public long counter(long bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long bits;
        long value;
        do { // rejection sampling keeps every value equally likely
            bits = random.nextLong() >>> 1;
            value = bits % bound;
        } while (bits - value + (bound - 1) < 0);
        return value;
    }

    /** Zou's 16 recovery codes of 10 characters from {@code A-Z0-9}, all different. */
    public List<String> recoveryCodes() {
        List<String> codes = new ArrayList<>(RECOVERY_CODE_COUNT);
        while (codes.size() < RECOVERY_CODE_COUNT) {
            String code = fromAlphabet(UPPER_ALPHANUMERIC, RECOVERY_CODE_LENGTH);
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return List.copyOf(codes);
    }

    /** {@code length} characters drawn uniformly from {@code alphabet}. */
    public String fromAlphabet(String alphabet, int length) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("alphabet is empty");
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length()))); // nextInt(bound) is unbiased
        }
        return sb.toString();
    }

    /** Lower-case hex SHA-256 of the UTF-8 text: how one-time tokens are stored. */
    public static String sha256Hex(String value) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** Compares two secrets in time independent of where they differ; null equals nothing. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
