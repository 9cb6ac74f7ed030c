package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;
import org.zou4j.mail.SmtpMailSender;
import org.zou4j.mail.SmtpSettings;

/** Password reset over a real SMTP server: the mailed token works once, within its lifetime. */
class PasswordResetMailTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Pattern LINK = Pattern.compile(
            "https://kitsu\\.studio\\.example/reset-change-password\\?email=([^&\\s]+)&token=([A-Z0-9]{64})");

    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));
    private SharedH2 storage;
    private ZouEngine engine;
    private Entry jane;

    @BeforeEach
    void start() {
        SmtpSettings smtp = SmtpSettings.builder().host("127.0.0.1").port(SMTP.getSmtp().getPort())
                .fromAddress("Kitsu <no-reply@studio.example>").connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(5)).build();
        storage = SharedH2.fresh();
        engine = AuthFixture.engine(storage, clock).mailSender(new SmtpMailSender(smtp))
                .publicUrl("https://kitsu.studio.example/").build();
        jane = person(engine, "jane@studio.example", PASSWORD, "user");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static ZouException fails(Runnable r) {
        try {
            r.run();
        } catch (ZouException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    private static String[] mailedLink(MimeMessage m) throws Exception {
        String body = GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
        Matcher matcher = LINK.matcher(body);
        assertThat(matcher.find()).as("reset link in %s", body).isTrue();
        return new String[] {matcher.group(1), matcher.group(2)};
    }

    @Test
    void theMailedTokenResetsThePasswordOnce() throws Exception {
        engine.requestPasswordReset("Jane@Studio.example");

        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("jane@studio.example");
        String[] link = mailedLink(mail);
        String token = link[1];

        assertThat(fails(() -> engine.resetPassword(token, "short", "short")).body())
                .isEqualTo(Map.of("error", true, "message", "Password is too short."));
        assertThat(fails(() -> engine.resetPassword(token, "long enough 1", "long enough 2")).body())
                .isEqualTo(Map.of("error", true, "message", "Confirmation password doesn't match."));
        assertThat(fails(() -> engine.resetPassword("someone@else.example", token, "long enough 1", "long enough 1"))
                .body()).containsEntry("message", "Wrong or expired token.");

        engine.resetPassword("jane@studio.example", token, "a new password", "a new password");
        assertThat(engine.login(LoginRequest.of("jane@studio.example", "a new password")).succeeded()).isTrue();

        assertThat(fails(() -> engine.resetPassword(token, "another one!", "another one!")).body())
                .isEqualTo(Map.of("error", true, "message", "Wrong or expired token."));
    }

    @Test
    void anUnknownOrInactiveAddressGetsNoMailAndTheSameAnswer() throws Exception {
        engine.requestPasswordReset("nobody@studio.example");
        Entry gone = person(engine, "gone@studio.example", PASSWORD, "user");
        engine.systemSession().data("persons").update(gone.id(), Map.of("active", false));
        engine.requestPasswordReset("gone@studio.example");
        engine.requestPasswordReset("jane@studio.example"); // a marker mail, sent after the two others
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        Thread.sleep(200); // the mail thread works in order: nothing else can arrive after the marker
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(SMTP.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("jane@studio.example");
    }

    @Test
    void aTokenExpiresAfterTwoHoursAndANewRequestReplacesThePendingOne() throws Exception {
        engine.requestPasswordReset("jane@studio.example");
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        String first = mailedLink(SMTP.getReceivedMessages()[0])[1];
        engine.requestPasswordReset("jane@studio.example");
        assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();
        String second = mailedLink(SMTP.getReceivedMessages()[1])[1];

        assertThat(fails(() -> engine.resetPassword(first, "a new password", "a new password")).body())
                .containsEntry("message", "Wrong or expired token.");
        clock.advance(Duration.ofHours(2).plusSeconds(1));
        assertThat(fails(() -> engine.resetPassword(second, "a new password", "a new password")).body())
                .containsEntry("message", "Wrong or expired token.");
    }

    @Test
    void changingThePasswordSendsANotice() throws Exception {
        Session s = engine.session(engine.login(LoginRequest.of("jane@studio.example", PASSWORD)).accessToken());
        engine.changePassword(s, PASSWORD, "a new password", "a new password");
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage m = SMTP.getReceivedMessages()[0];
        assertThat(m.getSubject()).contains("password was changed");
        assertThat(GreenMailUtil.getBody(m)).doesNotContain("a new password").doesNotContain(PASSWORD);
        assertThat(List.of(m.getAllRecipients()).toString()).contains("jane@studio.example");
    }

    @Test
    void theResetTokenIsStoredHashed() throws Exception {
        engine.requestPasswordReset("jane@studio.example");
        assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
        String token = mailedLink(SMTP.getReceivedMessages()[0])[1];
        // the table holds the SHA-256 of the token only
        try (var c = engineDataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT token_hash FROM zou4j_password_reset_token")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(org.zou4j.internal.auth.crypto.RandomTokens.sha256Hex(token))
                    .isNotEqualTo(token);
        }
    }

    private javax.sql.DataSource engineDataSource() {
        return storage.dataSource();
    }
}
