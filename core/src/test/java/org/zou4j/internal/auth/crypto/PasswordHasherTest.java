package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zou4j.internal.auth.crypto.PasswordPolicyException.Reason;

class PasswordHasherTest {

    // Made with Python bcrypt 3.2.2 (the library behind Zou's flask_bcrypt): bcrypt.hashpw(pw, bcrypt.gensalt(4)).
    private static final String PY_UTF8_PASSWORD = "pässwörd-日本語-🎬";
    private static final String PY_UTF8_HASH = "$2b$04$FKs9h7cd83UwIDKfdG2rau8tKC2X8m..J5BVGsLeuHEke5kJUvRBW";
    private static final String PY_72_BYTES_HASH = "$2b$04$z/ZZ.hdMxC9Cl2T2HkbH9uDIki92Axr/w58e6bOHyaaznio/8cIBa";
    // bcrypt.gensalt(4, prefix=b"2a")
    private static final String PY_2A_HASH = "$2a$04$0TGsbZSyOEEbIqdPRCwBie58HuI56q3bL.MTnCqPHy/QZ85YiKoA6";

    private final PasswordHasher hasher = PasswordHasher.builder().cost(4).threads(1).build();

    @AfterEach
    void close() {
        hasher.close();
    }

    @Test
    void newHashesAre2bWithTheConfiguredCostAndVerify() {
        String hash = hasher.hash("correct horse");

        assertThat(hash).startsWith("$2b$04$").hasSize(60);
        assertThat(hasher.verify("correct horse", hash)).isTrue();
        assertThat(hasher.verify("correct horsf", hash)).isFalse();
        assertThat(hasher.hash("correct horse")).as("fresh salt each time").isNotEqualTo(hash);
    }

    @Test
    void pythonMadeHashesVerify() {
        assertThat(hasher.verify(PY_UTF8_PASSWORD, PY_UTF8_HASH)).isTrue();
        assertThat(hasher.verify("pässwörd-日本語-🎭", PY_UTF8_HASH)).isFalse();
        assertThat(hasher.verify("a".repeat(72), PY_72_BYTES_HASH)).isTrue();
        assertThat(hasher.verify("a".repeat(71), PY_72_BYTES_HASH)).isFalse();
        assertThat(hasher.verify("mypassword", PY_2A_HASH)).isTrue();
    }

    @Test
    void twoYHashesVerify() {
        // $2y$ (PHP) and $2b$ compute the same digest for the same salt.
        assertThat(hasher.verify("mypassword", "$2y$" + PY_2A_HASH.substring(4))).isTrue();
    }

    @Test
    void storedBytesAreAcceptedLikeZousBinaryColumn() {
        assertThat(hasher.verify("mypassword", PY_2A_HASH.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isTrue();
    }

    @Test
    void passwordsOverSeventyTwoBytesAreRefusedNotTruncated() {
        String seventyTwoBytes = "日".repeat(24); // 3 bytes each
        String seventyFiveBytes = "日".repeat(25);

        assertThat(hasher.verify(seventyTwoBytes, hasher.hash(seventyTwoBytes))).isTrue();
        assertThatThrownBy(() -> hasher.hash(seventyFiveBytes))
                .isInstanceOf(PasswordPolicyException.class)
                .hasMessageContaining("72 bytes")
                .hasMessageNotContaining("日")
                .extracting(e -> ((PasswordPolicyException) e).reason()).isEqualTo(Reason.TOO_LONG);
        assertThatThrownBy(() -> hasher.verify("a".repeat(73), PY_72_BYTES_HASH))
                .isInstanceOf(PasswordPolicyException.class);
    }

    @Test
    void legacyTruncationVerifiesZouHashesOfLongPasswords() {
        try (PasswordHasher legacy = PasswordHasher.builder().cost(4).legacyTruncation(true).build()) {
            // Zou hashed the first 72 bytes, so any longer password with that prefix logged in.
            assertThat(legacy.verify("a".repeat(100), PY_72_BYTES_HASH)).isTrue();
            assertThatThrownBy(() -> legacy.hash("a".repeat(100))).isInstanceOf(PasswordPolicyException.class);
        }
    }

    @Test
    void missingOrGarbageHashesGiveFalseAfterARealBcryptRun() {
        String[] unusable = {null, "", "default", "$2b$04$short", "$2x$04$" + PY_2A_HASH.substring(7),
            "$2b$99$" + PY_2A_HASH.substring(7), "$2b$31$" + PY_2A_HASH.substring(7),
            PY_2A_HASH.substring(0, 59) + "!"};
        for (String stored : unusable) {
            long before = hasher.bcryptRuns();

            assertThat(hasher.verify("mypassword", stored)).as(String.valueOf(stored)).isFalse();
            assertThat(hasher.bcryptRuns() - before).as("bcrypt runs for %s", stored).isEqualTo(1);
        }
    }

    @Test
    void aNullPasswordOrAnUnknownAccountCostsOneBcryptRun() {
        long before = hasher.bcryptRuns();

        assertThat(hasher.verify(null, PY_2A_HASH)).isFalse();
        hasher.verifyDummy();

        assertThat(hasher.bcryptRuns() - before).isEqualTo(2);
    }

    @Test
    void emptyPasswordsCannotBeHashed() {
        assertThatThrownBy(() -> hasher.hash("")).isInstanceOf(PasswordPolicyException.class)
                .extracting(e -> ((PasswordPolicyException) e).reason()).isEqualTo(Reason.EMPTY);
    }

    @Test
    void newPasswordRulesUseZousMessagesLengthFirst() {
        assertThatThrownBy(() -> hasher.validateNewPassword("short", "other"))
                .hasMessage("Password is too short.");
        assertThatThrownBy(() -> hasher.validateNewPassword("long enough", "long enougH"))
                .hasMessage("Confirmation password doesn't match.");
        assertThatThrownBy(() -> hasher.validateNewPassword(""))
                .hasMessage("Password is too short.");
        assertThatThrownBy(() -> hasher.validateNewPassword("x".repeat(73)))
                .extracting(e -> ((PasswordPolicyException) e).reason()).isEqualTo(Reason.TOO_LONG);
        hasher.validateNewPassword("12345678", "12345678");
        hasher.validateNewPassword("🎬🎬🎬🎬🎬🎬🎬🎬"); // eight characters, sixteen UTF-16 units
    }

    @Test
    void minimumLengthCountsCharactersAndIsConfigurable() {
        try (PasswordHasher strict = PasswordHasher.builder().cost(4).minLength(12).build()) {
            assertThatThrownBy(() -> strict.validateNewPassword("elevenchars")).hasMessage("Password is too short.");
            strict.validateNewPassword("twelve chars");
        }
        assertThatThrownBy(() -> hasher.validateNewPassword("🎬🎬🎬🎬")) // 8 UTF-16 units but 4 characters
                .hasMessage("Password is too short.");
    }

    @Test
    void weakerOrForeignHashesNeedRehash() {
        try (PasswordHasher cost5 = PasswordHasher.builder().cost(5).build()) {
            assertThat(cost5.needsRehash(PY_UTF8_HASH)).isTrue();
            assertThat(cost5.needsRehash(cost5.hash("password1"))).isFalse();
            assertThat(cost5.needsRehash("$2a$05$" + PY_2A_HASH.substring(7))).isTrue();
            assertThat(cost5.needsRehash("garbage")).isTrue();
        }
    }

    @Test
    void costOutsideTheSafeRangeIsRefused() {
        assertThatThrownBy(() -> PasswordHasher.builder().cost(3)).hasMessageContaining("between 4 and 16");
        assertThatThrownBy(() -> PasswordHasher.builder().cost(17)).hasMessageContaining("between 4 and 16");
    }

    @Test
    void aClosedHasherRefusesWork() {
        hasher.close();

        assertThatThrownBy(() -> hasher.hash("password1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void secretsAreHashedAtACappedCostAndVerifyLikePasswords() {
        try (PasswordHasher zouCost = PasswordHasher.builder().cost(10).threads(1).build()) {
            String h = zouCost.hashSecret("ABCDE12345", 6);
            assertThat(h).startsWith("$2b$06$").hasSize(60);
            assertThat(zouCost.verify("ABCDE12345", h)).isTrue();
            assertThat(zouCost.verify("ABCDE12346", h)).isFalse();
            assertThat(zouCost.hashSecret("ABCDE12345", 16)).startsWith("$2b$10$"); // never above the hasher's cost
        }
        assertThatThrownBy(() -> hasher.hashSecret("", 8)).isInstanceOf(PasswordPolicyException.class);
        assertThatThrownBy(() -> hasher.hashSecret("x", 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
