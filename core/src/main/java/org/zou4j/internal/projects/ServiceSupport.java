package org.zou4j.internal.projects;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.AccessContext;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.ProjectChecks;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * What the services of the projects area share: transactions with a {@link HookContext}, Zou's project-level checks
 * (TEAM, MGR of reference §6.1) and serialization through the model declarations. Request bodies are read with
 * {@link org.zou4j.internal.crud.BodyFields}.
 */
abstract class ServiceSupport {
    protected final CrudService crud;
    protected final EventLog events;

    ServiceSupport(CrudService crud, EventLog events) {
        this.crud = crud;
        this.events = events;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    protected <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> {
            HookContext ctx = crud.context(caller, tx, events.begin(tx, caller.personId()));
            return work.run(ctx);
        });
    }

    protected <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    protected BoundModel model(String table) {
        return crud.models().table(table);
    }

    // ---- access ------------------------------------------------------------------------------------------------

    /** Zou's ProjectNotFoundException for a malformed or unknown id: 404. */
    static UUID projectId(String text) {
        return Values.pathId(text);
    }

    static Row requireProject(HookContext ctx, UUID projectId) throws SQLException {
        return ProjectChecks.requireProject(ctx.tx(), projectId);
    }

    /** {@code check_project_access}: admin, or in the project's team. */
    static Row requireTeam(HookContext ctx, UUID projectId) throws SQLException {
        return ProjectChecks.requireTeam(ctx.access(), projectId);
    }

    /** {@code check_manager_project_access}: admin, or manager (effective project role) in the team. */
    static Row requireManager(HookContext ctx, UUID projectId) throws SQLException {
        return ProjectChecks.requireManager(ctx.access(), projectId);
    }

    static boolean isManagerIn(AccessContext access, UUID projectId) throws SQLException {
        return ProjectChecks.isManagerIn(access, projectId);
    }

    static void requireAdmin(HookContext ctx) {
        ProjectChecks.requireAdmin(ctx.access());
    }

    /** {@code check_manager_permissions}: global role admin or manager. */
    static void requireGlobalManager(HookContext ctx) {
        if (!ctx.caller().isAdmin() && !ctx.caller().hasRole("manager")) {
            throw ZouException.forbidden();
        }
    }

    /** Zou's {@code block_access_to_vendor} and the client/vendor refusals of several project routes. */
    static void refuseRoles(HookContext ctx, UUID projectId, String... roles) throws SQLException {
        ProjectChecks.refuseRoles(ctx.access(), projectId, roles);
    }

    // ---- serialization -----------------------------------------------------------------------------------------

    protected Map<String, Object> one(HookContext ctx, String table, Row row) throws SQLException {
        return crud.serialize(ctx, model(table), List.of(row), false, ModelHooks.View.GET).get(0);
    }

    protected Map<String, Object> oneWithRelations(HookContext ctx, String table, Row row) throws SQLException {
        return crud.serialize(ctx, model(table), List.of(row), true, ModelHooks.View.GET).get(0);
    }

    protected List<Map<String, Object>> many(HookContext ctx, String table, List<Row> rows, boolean relations)
            throws SQLException {
        return crud.serialize(ctx, model(table), rows, relations, ModelHooks.View.GET);
    }

    protected Object json(Object value) {
        return crud.jsonForm().toJsonValue(value);
    }

    /** The row {@code table/id} named by a body or path value, or Zou's "<Model> with id X not found" 400. */
    static Row requireRef(HookContext ctx, String table, String modelName, String idText) throws SQLException {
        UUID id = Values.tryParseId(idText);
        Row row = id == null ? null : ctx.tx().byId(table, id);
        if (row == null) {
            throw ZouException.wrongParameter(modelName + " with id " + idText + " not found");
        }
        return row;
    }

    static UUID idOrNull(String text) {
        return Values.tryParseId(text);
    }

    static List<Filter> key(String c1, Object v1, String c2, Object v2) {
        return List.of(Filter.eq(c1, v1), Filter.eq(c2, v2));
    }
}
