package org.zou4j.internal.user;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/** What the user-area services share: transactions bound to a caller, batch loads, serialization, id parsing. */
abstract class UserSupport {
    static final String OPEN = "Open";
    private static final int IN_CHUNK = 500;

    final CrudService crud;
    final EventLog events;

    UserSupport(CrudService crud, EventLog events) {
        this.crud = crud;
        this.events = events;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    <T> T write(Caller caller, Work<T> work) {
        requirePerson(caller);
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    <T> T read(Caller caller, Work<T> work) {
        requirePerson(caller);
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    /** The user routes answer for a signed-in person; the engine's system session has none. */
    private static void requirePerson(Caller caller) {
        if (caller.personId() == null) {
            throw ZouException.notFound("The system session has no user; sign in as a person.");
        }
    }

    BoundModel model(String table) {
        return crud.models().table(table);
    }

    List<Map<String, Object>> serialize(HookContext ctx, String table, List<Row> rows) throws SQLException {
        return crud.serialize(ctx, model(table), rows, false, ModelHooks.View.LIST);
    }

    List<Map<String, Object>> serializeWithRelations(HookContext ctx, String table, List<Row> rows)
            throws SQLException {
        return crud.serialize(ctx, model(table), rows, true, ModelHooks.View.LIST);
    }

    Map<String, Object> serializeOne(HookContext ctx, String table, Row row) throws SQLException {
        return crud.serialize(ctx, model(table), List.of(row), false, ModelHooks.View.GET).get(0);
    }

    Object json(Object value) {
        return crud.jsonForm().toJsonValue(value);
    }

    /** Rows of {@code table} whose {@code column} is in {@code ids} (chunked), any order. */
    static List<Row> byIds(Tx tx, String table, String column, Collection<?> ids) throws SQLException {
        List<Row> rows = new ArrayList<>();
        List<Object> all = new ArrayList<>(new LinkedHashSet<>(ids));
        all.remove(null);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            rows.addAll(tx.select(table, List.of(Filter.in(column, all.subList(i, Math.min(all.size(),
                    i + IN_CHUNK))))));
        }
        return rows;
    }

    /** Rows by id, keyed by id. */
    static Map<UUID, Row> mapByIds(Tx tx, String table, Collection<UUID> ids) throws SQLException {
        Map<UUID, Row> map = new HashMap<>();
        for (Row r : byIds(tx, table, "id", ids)) {
            map.put(r.id(), r);
        }
        return map;
    }

    /** Open project ids where the caller is in the team (Zou's {@code related_projects}). */
    static List<UUID> relatedProjectIds(HookContext ctx) throws SQLException {
        List<Object> ids = ctx.tx().column("project", "id", List.of(openProjects(),
                Filter.sub("id", "project_person_link", "project_id", Filter.eq("person_id", ctx.caller().personId()))));
        return uuids(ids);
    }

    /** Ids of all open projects. */
    static List<UUID> openProjectIds(Tx tx) throws SQLException {
        return uuids(tx.column("project", "id", List.of(openProjects())));
    }

    static Filter openProjects() {
        return Filter.sub("project_status_id", "project_status", "id", Filter.eq("name", OPEN));
    }

    static List<UUID> uuids(List<Object> values) {
        List<UUID> out = new ArrayList<>(values.size());
        for (Object o : values) {
            out.add((UUID) o);
        }
        return out;
    }

    /** A path id: malformed → 404 like an unknown one (Zou answers 404 for unknown rows). */
    static UUID pathId(String text) {
        return Values.pathId(text);
    }

    /** An optional id argument: absent → null, malformed → 400. */
    static UUID optionalId(Object value, String name) {
        if (value == null || value.toString().isEmpty()) {
            return null;
        }
        UUID id = Values.tryParseId(value.toString());
        if (id == null) {
            throw ZouException.wrongParameter("Invalid UUID format for " + name + ": " + value);
        }
        return id;
    }

    /** The caller's department ids (from the database, so a fresh change is seen). */
    static List<UUID> myDepartments(HookContext ctx) throws SQLException {
        return uuids(ctx.tx().column("department_link", "department_id",
                List.of(Filter.eq("person_id", ctx.caller().personId()))));
    }

    static boolean isManagerOrMore(Caller caller) {
        return caller.isAdmin() || caller.hasRole("manager");
    }
}
