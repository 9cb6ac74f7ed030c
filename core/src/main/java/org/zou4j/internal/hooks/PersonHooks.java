package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Person (reference §2.5, §5.4): the computed {@code full_name}; the user limit; country, locale, e-mail and
 * expiration-date validation; e-mail uniqueness among non-bots; password hashing on POST; delete rules (never
 * yourself; {@code ?force=true} releases everything linked to the person, else a 400 while data is still linked).
 */
final class PersonHooks implements ModelHooks {
    static final String USER_LIMIT_REACHED = "User limit reached.";
    static final String INVALID_COUNTRY = "Invalid country code, expected an ISO 3166-1 alpha-2 code.";
    static final String INVALID_LOCALE = "Invalid locale, expected a name available in Python Babel (e.g. en_US, "
            + "fr_FR).";
    static final String EMAIL_IN_USE = "Email already in use.";
    static final String STILL_LINKED = "Some data are still linked to given person.";
    static final String EXPIRATION_INVALID = "Expiration date is not valid.";
    static final String EXPIRATION_PAST = "Expiration date can't be in the past.";

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Pattern LOCALE = Pattern.compile("^([a-z]{2,3})(?:_([A-Z][a-z]{3}))?(?:_([A-Z]{2}|[0-9]{3}))?$");
    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern LOCAL_PART = Pattern.compile("^[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]+$");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("^[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?$");

    private final HookSettings settings;

    PersonHooks(HookSettings settings) {
        this.settings = settings;
    }

    // ---- serialization ----------------------------------------------------------------------------------------------

    @Override
    public void decorate(HookContext ctx, Row row, Map<String, Object> json, View view) throws SQLException {
        json.put("full_name", fullName((String) row.get("first_name"), (String) row.get("last_name")));
        if (view == View.UPDATE) {
            // Zou's PUT answer re-adds the departments
            json.put("departments", HookSupport.linkedIds(ctx, "department_link", "person_id", "department_id",
                    row.id()));
        }
    }

    /** "first last", or whichever part is not empty. */
    static String fullName(String first, String last) {
        boolean hasFirst = first != null && !first.isEmpty();
        boolean hasLast = last != null && !last.isEmpty();
        if (hasFirst && hasLast) {
            return first + " " + last;
        }
        return hasFirst ? first : hasLast ? last : "";
    }

    // ---- create / update --------------------------------------------------------------------------------------------

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) throws SQLException {
        if (current == null) {
            // Zou checks the user limit before anything else, even before the admin check
            boolean bot = HookSupport.truthy(body.get("is_bot"));
            boolean active = !body.containsKey("active") || HookSupport.truthy(body.get("active"));
            boolean guest = HookSupport.truthy(body.get("is_guest"));
            if (!bot && active && !guest) {
                checkUserLimit(ctx);
            }
            if (body.containsKey("password")) {
                body.put("password", hashPassword(body.get("password")));
            }
        }
        normalizeCountry(body);
        normalizeLocale(body);
        checkEmailSyntax(body);
        checkExpirationDate(ctx, current, body);
    }

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        checkEmailFree(ctx, null, (String) values.get("email"), Boolean.TRUE.equals(values.get("is_bot")));
    }

    @Override
    public void beforeUpdate(HookContext ctx, Row current, Map<String, Object> changes, Map<String, Object> body)
            throws SQLException {
        // reactivating a user counts against the limit (a change the caller may not make is already dropped)
        if (Boolean.TRUE.equals(changes.get("active")) && !Boolean.TRUE.equals(current.get("active"))
                && !Boolean.TRUE.equals(current.get("is_bot")) && !Boolean.TRUE.equals(current.get("is_guest"))) {
            checkUserLimit(ctx);
        }
        if (changes.containsKey("email") || changes.containsKey("is_bot")) {
            checkEmailFree(ctx, current.id(), (String) HookSupport.merged(current, changes, "email"),
                    Boolean.TRUE.equals(HookSupport.merged(current, changes, "is_bot")));
        }
    }

    private void checkUserLimit(HookContext ctx) throws SQLException {
        long users = ctx.tx().count("person", List.of(Filter.eq("active", true), Filter.eq("is_bot", false),
                Filter.eq("is_guest", false)));
        if (users >= settings.userLimit()) {
            throw ZouException.wrongParameter(USER_LIMIT_REACHED, Map.of("limit", settings.userLimit()));
        }
    }

    private String hashPassword(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String password)) {
            throw ZouException.badRequest(ErrorCode.INVALID_VALUE, "Invalid value for 'password' (expected a string).");
        }
        PasswordHashing hashing = settings.passwordHashing();
        if (hashing == null) {
            throw ZouException.badRequest(ErrorCode.WRONG_PARAMETER, "A password cannot be set through /data/persons: "
                    + "this engine has no password hashing configured. Create the person without 'password'.");
        }
        return hashing.hash(password);
    }

    private static void normalizeCountry(Map<String, Object> body) {
        if (!body.containsKey("country") || body.get("country") == null) {
            return;
        }
        if (!(body.get("country") instanceof String s)) {
            throw ZouException.wrongParameter(INVALID_COUNTRY);
        }
        String code = s.trim().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            body.put("country", null);
            return;
        }
        if (!COUNTRIES.contains(code)) {
            throw ZouException.wrongParameter(INVALID_COUNTRY);
        }
        body.put("country", code);
    }

    private static void normalizeLocale(Map<String, Object> body) {
        if (!body.containsKey("locale") || body.get("locale") == null) {
            return;
        }
        if (!(body.get("locale") instanceof String s) || !isLocale(s.trim())) {
            throw ZouException.wrongParameter(INVALID_LOCALE);
        }
        body.put("locale", s.trim());
    }

    /** A Babel-style locale name ({@code en}, {@code en_US}, {@code zh_Hant_TW}) of at most 10 characters. */
    static boolean isLocale(String s) {
        if (s.length() > 10) {
            return false;
        }
        var m = LOCALE.matcher(s);
        if (!m.matches()) {
            return false;
        }
        String language = m.group(1);
        boolean knownLanguage = language.length() == 2 ? LANGUAGES.contains(language)
                : !Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH).equals(language);
        String region = m.group(3);
        return knownLanguage && (region == null || region.length() == 3 || COUNTRIES.contains(region));
    }

    private static void checkEmailSyntax(Map<String, Object> body) {
        if (!body.containsKey("email") || body.get("email") == null) {
            return;
        }
        if (!(body.get("email") instanceof String s)) {
            throw ZouException.wrongParameter("The email address is not valid. It must be a string.");
        }
        String email = s.trim();
        String problem = emailProblem(email);
        if (problem != null) {
            throw ZouException.wrongParameter(problem);
        }
        body.put("email", email);
    }

    /** What is wrong with an e-mail address (basic RFC 5322 / 5321 syntax), or null when it looks valid. */
    static String emailProblem(String email) {
        int at = email.indexOf('@');
        if (at < 0 || at != email.lastIndexOf('@')) {
            return "The email address is not valid. It must have exactly one @-sign.";
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (local.isEmpty()) {
            return "There must be something before the @-sign.";
        }
        if (domain.isEmpty()) {
            return "There must be something after the @-sign.";
        }
        if (email.length() > 254) {
            return "The email address is too long.";
        }
        if (local.length() > 64) {
            return "The email address is too long before the @-sign.";
        }
        if (!LOCAL_PART.matcher(local).matches()) {
            return "The email address contains invalid characters before the @-sign.";
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return "The email address is not valid: a period cannot start or end the part before the @-sign, nor "
                    + "follow another period.";
        }
        if (!domain.contains(".")) {
            return "The part after the @-sign is not valid. It should have a period.";
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || !DOMAIN_LABEL.matcher(label).matches()) {
                return "The part after the @-sign is not valid.";
            }
        }
        return null;
    }

    private static void checkExpirationDate(HookContext ctx, Row current, Map<String, Object> body) {
        if (!body.containsKey("expiration_date") || body.get("expiration_date") == null) {
            return;
        }
        Object raw = body.get("expiration_date");
        LocalDate date = null;
        if (raw instanceof String s && ISO_DATE.matcher(s).matches()) {
            try {
                date = LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                date = null;
            }
        }
        if (date == null) {
            throw ZouException.wrongParameter(EXPIRATION_INVALID);
        }
        boolean unchanged = current != null && date.equals(current.get("expiration_date"));
        if (!unchanged && date.isBefore(HookSupport.today(ctx))) {
            throw ZouException.wrongParameter(EXPIRATION_PAST);
        }
    }

    /** One non-bot person per e-mail address; bots may share one. */
    private static void checkEmailFree(HookContext ctx, UUID self, String email, boolean bot) throws SQLException {
        if (email == null || bot) {
            return;
        }
        if (ctx.tx().exists("person", HookSupport.where(new Filter.EqIgnoreCase("email", email),
                Filter.eq("is_bot", false), HookSupport.notSelf(self)))) {
            throw ZouException.wrongParameter(EMAIL_IN_USE);
        }
    }

    // ---- delete -----------------------------------------------------------------------------------------------------

    @Override
    public void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
        if (row.id().equals(ctx.caller().personId())) {
            throw ZouException.forbidden();
        }
        if (force) {
            for (Object task : Cascades.releasePerson(ctx, row.id())) {
                TimeSpentHooks.recomputeDuration(ctx, (UUID) task);
            }
        }
    }

    @Override
    public ZouException deleteConflict(HookContext ctx, Row row, ZouException error) {
        return new ZouException(ErrorCode.REFERENCED, STILL_LINKED);
    }
}
