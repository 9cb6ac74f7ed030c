package org.zou4j.internal.auth;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.auth.crypto.IdentityType;
import org.zou4j.internal.auth.crypto.IssuedToken;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * The auth side of the person model, wrapped around the model's own hooks (which run first in every method):
 * (Passwords sent to {@code POST /data/persons} are hashed by the person hooks themselves, through
 * {@link AuthService#hashForStorage}.)
 * <ul>
 *   <li>a bot created through CRUD gets its API token, answered as {@code access_token} (reference §2.8);</li>
 *   <li>a PUT carrying {@code expiration_date} (null, today or later) issues a new bot or personal-API token whose
 *       id replaces {@code person.jti}, so the previous one stops working; the answer carries it as
 *       {@code access_token}. A past date is refused unless it is the stored one (then no new token).</li>
 * </ul>
 */
final class PersonAuthHooks implements ModelHooks {
    static final String EXPIRATION_PAST = "Expiration date can't be in the past.";
    private static final String ISSUED = "auth.issued_api_tokens";

    private final ModelHooks inner;
    private final AuthService auth;

    PersonAuthHooks(ModelHooks inner, AuthService auth) {
        this.inner = inner;
        this.auth = auth;
    }

    // ---- auth behaviour --------------------------------------------------------------------------------------------

    @Override
    public void afterCreate(HookContext ctx, Row created, Map<String, Object> body) throws SQLException {
        inner.afterCreate(ctx, created, body);
        if (Boolean.TRUE.equals(created.get("is_bot"))) {
            IssuedToken token = auth.tokens().issueApiToken(created.id().toString(), IdentityType.BOT,
                    (LocalDate) created.get("expiration_date"));
            ctx.tx().update("person", Map.of("jti", token.jti()), java.util.List.of(Filter.eq("id", created.id())));
            issued(ctx).put(created.id(), token.token());
        }
    }

    @Override
    public void beforeUpdate(HookContext ctx, Row current, Map<String, Object> changes, Map<String, Object> body)
            throws SQLException {
        inner.beforeUpdate(ctx, current, changes, body);
        if (!changes.containsKey("expiration_date")) {
            return;
        }
        LocalDate date = (LocalDate) changes.get("expiration_date");
        LocalDate today = ctx.now().toLocalDate();
        if (date != null && date.isBefore(today)) {
            if (date.equals(current.get("expiration_date"))) {
                return; // unchanged past date: accepted, no new token
            }
            throw org.zou4j.ZouException.wrongParameter(EXPIRATION_PAST);
        }
        Object bot = changes.containsKey("is_bot") ? changes.get("is_bot") : current.get("is_bot");
        IdentityType identity = Boolean.TRUE.equals(bot) ? IdentityType.BOT : IdentityType.PERSON_API;
        IssuedToken token = auth.tokens().issueApiToken(current.id().toString(), identity, date);
        changes.put("jti", token.jti());
        issued(ctx).put(current.id(), token.token());
    }

    @Override
    public void decorate(HookContext ctx, Row row, Map<String, Object> json, View view) throws SQLException {
        inner.decorate(ctx, row, json, view);
        if (view == View.CREATE || view == View.UPDATE) {
            String token = issued(ctx).get(row.id());
            if (token != null) {
                json.put("access_token", token);
            }
        }
    }

    private static Map<UUID, String> issued(HookContext ctx) {
        return ctx.cached(ISSUED, HashMap::new);
    }

    // ---- plain delegation ------------------------------------------------------------------------------------------

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) throws SQLException {
        inner.normalizeBody(ctx, current, body);
    }

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        inner.beforeCreate(ctx, values, body);
    }

    @Override
    public void refuseDelete(HookContext ctx, Row row) throws SQLException {
        inner.refuseDelete(ctx, row);
    }

    @Override
    public void afterDelete(HookContext ctx, Row deleted) throws SQLException {
        inner.afterDelete(ctx, deleted);
    }

    @Override
    public org.zou4j.ZouException deleteConflict(HookContext ctx, Row row, org.zou4j.ZouException error)
            throws SQLException {
        return inner.deleteConflict(ctx, row, error);
    }

    @Override
    public void eventData(HookContext ctx, Row row, String verb, Map<String, Object> data) throws SQLException {
        inner.eventData(ctx, row, verb, data);
    }

    @Override
    public org.zou4j.Query listQuery(HookContext ctx, org.zou4j.Query query) throws SQLException {
        return inner.listQuery(ctx, query);
    }

    @Override
    public boolean preparesList() {
        return inner.preparesList();
    }

    @Override
    public void prepareList(HookContext ctx) throws SQLException {
        inner.prepareList(ctx);
    }

    @Override
    public void afterUpdate(HookContext ctx, Row before, Row after) throws SQLException {
        inner.afterUpdate(ctx, before, after);
    }

    @Override
    public void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
        inner.beforeDelete(ctx, row, force);
    }

    @Override
    public String typeName(HookContext ctx, Row row, View view) throws SQLException {
        return inner.typeName(ctx, row, view);
    }

    @Override
    public String eventPrefix(HookContext ctx, Row row) throws SQLException {
        return inner.eventPrefix(ctx, row);
    }

    @Override
    public Filter specialFilter(HookContext ctx, String key, String value) throws SQLException {
        return inner.specialFilter(ctx, key, value);
    }
}
