package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.zou4j.ZouException;
import org.zou4j.mail.MailException;
import org.zou4j.mail.MailMessage;
import org.zou4j.mail.MailSender;

/**
 * What the secrets tests watch while open: standard output and error (the log), a mail sender that records then
 * fails, the texts the caller saw and the secrets that must appear in none of them. Closing restores the streams.
 */
final class LeakWatch implements AutoCloseable {
    final List<String> seen = new ArrayList<>();
    final List<String> secrets = new ArrayList<>();
    final List<MailMessage> mails = new CopyOnWriteArrayList<>();
    final MailSender failingMail = m -> {
        mails.add(m);
        throw new MailException("550 mailbox unavailable");
    };
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream err = System.err;
    private final PrintStream out = System.out;

    LeakWatch() {
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        System.setOut(tee);
    }

    /** Records what the caller sees of the refusal {@code r} must throw: message, body and text. */
    void refused(Runnable r) {
        try {
            r.run();
        } catch (ZouException e) {
            seen.add(e.getMessage() + " " + e.body() + " " + e);
            return;
        }
        throw new AssertionError("accepted");
    }

    String log() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** No secret in the log nor in anything seen. */
    void assertNothingLeaked() {
        String log = log();
        for (String secret : secrets) {
            assertThat(log).as("log").doesNotContain(secret);
            for (String s : seen) {
                assertThat(s).doesNotContain(secret);
            }
        }
    }

    @Override
    public void close() {
        System.setErr(err);
        System.setOut(out);
    }
}
