package org.zou4j.internal.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Person (reference zou-data-model.md §3.4, §4.7, §5.4, §6.2): anyone reads, but non-admins get Zou's minimal dict
 * and a narrowed filter set; a person edits only themself (admins anyone) and never their account's privileges.
 *
 * <p>Keys a non-admin cannot change, even on themself (silently dropped, as Zou drops its protected keys): Zou's own
 * list ({@code role, departments, active, is_bot, archived, login_failed_attemps, last_login_failed,
 * is_generated_from_ldap, ldap_uid, last_presence, studio_id}) plus what Zou leaves open and we close: the 2FA flags
 * ({@code totp_enabled, email_otp_enabled, fido_enabled, preferred_two_factor_authentication}: they change only
 * through the 2FA routes, which verify a code), HR and contract facts ({@code daily_salary, position, seniority,
 * contract_type, expiration_date, is_guest}), and {@code email}.
 *
 * <p>Why {@code email} is admin-only: it is the login identifier and the address password resets and e-mail OTP codes
 * are sent to. Letting a bearer token change it turns a stolen token into a permanent account takeover (change the
 * address, then reset the password), which OWASP ASVS (V3/V6 "re-authenticate before changing the e-mail") forbids.
 * Kitsu's profile page and gazu scripts that send {@code email} in a person update keep working (the key is
 * ignored, as Zou ignores its protected keys); the address itself is changed by a studio admin.
 */
final class PersonAccess {
    private PersonAccess() {
    }

    /** Zou's {@code present_minimal} keys, in its order. */
    static final List<String> MINIMAL_KEYS = List.of("id", "type", "first_name", "last_name", "full_name",
            "has_avatar", "active", "departments", "studio_id", "role", "desktop_login", "is_bot");

    /** What non-admins may filter persons on: the minimal keys plus {@code email} (gazu's get_person_by_email). */
    static final Set<String> NON_ADMIN_FILTERS = Set.of("id", "first_name", "last_name", "full_name", "has_avatar",
            "active", "departments", "studio_id", "role", "desktop_login", "email", "is_bot");

    /** Update keys only an admin may write. */
    static final Set<String> ADMIN_ONLY_UPDATES = Set.of(
            // Zou's list
            "role", "departments", "active", "is_bot", "archived", "login_failed_attemps", "last_login_failed",
            "is_generated_from_ldap", "ldap_uid", "last_presence", "studio_id",
            // closed here (Zou lets a person change these on themself)
            "totp_enabled", "email_otp_enabled", "fido_enabled", "preferred_two_factor_authentication",
            "daily_salary", "is_guest", "position", "seniority", "contract_type", "expiration_date", "email");

    static RulePolicy.Builder configure(RulePolicy.Builder b) {
        return b.list(ListRule.ALL)
                .read(Rule.ANYONE)
                .create(Rule.ADMIN)
                .update(Rule.ADMIN.or(Rules.self("id")))
                .delete(Rule.ADMIN.and((ctx, t) -> !Rules.self("id").allows(ctx, t)))
                .filterable((caller, key) -> caller.isAdmin() || NON_ADMIN_FILTERS.contains(key))
                .protectedFrom(caller -> caller.isAdmin() ? Set.of() : ADMIN_ONLY_UPDATES)
                .shape(PersonAccess::shape);
    }

    /**
     * Admins see the safe dict; list entries for everyone else are minimal; single answers are full for global
     * managers (Zou) and for the person themself (an update answers the safe dict in Zou; we also answer it to a
     * person reading their own record).
     */
    private static Map<String, Object> shape(AccessContext ctx, Map<String, Object> json, boolean single) {
        if (ctx.isAdmin()) {
            return json;
        }
        if (single && ("manager".equals(ctx.globalRole())
                || (ctx.me() != null && ctx.me().toString().equals(json.get("id"))))) {
            return json;
        }
        return minimal(json);
    }

    static Map<String, Object> minimal(Map<String, Object> json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : MINIMAL_KEYS) {
            Object v = json.get(key);
            out.put(key, v == null && key.equals("departments") ? List.of() : v);
        }
        out.put("type", "Person");
        return out;
    }
}
