package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.Session;
import org.zou4j.TwoFactorProof;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;
import org.zou4j.internal.auth.crypto.Totp;
import org.zou4j.mail.MailException;
import org.zou4j.mail.MailMessage;
import org.zou4j.mail.MailSender;
import org.zou4j.testing.SoftAuthenticator;

/** TOTP secrets, codes, recovery codes and WebAuthn data never appear in messages, bodies, persons or logs. */
class TwoFactorSecretsTest {

    @Test
    void noSecondFactorSecretReachesAMessageAPersonOrTheLog() throws Exception {
        List<String> seen = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<MailMessage> mails = new CopyOnWriteArrayList<>();
        MailSender failing = m -> {
            mails.add(m);
            throw new MailException("550 mailbox unavailable");
        };
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream err = System.err;
        PrintStream out = System.out;
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        System.setOut(tee);
        TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
        Totp totp = new Totp();
        try (ZouEngine engine = AuthFixture.engine(SharedH2.fresh(), clock).mailSender(failing)
                .publicUrl("https://kitsu.studio.example").build()) {
            Entry jane = person(engine, "jane@studio.example", PASSWORD, "user");
            Session s = engine.enrolmentSession(engine.login(LoginRequest.of("jane@studio.example", PASSWORD))
                    .accessToken());
            String secret = (String) engine.twoFactor().startTotp(s).get("otp_secret");
            secrets.add(secret);
            String enrolCode = totp.codeAt(secret, clock.instant());
            LoginResult enabled = engine.twoFactor().enableTotp(s, enrolCode, null);
            seen.add(enabled.toString());
            @SuppressWarnings("unchecked")
            List<String> codes = (List<String>) enabled.body().get("otp_recovery_codes");
            secrets.addAll(codes);
            seen.add(fail(() -> engine.login(LoginRequest.of("jane@studio.example", PASSWORD).withTotp(enrolCode))));
            seen.add(fail(() -> engine.twoFactor().disableTotp(s, TwoFactorProof.none().withRecoveryCode(
                    codes.get(0) + "X"))));
            clock.advance(Duration.ofSeconds(61));

            engine.twoFactor().startEmailOtp(s);
            for (int i = 0; i < 100 && mails.isEmpty(); i++) {
                Thread.sleep(20);
            }
            Matcher m = Pattern.compile("\\n\\s+(\\d{6})\\n").matcher(mails.get(0).text());
            assertThat(m.find()).isTrue();
            String mailed = m.group(1);
            seen.add(fail(() -> engine.twoFactor().enableEmailOtp(s, "x" + mailed, null)));

            SoftAuthenticator key = new SoftAuthenticator("https://kitsu.studio.example");
            Map<String, Object> registration = key.register(engine.twoFactor().fidoRegistrationOptions(s));
            engine.twoFactor().registerFido(s, registration, "YubiKey", null);
            Map<String, Object> assertion = key.authenticateWithWrongKey(
                    engine.twoFactor().fidoAuthenticationOptions("jane@studio.example"));
            @SuppressWarnings("unchecked")
            Map<String, Object> response = (Map<String, Object>) assertion.get("response");
            secrets.add((String) response.get("signature"));
            secrets.add((String) response.get("clientDataJSON"));
            seen.add(fail(() -> engine.login(LoginRequest.of("jane@studio.example", PASSWORD).withTotp("000000"))));
            clock.advance(Duration.ofSeconds(61));
            seen.add(fail(() -> engine.login(LoginRequest.of("jane@studio.example", PASSWORD)
                    .withFidoAuthenticationResponse(assertion))));

            Entry read = engine.systemSession().data("persons").get(jane.id());
            seen.add(read.asMap().toString());
            seen.add(engine.authenticated(s).toString());
            Thread.sleep(200); // let the mail thread log its failure
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("Could not send the one-time code mail").contains("FIDO assertion refused");
        for (String secret : secrets) {
            assertThat(log).as("log").doesNotContain(secret);
            for (String s : seen) {
                assertThat(s).doesNotContain(secret);
            }
        }
    }

    private static String fail(Runnable r) {
        try {
            r.run();
        } catch (ZouException e) {
            return e.getMessage() + " " + e.body() + " " + e;
        }
        throw new AssertionError("accepted");
    }
}
