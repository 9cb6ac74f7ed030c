package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;
import org.zou4j.mail.MailException;
import org.zou4j.mail.MailMessage;
import org.zou4j.mail.MailSender;

/** Passwords, tokens, reset tokens and the signing key never appear in exception messages, bodies or logs. */
class SecretsStayHiddenTest {

    @Test
    void noSecretReachesAMessageABodyOrTheLog() throws Exception {
        List<String> seen = new ArrayList<>();
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
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, "wrong-password-42", AuthFixture.KEY,
                "a fresh new password"));
        try (ZouEngine engine = AuthFixture.engine(SharedH2.fresh(), new TestClock(Instant.now()))
                .mailSender(failing).build()) {
            person(engine, "jane@studio.example", PASSWORD, "user");
            seen.add(fail(() -> engine.login(LoginRequest.of("jane@studio.example", "wrong-password-42"))));
            seen.add(fail(() -> engine.login(LoginRequest.of("nobody@studio.example", PASSWORD))));
            LoginResult login = engine.login(LoginRequest.of("jane@studio.example", PASSWORD));
            secrets.add(login.accessToken());
            secrets.add(login.refreshToken());
            seen.add(login.toString());
            seen.add(fail(() -> engine.session(login.refreshToken())));
            seen.add(fail(() -> engine.session(login.accessToken().substring(0, 40))));
            seen.add(fail(() -> engine.refresh(login.accessToken())));
            seen.add(fail(() -> engine.changePassword(engine.session(login.accessToken()), "wrong-password-42",
                    "a fresh new password", "a fresh new password")));

            engine.requestPasswordReset("jane@studio.example");
            for (int i = 0; i < 100 && mails.isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertThat(mails).hasSize(1);
            Matcher m = Pattern.compile("token=([A-Z0-9]{64})").matcher(mails.get(0).text());
            assertThat(m.find()).isTrue();
            String resetToken = m.group(1);
            secrets.add(resetToken);
            seen.add(fail(() -> engine.resetPassword(resetToken, "short", "short")));
            seen.add(fail(() -> engine.resetPassword(resetToken + "X", "a fresh new password", "a fresh new password")));
            engine.resetPassword(resetToken, "a fresh new password", "a fresh new password");
            engine.logout(login.accessToken());
            seen.add(fail(() -> engine.session(login.accessToken())));
            Thread.sleep(200); // let the mail thread log its failure
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("Could not send the password reset mail");
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
