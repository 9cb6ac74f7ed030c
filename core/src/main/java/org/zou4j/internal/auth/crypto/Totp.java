package org.zou4j.internal.auth.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) and their counter-based core (RFC 4226), with pyotp's defaults as Zou
 * uses them: HMAC-SHA1, 6 digits, 30-second steps, one step of tolerance either side. Secrets are 160-bit, written as
 * 32 base32 characters.
 *
 * <p>{@link #verify} returns the time step the code matched so the caller can refuse a step already used (Zou does
 * not; replay protection is the caller's choice). Codes are compared in constant time.
 *
 * <p>Thread-safe.
 */
public final class Totp {

    /** The HMAC behind the codes; authenticator apps and Zou use SHA-1. */
    public enum Algorithm {
        /** HMAC-SHA1 (the default, and what authenticator apps expect). */
        SHA1("HmacSHA1"),
        /** HMAC-SHA256. */
        SHA256("HmacSHA256"),
        /** HMAC-SHA512. */
        SHA512("HmacSHA512");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }
    }

    /** pyotp's default number of digits. */
    public static final int DEFAULT_DIGITS = 6;
    /** pyotp's default step. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);
    /** Zou's {@code valid_window}: the previous and next steps are accepted too. */
    public static final int DEFAULT_WINDOW = 1;
    /** Length of generated secrets in bytes (160 bits, RFC 4226's recommendation). */
    public static final int SECRET_BYTES = 20;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};

    private final Algorithm algorithm;
    private final int digits;
    private final long periodSeconds;
    private final int window;
    private final SecureRandom random;

    /** Zou's settings: SHA-1, 6 digits, 30 s, window ±1. */
    public Totp() {
        this(Algorithm.SHA1, DEFAULT_DIGITS, DEFAULT_PERIOD, DEFAULT_WINDOW, new SecureRandom());
    }

    /**
     * @param digits 6 to 8
     * @param period step length, whole seconds, at least one
     * @param window accepted steps before and after the current one (0 to 10)
     * @param random source of new secrets
     */
    public Totp(Algorithm algorithm, int digits, Duration period, int window, SecureRandom random) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6 to 8, got " + digits);
        }
        if (period.getSeconds() < 1 || period.getNano() != 0) {
            throw new IllegalArgumentException("period must be a whole number of seconds, at least 1, got " + period);
        }
        if (window < 0 || window > 10) {
            throw new IllegalArgumentException("window must be 0 to 10, got " + window);
        }
        this.digits = digits;
        this.periodSeconds = period.getSeconds();
        this.window = window;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new random secret: 32 base32 characters (160 bits), no padding. */
    public String generateSecret() {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return Base32.encode(key);
    }

    /** The time step (counter) containing an instant. */
    public long timeStep(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds < 0) {
            throw new IllegalArgumentException("TOTP is undefined before 1970");
        }
        return seconds / periodSeconds;
    }

    /** The code for an instant. */
    public String codeAt(String secret, Instant time) {
        return hotp(secret, timeStep(time));
    }

    /**
     * The RFC 4226 code for a counter (also Zou's e-mail OTP, which is HOTP over a random counter).
     *
     * @throws IllegalArgumentException if the secret is not base32
     */
    public String hotp(String secret, long counter) {
        return hotp(Base32.decode(secret), counter);
    }

    /**
     * Checks a code against the steps around {@code now}.
     *
     * @param code as typed; surrounding white space is ignored and full-width digits are normalised (NFKC), as pyotp
     * @return the matched time step (the current one first if several match), or empty if none does or the code
     *     is not {@code digits} digits
     * @throws IllegalArgumentException if the secret is not base32
     */
    public OptionalLong verify(String secret, String code, Instant now) {
        byte[] key = Base32.decode(secret);
        byte[] given = normalise(code);
        long current = timeStep(now);
        // Compute every candidate so timing does not tell which step matched.
        long match = -1;
        for (int distance = 0; distance <= window; distance++) {
            for (int sign : distance == 0 ? new int[] {1} : new int[] {-1, 1}) {
                long step = current + sign * (long) distance;
                if (step < 0) {
                    continue;
                }
                boolean equal = MessageDigest.isEqual(hotp(key, step).getBytes(StandardCharsets.US_ASCII), given);
                if (equal && match < 0) {
                    match = step;
                }
            }
        }
        return given.length == digits && match >= 0 ? OptionalLong.of(match) : OptionalLong.empty();
    }

    /** Checks a code for one counter (e-mail OTP), in constant time. */
    public boolean verifyHotp(String secret, String code, long counter) {
        byte[] expected = hotp(secret, counter).getBytes(StandardCharsets.US_ASCII);
        byte[] given = normalise(code);
        return given.length == digits && MessageDigest.isEqual(expected, given);
    }

    /**
     * The {@code otpauth://} URI an authenticator app scans, as pyotp builds it:
     * {@code otpauth://totp/<issuer>:<account>?secret=<secret>&issuer=<issuer>}, percent-encoded; non-default
     * algorithm, digits or period are appended.
     *
     * @param accountName usually the person's e-mail
     * @param issuer e.g. {@code "Kitsu " + organisation name}; null for none
     */
    public String provisioningUri(String secret, String accountName, String issuer) {
        Base32.decode(secret); // refuse a secret the app could not use
        Objects.requireNonNull(accountName, "accountName");
        StringBuilder uri = new StringBuilder("otpauth://totp/");
        if (issuer != null) {
            uri.append(percentEncode(issuer, true)).append(':');
        }
        uri.append(percentEncode(accountName, true)).append("?secret=").append(percentEncode(secret, false));
        if (issuer != null) {
            uri.append("&issuer=").append(percentEncode(issuer, false));
        }
        if (algorithm != Algorithm.SHA1) {
            uri.append("&algorithm=").append(algorithm.name());
        }
        if (digits != DEFAULT_DIGITS) {
            uri.append("&digits=").append(digits);
        }
        if (periodSeconds != DEFAULT_PERIOD.getSeconds()) {
            uri.append("&period=").append(periodSeconds);
        }
        return uri.toString();
    }

    private String hotp(byte[] key, long counter) {
        if (key.length == 0) {
            throw new IllegalArgumentException("The one-time password secret is empty");
        }
        byte[] h;
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName);
            mac.init(new SecretKeySpec(key, algorithm.jcaName));
            h = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName + " is unavailable in this JVM", e);
        }
        // RFC 4226 §5.3 dynamic truncation.
        int offset = h[h.length - 1] & 0x0f;
        int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                | (h[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    private static byte[] normalise(String code) {
        if (code == null) {
            return new byte[0];
        }
        String s = Normalizer.normalize(code, Normalizer.Form.NFKC).strip();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return new byte[0];
            }
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Python's {@code urllib.parse.quote}: unreserved characters stay, plus {@code /} in the label. */
    private static String percentEncode(String s, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/');
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
