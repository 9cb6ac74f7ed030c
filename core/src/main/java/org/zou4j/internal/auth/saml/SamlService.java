package org.zou4j.internal.auth.saml;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.ErrorCode;
import org.zou4j.SsoResult;
import org.zou4j.ZouException;
import org.zou4j.internal.auth.AuthService;
import org.zou4j.internal.auth.crypto.RandomTokens;
import org.zou4j.internal.sql.Database;

/**
 * SAML 2.0 single sign-on as Zou offers it (reference zou-auth.md §1.12), service-provider side: the login redirect
 * to the identity provider and the assertion consumer service. Validation is {@link ResponseValidator}'s; this class
 * adds what needs state (the response must answer a pending request of ours unless IdP-initiated logins are allowed;
 * an assertion logs in once) and hands the person over to {@link AuthService#ssoLogin}. One per engine; thread-safe.
 */
public final class SamlService {
    private static final Logger LOG = LoggerFactory.getLogger(SamlService.class);
    private static final String NOT_ENABLED = "SAML is not enabled.";
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final int NAME_MAX = 80;
    private static final int PHONE_MAX = 30;

    private final SamlSettings settings;
    private final Clock clock;
    private final AuthService auth;
    private final SamlStore store;
    private final ResponseValidator validator;
    private final AuthnRequests requests = new AuthnRequests();

    public SamlService(SamlSettings settings, Database db, Clock clock, AuthService auth) {
        this.settings = settings;
        this.clock = clock;
        this.auth = auth;
        this.store = new SamlStore(db, clock);
        this.validator = new ResponseValidator(settings);
    }

    public SamlSettings settings() {
        return settings;
    }

    /** Zou's answer when SAML is off: 400 {@code {"error": "SAML is not enabled."}} (a string, not a flag). */
    public static ZouException notEnabled() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", NOT_ENABLED);
        return new ZouException(ErrorCode.BAD_STATE, 400, NOT_ENABLED, body);
    }

    /**
     * {@code GET /auth/saml/login}: a new AuthnRequest, remembered in the database for the request lifetime, and the
     * IdP URL that carries it (HTTP-Redirect binding).
     */
    public String loginRedirect() {
        Instant now = clock.instant();
        AuthnRequests.Outgoing request = requests.create(settings, now);
        store.rememberRequest(request.id(), now.plus(settings.requestLifetime()));
        return request.location();
    }

    /**
     * {@code POST /auth/saml/sso}: validates the IdP's response and logs its subject in (see
     * {@link AuthService#ssoLogin}).
     *
     * @param samlResponse the {@code SAMLResponse} form field (base64)
     * @param ipAddress    the client's address for the login log, or null
     * @throws ZouException 400 {@code {"error": true, "message": "Invalid SAML response."}} for any refused response
     *                      (the reason is in the exception message and the log, not in the body); 400 when the person
     *                      cannot be created (e.g. user limit reached)
     */
    public SsoResult consume(String samlResponse, String ipAddress) {
        ResponseValidator.Validated assertion;
        try {
            assertion = validator.validate(samlResponse, clock.instant());
            if (!store.rememberAssertion(RandomTokens.sha256Hex(assertion.issuer() + "\n" + assertion.assertionId()),
                    assertion.expiresAt())) {
                throw new SamlRejectedException("replay: assertion " + assertion.assertionId() + " was already used");
            }
            if (assertion.requestId() == null) {
                if (!settings.allowIdpInitiated()) {
                    throw new SamlRejectedException("unsolicited response (no InResponseTo) and IdP-initiated login is "
                            + "not allowed");
                }
            } else if (!store.consumeRequest(assertion.requestId())) {
                throw new SamlRejectedException("InResponseTo names no pending request of ours (unknown, already "
                        + "answered or expired)");
            }
            if (assertion.nameId().indexOf('@') <= 0) {
                throw new SamlRejectedException("the NameID is not an e-mail address");
            }
        } catch (SamlRejectedException e) {
            LOG.warn("SAML response refused: {}", e.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", true);
            body.put("message", "Invalid SAML response.");
            throw new ZouException(ErrorCode.UNAUTHORIZED, 400, "SAML response refused: " + e.getMessage(), body);
        }
        String email = assertion.nameId().toLowerCase(Locale.ROOT);
        return auth.ssoLogin(email, profile(assertion.attributes()), ipAddress);
    }

    /**
     * The person columns Zou takes from the assertion's attributes: {@code first_name}, {@code last_name} and
     * {@code country} with several values joined by spaces (country upper-cased, dropped unless an ISO 3166 alpha-2
     * code), the first {@code phone} and {@code studio_id}, the {@code departments} values (ids). Values that cannot fit
     * the column (over-long phone, non-UUID ids) are dropped; names are cut at the column's length.
     */
    static Map<String, Object> profile(Map<String, List<String>> attributes) {
        Map<String, Object> profile = new LinkedHashMap<>();
        joined(attributes, "first_name").ifPresent(v -> profile.put("first_name", cut(v, NAME_MAX)));
        joined(attributes, "last_name").ifPresent(v -> profile.put("last_name", cut(v, NAME_MAX)));
        first(attributes, "phone").filter(v -> v.length() <= PHONE_MAX).ifPresent(v -> profile.put("phone", v));
        joined(attributes, "country").map(v -> v.trim().toUpperCase(Locale.ROOT)).filter(COUNTRIES::contains)
                .ifPresent(v -> profile.put("country", v));
        first(attributes, "studio_id").filter(SamlService::isUuid).ifPresent(v -> profile.put("studio_id", v));
        List<String> departments = attributes.get("departments");
        if (departments != null && departments.stream().allMatch(SamlService::isUuid)) {
            profile.put("departments", departments.stream().distinct().toList());
        } else if (departments != null) {
            LOG.warn("SAML attribute 'departments' ignored: its values must be department ids");
        }
        return profile;
    }

    private static java.util.Optional<String> joined(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes.get(name);
        return values == null || values.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(String.join(" ", values));
    }

    private static java.util.Optional<String> first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes.get(name);
        return values == null || values.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(values.get(0));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static boolean isUuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Deletes expired pending requests and used-assertion records now; answers how many rows went. */
    public int purgeExpired() {
        return store.purgeExpired();
    }
}
