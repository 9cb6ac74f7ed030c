package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.zou4j.internal.auth.crypto.TokenException.Reason;

class JwtCodecTest {

    private static final String KEY = "zou4j-test-secret-key-of-at-least-32-bytes!";
    private static final byte[] KEY_BYTES = KEY.getBytes(StandardCharsets.UTF_8);
    private static final long IAT = 1_700_000_000L;
    private static final long EXP = 1_700_604_800L; // iat + 7 days

    /**
     * Made by PyJWT 2.6.0: {@code jwt.encode(claims, KEY, algorithm="HS256")} with Zou's access-token claims
     * (fresh, iat, jti, type, sub, nbf, exp, identity_type, refresh_jti).
     */
    private static final String PYJWT_ACCESS = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJmcmVzaCI6ZmFsc2UsImlhdCI6MTcwMDAwMDAwMCwianRpIjoiNmYxYzJlMGEtOGE1ZS00ZDFiLTlhM2YtMGMyYjdlNWQ0YTkxIi"
            + "widHlwZSI6ImFjY2VzcyIsInN1YiI6ImEyNGE2ZWE0LWNlNzUtNDY2NS1hMDcwLTU3NDUzMDgyYzI1YiIsIm5iZiI6MTcwMDAwMDAw"
            + "MCwiZXhwIjoxNzAwNjA0ODAwLCJpZGVudGl0eV90eXBlIjoicGVyc29uIiwicmVmcmVzaF9qdGkiOiIwYjhlMmY4Yy0zZDBmLTRhNG"
            + "MtYjdkMi01YjFmN2I5YTJlNjYifQ.o2K7M6h8J8w7FNX5-avvx-6xtdYWaVHaKjvCPWJjbHQ";
    /** The same claims signed by PyJWT with {@code algorithm="HS512"}. */
    private static final String PYJWT_HS512 = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9."
            + PYJWT_ACCESS.split("\\.")[1] + ".kG-D6kvDWd7N8ZoFJ8srr55jASN2qJmR8x5jDVmztI-Q3L8iXniZaOK5QAmUM0EuME9RAV35"
            + "EhZmdTu4MpvSlw";
    /** The same claims from PyJWT with {@code algorithm="none"} (unsigned). */
    private static final String PYJWT_NONE = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + PYJWT_ACCESS.split("\\.")[1] + ".";
    /** PyJWT escapes non-ASCII JSON: {"sub": "x", "name": "Frédéric 日本"}. */
    private static final String PYJWT_UNICODE = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJzdWIiOiJ4IiwibmFtZSI6IkZyXHUwMGU5ZFx1MDBlOXJpYyBcdTY1ZTVcdTY3MmMifQ."
            + "lsxyDQLkEzGTLouXvv4FKnIY9po68Y1CM9g7aGAKra8";

    private final JwtCodec codec = new JwtCodec(KEY_BYTES, at(IAT + 3600));

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void decodesAPyJwtTokenAndReencodesItByteForByte() {
        Map<String, Object> claims = codec.decode(PYJWT_ACCESS);

        assertThat(claims).containsEntry("fresh", false).containsEntry("iat", 1_700_000_000)
                .containsEntry("type", "access").containsEntry("sub", "a24a6ea4-ce75-4665-a070-57453082c25b")
                .containsEntry("identity_type", "person")
                .containsEntry("refresh_jti", "0b8e2f8c-3d0f-4a4c-b7d2-5b1f7b9a2e66");
        assertThat(codec.encode(claims)).isEqualTo(PYJWT_ACCESS);
    }

    @Test
    void decodesEscapedUnicodeClaims() {
        assertThat(codec.decode(PYJWT_UNICODE)).containsEntry("name", "Frédéric 日本");
    }

    @Test
    void verifiesTheRfc7515AppendixA1Example() {
        byte[] key = Base64.getUrlDecoder().decode(
                "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
        String token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
                + "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
                + "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

        Map<String, Object> claims = new JwtCodec(key, at(1_300_819_379L)).decode(token);

        assertThat(claims).containsEntry("iss", "joe").containsEntry("http://example.com/is_root", true);
        assertThatThrownBy(() -> new JwtCodec(key, at(1_300_819_380L)).decode(token))
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void roundTripsItsOwnTokensWithTheFixedHeader() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "someone");
        claims.put("exp", 1_700_007_200);
        claims.put("list", java.util.List.of(1, "two"));

        String token = codec.encode(claims);

        assertThat(token).startsWith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.");
        assertThat(codec.decode(token)).containsExactlyEntriesOf(claims);
    }

    @Test
    void otherAlgorithmsAreRefusedWhateverTheHeaderSays() {
        assertRefused(PYJWT_HS512, Reason.WRONG_ALGORITHM);
        assertRefused(PYJWT_NONE, Reason.WRONG_ALGORITHM);
        // Key confusion: an RS256 header over a body MACed with our key must not be accepted either.
        String payload = PYJWT_ACCESS.split("\\.")[1];
        assertRefused(resign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", payload), Reason.WRONG_ALGORITHM);
        assertRefused(resign("{\"alg\":\"hs256\"}", payload), Reason.WRONG_ALGORITHM);
        assertRefused(resign("{\"typ\":\"JWT\"}", payload), Reason.WRONG_ALGORITHM);
    }

    @Test
    void alteredOrForeignSignaturesAreRefused() {
        String[] parts = PYJWT_ACCESS.split("\\.");
        String otherPayload = b64("{\"sub\":\"a24a6ea4-ce75-4665-a070-57453082c25b\",\"type\":\"access\"}");

        assertRefused(parts[0] + "." + otherPayload + "." + parts[2], Reason.BAD_SIGNATURE);
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 42) + "A", Reason.BAD_SIGNATURE);
        assertRefused(parts[0] + "." + parts[1] + ".", Reason.BAD_SIGNATURE);
        JwtCodec otherKey = new JwtCodec("another-secret-key-that-is-32-bytes-or-more".getBytes(StandardCharsets.UTF_8),
                at(IAT));
        assertThatThrownBy(() -> otherKey.decode(PYJWT_ACCESS)).hasMessage("Signature verification failed");
    }

    @Test
    void expiryAndNotBeforeFollowPyJwtAtTheSecond() {
        assertThat(new JwtCodec(KEY_BYTES, at(EXP - 1)).decode(PYJWT_ACCESS)).isNotEmpty();
        assertThatThrownBy(() -> new JwtCodec(KEY_BYTES, at(EXP)).decode(PYJWT_ACCESS))
                .isInstanceOf(TokenException.class).hasMessage("Signature has expired");
        assertThat(new JwtCodec(KEY_BYTES, at(IAT)).decode(PYJWT_ACCESS)).isNotEmpty();
        Clock justBefore = Clock.fixed(Instant.ofEpochSecond(IAT).minusMillis(1), ZoneOffset.UTC);
        assertThatThrownBy(() -> new JwtCodec(KEY_BYTES, justBefore).decode(PYJWT_ACCESS))
                .isInstanceOf(TokenException.class).hasMessage("The token is not yet valid (iat)")
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void nbfInTheFutureIsNotYetValid() {
        String token = codec.encode(Map.of("sub", "x", "nbf", IAT + 3601));

        assertThatThrownBy(() -> codec.decode(token)).hasMessage("The token is not yet valid (nbf)");
    }

    @Test
    void leewayToleratesSmallClockSkew() {
        JwtCodec lenient = new JwtCodec(KEY_BYTES, at(EXP + 5), Duration.ofSeconds(10));

        assertThat(lenient.decode(PYJWT_ACCESS)).containsKey("exp");
        assertThatThrownBy(() -> new JwtCodec(KEY_BYTES, at(EXP + 10), Duration.ofSeconds(10)).decode(PYJWT_ACCESS))
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void tokensWithoutExpiryStayValid() {
        String token = codec.encode(Map.of("sub", "bot", "identity_type", "bot"));

        assertThat(new JwtCodec(KEY_BYTES, at(4_000_000_000L)).decode(token)).containsEntry("sub", "bot");
    }

    @Test
    void malformedTokensAreRefusedWithPyJwtMessages() {
        assertRefused("", Reason.MALFORMED, "Not enough segments");
        assertRefused(null, Reason.MALFORMED, "Not enough segments");
        assertRefused("None", Reason.MALFORMED, "Not enough segments");
        assertRefused("a.b", Reason.MALFORMED, "Not enough segments");
        assertRefused("a.b.c.d", Reason.MALFORMED, "Too many segments");
        assertRefused("e30=.e30.x", Reason.MALFORMED, "Invalid header padding");
        assertRefused("!!.e30.x", Reason.MALFORMED, "Invalid header padding");
        assertRefused(b64("[1]") + ".e30.x", Reason.MALFORMED, "Invalid header string: must be a json object");
        assertRefused(b64("null") + ".e30.x", Reason.MALFORMED, "Invalid header string: must be a json object");
        assertRefused(resign("{\"alg\":\"HS256\"}", b64("[]")), Reason.MALFORMED,
                "Invalid payload string: must be a json object");
        assertRefused(resign("{\"alg\":\"HS256\",\"alg\":\"none\"}", b64("{}")), Reason.MALFORMED,
                "Invalid header string: must be a json object");
        assertRefused(resign("{\"alg\":\"HS256\",\"crit\":[\"x\"]}", b64("{}")), Reason.MALFORMED,
                "Unsupported critical header");
        assertRefused("a".repeat(JwtCodec.MAX_TOKEN_CHARS + 1), Reason.MALFORMED, "Token too long");
    }

    @Test
    void registeredClaimsOfTheWrongTypeAreMalformed() {
        assertRefused(codec.encode(Map.of("exp", "tomorrow")), Reason.MALFORMED,
                "Expiration Time claim (exp) must be an integer.");
        assertRefused(codec.encode(Map.of("iat", true)), Reason.MALFORMED, "Issued At claim (iat) must be an integer.");
        assertRefused(codec.encode(Map.of("sub", 42)), Reason.MALFORMED, "Subject must be a string");
        assertRefused(codec.encode(Map.of("jti", 42)), Reason.MALFORMED, "JWT ID must be a string");
    }

    @Test
    void messagesNeverContainTheTokenOrTheKey() {
        String[] parts = PYJWT_ACCESS.split("\\.");
        String[] bad = {PYJWT_HS512, PYJWT_NONE, parts[0] + "." + parts[1] + ".AAAA", parts[0] + ".%%." + parts[2]};
        for (String token : bad) {
            assertThatThrownBy(() -> codec.decode(token)).isInstanceOf(TokenException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(parts[1]).doesNotContain(parts[2])
                            .doesNotContain(KEY).doesNotContain("a24a6ea4"));
        }
    }

    @Test
    void shortKeysAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> new JwtCodec("mysecretkey".getBytes(StandardCharsets.UTF_8), at(IAT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11 bytes").hasMessageContaining("at least 32")
                .hasMessageNotContaining("mysecretkey");
    }

    private void assertRefused(String token, Reason reason) {
        ThrowingCallable decode = () -> codec.decode(token);
        assertThatThrownBy(decode).isInstanceOf(TokenException.class)
                .extracting(e -> ((TokenException) e).reason()).isEqualTo(reason);
    }

    private void assertRefused(String token, Reason reason, String message) {
        assertRefused(token, reason);
        assertThatThrownBy(() -> codec.decode(token)).hasMessage(message);
    }

    /** A token with any header, MACed with the test key (what an attacker who guessed nothing cannot do). */
    private static String resign(String headerJson, String payloadSegment) {
        try {
            String input = b64(headerJson) + "." + payloadSegment;
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(KEY_BYTES, "HmacSHA256"));
            return input + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aTokenVerifiedBeforeIsStillRefusedOnceExpiredAndATamperedCopyIsNeverAccepted() {
        MovingClock clock = new MovingClock(Instant.ofEpochSecond(IAT + 3600));
        JwtCodec moving = new JwtCodec(KEY_BYTES, clock);
        assertThat(moving.decode(PYJWT_ACCESS)).containsEntry("type", "access");
        assertThat(moving.decode(PYJWT_ACCESS)).containsEntry("type", "access"); // the remembered verification
        String tampered = PYJWT_ACCESS.substring(0, PYJWT_ACCESS.length() - 2) + "AA";
        assertThatThrownBy(() -> moving.decode(tampered)).isInstanceOf(TokenException.class);
        assertThatThrownBy(() -> moving.decode(tampered)).isInstanceOf(TokenException.class);
        clock.now = Instant.ofEpochSecond(EXP + 3600);
        assertThatThrownBy(() -> moving.decode(PYJWT_ACCESS)).isInstanceOf(TokenException.class)
                .hasMessageContaining("expired");
    }
}
