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
import org.zou4j.internal.crud.JsonStreams;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.assets.JsonStream;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.RowCursor;
import org.zou4j.internal.sql.Tx;

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

    /**
     * {@link #write} for work that is short and waits on nothing outside the database (no file upload): it may share
     * its commit with concurrent writes ({@code Database#inShortTransaction}).
     */
    <T> T shortWrite(Caller caller, Work<T> work) {
        return crud.database().inShortTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    /** Adds what a list view joins to a batch of serialized rows (same order as {@code rows}). */
    @FunctionalInterface
    interface Decorator {
        void decorate(HookContext ctx, List<Row> rows, List<Map<String, Object>> json) throws SQLException;
    }

    /**
     * What a streamed list selects: rows of {@code table} matching {@code filters} in {@code order}; {@code page} of 1
     * or more answers Zou's page envelope ({@code limit} rows, {@code defaultLimit} when 0), else every row streamed.
     */
    record ListPlan(String table, List<Filter> filters, List<Tx.Order> order, int page, int limit, boolean relations,
                    Decorator decorator) {
        ListPlan(String table, List<Filter> filters, List<Tx.Order> order, int page, int limit, boolean relations) {
            this(table, filters, order, page, limit, relations, null);
        }
    }

    /** Zou's {@code NB_RECORDS_PER_PAGE}. */
    static final int DEFAULT_PAGE_SIZE = 100;

    /**
     * A list answered as Zou's {@code get_paginated_results}: a page envelope when a page is asked, else every row,
     * streamed in batches of 500 from a read transaction (bounded memory). The plan (parameters, access checks) runs
     * before this returns, so errors are plain answers, never half-way through a body.
     */
    JsonStream stream(Caller caller, Work<ListPlan> planner) {
        return JsonStreams.planned(crud.database(), readTx -> {
            HookContext ctx = crud.context(caller, readTx.tx(), null);
            ListPlan plan = planner.run(ctx);
            if (plan.page() >= 1) {
                Map<String, Object> envelope;
                try (readTx) {
                    envelope = page(ctx, plan);
                }
                return constant(envelope);
            }
            return JsonStreams.owning(readTx, crud.jsonForm().mapper(), "application/json", g -> {
                try (RowCursor cursor = readTx.tx().stream(plan.table(), plan.filters(), plan.order(), 0, 0)) {
                    JsonStreams.writeArray(g, crud.jsonForm().mapper(), cursor, batch -> serialize(ctx, plan, batch));
                }
            });
        });
    }

    private List<Map<String, Object>> serialize(HookContext ctx, ListPlan plan, List<Row> rows) throws SQLException {
        List<Map<String, Object>> json = crud.serialize(ctx, model(plan.table()), rows, plan.relations(),
                ModelHooks.View.LIST);
        if (plan.decorator() != null) {
            plan.decorator().decorate(ctx, rows, json);
        }
        return json;
    }

    private Map<String, Object> page(HookContext ctx, ListPlan plan) throws SQLException {
        int limit = plan.limit() > 0 ? plan.limit() : DEFAULT_PAGE_SIZE;
        long total = ctx.tx().count(plan.table(), plan.filters());
        int offset = (plan.page() - 1) * limit;
        Map<String, Object> envelope = new LinkedHashMap<>();
        List<Map<String, Object>> data = List.of();
        if (total >= offset) {
            data = serialize(ctx, plan, ctx.tx().select(plan.table(), plan.filters(), plan.order(), limit, offset));
        }
        envelope.put("data", data);
        envelope.put("total", total < offset ? 0 : total);
        envelope.put("nb_pages", (long) Math.ceil(total / (double) limit));
        envelope.put("limit", limit);
        envelope.put("offset", offset);
        envelope.put("page", plan.page());
        return envelope;
    }

    /** A JSON answer already computed. */
    JsonStream constant(Object value) {
        return JsonStreams.constant(crud.jsonForm().mapper(), value);
    }

    /** Zou's {@code get_page()} / {@code get_limit()}: an integer query parameter, 400 when not one. */
    static int intParam(org.zou4j.Query q, String name, int dflt) {
        String v = q.first(name).orElse(null);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ZouException.wrongParameter("Wrong value for parameter " + name + ".");
        }
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
