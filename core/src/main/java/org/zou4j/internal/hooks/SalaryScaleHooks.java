package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Row;

/**
 * Salary scale (reference §4.8, §8.10): the list first creates every missing (department × position × seniority)
 * row and ignores every parameter; rows are never created by POST.
 */
final class SalaryScaleHooks implements ModelHooks {
    static final String CANNOT_CREATE = "Salary scales cannot be created";

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) {
        if (current == null) {
            if (!ctx.caller().isAdmin()) {
                throw ZouException.forbidden();
            }
            throw ZouException.wrongParameter(CANNOT_CREATE);
        }
    }

    @Override
    public Query listQuery(HookContext ctx, Query query) {
        return Query.all();
    }

    @Override
    public boolean preparesList() {
        return true;
    }

    @Override
    public void prepareList(HookContext ctx) throws SQLException {
        Set<String> existing = new HashSet<>();
        for (Row r : ctx.tx().select("salary_scale", List.of())) {
            existing.add(r.get("department_id") + "/" + r.get("position") + "/" + r.get("seniority"));
        }
        for (Object department : ctx.tx().column("department", "id", List.of())) {
            for (String position : Choices.POSITIONS) {
                for (String seniority : Choices.SENIORITIES) {
                    if (existing.contains(department + "/" + position + "/" + seniority)) {
                        continue;
                    }
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", UUID.randomUUID());
                    row.put("created_at", ctx.now());
                    row.put("updated_at", ctx.now());
                    row.put("department_id", department);
                    row.put("position", position);
                    row.put("seniority", seniority);
                    row.put("salary", 0);
                    ctx.tx().insert("salary_scale", row);
                }
            }
        }
    }
}
