package org.zou4j.internal.user;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * The caller's saved search filters and filter groups (zou {@code user_service} filters): own ones plus the ones
 * shared in open projects, grouped by list type then project ({@code "all"} without project). Only a manager of the
 * project may share; a filter must share its group's sharing.
 */
public final class UserFilters extends UserSupport {
    private static final String FILTER = "search_filter";
    private static final String GROUP = "search_filter_group";
    private static final Set<String> MANAGER_ROLES = Set.of("manager");

    public UserFilters(CrudService crud, EventLog events) {
        super(crud, events);
    }

    /** {@code GET /data/user/filters}. */
    public Map<String, Object> filters(Caller caller) {
        return read(caller, this::filtersOf);
    }

    /** {@code GET /data/user/filter-groups}. */
    public Map<String, Object> filterGroups(Caller caller) {
        return read(caller, this::groupsOf);
    }

    Map<String, Object> filtersOf(HookContext ctx) throws SQLException {
        return grouped(ctx, FILTER, false);
    }

    Map<String, Object> groupsOf(HookContext ctx) throws SQLException {
        return grouped(ctx, GROUP, true);
    }

    private Map<String, Object> grouped(HookContext ctx, String table, boolean newestFirst) throws SQLException {
        UUID me = ctx.caller().personId();
        List<Row> rows = ctx.tx().select(table, List.of(
                Filter.or(Filter.eq("person_id", me), Filter.eq("is_shared", true)),
                Filter.or(new Filter.IsNull("project_id"), Filter.sub("project_id", "project", "id", openProjects()))));
        Comparator<Row> byCreation = Comparator.comparing(r -> (LocalDateTime) r.get("created_at"),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        rows.sort(newestFirst ? byCreation.reversed() : byCreation);
        boolean manager = isManagerOrMore(ctx.caller());
        Set<UUID> departments = new HashSet<>(myDepartments(ctx));
        List<Row> kept = new ArrayList<>();
        for (Row r : rows) {
            UUID department = (UUID) r.get("department_id");
            if (department == null || manager || departments.contains(department)) {
                kept.add(r);
            }
        }
        List<Map<String, Object>> dicts = serialize(ctx, table, kept);
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            Row r = kept.get(i);
            @SuppressWarnings("unchecked")
            Map<String, Object> byProject = (Map<String, Object>) result.computeIfAbsent(
                    (String) r.get("list_type"), k -> new LinkedHashMap<>());
            String project = r.get("project_id") == null ? "all" : r.get("project_id").toString();
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) byProject.computeIfAbsent(project, k -> new ArrayList<>());
            list.add(dicts.get(i));
        }
        return result;
    }

    // ---- filters ---------------------------------------------------------------------------------------------------

    /** {@code POST /data/user/filters}: body {@code name}, {@code query} (required), {@code list_type}, ... */
    public Map<String, Object> createFilter(Caller caller, Map<String, Object> body) {
        String name = requiredText(body, "name");
        String query = requiredText(body, "query");
        String listType = text(body, "list_type", "todo");
        UUID projectId = optionalId(body.get("project_id"), "project_id");
        UUID groupId = optionalId(body.get("search_filter_group_id"), "search_filter_group_id");
        UUID departmentId = optionalId(body.get("department_id"), "department_id");
        boolean shared = bool(body, "is_shared", false);
        return write(caller, ctx -> {
            boolean isShared = shared && projectId != null && managerOf(ctx, projectId);
            if (groupId != null) {
                Row group = ctx.tx().byId(GROUP, groupId);
                if (group == null) {
                    throw ZouException.notFound("Search filter group not found");
                }
                if (isShared != Boolean.TRUE.equals(group.get("is_shared"))) {
                    throw ZouException.wrongParameter("A search filter should have the same value for is_shared "
                            + "than its search filter group.");
                }
            }
            requireDepartment(ctx, departmentId);
            Map<String, Object> row = newRow(ctx);
            row.put("list_type", listType);
            row.put("entity_type", body.get("entity_type") == null ? null : body.get("entity_type").toString());
            row.put("name", name);
            row.put("search_query", query);
            row.put("is_shared", isShared);
            row.put("department_id", departmentId);
            row.put("search_filter_group_id", groupId);
            row.put("person_id", caller.personId());
            row.put("project_id", projectId);
            ctx.tx().insert(FILTER, row);
            return serializeOne(ctx, FILTER, ctx.tx().byId(FILTER, (UUID) row.get("id")));
        });
    }

    /** {@code PUT /data/user/filters/<id>}: own filter (or any, for an admin). */
    public Map<String, Object> updateFilter(Caller caller, String id, Map<String, Object> body) {
        UUID filterId = pathId(id);
        return write(caller, ctx -> {
            Row current = ownOrAsAdmin(ctx, FILTER, filterId, "Search filter not found");
            Map<String, Object> changes = new LinkedHashMap<>();
            if (body.get("name") != null) {
                changes.put("name", body.get("name").toString());
            }
            if (body.get("search_query") != null) {
                changes.put("search_query", body.get("search_query").toString());
            }
            if (body.get("project_id") != null) {
                changes.put("project_id", optionalId(body.get("project_id"), "project_id"));
            }
            UUID departmentId = optionalId(body.get("department_id"), "department_id");
            if (departmentId != null) {
                requireDepartment(ctx, departmentId);
                changes.put("department_id", departmentId);
            }
            if (body.get("is_shared") != null) {
                changes.put("is_shared", sharing(ctx, current, body, changes));
            }
            UUID groupId = (UUID) current.get("search_filter_group_id");
            if (body.containsKey("search_filter_group_id")) {
                groupId = optionalId(body.get("search_filter_group_id"), "search_filter_group_id");
                changes.put("search_filter_group_id", groupId);
            }
            if (groupId != null) {
                Row group = ctx.tx().byId(GROUP, groupId);
                if (group == null) {
                    throw ZouException.notFound("Search filter group not found");
                }
                boolean shared = Boolean.TRUE.equals(changes.getOrDefault("is_shared", current.get("is_shared")));
                if (shared != Boolean.TRUE.equals(group.get("is_shared"))) {
                    throw ZouException.wrongParameter("A search filter should have the same value for is_shared "
                            + "than its search filter group.");
                }
            }
            changes.put("updated_at", ctx.now());
            ctx.tx().updateById(FILTER, filterId, changes);
            return serializeOne(ctx, FILTER, ctx.tx().byId(FILTER, filterId));
        });
    }

    /** {@code DELETE /data/user/filters/<id>}. */
    public void deleteFilter(Caller caller, String id) {
        UUID filterId = pathId(id);
        write(caller, ctx -> {
            ownOrAsAdmin(ctx, FILTER, filterId, "Search filter not found");
            ctx.tx().delete(FILTER, List.of(Filter.eq("id", filterId)));
            return null;
        });
    }

    // ---- filter groups ---------------------------------------------------------------------------------------------

    /** {@code POST /data/user/filter-groups}: body {@code name} (required), {@code color}, {@code list_type}, ... */
    public Map<String, Object> createGroup(Caller caller, Map<String, Object> body) {
        String name = requiredText(body, "name");
        String listType = text(body, "list_type", "todo");
        String color = text(body, "color", "");
        UUID projectId = optionalId(body.get("project_id"), "project_id");
        UUID departmentId = optionalId(body.get("department_id"), "department_id");
        boolean shared = bool(body, "is_shared", false);
        return write(caller, ctx -> {
            boolean isShared = shared && projectId != null && managerOf(ctx, projectId);
            requireDepartment(ctx, departmentId);
            Map<String, Object> row = newRow(ctx);
            row.put("list_type", listType);
            row.put("entity_type", body.get("entity_type") == null ? null : body.get("entity_type").toString());
            row.put("name", name);
            row.put("color", color);
            row.put("is_shared", isShared);
            row.put("person_id", caller.personId());
            row.put("project_id", projectId);
            row.put("department_id", departmentId);
            ctx.tx().insert(GROUP, row);
            return serializeOne(ctx, GROUP, ctx.tx().byId(GROUP, (UUID) row.get("id")));
        });
    }

    /** {@code GET /data/user/filter-groups/<id>}. */
    public Map<String, Object> group(Caller caller, String id) {
        UUID groupId = pathId(id);
        return read(caller, ctx -> serializeOne(ctx, GROUP,
                ownOrAsAdmin(ctx, GROUP, groupId, "Search filter group not found")));
    }

    /** {@code PUT /data/user/filter-groups/<id>}: a sharing change is carried to the group's filters. */
    public Map<String, Object> updateGroup(Caller caller, String id, Map<String, Object> body) {
        UUID groupId = pathId(id);
        return write(caller, ctx -> {
            Row current = ownOrAsAdmin(ctx, GROUP, groupId, "Search filter group not found");
            Map<String, Object> changes = new LinkedHashMap<>();
            for (String key : List.of("name", "color")) {
                if (body.get(key) != null) {
                    changes.put(key, body.get(key).toString());
                }
            }
            if (body.get("project_id") != null) {
                changes.put("project_id", optionalId(body.get("project_id"), "project_id"));
            }
            UUID departmentId = optionalId(body.get("department_id"), "department_id");
            if (departmentId != null) {
                requireDepartment(ctx, departmentId);
                changes.put("department_id", departmentId);
            }
            if (body.get("is_shared") != null) {
                changes.put("is_shared", sharing(ctx, current, body, changes));
            }
            changes.put("updated_at", ctx.now());
            ctx.tx().updateById(GROUP, groupId, changes);
            if (changes.containsKey("is_shared")) {
                ctx.tx().update(FILTER, Map.of("is_shared", changes.get("is_shared"), "updated_at", ctx.now()),
                        List.of(Filter.eq("search_filter_group_id", groupId)));
            }
            return serializeOne(ctx, GROUP, ctx.tx().byId(GROUP, groupId));
        });
    }

    /** {@code DELETE /data/user/filter-groups/<id>}: its filters go with it. */
    public void deleteGroup(Caller caller, String id) {
        UUID groupId = pathId(id);
        write(caller, ctx -> {
            ownOrAsAdmin(ctx, GROUP, groupId, "Search filter group not found");
            ctx.tx().delete(FILTER, List.of(Filter.eq("search_filter_group_id", groupId)));
            ctx.tx().delete(GROUP, List.of(Filter.eq("id", groupId)));
            return null;
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /**
     * The sharing value to store: a change the caller may not make (no project, or not a manager of it) silently
     * becomes {@code false}, as Zou does.
     */
    private boolean sharing(HookContext ctx, Row current, Map<String, Object> body, Map<String, Object> changes)
            throws SQLException {
        boolean wanted = Boolean.TRUE.equals(toBool(body.get("is_shared"), "is_shared"));
        boolean now = Boolean.TRUE.equals(current.get("is_shared"));
        if (wanted == now) {
            return wanted;
        }
        UUID projectId = changes.containsKey("project_id") ? (UUID) changes.get("project_id")
                : (UUID) current.get("project_id");
        if (projectId == null || !managerOf(ctx, projectId)) {
            return false;
        }
        return wanted;
    }

    private static boolean managerOf(HookContext ctx, UUID projectId) throws SQLException {
        if (ctx.tx().byId("project", projectId) == null) {
            return false;
        }
        return ctx.access().hasProjectRole(projectId, MANAGER_ROLES);
    }

    private static Row ownOrAsAdmin(HookContext ctx, String table, UUID id, String notFound) throws SQLException {
        Row row = ctx.tx().byId(table, id);
        if (row == null || !(Objects.equals(row.get("person_id"), ctx.caller().personId())
                || ctx.caller().isAdmin())) {
            throw ZouException.notFound(notFound);
        }
        return row;
    }

    private static void requireDepartment(HookContext ctx, UUID departmentId) throws SQLException {
        if (departmentId != null && ctx.tx().byId("department", departmentId) == null) {
            throw ZouException.wrongParameter("No department found with id: " + departmentId);
        }
    }

    private static Map<String, Object> newRow(HookContext ctx) {
        Map<String, Object> row = new LinkedHashMap<>();
        LocalDateTime now = ctx.now();
        row.put("id", UUID.randomUUID());
        row.put("created_at", now);
        row.put("updated_at", now);
        return row;
    }

    static String requiredText(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw ZouException.wrongParameter("Field '" + key + "' is required and must be a non-empty string.");
        }
        return s;
    }

    static String text(Map<String, Object> body, String key, String fallback) {
        Object v = body.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw ZouException.wrongParameter("Field '" + key + "' must be a string.");
        }
        return s;
    }

    static boolean bool(Map<String, Object> body, String key, boolean fallback) {
        Boolean b = toBool(body.get(key), key);
        return b == null ? fallback : b;
    }

    static Boolean toBool(Object v, String key) {
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("1")) {
            return true;
        }
        if (s.equals("false") || s.equals("0")) {
            return false;
        }
        throw ZouException.wrongParameter("Field '" + key + "' must be a boolean.");
    }

}
