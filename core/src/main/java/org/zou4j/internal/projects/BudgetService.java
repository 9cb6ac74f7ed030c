package org.zou4j.internal.projects;

import static org.zou4j.internal.crud.BodyFields.optionalDouble;
import static org.zou4j.internal.crud.BodyFields.optionalInt;
import static org.zou4j.internal.crud.BodyFields.optionalText;
import static org.zou4j.internal.crud.BodyFields.requiredText;
import static org.zou4j.internal.crud.BodyFields.validation;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BodyFields;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.model.Choice;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's production budgets ({@code /data/projects/<id>/budgets...}): budgets with an increasing revision and their
 * entries, for the project's managers only (Zou's {@code check_manager_project_access}). Emits Zou's
 * {@code budget:create/update/delete} and {@code budget-entry:create/update/delete} events.
 */
public final class BudgetService extends ServiceSupport {
    private static final List<String> ENTRY_FIELDS = List.of("department_id", "person_id", "start_date",
            "months_duration", "daily_salary", "position", "seniority", "exceptions");

    public BudgetService(CrudService crud, EventLog events) {
        super(crud, events);
    }

    /** Zou's {@code check_id_parameter}: a path id that is not a UUID is a 400 "Wrong UUID format.". */
    static UUID pathId(String text) {
        UUID id = idOrNull(text);
        if (id == null) {
            throw ZouException.wrongParameter("Wrong UUID format.");
        }
        return id;
    }

    /** {@code GET /data/projects/<id>/budgets}: the project's budgets, by revision. */
    public List<Map<String, Object>> budgets(Caller caller, String projectIdText) {
        UUID projectId = projectId(projectIdText);
        return read(caller, ctx -> {
            requireManager(ctx, projectId);
            return many(ctx, "budget", ctx.tx().select("budget", List.of(Filter.eq("project_id", projectId)),
                    List.of(Tx.Order.asc("revision")), 0, 0), false);
        });
    }

    /** {@code POST /data/projects/<id>/budgets}: body {@code name} (required), {@code currency} (default USD). */
    public Map<String, Object> createBudget(Caller caller, String projectIdText, Map<String, Object> rawBody) {
        UUID projectId = projectId(projectIdText);
        Map<String, Object> body = BodyFields.of(rawBody);
        String name = requiredText(body, "name");
        String currency = optionalText(body, "currency", "USD");
        return write(caller, ctx -> {
            requireManager(ctx, projectId);
            List<Row> last = ctx.tx().select("budget", List.of(Filter.eq("project_id", projectId)),
                    List.of(Tx.Order.desc("revision")), 1, 0);
            int revision = last.isEmpty() ? 1 : ((Number) last.get(0).get("revision")).intValue() + 1;
            Map<String, Object> row = newRow(ctx);
            row.put("project_id", projectId);
            row.put("name", name);
            row.put("currency", currency);
            row.put("revision", revision);
            ctx.tx().insert("budget", row);
            UUID id = (UUID) row.get("id");
            ctx.events().emit("budget:create", Map.of("budget_id", id.toString()), projectId);
            return one(ctx, "budget", ctx.tx().byId("budget", id));
        });
    }

    /** {@code GET /data/projects/<id>/budgets/<budget_id>}: 404 when the budget is not in that project. */
    public Map<String, Object> budget(Caller caller, String projectIdText, String budgetIdText) {
        UUID projectId = projectId(projectIdText);
        UUID budgetId = pathId(budgetIdText);
        return read(caller, ctx -> {
            requireManager(ctx, projectId);
            return oneWithRelations(ctx, "budget", requireBudget(ctx, projectId, budgetId));
        });
    }

    /** {@code PUT /data/projects/<id>/budgets/<budget_id>}: body {@code name}, {@code currency} (both optional). */
    public Map<String, Object> updateBudget(Caller caller, String projectIdText, String budgetIdText,
                                            Map<String, Object> rawBody) {
        UUID projectId = projectId(projectIdText);
        UUID budgetId = pathId(budgetIdText);
        Map<String, Object> body = BodyFields.of(rawBody);
        String name = optionalText(body, "name", null);
        String currency = optionalText(body, "currency", null);
        return write(caller, ctx -> {
            requireManager(ctx, projectId);
            requireBudget(ctx, projectId, budgetId);
            Map<String, Object> changes = new LinkedHashMap<>();
            if (name != null) {
                changes.put("name", name);
            }
            if (currency != null) {
                changes.put("currency", convert("budget", "currency", currency));
            }
            changes.put("updated_at", ctx.now());
            ctx.tx().updateById("budget", budgetId, changes);
            ctx.events().emit("budget:update", Map.of("budget_id", budgetId.toString()), projectId);
            return one(ctx, "budget", ctx.tx().byId("budget", budgetId));
        });
    }

    /** {@code DELETE /data/projects/<id>/budgets/<budget_id>}: deletes the budget and its entries. */
    public void deleteBudget(Caller caller, String projectIdText, String budgetIdText) {
        UUID projectId = projectId(projectIdText);
        UUID budgetId = pathId(budgetIdText);
        write(caller, ctx -> {
            requireManager(ctx, projectId);
            requireBudget(ctx, projectId, budgetId);
            ctx.tx().delete("budget_entry", List.of(Filter.eq("budget_id", budgetId)));
            ctx.tx().delete("budget", List.of(Filter.eq("id", budgetId)));
            ctx.events().emit("budget:delete", Map.of("budget_id", budgetId.toString()), projectId);
            return null;
        });
    }

    // ---- entries ---------------------------------------------------------------------------------------------------

    /** {@code GET /data/projects/<id>/budgets/<budget_id>/entries}. */
    public List<Map<String, Object>> entries(Caller caller, String projectIdText, String budgetIdText) {
        UUID projectId = projectId(projectIdText);
        UUID budgetId = pathId(budgetIdText);
        return read(caller, ctx -> {
            requireManager(ctx, projectId);
            requireBudget(ctx, projectId, budgetId);
            return many(ctx, "budget_entry", ctx.tx().select("budget_entry",
                    List.of(Filter.eq("budget_id", budgetId)), List.of(Tx.Order.asc("created_at")), 0, 0), false);
        });
    }

    /**
     * {@code POST /data/projects/<id>/budgets/<budget_id>/entries}: body {@code department_id} (required),
     * {@code person_id, start_date, months_duration, daily_salary, position, seniority}.
     */
    public Map<String, Object> createEntry(Caller caller, String projectIdText, String budgetIdText,
                                           Map<String, Object> rawBody) {
        UUID projectId = projectId(projectIdText);
        UUID budgetId = pathId(budgetIdText);
        Map<String, Object> body = BodyFields.of(rawBody);
        String departmentText = requiredText(body, "department_id");
        String personText = optionalText(body, "person_id", null);
        String startDate = optionalText(body, "start_date", null);
        Integer months = optionalInt(body, "months_duration");
        Double salary = optionalDouble(body, "daily_salary");
        String position = optionalText(body, "position", null);
        String seniority = optionalText(body, "seniority", null);
        return write(caller, ctx -> {
            requireManager(ctx, projectId);
            requireBudget(ctx, projectId, budgetId);
            Map<String, Object> row = newRow(ctx);
            row.put("budget_id", budgetId);
            row.put("department_id", requireRef(ctx, "department", "Department", departmentText).id());
            if (personText != null) {
                row.put("person_id", requireRef(ctx, "person", "Person", personText).id());
            }
            row.put("start_date", startDate == null ? null : convert("budget_entry", "start_date", startDate));
            row.put("months_duration", months);
            row.put("daily_salary", salary);
            if (position != null) {
                row.put("position", convert("budget_entry", "position", position));
            }
            if (seniority != null) {
                row.put("seniority", convert("budget_entry", "seniority", seniority));
            }
            row.put("exceptions", convert("budget_entry", "exceptions", Map.of()));
            for (String required : List.of("start_date", "months_duration", "daily_salary")) {
                if (row.get(required) == null) {
                    throw validation(required, "Field required");
                }
            }
            ctx.tx().insert("budget_entry", row);
            UUID id = (UUID) row.get("id");
            ctx.events().emit("budget-entry:create", Map.of("budget_id", budgetId.toString(),
                    "budget_entry_id", id.toString()), projectId);
            return one(ctx, "budget_entry", ctx.tx().byId("budget_entry", id));
        });
    }

    /** {@code GET /data/projects/<id>/budgets/<budget_id>/entries/<entry_id>}. */
    public Map<String, Object> entry(Caller caller, String projectIdText, String budgetIdText, String entryIdText) {
        UUID projectId = projectId(projectIdText);
        UUID budgetId = pathId(budgetIdText);
        UUID entryId = pathId(entryIdText);
        return read(caller, ctx -> {
            requireManager(ctx, projectId);
            requireBudget(ctx, projectId, budgetId);
            return one(ctx, "budget_entry", requireEntry(ctx, budgetId, entryId));
        });
    }

    /**
     * {@code PUT /data/projects/<id>/budgets/<budget_id>/entries/<entry_id>}: changes the given fields;
     * {@code exceptions} (month -> days) drops months set to zero or null, as Zou's {@code _clean_exceptions}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> updateEntry(Caller caller, String projectIdText, String budgetIdText,
                                           String entryIdText, Map<String, Object> rawBody) {
        UUID projectId = projectId(projectIdText);
        UUID budgetId = pathId(budgetIdText);
        UUID entryId = pathId(entryIdText);
        Map<String, Object> body = BodyFields.of(rawBody);
        Integer months = optionalInt(body, "months_duration");
        Double salary = optionalDouble(body, "daily_salary");
        Object exceptions = body.get("exceptions");
        if (exceptions != null && !(exceptions instanceof Map<?, ?>)) {
            throw validation("exceptions", "Input should be a valid dictionary");
        }
        for (String key : List.of("department_id", "person_id", "start_date", "position", "seniority")) {
            optionalText(body, key, null);
        }
        return write(caller, ctx -> {
            requireManager(ctx, projectId);
            requireBudget(ctx, projectId, budgetId);
            requireEntry(ctx, budgetId, entryId);
            Map<String, Object> changes = new LinkedHashMap<>();
            for (String key : ENTRY_FIELDS) {
                if (!body.containsKey(key)) {
                    continue;
                }
                Object value = body.get(key);
                switch (key) {
                    case "department_id" -> {
                        if (value != null) {
                            changes.put(key, requireRef(ctx, "department", "Department", (String) value).id());
                        }
                    }
                    case "person_id" -> changes.put(key, value == null ? null
                            : requireRef(ctx, "person", "Person", (String) value).id());
                    case "months_duration" -> {
                        if (months != null) {
                            changes.put(key, months);
                        }
                    }
                    case "daily_salary" -> {
                        if (salary != null) {
                            changes.put(key, salary);
                        }
                    }
                    case "exceptions" -> changes.put(key, convert("budget_entry", key,
                            cleanExceptions((Map<String, Object>) value)));
                    default -> {
                        if (value != null) {
                            changes.put(key, convert("budget_entry", key, value));
                        }
                    }
                }
            }
            changes.put("updated_at", ctx.now());
            ctx.tx().updateById("budget_entry", entryId, changes);
            ctx.events().emit("budget-entry:update", Map.of("budget_id", budgetId.toString(),
                    "budget_entry_id", entryId.toString()), projectId);
            return one(ctx, "budget_entry", ctx.tx().byId("budget_entry", entryId));
        });
    }

    /** {@code DELETE /data/projects/<id>/budgets/<budget_id>/entries/<entry_id>}. */
    public void deleteEntry(Caller caller, String projectIdText, String budgetIdText, String entryIdText) {
        UUID projectId = projectId(projectIdText);
        UUID budgetId = pathId(budgetIdText);
        UUID entryId = pathId(entryIdText);
        write(caller, ctx -> {
            requireManager(ctx, projectId);
            requireBudget(ctx, projectId, budgetId);
            requireEntry(ctx, budgetId, entryId);
            ctx.tx().delete("budget_entry", List.of(Filter.eq("id", entryId)));
            ctx.events().emit("budget-entry:delete", Map.of("budget_id", budgetId.toString(),
                    "budget_entry_id", entryId.toString()), projectId);
            return null;
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static Map<String, Object> cleanExceptions(Map<String, Object> exceptions) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (exceptions == null) {
            return out;
        }
        for (Map.Entry<String, Object> e : exceptions.entrySet()) {
            Object v = e.getValue();
            int days;
            if (v == null) {
                continue;
            } else if (v instanceof Number n) {
                days = n.intValue();
            } else {
                try {
                    days = Integer.parseInt(v.toString().trim());
                } catch (NumberFormatException ex) {
                    throw validation("exceptions", "Input should be a valid integer");
                }
            }
            if (days > 0) {
                out.put(e.getKey(), days);
            }
        }
        return out;
    }

    private static Row requireBudget(HookContext ctx, UUID projectId, UUID budgetId) throws SQLException {
        Row budget = ctx.tx().byId("budget", budgetId);
        if (budget == null || !projectId.equals(budget.get("project_id"))) {
            throw ZouException.notFound("Budget not found");
        }
        return budget;
    }

    private static Row requireEntry(HookContext ctx, UUID budgetId, UUID entryId) throws SQLException {
        Row entry = ctx.tx().byId("budget_entry", entryId);
        if (entry == null || !budgetId.equals(entry.get("budget_id"))) {
            throw ZouException.notFound("Budget entry not found");
        }
        return entry;
    }

    private Object convert(String table, String column, Object value) {
        Column c = model(table).table().column(column);
        Object converted = crud.values().fromJson(c, value);
        Choice choice = model(table).def().choices().get(column);
        if (choice != null && converted != null) {
            Values.checkChoice(choice, converted);
        }
        return converted;
    }

    static Map<String, Object> newRow(HookContext ctx) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", UUID.randomUUID());
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        return row;
    }
}
