package org.zou4j.http.internal.routes;

import java.util.List;
import java.util.Locale;
import org.zou4j.AuthCookie;
import org.zou4j.Query;
import org.zou4j.SsoResult;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpRequest;
import org.zou4j.http.transport.HttpResponse;

/**
 * Zou's SAML routes (zou-auth.md §1.12): {@code GET /auth/saml/login} redirects (302) to the identity provider with a
 * new AuthnRequest; {@code POST /auth/saml/sso}, the assertion consumer service, reads the {@code SAMLResponse} form
 * field (HTTP-POST binding) and redirects to the web app with the session cookies. Both answer 400
 * {@code {"error": "SAML is not enabled."}} when the engine has no SAML configuration. {@code RelayState} is ignored:
 * the answer always goes to the engine's public URL, as in Zou (no open redirect).
 */
public final class SamlRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/auth/saml/login", false, this::login),
                Route.of("POST", "/auth/saml/sso", false, this::sso));
    }

    private HttpResponse login(Call call) {
        return redirect(call.engine().samlLoginRedirect());
    }

    private HttpResponse sso(Call call) {
        HttpRequest request = call.request();
        SsoResult result = call.engine().samlLogin(formField(request, "SAMLResponse"), AuthRoutes.clientIp(request));
        HttpResponse response = redirect(result.location());
        for (AuthCookie cookie : result.cookies()) {
            response = response.withHeader("Set-Cookie", cookie.toSetCookieHeader());
        }
        return response;
    }

    private static HttpResponse redirect(String location) {
        return HttpResponse.empty(302).withHeader("Location", location).withHeader("Cache-Control", "no-store");
    }

    /** A field of a form-encoded body, or null. */
    private static String formField(HttpRequest request, String name) {
        String type = request.contentType().orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded") || request.bodyLength() == 0) {
            return null;
        }
        return Query.parse(request.bodyAsString()).first(name).orElse(null);
    }
}
