package org.zou4j.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.zou4j.AuthCookie;
import org.zou4j.internal.crud.ModelHooks;

class AuthPiecesTest {

    @Test
    void thePersonHookWrapperForwardsEveryHookMethod() {
        // A hook method added to ModelHooks must be forwarded too, or the person model would silently lose it.
        for (Method m : ModelHooks.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                Method own = PersonAuthHooks.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
                assertThat(own.getDeclaringClass()).isEqualTo(PersonAuthHooks.class);
            } catch (NoSuchMethodException e) {
                throw new AssertionError("PersonAuthHooks does not forward ModelHooks." + m.getName(), e);
            }
        }
    }

    @Test
    void browsersAreTheFamiliesZouListsAndNothingElse() {
        String[] browsers = {
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
                    + "Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                    + "Safari/537.36 Edg/126.0.2592.87",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                    + "Safari/537.36 OPR/111.0.0.0",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                    + "Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
        };
        for (String ua : browsers) {
            assertThat(Browsers.isBrowser(ua)).as(ua).isTrue();
        }
        String[] scripts = {
            null, "", "python-requests/2.32.3", "gazu/0.10.12", "curl/8.5.0", "Werkzeug/3.1.3",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) kitsu-publisher/0.3.0 "
                    + "Chrome/120.0.6099.291 Electron/28.3.3 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        };
        for (String ua : scripts) {
            assertThat(Browsers.isBrowser(ua)).as(String.valueOf(ua)).isFalse();
        }
    }

    @Test
    void cookiesAreWrittenAsWerkzeugWritesThem() {
        Instant now = Instant.parse("2025-03-01T10:00:00Z");
        assertThat(JwtCookies.refresh("abc", now).toSetCookieHeader()).isEqualTo("refresh_token_cookie=abc; "
                + "Expires=Sun, 01 Mar 2026 11:06:40 GMT; Max-Age=31540000; HttpOnly; Path=/auth/refresh-token; "
                + "SameSite=Lax");
        AuthCookie cleared = JwtCookies.clearAccess();
        assertThat(cleared.isCleared()).isTrue();
        assertThat(cleared.toSetCookieHeader()).isEqualTo("access_token_cookie=; Expires=Thu, 01 Jan 1970 00:00:00 "
                + "GMT; HttpOnly; Path=/; SameSite=Lax");
        assertThat(JwtCookies.access("secret-token", now).toString()).doesNotContain("secret-token");
    }

    @Test
    void onlyIpLiteralsAreLogged() {
        assertThat(AuthStore.cleanIp(" 10.1.2.3 ")).isEqualTo("10.1.2.3");
        assertThat(AuthStore.cleanIp("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(AuthStore.cleanIp("10.1.2.3, 10.0.0.1")).isNull();
        assertThat(AuthStore.cleanIp("<script>")).isNull();
    }
}
