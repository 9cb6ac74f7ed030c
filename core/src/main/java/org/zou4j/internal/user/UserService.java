package org.zou4j.internal.user;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's {@code user} blueprint, the signed-in person's view (zou {@code user_service}): the start-up context, open
 * projects, to-dos, done tasks, tasks to check and the navigation of the entities the person works on. Everything is
 * scoped to the caller: open projects of their team, tasks assigned to them.
 */
public final class UserService extends UserSupport {
    /** Zou's default {@code USER_LIMIT}. */
    private static final int USER_LIMIT = 100;

    private final UserFilters filters;
    private final int userLimit;

    public UserService(CrudService crud, EventLog events, UserFilters filters) {
        this(crud, events, filters, USER_LIMIT);
    }

    /** With Zou's {@code USER_LIMIT} as configured, shown to admins in the context. */
    public UserService(CrudService crud, EventLog events, UserFilters filters, int userLimit) {
        super(crud, events);
        this.filters = filters;
        this.userLimit = userLimit;
    }

    // ---- context ---------------------------------------------------------------------------------------------------

    /** {@code GET /data/user/context}: everything Kitsu loads after login, scoped to the caller. */
    public Map<String, Object> context(Caller caller) {
        return read(caller, ctx -> {
            Tx tx = ctx.tx();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("asset_types", assetTypes(ctx));
            c.put("custom_actions", serialize(ctx, "custom_action", tx.select("custom_action", List.of())));
            c.put("status_automations", serialize(ctx, "status_automation",
                    tx.select("status_automation", List.of())));
            c.put("departments", serialize(ctx, "department", tx.select("department", List.of())));
            c.put("studios", serialize(ctx, "studio", tx.select("studio", List.of())));
            c.put("notification_count", tx.count("notification", List.of(
                    Filter.eq("person_id", caller.personId()), Filter.eq("read", false))));
            c.put("persons", persons(ctx));
            c.put("project_status", serialize(ctx, "project_status", tx.select("project_status", List.of())));
            c.put("project_roles", projectRoles(ctx));
            c.put("projects", openProjects(ctx, null));
            c.put("task_types", serialize(ctx, "task_type", tx.select("task_type", List.of())));
            c.put("task_status", serialize(ctx, "task_status", tx.select("task_status", List.of())));
            c.put("search_filters", filters.filtersOf(ctx));
            c.put("search_filter_groups", filters.groupsOf(ctx));
            c.put("preview_background_files", serialize(ctx, "preview_background_file",
                    tx.select("preview_background_file", List.of())));
            c.put("plugins", plugins(ctx));
            if (caller.isAdmin()) {
                c.put("user_limit", userLimit);
            }
            return c;
        });
    }

    private List<Map<String, Object>> assetTypes(HookContext ctx) throws SQLException {
        List<Row> rows = ctx.tx().select("entity_type", List.of(Filter.not(
                Filter.in("name", List.copyOf(Choices.TEMPORAL_ENTITY_TYPES)))));
        List<Map<String, Object>> out = serialize(ctx, "entity_type", rows);
        for (Map<String, Object> m : out) {
            m.put("type", "AssetType");
        }
        return out;
    }

    /** Persons without guests: the safe dict for managers and admins, Zou's minimal dict otherwise. */
    private List<Map<String, Object>> persons(HookContext ctx) throws SQLException {
        List<Row> rows = ctx.tx().select("person", List.of(Filter.eq("is_guest", false)));
        List<Map<String, Object>> out = serializeWithRelations(ctx, "person", rows);
        if (isManagerOrMore(ctx.caller())) {
            return out;
        }
        List<Map<String, Object>> minimal = new ArrayList<>(out.size());
        for (Map<String, Object> m : out) {
            minimal.add(model("person").access().shape(ctx.access(), m, false));
        }
        return minimal;
    }

    /** Project id → the caller's explicit project role (projects where the global role applies are absent). */
    private Map<String, Object> projectRoles(HookContext ctx) throws SQLException {
        Map<String, Object> roles = new LinkedHashMap<>();
        for (Row link : ctx.tx().select("project_person_link", List.of(
                Filter.eq("person_id", ctx.caller().personId())))) {
            if (link.get("role") != null) {
                roles.put(link.get("project_id").toString(), link.get("role"));
            }
        }
        return roles;
    }

    private List<Map<String, Object>> plugins(HookContext ctx) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : ctx.tx().select("plugin", List.of())) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String key : List.of("id", "plugin_id", "name", "description", "version", "maintainer_name",
                    "maintainer_email", "frontend_project_enabled", "frontend_studio_enabled", "icon")) {
                m.put(key, json(r.get(key)));
            }
            out.add(m);
        }
        return out;
    }

    // ---- open projects ---------------------------------------------------------------------------------------------

    /** {@code GET /data/user/projects/open}: open projects (admin: all; others: their team's) with extra data. */
    public List<Map<String, Object>> openProjects(Caller caller, String name) {
        return read(caller, ctx -> openProjects(ctx, name));
    }

    private List<Map<String, Object>> openProjects(HookContext ctx, String name) throws SQLException {
        Caller caller = ctx.caller();
        List<Filter> where = new ArrayList<>();
        where.add(openProjects());
        if (name != null) {
            where.add(Filter.eq("name", name));
        }
        if (!caller.isAdmin()) {
            where.add(Filter.sub("id", "project_person_link", "project_id", Filter.eq("person_id",
                    caller.personId())));
        }
        Tx tx = ctx.tx();
        List<Row> rows = tx.select("project", where, List.of(Tx.Order.asc("name")), 0, 0);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(Row::id).toList();
        List<Map<String, Object>> out = serializeWithRelations(ctx, "project", rows);
        Map<UUID, List<Map<String, Object>>> descriptors = descriptors(ctx, ids);
        Map<UUID, Map<String, Object>> priorities = new HashMap<>();
        for (Row l : byIds(tx, "project_task_type_link", "project_id", ids)) {
            priorities.computeIfAbsent((UUID) l.get("project_id"), k -> new LinkedHashMap<>())
                    .put(l.get("task_type_id").toString(), l.get("priority"));
        }
        Map<UUID, Map<String, Object>> statusLinks = new HashMap<>();
        for (Row l : byIds(tx, "project_task_status_link", "project_id", ids)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("priority", l.get("priority"));
            Object roles = json(l.get("roles_for_board"));
            v.put("roles_for_board", roles == null ? List.of() : roles);
            statusLinks.computeIfAbsent((UUID) l.get("project_id"), k -> new LinkedHashMap<>())
                    .put(l.get("task_status_id").toString(), v);
        }
        Map<UUID, UUID> firstEpisodes = firstEpisodes(ctx, rows);
        for (int i = 0; i < rows.size(); i++) {
            UUID id = rows.get(i).id();
            Map<String, Object> p = out.get(i);
            p.put("descriptors", descriptors.getOrDefault(id, List.of()));
            p.put("task_types_priority", priorities.getOrDefault(id, Map.of()));
            p.put("task_statuses_link", statusLinks.getOrDefault(id, Map.of()));
            if (firstEpisodes.containsKey(id)) {
                p.put("first_episode_id", firstEpisodes.get(id).toString());
            }
        }
        return out;
    }

    /** Metadata descriptors per project; clients get the client ones, vendors those of their departments. */
    private Map<UUID, List<Map<String, Object>>> descriptors(HookContext ctx, List<UUID> projectIds)
            throws SQLException {
        Tx tx = ctx.tx();
        List<Row> rows = byIds(tx, "metadata_descriptor", "project_id", projectIds);
        rows.sort(Comparator.comparing((Row r) -> r.get("position") == null ? Integer.MAX_VALUE
                : ((Number) r.get("position")).intValue()).thenComparing(r -> (String) r.get("name")));
        Map<UUID, List<String>> departments = new HashMap<>();
        for (Row l : byIds(tx, "department_metadata_descriptor_link", "metadata_descriptor_id",
                rows.stream().map(Row::id).toList())) {
            departments.computeIfAbsent((UUID) l.get("metadata_descriptor_id"), k -> new ArrayList<>())
                    .add(l.get("department_id").toString());
        }
        boolean client = ctx.caller().hasRole("client");
        Set<String> vendorDepartments = null;
        if (ctx.caller().hasRole("vendor")) {
            vendorDepartments = new HashSet<>();
            for (UUID d : myDepartments(ctx)) {
                vendorDepartments.add(d.toString());
            }
        }
        Map<UUID, List<Map<String, Object>>> out = new HashMap<>();
        for (Row r : rows) {
            List<String> deps = departments.getOrDefault(r.id(), List.of());
            if (client && !Boolean.TRUE.equals(r.get("for_client"))) {
                continue;
            }
            if (vendorDepartments != null && !deps.isEmpty() && deps.stream().noneMatch(vendorDepartments::contains)) {
                continue;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", r.id().toString());
            d.put("name", r.get("name"));
            d.put("field_name", r.get("field_name"));
            d.put("data_type", r.get("data_type"));
            d.put("choices", json(r.get("choices")));
            d.put("for_client", Boolean.TRUE.equals(r.get("for_client")));
            d.put("entity_type", r.get("entity_type"));
            d.put("task_type_id", json(r.get("task_type_id")));
            d.put("position", r.get("position"));
            d.put("departments", deps);
            out.computeIfAbsent((UUID) r.get("project_id"), k -> new ArrayList<>()).add(d);
        }
        return out;
    }

    /** A TV show's first episode: the first running one by name, else the first by name. */
    private Map<UUID, UUID> firstEpisodes(HookContext ctx, List<Row> projects) throws SQLException {
        List<UUID> tvshows = projects.stream().filter(p -> "tvshow".equals(p.get("production_type")))
                .map(Row::id).toList();
        Map<UUID, UUID> out = new HashMap<>();
        if (tvshows.isEmpty()) {
            return out;
        }
        UUID episodeType = typeId(ctx.tx(), "Episode");
        if (episodeType == null) {
            return out;
        }
        List<Row> episodes = ctx.tx().select("entity", List.of(Filter.in("project_id", tvshows),
                Filter.eq("entity_type_id", episodeType)), List.of(Tx.Order.asc("name")), 0, 0);
        for (Row e : episodes) {
            if ("running".equals(e.get("status"))) {
                out.putIfAbsent((UUID) e.get("project_id"), e.id());
            }
        }
        for (Row e : episodes) {
            out.putIfAbsent((UUID) e.get("project_id"), e.id());
        }
        return out;
    }

    static UUID typeId(Tx tx, String name) throws SQLException {
        List<Object> ids = tx.column("entity_type", "id", List.of(Filter.eq("name", name)));
        return ids.isEmpty() ? null : (UUID) ids.get(0);
    }
}
