package org.zou4j.internal.tasks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.zou4j.internal.sql.Row;

/** What the task-area services share: transactions with a hook context, lookups, serialization. */
final class TaskSupport {
    final CrudService crud;
    final EventLog events;

    TaskSupport(CrudService crud, EventLog events) {
        this.crud = crud;
        this.events = events;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    BoundModel model(String table) {
        return crud.models().table(table);
    }

    Map<String, Object> one(HookContext ctx, String table, Row row, boolean relations) throws SQLException {
        return crud.serialize(ctx, model(table), List.of(row), relations, ModelHooks.View.GET).get(0);
    }

    List<Map<String, Object>> many(HookContext ctx, String table, List<Row> rows, boolean relations)
            throws SQLException {
        return crud.serialize(ctx, model(table), rows, relations, ModelHooks.View.LIST);
    }

    /** A path id: 404 when malformed (Zou's lookups answer not found), the row or 404. */
    static Row require(HookContext ctx, String table, UUID id) throws SQLException {
        Row row = id == null ? null : ctx.tx().byId(table, id);
        if (row == null) {
            throw ZouException.notFound();
        }
        return row;
    }

    static UUID pathId(String text) {
        return Values.parseId(text);
    }

    /** The task's read check (Zou's {@code check_task_access}): project team and entity access. */
    void checkTaskRead(HookContext ctx, Row task) throws SQLException {
        model("task").access().checkRead(ctx.access(), task);
    }

    /** The ids of a task's assignees, as strings. */
    static List<String> assignees(HookContext ctx, UUID taskId) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (Object o : ctx.tx().column("task_person_link", "person_id",
                List.of(org.zou4j.internal.sql.Filter.eq("task_id", taskId)))) {
            ids.add(o.toString());
        }
        return ids;
    }

    static Map<String, Object> data(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            m.put((String) keyValues[i], v == null ? null : v instanceof Boolean || v instanceof Number ? v
                    : v.toString());
        }
        return m;
    }

    static UUID asId(Object o) {
        if (o instanceof UUID u) {
            return u;
        }
        return o == null ? null : Values.tryParseId(o.toString());
    }
}
