package org.zou4j.internal.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.mail.MailMessage;
import org.zou4j.mail.MailSender;

/**
 * Sends the auth mails (password reset, password changed) in the background on one thread, so that answering a
 * reset request takes the same time whether or not the address exists, and a slow mail server never holds a
 * request. As in Zou, a mail that cannot be sent is logged (without its content, which may hold a token) and never
 * fails the request.
 */
final class AuthMailer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuthMailer.class);

    private final MailSender sender;
    private final ThreadPoolExecutor executor;

    /** @param sender the mail sender, or null when the engine has none */
    AuthMailer(MailSender sender) {
        this.sender = sender;
        this.executor = sender == null ? null : new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1000), r -> {
                    Thread t = new Thread(r, "zou4j-auth-mail");
                    t.setDaemon(true);
                    return t;
                });
        if (executor != null) {
            executor.allowCoreThreadTimeOut(true);
        }
    }

    boolean isConfigured() {
        return sender != null;
    }

    /** Queues a mail; {@code what} names it in logs (never the recipient's secrets). */
    void send(MailMessage message, String what) {
        if (executor == null) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    sender.send(message);
                } catch (RuntimeException e) {
                    LOG.warn("Could not send the {} mail: {}", what, e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Could not queue the {} mail: the mail queue is full or closed", what);
        }
    }

    /** Lets queued mails go out for up to a few seconds, then stops. */
    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
