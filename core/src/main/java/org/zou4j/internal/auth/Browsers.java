package org.zou4j.internal.auth;

/**
 * Zou's {@code is_from_browser}: whether a User-Agent is one of the browser families Zou gives cookies to (Brave,
 * Chrome, Chrome Mobile, Chrome Mobile iOS, Edge, Firefox, Mobile Safari, Opera, Safari, Vivaldi, as
 * {@code ua_parser} names them). Scripts, gazu, curl, Electron apps, headless browsers and unlisted browsers are
 * not browsers here: they get no cookies and their logins are logged as {@code script}.
 *
 * <p>This is a small matcher for the tokens those families put in their User-Agent, not a port of ua_parser's
 * regex database; it agrees with it on the User-Agents of current browser releases.
 */
public final class Browsers {
    private Browsers() {
    }

    /** Whether {@code userAgent} (may be null) names a browser Zou sets cookies for. */
    public static boolean isBrowser(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || !userAgent.startsWith("Mozilla/")) {
            return false;
        }
        String ua = userAgent;
        // Families ua_parser reports under another name than the listed ones.
        if (contains(ua, "Electron/", "HeadlessChrome", "PhantomJS", "SamsungBrowser/", "YaBrowser/", "UCBrowser/",
                "FxiOS/", "OPiOS/", "OPT/", "Opera Mini", "Opera Mobi", "OPX/", "MiuiBrowser/", "Silk/",
                "Chromium/", "bot", "Bot", "spider", "crawler")) {
            return false;
        }
        if (ua.contains("Edg/") || ua.contains("Edge/") || ua.contains("EdgA/") || ua.contains("EdgiOS/")) {
            // Edge, or Edge Mobile (not listed) on phones
            return !ua.contains("EdgA/") && !ua.contains("EdgiOS/");
        }
        if (ua.contains("OPR/") || ua.startsWith("Opera/")) {
            return !ua.contains("Mobile");
        }
        if (ua.contains("Vivaldi/") || ua.contains("Brave")) {
            return true;
        }
        if (ua.contains("CriOS/")) {
            return true; // Chrome Mobile iOS
        }
        if (ua.contains("Chrome/")) {
            return !ua.contains("; wv)"); // Android WebView is "Chrome Mobile WebView"
        }
        if (ua.contains("Firefox/")) {
            // Firefox on Android / Firefox OS is "Firefox Mobile"
            return !(ua.contains("Android") || ua.contains("Mobile;") || ua.contains("Tablet;"));
        }
        if (ua.contains("Safari/") && ua.contains("Version/")) {
            return true; // Safari or Mobile Safari
        }
        // iOS in-app web views (no Version/) are "Mobile Safari UI/WKWebView": not listed
        return false;
    }

    private static boolean contains(String ua, String... needles) {
        for (String n : needles) {
            if (ua.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
