package org.zou4j.internal.auth.crypto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zou4j.internal.auth.crypto.TokenException.Reason;

/**
 * JSON Web Tokens signed with HMAC-SHA256, interoperable with PyJWT/flask-jwt-extended as Zou uses them: a token
 * Zou issued with the same secret key decodes here, and the reverse.
 *
 * <p>The algorithm is fixed: the header's {@code alg} is never trusted, and anything but {@code HS256} (notably
 * {@code none}) is refused. The signature is compared in constant time. {@code exp}, {@code nbf} and {@code iat} are
 * checked against the injected clock with the configured leeway (0 by default, as Zou), with PyJWT's semantics: a
 * token is expired from the second {@code exp} names; {@code sub} and {@code jti}, when present, must be strings.
 * Claims other than these are returned as decoded, unchecked.
 *
 * <p>Thread-safe.
 */
public final class JwtCodec {

    /** Shortest HMAC key accepted: 256 bits, the strength of HS256 (RFC 7518 §3.2). */
    public static final int MIN_KEY_BYTES = 32;
    /** Longest token accepted, to bound the work done on garbage. */
    public static final int MAX_TOKEN_CHARS = 8192;

    private static final String ALGORITHM = "HS256";
    private static final String MAC_ALGORITHM = "HmacSHA256";
    // PyJWT sorts header keys, so this is byte-for-byte what Zou emits.
    private static final String HEADER_SEGMENT = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
            .getBytes(StandardCharsets.US_ASCII));
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final SecretKeySpec key;
    private final Clock clock;
    private final BigDecimal leewaySeconds;
    private final ObjectMapper json;

    /** A codec with no leeway. */
    public JwtCodec(byte[] key, Clock clock) {
        this(key, clock, Duration.ZERO);
    }

    /**
     * @param key the HMAC key, at least {@value #MIN_KEY_BYTES} bytes (Zou uses the UTF-8 bytes of
     *     {@code SECRET_KEY}); copied
     * @param clock the time source for {@code exp}/{@code nbf}/{@code iat}
     * @param leeway tolerated clock skew, zero or positive
     * @throws IllegalArgumentException if the key is too short (the message gives its length, never its content)
     */
    public JwtCodec(byte[] key, Clock clock, Duration leeway) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The token signing key is too short: " + key.length
                    + " bytes, HS256 needs at least " + MIN_KEY_BYTES + " (use a long random SECRET_KEY)");
        }
        if (leeway.isNegative()) {
            throw new IllegalArgumentException("leeway must not be negative");
        }
        this.key = new SecretKeySpec(key, MAC_ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leewaySeconds = BigDecimal.valueOf(leeway.toMillis(), 3);
        this.json = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION) // one claim, one meaning
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The clock this codec checks times against. */
    public Clock clock() {
        return clock;
    }

    /**
     * Signs a claim set. Claims are written in the map's iteration order; numbers, strings, booleans, lists and maps
     * are written as JSON.
     *
     * @throws IllegalArgumentException if a claim value cannot be written as JSON
     */
    public String encode(Map<String, Object> claims) {
        Objects.requireNonNull(claims, "claims");
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Claims cannot be written as JSON: " + e.getOriginalMessage());
        }
        String signingInput = HEADER_SEGMENT + "." + base64Url(payload);
        return signingInput + "." + base64Url(mac(signingInput));
    }

    /**
     * Verifies a token and returns its claims (read-only, in token order).
     *
     * @throws TokenException if the token is malformed, not HS256, badly signed, expired or not yet valid
     */
    public Map<String, Object> decode(String token) {
        Map<String, Object> known = token == null ? null : verified.get(token);
        if (known != null) {
            // signature and JSON already checked for this exact token: only the time claims can change their answer
            checkClaims(known);
            return known;
        }
        Map<String, Object> claims = decodeAndVerify(token);
        if (verified.size() >= VERIFIED_CACHE_SIZE) {
            verified.clear(); // crude but bounded: a busy server re-verifies each live token once more
        }
        verified.put(token, claims);
        return claims;
    }

    /**
     * Tokens whose signature and claims were verified (token text to its read-only claims), so a session's every
     * request does not decode Base64, parse JSON and compute the HMAC again (13 % of a get-by-id's CPU). Only pure
     * computation is cached: the time claims are checked on every use, and revocation and the person's state are read
     * from the database on every request (AuthService.verify).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Map<String, Object>> verified =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int VERIFIED_CACHE_SIZE = 4096;

    private Map<String, Object> decodeAndVerify(String token) {
        if (token == null || token.isEmpty()) {
            throw new TokenException(Reason.MALFORMED, "Not enough segments");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenException(Reason.MALFORMED, "Token too long");
        }
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        if (first < 0 || first == last) {
            throw new TokenException(Reason.MALFORMED, "Not enough segments");
        }
        if (token.indexOf('.', first + 1) != last) {
            throw new TokenException(Reason.MALFORMED, "Too many segments");
        }
        // PyJWT's order, so the same garbage gets the same message.
        byte[] header = segment(token.substring(0, first), "Invalid header padding");
        Map<String, Object> headerMap = jsonObject(header, "Invalid header string");
        byte[] payload = segment(token.substring(first + 1, last), "Invalid payload padding");
        byte[] signature = segment(token.substring(last + 1), "Invalid crypto padding");
        if (!ALGORITHM.equals(headerMap.get("alg"))) {
            throw new TokenException(Reason.WRONG_ALGORITHM, "The specified alg value is not allowed");
        }
        if (headerMap.containsKey("crit")) {
            // RFC 7515 §4.1.11: extensions we do not understand must make the token invalid.
            throw new TokenException(Reason.MALFORMED, "Unsupported critical header");
        }
        byte[] expected = mac(token.substring(0, last));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new TokenException(Reason.BAD_SIGNATURE, "Signature verification failed");
        }
        Map<String, Object> claims = jsonObject(payload, "Invalid payload string");
        checkClaims(claims);
        return Collections.unmodifiableMap(claims);
    }

    private void checkClaims(Map<String, Object> claims) {
        BigDecimal now = BigDecimal.valueOf(clock.millis(), 3);
        BigDecimal iat = seconds(claims, "iat", "Issued At claim (iat) must be an integer.");
        BigDecimal nbf = seconds(claims, "nbf", "Not Before claim (nbf) must be an integer.");
        BigDecimal exp = seconds(claims, "exp", "Expiration Time claim (exp) must be an integer.");
        if (iat != null && iat.compareTo(now.add(leewaySeconds)) > 0) {
            throw new TokenException(Reason.NOT_YET_VALID, "The token is not yet valid (iat)");
        }
        if (nbf != null && nbf.compareTo(now.add(leewaySeconds)) > 0) {
            throw new TokenException(Reason.NOT_YET_VALID, "The token is not yet valid (nbf)");
        }
        if (exp != null && exp.compareTo(now.subtract(leewaySeconds)) <= 0) {
            throw new TokenException(Reason.EXPIRED, "Signature has expired");
        }
        if (claims.containsKey("sub") && !(claims.get("sub") instanceof String)) {
            throw new TokenException(Reason.MALFORMED, "Subject must be a string");
        }
        if (claims.containsKey("jti") && !(claims.get("jti") instanceof String)) {
            throw new TokenException(Reason.MALFORMED, "JWT ID must be a string");
        }
    }

    /** A numeric date claim as whole seconds (PyJWT truncates with {@code int()}), or null when absent. */
    private static BigDecimal seconds(Map<String, Object> claims, String name, String message) {
        if (!claims.containsKey(name)) {
            return null;
        }
        if (!(claims.get(name) instanceof Number n)) {
            throw new TokenException(Reason.MALFORMED, message);
        }
        return new BigDecimal(n.toString()).setScale(0, RoundingMode.DOWN);
    }

    private Map<String, Object> jsonObject(byte[] bytes, String message) {
        Map<String, Object> map;
        try {
            map = json.readValue(bytes, MAP);
        } catch (IOException e) {
            throw new TokenException(Reason.MALFORMED, message + ": must be a json object");
        }
        if (map == null) {
            throw new TokenException(Reason.MALFORMED, message + ": must be a json object");
        }
        return map;
    }

    /** Strict base64url: no padding, nothing outside the alphabet. */
    private static byte[] segment(String s, String message) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                throw new TokenException(Reason.MALFORMED, message);
            }
        }
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new TokenException(Reason.MALFORMED, message);
        }
    }

    private byte[] mac(String signingInput) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM); // Mac instances are not thread-safe: one per call
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
