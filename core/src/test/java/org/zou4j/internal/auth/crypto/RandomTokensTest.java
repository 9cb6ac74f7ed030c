package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomTokensTest {

    private final RandomTokens tokens = new RandomTokens();

    @Test
    void resetTokensHaveZousShape() {
        assertThat(tokens.passwordResetToken()).matches("[A-Z0-9]{64}");
        assertThat(tokens.passwordResetToken()).isNotEqualTo(tokens.passwordResetToken());
    }

    @Test
    void urlSafeTokensAreBase64UrlWithoutPadding() {
        assertThat(tokens.urlSafe()).matches("[A-Za-z0-9_-]{43}");
        assertThat(tokens.urlSafe(16)).matches("[A-Za-z0-9_-]{22}");
        assertThatThrownBy(() -> tokens.urlSafe(8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emailCodesAreSixDigitsWithLeadingZerosKept() {
        Set<Character> firstDigits = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = tokens.emailOtpCode();
            assertThat(code).matches("[0-9]{6}");
            firstDigits.add(code.charAt(0));
        }
        assertThat(firstDigits).contains('0');
    }

    @Test
    void recoveryCodesAreSixteenDistinctZouCodes() {
        List<String> codes = tokens.recoveryCodes();

        assertThat(codes).hasSize(16).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z0-9]{10}"));
    }

    @Test
    void countersStayInRange() {
        for (int i = 0; i < 1000; i++) {
            assertThat(tokens.counter(1_000_000_000_000L)).isBetween(0L, 999_999_999_999L);
            assertThat(tokens.counter(3)).isBetween(0L, 2L);
        }
    }

    @Test
    void sha256HexMatchesTheFips180Vector() {
        assertThat(RandomTokens.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void constantTimeEqualsComparesContent() {
        assertThat(RandomTokens.constantTimeEquals("ABC", "ABC")).isTrue();
        assertThat(RandomTokens.constantTimeEquals("ABC", "ABD")).isFalse();
        assertThat(RandomTokens.constantTimeEquals("ABC", "ABCD")).isFalse();
        assertThat(RandomTokens.constantTimeEquals(null, "ABC")).isFalse();
    }
}
