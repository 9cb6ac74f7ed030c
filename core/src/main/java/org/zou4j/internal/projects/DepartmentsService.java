package org.zou4j.internal.projects;

import static org.zou4j.internal.crud.BodyFields.requiredText;
import static org.zou4j.internal.crud.BodyFields.validation;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BodyFields;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code departments} blueprint: the software licenses and hardware items linked to departments (admins only).
 */
public final class DepartmentsService extends ServiceSupport {

    /** The two kinds of department equipment. */
    public enum Equipment {
        SOFTWARE("software", "software_department_link", "software_id", "Software"),
        HARDWARE("hardware_item", "hardware_item_department_link", "hardware_item_id", "Hardware item");

        final String table;
        final String linkTable;
        final String column;
        final String label;

        Equipment(String table, String linkTable, String column, String label) {
            this.table = table;
            this.linkTable = linkTable;
            this.column = column;
            this.label = label;
        }
    }

    public DepartmentsService(CrudService crud, EventLog events) {
        super(crud, events);
    }

    /** {@code GET /data/departments/(software-licenses|hardware-items)}: department id -> linked items. */
    public Map<String, Object> byDepartment(Caller caller, Equipment kind) {
        return read(caller, ctx -> {
            requireAdmin(ctx);
            Map<UUID, Row> items = new LinkedHashMap<>();
            for (Row r : ctx.tx().select(kind.table, List.of(), List.of(Tx.Order.asc("name")), 0, 0)) {
                items.put(r.id(), r);
            }
            Map<String, List<Row>> grouped = new LinkedHashMap<>();
            for (Row link : ctx.tx().select(kind.linkTable, List.of(), List.of(Tx.Order.asc("created_at")), 0, 0)) {
                Row item = items.get((UUID) link.get(kind.column));
                if (item != null) {
                    grouped.computeIfAbsent(link.get("department_id").toString(), k -> new ArrayList<>()).add(item);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, List<Row>> e : grouped.entrySet()) {
                out.put(e.getKey(), many(ctx, kind.table, e.getValue(), false));
            }
            return out;
        });
    }

    /**
     * {@code POST /data/departments/<id>/(software-licenses|hardware-items)}: body {@code software_id} or
     * {@code hardware_item_id}; links it (once) and answers the link.
     */
    public Map<String, Object> add(Caller caller, String departmentIdText, Equipment kind,
                                   Map<String, Object> rawBody) {
        String itemText = requiredText(BodyFields.of(rawBody), kind.column);
        UUID itemId = idOrNull(itemText);
        if (itemId == null) {
            throw validation(kind.column, "Input should be a valid UUID");
        }
        return write(caller, ctx -> {
            requireAdmin(ctx);
            UUID departmentId = requireDepartment(ctx, departmentIdText);
            requireItem(ctx, kind, itemId);
            List<Filter> key = key("department_id", departmentId, kind.column, itemId);
            List<Row> found = ctx.tx().select(kind.linkTable, key);
            if (found.isEmpty()) {
                Map<String, Object> link = BudgetService.newRow(ctx);
                link.put("department_id", departmentId);
                link.put(kind.column, itemId);
                ctx.tx().insert(kind.linkTable, link);
                found = ctx.tx().select(kind.linkTable, key);
            }
            return linkJson(found.get(0), kind);
        });
    }

    /**
     * {@code GET /data/departments/<id>/(software-licenses|hardware-items)/<item_id>}: the item when linked to the
     * department, else 404 (Zou's resource fails on this route).
     */
    public Map<String, Object> get(Caller caller, String departmentIdText, Equipment kind, String itemIdText) {
        return read(caller, ctx -> {
            requireAdmin(ctx);
            UUID departmentId = requireDepartment(ctx, departmentIdText);
            Row item = requireItem(ctx, kind, BudgetService.pathId(itemIdText));
            if (!ctx.tx().exists(kind.linkTable, key("department_id", departmentId, kind.column, item.id()))) {
                throw ZouException.notFound(kind.label + " not linked to the department");
            }
            return one(ctx, kind.table, item);
        });
    }

    /** {@code DELETE /data/departments/<id>/(software-licenses|hardware-items)/<item_id>}: unlinks (204). */
    public void remove(Caller caller, String departmentIdText, Equipment kind, String itemIdText) {
        write(caller, ctx -> {
            requireAdmin(ctx);
            UUID departmentId = requireDepartment(ctx, departmentIdText);
            Row item = requireItem(ctx, kind, BudgetService.pathId(itemIdText));
            ctx.tx().delete(kind.linkTable, key("department_id", departmentId, kind.column, item.id()));
            return null;
        });
    }

    private static UUID requireDepartment(HookContext ctx, String text) throws SQLException {
        UUID id = BudgetService.pathId(text);
        if (ctx.tx().byId("department", id) == null) {
            throw ZouException.notFound("Department not found");
        }
        return id;
    }

    private static Row requireItem(HookContext ctx, Equipment kind, UUID id) throws SQLException {
        Row item = ctx.tx().byId(kind.table, id);
        if (item == null) {
            throw ZouException.notFound(kind.label + " not found");
        }
        return item;
    }

    private Map<String, Object> linkJson(Row link, Equipment kind) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", json(link.get("id")));
        json.put("created_at", json(link.get("created_at")));
        json.put("updated_at", json(link.get("updated_at")));
        json.put("department_id", json(link.get("department_id")));
        json.put(kind.column, json(link.get(kind.column)));
        json.put("type", kind == Equipment.SOFTWARE ? "SoftwareDepartmentLink" : "HardwareItemDepartmentLink");
        return json;
    }
}
