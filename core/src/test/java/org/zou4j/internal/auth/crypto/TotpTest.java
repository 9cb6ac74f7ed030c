package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.zou4j.internal.auth.crypto.Totp.Algorithm;

class TotpTest {

    /** "12345678901234567890", the RFC 4226/6238 SHA-1 seed, in base32 (pyotp's test secret). */
    private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private final Totp totp = new Totp();

    @ParameterizedTest(name = "t={0} {2}")
    @CsvSource({
        "59, 94287082, SHA1", "59, 46119246, SHA256", "59, 90693936, SHA512",
        "1111111109, 07081804, SHA1", "1111111109, 68084774, SHA256", "1111111109, 25091201, SHA512",
        "1111111111, 14050471, SHA1", "1111111111, 67062674, SHA256", "1111111111, 99943326, SHA512",
        "1234567890, 89005924, SHA1", "1234567890, 91819424, SHA256", "1234567890, 93441116, SHA512",
        "2000000000, 69279037, SHA1", "2000000000, 90698825, SHA256", "2000000000, 38618901, SHA512",
        "20000000000, 65353130, SHA1", "20000000000, 77737706, SHA256", "20000000000, 47863826, SHA512",
    })
    void matchesEveryRfc6238Vector(long time, String code, Algorithm algorithm) {
        // RFC 6238 Appendix B seeds: the ASCII digits repeated to 20, 32 and 64 bytes.
        int keyLength = switch (algorithm) {
            case SHA1 -> 20;
            case SHA256 -> 32;
            case SHA512 -> 64;
        };
        String seed = "1234567890".repeat(7).substring(0, keyLength);
        String secret = Base32.encode(seed.getBytes(StandardCharsets.US_ASCII));
        Totp eightDigits = new Totp(algorithm, 8, Duration.ofSeconds(30), 1, new SecureRandom());

        assertThat(eightDigits.codeAt(secret, Instant.ofEpochSecond(time))).isEqualTo(code);
        assertThat(eightDigits.verify(secret, code, Instant.ofEpochSecond(time))).hasValue(time / 30);
    }

    @Test
    void matchesPyotpWithZouDefaults() {
        assertThat(totp.codeAt(SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(totp.verify(SECRET, "287082", Instant.ofEpochSecond(59))).hasValue(1);
    }

    @Test
    void matchesRfc4226HotpVectors() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(totp.hotp(SECRET, counter)).as("counter %d", counter).isEqualTo(expected[counter]);
            assertThat(totp.verifyHotp(SECRET, expected[counter], counter)).isTrue();
        }
        assertThat(totp.verifyHotp(SECRET, "755224", 1)).isFalse();
    }

    @Test
    void acceptsOneStepEitherSideAndReportsTheMatchedStep() {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long step = totp.timeStep(now);
        String previous = totp.codeAt(SECRET, now.minusSeconds(30));
        String next = totp.codeAt(SECRET, now.plusSeconds(30));
        String tooOld = totp.codeAt(SECRET, now.minusSeconds(60));

        assertThat(totp.verify(SECRET, totp.codeAt(SECRET, now), now)).hasValue(step);
        assertThat(totp.verify(SECRET, previous, now)).hasValue(step - 1);
        assertThat(totp.verify(SECRET, next, now)).hasValue(step + 1);
        assertThat(totp.verify(SECRET, tooOld, now)).isEmpty();
    }

    @Test
    void windowIsConfigurable() {
        Totp exact = new Totp(Algorithm.SHA1, 6, Duration.ofSeconds(30), 0, new SecureRandom());
        Instant now = Instant.ofEpochSecond(1_111_111_111L);

        assertThat(exact.verify(SECRET, totp.codeAt(SECRET, now.minusSeconds(30)), now)).isEmpty();
        assertThat(exact.verify(SECRET, totp.codeAt(SECRET, now), now)).isPresent();
    }

    @Test
    void malformedCodesNeverMatch() {
        Instant t = Instant.ofEpochSecond(59);

        assertThat(totp.verify(SECRET, " 287082\n", t)).as("white space is ignored").hasValue(1);
        assertThat(totp.verify(SECRET, "２８７０８２", t)).as("full-width digits, as pyotp's NFKC").hasValue(1);
        assertThat(totp.verify(SECRET, "28708", t)).isEmpty();
        assertThat(totp.verify(SECRET, "2870820", t)).isEmpty();
        assertThat(totp.verify(SECRET, "94287082", t)).isEmpty();
        assertThat(totp.verify(SECRET, "28708a", t)).isEmpty();
        assertThat(totp.verify(SECRET, "", t)).isEmpty();
        assertThat(totp.verify(SECRET, null, t)).isEmpty();
    }

    @Test
    void lowerCaseAndPaddedSecretsAreAccepted() {
        assertThat(totp.codeAt(SECRET.toLowerCase(), Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(totp.codeAt("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====", Instant.ofEpochSecond(59)))
                .isEqualTo("287082");
        assertThatThrownBy(() -> totp.codeAt("NOT-BASE32!", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("NOT-BASE32");
        assertThatThrownBy(() -> totp.codeAt("", Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedSecretsAre160BitBase32() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String secret = totp.generateSecret();
            assertThat(secret).hasSize(32).matches("[A-Z2-7]{32}");
            assertThat(Base32.decode(secret)).hasSize(20);
            seen.add(secret);
        }
        assertThat(seen).hasSize(20);
    }

    @Test
    void provisioningUriIsPyotpsForKitsu() {
        assertThat(totp.provisioningUri(SECRET, "jane.doe+cg@example.com", "Kitsu Kitsu")).isEqualTo(
                "otpauth://totp/Kitsu%20Kitsu:jane.doe%2Bcg%40example.com?secret=" + SECRET + "&issuer=Kitsu%20Kitsu");
        assertThat(totp.provisioningUri(SECRET, "é@x.fr", null)).isEqualTo("otpauth://totp/%C3%A9%40x.fr?secret="
                + SECRET);
        Totp custom = new Totp(Algorithm.SHA256, 8, Duration.ofSeconds(60), 1, new SecureRandom());
        assertThat(custom.provisioningUri(SECRET, "a@b.c", "Studio/One")).isEqualTo(
                "otpauth://totp/Studio/One:a%40b.c?secret=" + SECRET
                        + "&issuer=Studio%2FOne&algorithm=SHA256&digits=8&period=60");
    }
}
