package org.zou4j.http.internal.routes;

import java.util.List;
import org.zou4j.AuthCookie;
import org.zou4j.SsoRedirect;
import org.zou4j.SsoResult;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpRequest;
import org.zou4j.http.transport.HttpResponse;

/**
 * Zou's OpenID Connect routes: {@code GET /auth/oidc/login} redirects (302) to the provider with a new authorization
 * request and sets the login's state cookie; {@code GET /auth/oidc/callback}, the redirect URI, finishes the login and
 * redirects to the web app with the session cookies. Both answer 400 {@code {"error": "OIDC is not enabled."}} when
 * the engine has no OIDC configuration.
 */
public final class OidcRoutes {
    /** The browser's copy of the login's state (see the engine's OIDC service). */
    static final String STATE_COOKIE = "zou4j_oidc_state";

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/auth/oidc/login", false, this::login),
                Route.of("GET", "/auth/oidc/callback", false, this::callback));
    }

    private HttpResponse login(Call call) {
        SsoRedirect redirect = call.engine().oidcLoginRedirect();
        return withCookies(redirect(redirect.location()), redirect.cookies());
    }

    private HttpResponse callback(Call call) {
        HttpRequest request = call.request();
        SsoResult result = call.engine().oidcLogin(param(call, "code"), param(call, "state"), param(call, "error"),
                request.cookie(STATE_COOKIE).orElse(null), AuthRoutes.clientIp(request));
        return withCookies(redirect(result.location()), result.cookies());
    }

    private static String param(Call call, String name) {
        return call.query().first(name).orElse(null);
    }

    private static HttpResponse withCookies(HttpResponse response, List<AuthCookie> cookies) {
        for (AuthCookie cookie : cookies) {
            response = response.withHeader("Set-Cookie", cookie.toSetCookieHeader());
        }
        return response;
    }

    private static HttpResponse redirect(String location) {
        return HttpResponse.empty(302).withHeader("Location", location).withHeader("Cache-Control", "no-store");
    }
}
