package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.BROWSER_UA;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zou4j.AuthCookie;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.Session;
import org.zou4j.TwoFactorProof;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.crypto.Totp;
import org.zou4j.internal.model.Models;
import org.zou4j.mail.MailMessage;

/** TOTP, e-mailed codes and recovery codes through the engine API: enrolment, login, removal, every refusal. */
class TwoFactorTest extends JaneEngineTest {
    private static final Pattern CODE = Pattern.compile("\\n\\s+(\\d{6})\\n");

    private final List<MailMessage> mails = new CopyOnWriteArrayList<>();
    private final Totp totp = new Totp();

    TwoFactorTest() {
        super("2025-03-01T10:00:07Z");
    }

    @Override
    ZouEngine.Builder configure(ZouEngine.Builder builder) {
        return builder.mailSender(mails::add);
    }

    private Map<String, Object> row() {
        Map<String, Object> row = new java.util.LinkedHashMap<>(AuthFixture.query(storage.dataSource(),
                "SELECT totp_enabled, totp_secret, email_otp_enabled, email_otp_secret, fido_enabled, "
                + "otp_recovery_codes, preferred_two_factor_authentication, login_failed_attemps FROM person "
                + "WHERE id = ?", UUID.fromString(jane.id())).get(0));
        row.replaceAll((k, v) -> v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v);
        return row;
    }

    /** Enables TOTP for Jane; returns the secret and leaves the clock one step later (the enrolment code is used). */
    private String enableTotp(Session s) {
        String secret = (String) tf.startTotp(s).get("otp_secret");
        tf.enableTotp(s, totp.codeAt(secret, clock.instant()), null);
        clock.advance(Duration.ofSeconds(30));
        return secret;
    }

    @SuppressWarnings("unchecked")
    private static List<String> codes(LoginResult r) {
        return (List<String>) r.body().get("otp_recovery_codes");
    }

    private String lastMailedCode() {
        MailMessage m = mails.get(mails.size() - 1);
        Matcher matcher = CODE.matcher(m.text());
        assertThat(matcher.find()).as("a code in %s", m.text()).isTrue();
        return matcher.group(1);
    }

    // ---- TOTP ------------------------------------------------------------------------------------------------------

    @Test
    void totpEnrolmentAnswersZousBodiesAndTheFirstMethodIssuesRecoveryCodes() {
        engine.systemSession().data("organisations").create(Map.of("name", "Blender Studio"));
        Session s = janeSession();
        Map<String, Object> setup = tf.startTotp(s);
        String secret = (String) setup.get("otp_secret");
        assertThat(setup).containsOnlyKeys("totp_provisionning_uri", "otp_secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(setup.get("totp_provisionning_uri")).isEqualTo("otpauth://totp/Kitsu%20Blender%20Studio:"
                + "jane%40studio.example?secret=" + secret + "&issuer=Kitsu%20Blender%20Studio");
        assertThat(row().get("totp_enabled")).isEqualTo(false);

        // a new PUT replaces the pending secret
        String second = (String) tf.startTotp(s).get("otp_secret");
        assertThat(second).isNotEqualTo(secret);
        ZouException stale = fails(() -> tf.enableTotp(s, totp.codeAt(secret, clock.instant()), null));
        assertThat(stale.body()).isEqualTo(Map.of("error", true, "message", "TOTP verification failed.",
                "wrong_OTP", true));

        LoginResult enabled = tf.enableTotp(s, totp.codeAt(second, clock.instant()), BROWSER_UA);
        assertThat(enabled.httpStatus()).isEqualTo(200);
        assertThat(enabled.body()).containsOnlyKeys("otp_recovery_codes", "access_token", "refresh_token");
        assertThat(codes(enabled)).hasSize(16).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z0-9]{10}"));
        assertThat(enabled.cookies()).extracting(AuthCookie::name)
                .containsExactly("access_token_cookie", "refresh_token_cookie");
        assertThat(engine.session(enabled.accessToken()).personId()).isEqualTo(jane.id());
        Map<String, Object> row = row();
        assertThat(row.get("totp_enabled")).isEqualTo(true);
        assertThat(row.get("preferred_two_factor_authentication")).isEqualTo("totp");
        assertThat(row.get("otp_recovery_codes").toString()).doesNotContain(codes(enabled).get(0)).contains("$2b$");

        assertThat(fails(() -> tf.startTotp(s)).body()).isEqualTo(Map.of("error", true, "message",
                "TOTP already enabled."));
        assertThat(fails(() -> tf.enableTotp(s, "123456", null)).body().get("message"))
                .isEqualTo("TOTP already enabled.");
    }

    @Test
    void confirmingWithoutASetupOrWithAWrongCodeIsA400() {
        Session s = janeSession();
        assertThat(fails(() -> tf.enableTotp(s, "123456", null)).httpStatus()).isEqualTo(400); // Zou: 500
        String secret = (String) tf.startTotp(s).get("otp_secret");
        String wrong = totp.codeAt(secret, clock.instant().plus(Duration.ofMinutes(5)));
        ZouException e = fails(() -> tf.enableTotp(s, wrong, null));
        assertThat(e.body()).containsEntry("wrong_OTP", true).containsEntry("message", "TOTP verification failed.");
        assertThat(fails(() -> tf.enableTotp(s, null, null)).body().get("message")).isEqualTo("Validation error.");
    }

    @Test
    void loginWithTotpAcceptsACodeOnlyOnceAndItsNeighboursOnlyForward() {
        String secret = enableTotp(janeSession());
        ZouException missing = fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD)));
        assertThat(missing.body()).isEqualTo(Map.of("error", true, "login", false, "missing_OTP", true,
                "preferred_two_factor_authentication", "totp",
                "two_factor_authentication_enabled", List.of("recovery_code", "totp")));

        String now = totp.codeAt(secret, clock.instant());
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD).withTotp(now)).succeeded()).isTrue();
        // the same code again, within its window: refused as a wrong factor
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withTotp(now))).body())
                .isEqualTo(Map.of("error", true, "login", false, "wrong_OTP", true));
        // the previous step's code is older than the one used: refused too
        String previous = totp.codeAt(secret, clock.instant().minus(Duration.ofSeconds(30)));
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withTotp(previous))).body())
                .containsEntry("wrong_OTP", true);
        // the next step's code (a fast phone clock) works once
        String next = totp.codeAt(secret, clock.instant().plus(Duration.ofSeconds(30)));
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD).withTotp(next)).succeeded()).isTrue();
        clock.advance(Duration.ofSeconds(60));
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD)
                .withTotp(totp.codeAt(secret, clock.instant()))).succeeded()).isTrue();
    }

    @Test
    void wrongFactorsCountTowardTheLockoutAndMissingOnesDoNot() {
        String secret = enableTotp(janeSession());
        for (int i = 0; i < 3; i++) {
            fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD)));
        }
        assertThat(row().get("login_failed_attemps")).isEqualTo(0);
        for (int i = 0; i < 5; i++) {
            fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withTotp("000000")));
        }
        String right = totp.codeAt(secret, clock.instant());
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withTotp(right))).body())
                .containsEntry("too_many_failed_login_attemps", true);
        clock.advance(Duration.ofSeconds(61));
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD)
                .withTotp(totp.codeAt(secret, clock.instant()))).succeeded()).isTrue();
    }

    @Test
    void aCodeForAMethodThatIsNotEnrolledIsMissingNotWrong() {
        enableTotp(janeSession());
        ZouException e = fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withEmailOtp("123456")));
        assertThat(e.body()).containsEntry("missing_OTP", true);
        // a wrong TOTP code is final: a right recovery code sent along does not rescue it (Zou's precedence)
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withTotp("000000")
                .withRecoveryCode("WHATEVER00"))).body()).containsEntry("wrong_OTP", true);
    }

    @Test
    void disablingTotpNeedsAFactorAndDropsCodesAndPreferenceWithTheLastMethod() {
        Session s = janeSession();
        assertThat(fails(() -> tf.disableTotp(s, TwoFactorProof.none())).body()).isEqualTo(Map.of("error", true,
                "message", "TOTP not enabled."));
        String secret = (String) tf.startTotp(s).get("otp_secret");
        List<String> codes = codes(tf.enableTotp(s, totp.codeAt(secret, clock.instant()), null));
        clock.advance(Duration.ofSeconds(30));

        ZouException missing = fails(() -> tf.disableTotp(s, TwoFactorProof.none()));
        assertThat(missing.body()).isEqualTo(Map.of("error", true, "message", "OTP verification failed.",
                "wrong_OTP", true));
        assertThat(fails(() -> tf.disableTotp(s, TwoFactorProof.none().withTotp("000000"))).body())
                .containsEntry("wrong_OTP", true);
        assertThat(row().get("login_failed_attemps")).isEqualTo(1); // a wrong factor counts here too

        // a recovery code disables it (Zou's test_disable_totp_with_recovery_code); typed in lower case with a dash
        String code = codes.get(3);
        tf.disableTotp(s, TwoFactorProof.none().withRecoveryCode(code.substring(0, 5).toLowerCase() + "-"
                + code.substring(5)));
        Map<String, Object> row = row();
        assertThat(row.get("totp_enabled")).isEqualTo(false);
        assertThat(row.get("totp_secret")).isNull();
        assertThat(row.get("otp_recovery_codes")).isNull();
        assertThat(row.get("preferred_two_factor_authentication")).isNull();
        assertThat(row.get("login_failed_attemps")).isEqualTo(0);
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD)).succeeded()).isTrue();
    }

    @Test
    void disablingTotpIsRefusedWhileLockedOut() {
        Session s = janeSession();
        String secret = enableTotp(s);
        for (int i = 0; i < 5; i++) {
            fails(() -> tf.disableTotp(s, TwoFactorProof.none().withTotp("000000")));
        }
        String right = totp.codeAt(secret, clock.instant());
        assertThat(fails(() -> tf.disableTotp(s, TwoFactorProof.none().withTotp(right))).body())
                .containsEntry("too_many_failed_login_attemps", true);
        assertThat(row().get("totp_enabled")).isEqualTo(true);
    }

    // ---- recovery codes --------------------------------------------------------------------------------------------

    @Test
    void recoveryCodesLogInOnceAndRegenerationNeedsAFactor() {
        Session s = janeSession();
        String secret = (String) tf.startTotp(s).get("otp_secret");
        List<String> codes = codes(tf.enableTotp(s, totp.codeAt(secret, clock.instant()), null));
        clock.advance(Duration.ofSeconds(30));

        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD).withRecoveryCode(codes.get(0))).succeeded())
                .isTrue();
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withRecoveryCode(codes.get(0))))
                .body()).containsEntry("wrong_OTP", true);

        // without a factor: a clear 400 (Zou answers 500)
        ZouException missing = fails(() -> tf.regenerateRecoveryCodes(s, TwoFactorProof.none()));
        assertThat(missing.httpStatus()).isEqualTo(400);
        assertThat(missing.body()).containsEntry("missing_OTP", true)
                .containsEntry("two_factor_authentication_enabled", List.of("recovery_code", "totp"))
                .containsEntry("message", "A second factor is required to regenerate the recovery codes: send one "
                        + "of totp, recovery_code.");
        assertThat(fails(() -> tf.regenerateRecoveryCodes(s, TwoFactorProof.none().withRecoveryCode(codes.get(0))))
                .body()).isEqualTo(Map.of("error", true, "message", "OTP verification failed.", "wrong_OTP", true));

        List<String> fresh = tf.regenerateRecoveryCodes(s, TwoFactorProof.none().withRecoveryCode(codes.get(1)));
        assertThat(fresh).hasSize(16).doesNotContainAnyElementsOf(codes);
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withRecoveryCode(codes.get(2))))
                .body()).containsEntry("wrong_OTP", true);
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD).withRecoveryCode(fresh.get(15))).succeeded())
                .isTrue();
        assertThat(tf.regenerateRecoveryCodes(s, TwoFactorProof.none().withTotp(totp.codeAt(secret,
                clock.instant())))).hasSize(16);
    }

    @Test
    void regeneratingWithoutAnyMethodIsRefused() {
        assertThat(fails(() -> tf.regenerateRecoveryCodes(janeSession(), TwoFactorProof.none())).body())
                .isEqualTo(Map.of("error", true, "message", "No two factor authentication enabled."));
    }

    // ---- e-mailed codes --------------------------------------------------------------------------------------------

    @Test
    void emailOtpEnrolmentLoginAndSingleUse() {
        Session s = janeSession();
        tf.startEmailOtp(s);
        awaitMails(1);
        MailMessage enrolMail = mails.get(0);
        assertThat(enrolMail.to()).containsExactly(EMAIL);
        String enrolCode = lastMailedCode();
        assertThat(fails(() -> tf.enableEmailOtp(s, "000000", null)).body()).isEqualTo(Map.of("error", true,
                "message", "OTP by email verification failed.", "wrong_OTP", true));
        LoginResult enabled = tf.enableEmailOtp(s, enrolCode, null);
        assertThat(codes(enabled)).hasSize(16);
        assertThat(row().get("preferred_two_factor_authentication")).isEqualTo("email_otp");
        assertThat(row().get("email_otp_secret").toString()).doesNotContain(enrolCode);
        assertThat(fails(() -> tf.startEmailOtp(s)).body().get("message")).isEqualTo("OTP by email already enabled.");

        // login: ask for a code (public), then log in with it, once
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD))).body())
                .containsEntry("preferred_two_factor_authentication", "email_otp")
                .containsEntry("two_factor_authentication_enabled", List.of("recovery_code", "email_otp"));
        tf.sendEmailOtp("Jane@Studio.example");
        awaitMails(2);
        String code = lastMailedCode();
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD).withEmailOtp(code)).succeeded()).isTrue();
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withEmailOtp(code))).body())
                .containsEntry("wrong_OTP", true);

        // a code expires after 5 minutes (engine clock; no sleeping)
        tf.sendEmailOtp(EMAIL);
        awaitMails(3);
        String late = lastMailedCode();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withEmailOtp(late))).body())
                .containsEntry("wrong_OTP", true);

        // a new code replaces the previous one
        tf.sendEmailOtp(EMAIL);
        awaitMails(4);
        String first = lastMailedCode();
        tf.sendEmailOtp(EMAIL);
        awaitMails(5);
        String second = lastMailedCode();
        if (!first.equals(second)) {
            assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withEmailOtp(first))).body())
                    .containsEntry("wrong_OTP", true);
        }
        clock.advance(Duration.ofSeconds(61)); // the wrong tries above locked nothing beyond the window
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD).withEmailOtp(second)).succeeded()).isTrue();

        // disable with a recovery code: secret and pending code go
        tf.disableEmailOtp(s, TwoFactorProof.none().withRecoveryCode(codes(enabled).get(0)));
        assertThat(row().get("email_otp_enabled")).isEqualTo(false);
        assertThat(row().get("email_otp_secret")).isNull();
        assertThat(fails(() -> tf.disableEmailOtp(s, TwoFactorProof.none())).body().get("message"))
                .isEqualTo("OTP by email not enabled.");
    }

    @Test
    void aPendingCodeDiesAfterFiveWrongGuesses() {
        Session s = janeSession();
        tf.startEmailOtp(s);
        awaitMails(1);
        String code = lastMailedCode();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < SecondFactor.EMAIL_OTP_MAX_FAILURES; i++) {
            fails(() -> tf.enableEmailOtp(s, wrong, null));
        }
        assertThat(fails(() -> tf.enableEmailOtp(s, code, null)).body()).containsEntry("wrong_OTP", true);
    }

    @Test
    void askingForACodeNeverTellsWhetherTheAccountExists() {
        Entry bob = person(engine, "bob@studio.example", PASSWORD, "user");
        engine.systemSession().data("persons").update(bob.id(), Map.of("active", false));
        tf.sendEmailOtp("nobody@studio.example");
        tf.sendEmailOtp("");
        tf.sendEmailOtp(EMAIL); // exists, but e-mail codes are not enabled
        tf.sendEmailOtp("bob@studio.example");
        AuthFixture.exec(storage.dataSource(), "UPDATE person SET email_otp_enabled = TRUE, email_otp_secret = ? "
                + "WHERE id = ?", totp.generateSecret(), UUID.fromString(bob.id()));
        tf.sendEmailOtp("bob@studio.example"); // inactive
        engine.close(); // lets queued mails go out
        assertThat(mails).isEmpty();
    }

    @Test
    void withoutAMailSenderEmailCodesAreUnavailable() {
        try (ZouEngine noMail = AuthFixture.engine(SharedH2.fresh(), clock).build()) {
            person(noMail, EMAIL, PASSWORD, "user");
            Session s = noMail.enrolmentSession(noMail.login(LoginRequest.of(EMAIL, PASSWORD)).accessToken());
            assertThat(fails(() -> noMail.twoFactor().startEmailOtp(s)).httpStatus()).isEqualTo(503);
            assertThat(fails(() -> noMail.twoFactor().sendEmailOtp(EMAIL)).httpStatus()).isEqualTo(503);
        }
    }

    // ---- several methods -------------------------------------------------------------------------------------------

    @Test
    void aSecondMethodGetsNoNewCodesAndThePreferenceFallsBackInZousOrder() {
        Session s = janeSession();
        String secret = (String) tf.startTotp(s).get("otp_secret");
        List<String> codes = codes(tf.enableTotp(s, totp.codeAt(secret, clock.instant()), null));
        tf.startEmailOtp(s);
        awaitMails(1);
        LoginResult second = tf.enableEmailOtp(s, lastMailedCode(), null);
        assertThat(second.body()).containsEntry("otp_recovery_codes", null);
        assertThat(row().get("preferred_two_factor_authentication")).isEqualTo("totp");
        assertThat(fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD))).body())
                .containsEntry("two_factor_authentication_enabled", List.of("recovery_code", "totp", "email_otp"));

        // disabling the non-preferred method leaves the preference
        tf.disableEmailOtp(s, TwoFactorProof.none().withRecoveryCode(codes.get(0)));
        assertThat(row().get("preferred_two_factor_authentication")).isEqualTo("totp");
        // enable e-mail again, then disable the preferred TOTP: falls back to email_otp
        tf.startEmailOtp(s);
        awaitMails(2);
        tf.enableEmailOtp(s, lastMailedCode(), null);
        tf.disableTotp(s, TwoFactorProof.none().withRecoveryCode(codes.get(1)));
        assertThat(row().get("preferred_two_factor_authentication")).isEqualTo("email_otp");
        assertThat(row().get("otp_recovery_codes")).isNotNull();
    }

    @Test
    void disablingEverythingForALostDeviceIsAnAdminAction() {
        Session s = janeSession();
        enableTotp(s);
        Entry admin = person(engine, "admin@studio.example", PASSWORD, "admin");
        Entry other = person(engine, "other@studio.example", PASSWORD, "admin");
        Session adminSession = engine.session(engine.login(LoginRequest.of("admin@studio.example", PASSWORD))
                .accessToken());
        assertThat(fails(() -> tf.disableForPerson(s, jane.id())).httpStatus()).isEqualTo(403);
        assertThat(fails(() -> tf.disableForPerson(adminSession, UUID.randomUUID().toString())).httpStatus())
                .isEqualTo(404);
        assertThat(fails(() -> tf.disableForPerson(adminSession, other.id())).body().get("message"))
                .isEqualTo("An admin can't disable 2FA for other admins.");
        tf.disableForPerson(adminSession, jane.id());
        assertThat(row().get("totp_enabled")).isEqualTo(false);
        assertThat(row().get("otp_recovery_codes")).isNull();
        assertThat(fails(() -> tf.disableForPerson(adminSession, jane.id())).body().get("message"))
                .isEqualTo("Two factor authentication not enabled for this user.");
        assertThat(engine.login(LoginRequest.of(EMAIL, PASSWORD)).succeeded()).isTrue();
        assertThat(admin.id()).isNotNull();
    }

    @Test
    void secretsNeverShowInPersonsOrMessages() {
        Session s = janeSession();
        String secret = enableTotp(s);
        Entry read = engine.systemSession().data("persons").get(jane.id());
        assertThat(read.asMap().toString()).doesNotContain(secret);
        for (String hidden : Models.PERSON_SECRETS) {
            assertThat(read.asMap()).doesNotContainKey(hidden);
        }
        ZouException e = fails(() -> engine.login(LoginRequest.of(EMAIL, PASSWORD).withTotp("000000")));
        assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("000000");
        assertThat(TwoFactorProof.none().withTotp("123456").withRecoveryCode("ABCDEFGHIJ").toString())
                .isEqualTo("TwoFactorProof[totp recovery_code]");
        assertThat(LoginRequest.of(EMAIL, PASSWORD).withTotp("123456").toString()).doesNotContain("123456");
    }

    @Test
    void botsHaveNoSecondFactor() {
        Entry bot = engine.systemSession().data("persons").create(Map.of("first_name", "Render", "last_name", "Bot",
                "email", "bot@studio.example", "is_bot", true));
        Session botSession = engine.enrolmentSession((String) bot.get("access_token"));
        assertThat(fails(() -> tf.startTotp(botSession)).httpStatus()).isEqualTo(403);
        assertThat(fails(() -> tf.fidoRegistrationOptions(botSession)).httpStatus()).isEqualTo(403);
    }

    private void awaitMails(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (mails.size() < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5); // the mail goes out on the mailer's thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(mails).hasSizeGreaterThanOrEqualTo(n);
    }
}
