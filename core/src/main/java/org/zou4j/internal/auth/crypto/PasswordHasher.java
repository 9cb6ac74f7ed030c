package org.zou4j.internal.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt password hashing, compatible with the hashes Zou stores ({@code $2b$12$...}, made by Python's bcrypt).
 *
 * <p>New hashes are {@code $2b$} with the configured cost (default 12, as Zou). Verification accepts {@code $2a$},
 * {@code $2b$} and {@code $2y$} hashes of any cost from 4 to {@value #MAX_COST}. Unlike Zou, passwords longer than
 * 72 UTF-8 bytes are refused with {@link PasswordPolicyException} instead of being silently truncated; databases
 * migrated from Zou may hold hashes of such passwords, for which {@link Builder#legacyTruncation(boolean)} restores
 * Zou's behaviour on verification only.
 *
 * <p>All bcrypt work runs on a small bounded pool (by default half the cores): a burst of logins waits there or is
 * refused with {@link TooManyConcurrentLoginsException}, and the rest of the engine keeps its CPU. Every verification
 * costs one bcrypt run, even without a usable stored hash, so response times do not reveal which accounts exist.
 *
 * <p>Thread-safe. Close it to release the pool.
 */
public final class PasswordHasher implements AutoCloseable {

    /** bcrypt reads at most this many bytes of a password. */
    public static final int MAX_PASSWORD_BYTES = 72;
    /** Zou's cost. */
    public static final int DEFAULT_COST = 12;
    /** Lowest cost bcrypt allows (tests use it). */
    public static final int MIN_COST = 4;
    /** Highest cost accepted, for new and stored hashes: a corrupt stored cost must not pin a worker for hours. */
    public static final int MAX_COST = 16;
    /** Zou's {@code MIN_PASSWORD_LENGTH} default. */
    public static final int DEFAULT_MIN_LENGTH = 8;

    private static final String VERSION = "2b";
    private static final String BCRYPT_BASE64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SALT_BYTES = 16;

    private final int cost;
    private final int minLength;
    private final boolean legacyTruncation;
    private final SecureRandom random;
    private final BoundedWorkers workers;
    private final ParsedHash dummy;

    private PasswordHasher(Builder b) {
        this.cost = b.cost;
        this.minLength = b.minLength;
        this.legacyTruncation = b.legacyTruncation;
        this.random = b.random != null ? b.random : new SecureRandom();
        this.workers = new BoundedWorkers("zou4j-bcrypt", b.threads, b.queueCapacity);
        // Same version and cost as a real hash, so a check against it costs what a real check costs; a random salt,
        // and a digest of random characters that no password produces. (Generating a real hash here cost one bcrypt,
        // a quarter of the standalone server's start-up CPU.)
        byte[] digest = new byte[ParsedHash.DIGEST_CHARS];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) BCRYPT_BASE64.charAt(random.nextInt(BCRYPT_BASE64.length()));
        }
        this.dummy = new ParsedHash(VERSION, cost, newSalt(), digest);
    }

    /** A builder with Zou's defaults (cost 12, minimum length 8, strict 72-byte limit). */
    public static Builder builder() {
        return new Builder();
    }

    /** The cost of new hashes. */
    public int cost() {
        return cost;
    }

    /**
     * Hashes a password into a {@code $2b$} modular-crypt string (60 ASCII characters).
     *
     * @throws PasswordPolicyException if the password is empty or longer than 72 UTF-8 bytes
     * @throws TooManyConcurrentLoginsException if the hashing pool is saturated
     */
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            if (bytes.length == 0) {
                throw new PasswordPolicyException(PasswordPolicyException.Reason.EMPTY);
            }
            if (bytes.length > MAX_PASSWORD_BYTES) {
                throw new PasswordPolicyException(PasswordPolicyException.Reason.TOO_LONG);
            }
            byte[] salt = newSalt();
            return workers.call(() -> OpenBSDBCrypt.generate(VERSION, bytes, salt, cost));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Hashes a random secret of high entropy (a recovery code: about 52 bits) at a lower cost than passwords need:
     * guessing it offline stays out of reach while checking a list of them stays fast. The cost is capped by the
     * configured one; {@link #verify} reads it from the hash.
     *
     * @param maxCost the highest cost to use, 4 to 16
     * @throws PasswordPolicyException if the secret is empty or longer than 72 UTF-8 bytes
     * @throws TooManyConcurrentLoginsException if the hashing pool is saturated
     */
    public String hashSecret(String secret, int maxCost) {
        Objects.requireNonNull(secret, "secret");
        if (maxCost < MIN_COST || maxCost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + MIN_COST + " and " + MAX_COST
                    + ", got " + maxCost);
        }
        int c = Math.min(cost, maxCost);
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        try {
            if (bytes.length == 0) {
                throw new PasswordPolicyException(PasswordPolicyException.Reason.EMPTY);
            }
            if (bytes.length > MAX_PASSWORD_BYTES) {
                throw new PasswordPolicyException(PasswordPolicyException.Reason.TOO_LONG);
            }
            byte[] salt = newSalt();
            return workers.call(() -> OpenBSDBCrypt.generate(VERSION, bytes, salt, c));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Checks a password against a stored hash. A missing, empty or unreadable stored hash, or a {@code null}
     * password, gives {@code false} after a bcrypt run of the same cost as a real check.
     *
     * @throws PasswordPolicyException if the password is longer than 72 UTF-8 bytes and legacy truncation is off
     *     (such a password can never have been hashed here)
     * @throws TooManyConcurrentLoginsException if the hashing pool is saturated
     */
    public boolean verify(String password, String storedHash) {
        byte[] bytes = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
        try {
            if (bytes.length > MAX_PASSWORD_BYTES && !legacyTruncation) {
                throw new PasswordPolicyException(PasswordPolicyException.Reason.TOO_LONG);
            }
            ParsedHash parsed = storedHash == null ? null : ParsedHash.parse(storedHash);
            if (password == null || parsed == null || parsed.cost > MAX_COST) {
                workers.call(() -> matches(bytes, dummy));
                return false;
            }
            // OpenBSDBCrypt itself keeps only the first 72 bytes, which is Zou's truncation when it is allowed.
            return workers.call(() -> matches(bytes, parsed));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** As {@link #verify(String, String)}, for hashes stored as bytes (Zou's {@code LargeBinary(60)} column). */
    public boolean verify(String password, byte[] storedHash) {
        return verify(password, storedHash == null ? null : new String(storedHash, StandardCharsets.ISO_8859_1));
    }

    /**
     * Runs one bcrypt check that always fails, for code paths with no account at all (unknown login): it costs what
     * a real check costs.
     */
    public void verifyDummy() {
        workers.call(() -> matches(new byte[0], dummy));
    }

    /**
     * Whether a stored hash should be replaced after a successful login: unreadable, not {@code $2b$}, or of a lower
     * cost than configured.
     */
    public boolean needsRehash(String storedHash) {
        ParsedHash parsed = storedHash == null ? null : ParsedHash.parse(storedHash);
        return parsed == null || !parsed.version.equals(VERSION) || parsed.cost < cost;
    }

    /**
     * Applies Zou's rule for a new password: at least the minimum length, counted in characters (code points).
     * Also refuses what bcrypt cannot hash (empty, over 72 UTF-8 bytes).
     *
     * @throws PasswordPolicyException with Zou's message ({@code "Password is too short."})
     */
    public void validateNewPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new PasswordPolicyException(PasswordPolicyException.Reason.EMPTY);
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            throw new PasswordPolicyException(PasswordPolicyException.Reason.TOO_SHORT);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new PasswordPolicyException(PasswordPolicyException.Reason.TOO_LONG);
        }
    }

    /**
     * Zou's {@code validate_password}: length first, then equality with the confirmation.
     *
     * @throws PasswordPolicyException with Zou's messages ({@code "Password is too short."},
     *     {@code "Confirmation password doesn't match."})
     */
    public void validateNewPassword(String password, String confirmation) {
        validateNewPassword(password);
        byte[] a = password.getBytes(StandardCharsets.UTF_8);
        byte[] b = confirmation == null ? new byte[0] : confirmation.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(a, b)) {
            throw new PasswordPolicyException(PasswordPolicyException.Reason.MISMATCH);
        }
    }

    /** Stops the hashing pool; later calls fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        workers.close();
    }

    /** Test hook: how many bcrypt runs the pool has done. */
    long bcryptRuns() {
        return workers.tasksRun();
    }

    private byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    private static boolean matches(byte[] password, ParsedHash stored) {
        String computed = OpenBSDBCrypt.generate(stored.version, password, stored.salt, stored.cost);
        // Compare only the digest: the salt and cost were taken from the stored string itself.
        byte[] digest = computed.substring(computed.length() - ParsedHash.DIGEST_CHARS).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(digest, stored.digest);
    }

    /** A stored hash split into its parts; {@code parse} returns null for anything that is not a bcrypt string. */
    private record ParsedHash(String version, int cost, byte[] salt, byte[] digest) {

        static final int DIGEST_CHARS = 31;
        private static final int LENGTH = 60;

        static ParsedHash parse(String s) {
            if (s.length() != LENGTH || s.charAt(0) != '$' || s.charAt(1) != '2' || s.charAt(3) != '$'
                    || s.charAt(6) != '$') {
                return null;
            }
            char v = s.charAt(2);
            if (v != 'a' && v != 'b' && v != 'y') {
                return null;
            }
            char c1 = s.charAt(4);
            char c2 = s.charAt(5);
            if (c1 < '0' || c1 > '9' || c2 < '0' || c2 > '9') {
                return null;
            }
            int cost = (c1 - '0') * 10 + (c2 - '0');
            if (cost < MIN_COST || cost > 31) {
                return null;
            }
            for (int i = 7; i < LENGTH; i++) {
                if (BCRYPT_BASE64.indexOf(s.charAt(i)) < 0) {
                    return null;
                }
            }
            byte[] salt = decodeSalt(s.substring(7, 29));
            byte[] digest = s.substring(29).getBytes(StandardCharsets.US_ASCII);
            return new ParsedHash("2" + v, cost, salt, digest);
        }

        /** bcrypt's own base64 (alphabet {@code ./A-Za-z0-9}, no padding): 22 characters carry the 16 salt bytes. */
        private static byte[] decodeSalt(String chars) {
            byte[] out = new byte[SALT_BYTES];
            int buffer = 0;
            int bits = 0;
            int n = 0;
            for (int i = 0; i < chars.length() && n < SALT_BYTES; i++) {
                buffer = (buffer << 6) | BCRYPT_BASE64.indexOf(chars.charAt(i));
                bits += 6;
                if (bits >= 8) {
                    out[n++] = (byte) (buffer >> (bits - 8));
                    bits -= 8;
                }
            }
            return out;
        }
    }

    /** Configures a {@link PasswordHasher}; every setting has Zou's default. */
    public static final class Builder {
        private int cost = DEFAULT_COST;
        private int minLength = DEFAULT_MIN_LENGTH;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        private int queueCapacity = 32;
        private boolean legacyTruncation;
        private SecureRandom random;

        private Builder() {
        }

        /** bcrypt cost of new hashes, 4 to 16 (default 12). */
        public Builder cost(int cost) {
            if (cost < MIN_COST || cost > MAX_COST) {
                throw new IllegalArgumentException("bcrypt cost must be between " + MIN_COST + " and " + MAX_COST
                        + ", got " + cost);
            }
            this.cost = cost;
            return this;
        }

        /** Minimum length of a new password in characters (Zou's {@code MIN_PASSWORD_LENGTH}, default 8). */
        public Builder minLength(int minLength) {
            if (minLength < 1) {
                throw new IllegalArgumentException("minimum password length must be at least 1, got " + minLength);
            }
            this.minLength = minLength;
            return this;
        }

        /** Worker threads for bcrypt (default: half the cores, at least one). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** How many checks may wait for a worker before callers are refused (default 32). */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1, got " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * Zou compatibility: verify passwords longer than 72 bytes against their first 72 bytes, as Zou did, instead
         * of refusing them. Off by default; new hashes never truncate.
         */
        public Builder legacyTruncation(boolean legacyTruncation) {
            this.legacyTruncation = legacyTruncation;
            return this;
        }

        /** Source of salts (default: a new {@link SecureRandom}). */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Builds the hasher (no bcrypt runs until the first hash or check). */
        public PasswordHasher build() {
            return new PasswordHasher(this);
        }
    }
}
