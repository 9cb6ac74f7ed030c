package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.internal.auth.AuthFixture.PASSWORD;
import static org.zou4j.internal.auth.AuthFixture.person;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zou4j.LoginRequest;
import org.zou4j.LoginResult;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthFixture.SharedH2;
import org.zou4j.internal.auth.AuthFixture.TestClock;
import org.zou4j.internal.auth.crypto.Totp;
import org.zou4j.mail.MailMessage;
import org.zou4j.storage.StorageBackend;
import org.zou4j.testing.SoftAuthenticator;

/**
 * Second factors over two engines sharing one database: a ceremony begun on one finishes on the other, and every code
 * is accepted once, even when both engines receive it at the same moment.
 */
class TwoFactorTwoEnginesTest {
    private static final String EMAIL = "jane@studio.example";
    private static final String ORIGIN = "https://kitsu.studio.example";
    private final TestClock clock = new TestClock(Instant.parse("2025-03-01T10:00:00Z"));

    @Test
    void onSharedH2() throws Exception {
        SharedH2 first = SharedH2.fresh();
        exercise(first, first::another);
    }

    @Test
    void onPostgresWhenConfigured() throws Exception {
        AuthFixture.onPostgresSchema("TwoFactorTwoEnginesTest", this::exercise);
    }

    private void exercise(StorageBackend storageA, Supplier<StorageBackend> storageB) throws Exception {
        List<MailMessage> mails = new CopyOnWriteArrayList<>();
        Totp totp = new Totp();
        try (ZouEngine a = AuthFixture.engine(storageA, clock).mailSender(mails::add).publicUrl(ORIGIN).build();
             ZouEngine b = AuthFixture.engine(storageB.get(), clock).mailSender(mails::add).publicUrl(ORIGIN)
                     .build()) {
            person(a, EMAIL, PASSWORD, "user");
            Session onA = a.enrolmentSession(a.login(LoginRequest.of(EMAIL, PASSWORD)).accessToken());
            Session onB = b.enrolmentSession(a.login(LoginRequest.of(EMAIL, PASSWORD)).accessToken());

            // TOTP set up on A, confirmed on B; a code is accepted by one engine only, even at once
            String secret = (String) a.twoFactor().startTotp(onA).get("otp_secret");
            @SuppressWarnings("unchecked")
            List<String> codes = (List<String>) b.twoFactor().enableTotp(onB, totp.codeAt(secret, clock.instant()),
                    null).body().get("otp_recovery_codes");
            clock.advance(Duration.ofSeconds(30));
            String code = totp.codeAt(secret, clock.instant());
            assertThat(race(() -> a.login(LoginRequest.of(EMAIL, PASSWORD).withTotp(code)),
                    () -> b.login(LoginRequest.of(EMAIL, PASSWORD).withTotp(code)))).isEqualTo(1);

            // one recovery code, sent to both engines at once: one login
            assertThat(race(() -> a.login(LoginRequest.of(EMAIL, PASSWORD).withRecoveryCode(codes.get(0))),
                    () -> b.login(LoginRequest.of(EMAIL, PASSWORD).withRecoveryCode(codes.get(0))))).isEqualTo(1);

            // an e-mailed code asked on A is used on B, once
            a.twoFactor().startEmailOtp(onA);
            String enrol = awaitCode(mails, 1);
            b.twoFactor().enableEmailOtp(onB, enrol, null);
            clock.advance(Duration.ofSeconds(61)); // clear the failures of the races
            a.twoFactor().disableTotp(onA, org.zou4j.TwoFactorProof.none().withRecoveryCode(codes.get(1)));
            a.twoFactor().sendEmailOtp(EMAIL);
            String mailed = awaitCode(mails, 2);
            assertThat(race(() -> a.login(LoginRequest.of(EMAIL, PASSWORD).withEmailOtp(mailed)),
                    () -> b.login(LoginRequest.of(EMAIL, PASSWORD).withEmailOtp(mailed)))).isEqualTo(1);

            // FIDO: registration begun on A finishes on B; login options from B answered on A, once
            clock.advance(Duration.ofSeconds(61));
            SoftAuthenticator key = new SoftAuthenticator(ORIGIN);
            Map<String, Object> registration = key.register(a.twoFactor().fidoRegistrationOptions(onA));
            b.twoFactor().registerFido(onB, registration, "YubiKey", null);
            Map<String, Object> assertion = key.authenticate(b.twoFactor().fidoAuthenticationOptions(EMAIL));
            assertThat(race(() -> a.login(LoginRequest.of(EMAIL, PASSWORD).withFidoAuthenticationResponse(assertion)),
                    () -> b.login(LoginRequest.of(EMAIL, PASSWORD).withFidoAuthenticationResponse(assertion))))
                    .isEqualTo(1);
        }
    }

    /** Runs both at the same moment; returns how many logged in. */
    private static int race(Callable<LoginResult> first, Callable<LoginResult> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<LoginResult> c : List.of(first, second)) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return c.call().succeeded();
                    } catch (ZouException e) {
                        assertThat(e.body()).containsEntry("wrong_OTP", true);
                        return false;
                    }
                }));
            }
            go.countDown();
            int ok = 0;
            for (Future<Boolean> f : results) {
                ok += f.get() ? 1 : 0;
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String awaitCode(List<MailMessage> mails, int count) throws InterruptedException {
        for (int i = 0; i < 400 && mails.size() < count; i++) {
            Thread.sleep(25);
        }
        Matcher m = Pattern.compile("\\n\\s+(\\d{6})\\n").matcher(mails.get(count - 1).text());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
