package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Day off (reference §5.4, §8.9): POST needs {@code date}, {@code end_date} and {@code person_id}; a person's day offs
 * never overlap (inclusive ranges; an updated row is not compared with itself); creating or moving a day off deletes
 * the person's time spents inside it.
 */
final class DayOffHooks implements ModelHooks {
    static final String OVERLAP = "Day off already exists for this period";

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) {
        if (current != null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String key : List.of("date", "end_date", "person_id")) {
            if (body.get(key) == null) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw ZouException.plain(ErrorCode.MISSING_FIELD, "A required field is missing.",
                    Map.of("fields", missing));
        }
    }

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        apply(ctx, null, (UUID) values.get("person_id"), (LocalDate) values.get("date"),
                (LocalDate) values.get("end_date"));
    }

    @Override
    public void beforeUpdate(HookContext ctx, Row current, Map<String, Object> changes, Map<String, Object> body)
            throws SQLException {
        apply(ctx, current.id(), (UUID) HookSupport.merged(current, changes, "person_id"),
                (LocalDate) HookSupport.merged(current, changes, "date"),
                (LocalDate) HookSupport.merged(current, changes, "end_date"));
    }

    private static void apply(HookContext ctx, UUID self, UUID person, LocalDate start, LocalDate end)
            throws SQLException {
        if (person == null || start == null || end == null) {
            return; // the required-field checks answer
        }
        if (start.isAfter(end)) {
            throw ZouException.wrongParameter("The day off's end_date must not be before its date.");
        }
        // one person's day offs are checked one at a time: of concurrent overlapping ones exactly one is stored
        ctx.tx().lockById("person", person);
        if (ctx.tx().exists("day_off", HookSupport.where(Filter.eq("person_id", person),
                Filter.between("date", null, end), Filter.between("end_date", start, null),
                HookSupport.notSelf(self)))) {
            throw ZouException.wrongParameter(OVERLAP);
        }
        List<Filter> covered = List.of(Filter.eq("person_id", person), Filter.between("date", start, end));
        Set<Object> tasks = new LinkedHashSet<>(ctx.tx().column("time_spent", "task_id", covered));
        if (ctx.tx().delete("time_spent", covered) > 0) {
            for (Object task : tasks) {
                TimeSpentHooks.recomputeDuration(ctx, (UUID) task);
            }
        }
    }
}
