package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Time spent (reference §4.8, §5.4): after every change the task's {@code duration} is the sum of its time spents and
 * {@code task:update} is emitted; the list accepts a {@code start_date}..{@code end_date} range (both or neither).
 */
final class TimeSpentHooks implements ModelHooks {
    static final String RANGE_NEEDS_BOTH = "If querying for a range of dates, both a `start_date` and an `end_date` "
            + "must be given.";
    private static final String RANGE = "time_spent.range";

    @Override
    public void afterCreate(HookContext ctx, Row created, Map<String, Object> body) throws SQLException {
        recomputeDuration(ctx, (UUID) created.get("task_id"));
    }

    @Override
    public void afterUpdate(HookContext ctx, Row before, Row after) throws SQLException {
        recomputeDuration(ctx, (UUID) after.get("task_id"));
        if (!Objects.equals(before.get("task_id"), after.get("task_id"))) {
            recomputeDuration(ctx, (UUID) before.get("task_id"));
        }
    }

    @Override
    public void afterDelete(HookContext ctx, Row deleted) throws SQLException {
        recomputeDuration(ctx, (UUID) deleted.get("task_id"));
    }

    /** Sets the task's duration to the sum of its time spents and emits {@code task:update}. */
    static void recomputeDuration(HookContext ctx, UUID taskId) throws SQLException {
        if (taskId == null) {
            return;
        }
        // Lock the task first: the sum below then sees every time spent committed by concurrent writers (on any
        // instance) before this one, and theirs wait for this one; without it, two writers each miss the other's.
        Row task = ctx.tx().lockById("task", taskId);
        if (task == null) {
            return;
        }
        double total = 0;
        for (Object d : ctx.tx().column("time_spent", "duration", List.of(Filter.eq("task_id", taskId)))) {
            total += d == null ? 0 : ((Number) d).doubleValue();
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("duration", total);
        changes.put("updated_at", ctx.now());
        ctx.tx().updateById("task", taskId, changes);
        HookSupport.emit(ctx, "task:update", HookSupport.data("task_id", taskId), (UUID) task.get("project_id"));
    }

    @Override
    public Query listQuery(HookContext ctx, Query query) {
        boolean hasStart = query.has("start_date");
        boolean hasEnd = query.has("end_date");
        if (hasStart != hasEnd) {
            throw ZouException.wrongParameter(RANGE_NEEDS_BOTH);
        }
        if (hasStart) {
            Map<String, LocalDate> range = ctx.cached(RANGE, HashMap::new);
            range.put("start_date", date(query, "start_date"));
            range.put("end_date", date(query, "end_date"));
        }
        return query;
    }

    private static LocalDate date(Query query, String key) {
        String raw = query.first(key).orElse("");
        LocalDate d = Values.parseDate(raw);
        if (d == null) {
            throw ZouException.wrongParameter("Invalid value for filter " + ZouException.echo(key) + ": "
                    + ZouException.echo(raw));
        }
        return d;
    }

    @Override
    public Filter specialFilter(HookContext ctx, String key, String value) {
        // start_date/end_date are not columns: the range (validated by listQuery) filters on date, inclusively
        if ("start_date".equals(key)) {
            Map<String, LocalDate> range = ctx.cached(RANGE, HashMap::new);
            return Filter.between("date", range.get("start_date"), range.get("end_date"));
        }
        return null;
    }
}
