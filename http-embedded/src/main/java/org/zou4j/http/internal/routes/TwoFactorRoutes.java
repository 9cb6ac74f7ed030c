package org.zou4j.http.internal.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.ErrorCode;
import org.zou4j.Session;
import org.zou4j.TwoFactorProof;
import org.zou4j.ZouException;
import org.zou4j.http.internal.Authenticator;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/**
 * Zou's second-factor routes (zou-auth.md §1.8–§1.11, §3.5): {@code PUT|POST|DELETE /auth/totp},
 * {@code GET|PUT|POST|DELETE /auth/email-otp}, {@code PUT /auth/recovery-codes}, {@code GET|PUT|POST|DELETE
 * /auth/fido} and the admin's {@code DELETE /actions/persons/<id>/disable-two-factor-authentication}. Other methods
 * on these paths answer 405 (there is no {@code GET /auth/totp}).
 *
 * <p>The GET routes are public and read the {@code email} query (or form) parameter. The others take the access token
 * as every route does, and also accept a token restricted to 2FA enrolment. Bodies are read as the auth routes read
 * them (JSON object, else query and form values); a factor confirming a change is any of {@code totp},
 * {@code email_otp}, {@code fido_authentication_response} or {@code recovery_code}.
 */
public final class TwoFactorRoutes {
    private static final String ACCESS_COOKIE = "access_token_cookie";

    public List<Route> routes() {
        return List.of(
                Route.of("PUT", "/auth/totp", false, this::startTotp),
                Route.of("POST", "/auth/totp", false, this::enableTotp),
                Route.of("DELETE", "/auth/totp", false, this::disableTotp),
                Route.of("GET", "/auth/email-otp", false, this::sendEmailOtp),
                Route.of("PUT", "/auth/email-otp", false, this::startEmailOtp),
                Route.of("POST", "/auth/email-otp", false, this::enableEmailOtp),
                Route.of("DELETE", "/auth/email-otp", false, this::disableEmailOtp),
                Route.of("PUT", "/auth/recovery-codes", false, this::regenerateRecoveryCodes),
                Route.of("GET", "/auth/fido", false, this::fidoAuthenticationOptions),
                Route.of("PUT", "/auth/fido", false, this::fidoRegistrationOptions),
                Route.of("POST", "/auth/fido", false, this::registerFido),
                Route.of("DELETE", "/auth/fido", false, this::unregisterFido),
                Route.of("DELETE", "/actions/persons/<person_id>/disable-two-factor-authentication", true,
                        this::disableForPerson));
    }

    // ---- TOTP ------------------------------------------------------------------------------------------------------

    private HttpResponse startTotp(Call call) {
        return call.json().ok(call.engine().twoFactor().startTotp(session(call)));
    }

    private HttpResponse enableTotp(Call call) {
        Session session = session(call);
        AuthRoutes.Body body = AuthRoutes.Body.read(call);
        String code = body.string("totp", true);
        body.check();
        return AuthRoutes.answer(call, call.engine().twoFactor().enableTotp(session, code,
                AuthRoutes.userAgent(call.request())));
    }

    private HttpResponse disableTotp(Call call) {
        Session session = session(call);
        call.engine().twoFactor().disableTotp(session, proof(call));
        return success(call);
    }

    // ---- e-mail codes ----------------------------------------------------------------------------------------------

    private HttpResponse sendEmailOtp(Call call) {
        call.engine().twoFactor().sendEmailOtp(emailParameter(call));
        return success(call);
    }

    private HttpResponse startEmailOtp(Call call) {
        call.engine().twoFactor().startEmailOtp(session(call));
        return success(call);
    }

    private HttpResponse enableEmailOtp(Call call) {
        Session session = session(call);
        AuthRoutes.Body body = AuthRoutes.Body.read(call);
        String code = body.string("email_otp", true);
        body.check();
        return AuthRoutes.answer(call, call.engine().twoFactor().enableEmailOtp(session, code,
                AuthRoutes.userAgent(call.request())));
    }

    private HttpResponse disableEmailOtp(Call call) {
        Session session = session(call);
        call.engine().twoFactor().disableEmailOtp(session, proof(call));
        return success(call);
    }

    // ---- recovery codes --------------------------------------------------------------------------------------------

    private HttpResponse regenerateRecoveryCodes(Call call) {
        Session session = session(call);
        List<String> codes = call.engine().twoFactor().regenerateRecoveryCodes(session, proof(call));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("otp_recovery_codes", codes);
        return call.json().ok(body);
    }

    // ---- FIDO ------------------------------------------------------------------------------------------------------

    private HttpResponse fidoAuthenticationOptions(Call call) {
        return call.json().ok(call.engine().twoFactor().fidoAuthenticationOptions(emailParameter(call)));
    }

    private HttpResponse fidoRegistrationOptions(Call call) {
        return call.json().ok(call.engine().twoFactor().fidoRegistrationOptions(session(call)));
    }

    private HttpResponse registerFido(Call call) {
        Session session = session(call);
        AuthRoutes.Body body = AuthRoutes.Body.read(call);
        Map<String, Object> response = body.object("registration_response", true);
        String deviceName = body.string("device_name", true);
        body.check();
        return AuthRoutes.answer(call, call.engine().twoFactor().registerFido(session, response, deviceName,
                AuthRoutes.userAgent(call.request())));
    }

    private HttpResponse unregisterFido(Call call) {
        Session session = session(call);
        AuthRoutes.Body body = AuthRoutes.Body.read(call);
        String deviceName = body.string("device_name", true);
        TwoFactorProof proof = proof(body);
        body.check();
        call.engine().twoFactor().unregisterFido(session, deviceName, proof);
        return success(call);
    }

    // ---- admin -----------------------------------------------------------------------------------------------------

    private HttpResponse disableForPerson(Call call) {
        call.engine().twoFactor().disableForPerson(call.session(), call.param("person_id"));
        return success(call);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** The caller's session; a token restricted to 2FA enrolment is accepted here. */
    private static Session session(Call call) {
        return call.engine().enrolmentSession(Authenticator.token(call.request(), ACCESS_COOKIE));
    }

    /** The factor sent in the body to confirm a change. */
    private static TwoFactorProof proof(Call call) {
        AuthRoutes.Body body = AuthRoutes.Body.read(call);
        TwoFactorProof proof = proof(body);
        body.check();
        return proof;
    }

    private static TwoFactorProof proof(AuthRoutes.Body body) {
        TwoFactorProof proof = TwoFactorProof.none();
        String totp = body.string("totp", false);
        String emailOtp = body.string("email_otp", false);
        String recoveryCode = body.string("recovery_code", false);
        Map<String, Object> fido = body.object("fido_authentication_response", false);
        if (totp != null) {
            proof = proof.withTotp(totp);
        }
        if (emailOtp != null) {
            proof = proof.withEmailOtp(emailOtp);
        }
        if (recoveryCode != null) {
            proof = proof.withRecoveryCode(recoveryCode);
        }
        if (fido != null) {
            proof = proof.withFidoAuthenticationResponse(fido);
        }
        return proof;
    }

    /** Zou's {@code ArgsMixin}: the {@code email} query or form value, required. */
    private static String emailParameter(Call call) {
        AuthRoutes.Body values = AuthRoutes.Body.read(call);
        Object email = values.raw("email");
        if (email == null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("error", true);
            b.put("message", "Missing required parameter: email");
            b.put("data", null);
            throw new ZouException(ErrorCode.MISSING_FIELD, 400, "Missing required parameter: email", b);
        }
        return email.toString();
    }

    private static HttpResponse success(Call call) {
        return call.json().ok(Map.of("success", true));
    }
}
