package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Task (reference §5.4, §7.3): POST defaults the name to {@code main}, needs an existing task type and entity that
 * match, refuses duplicates; PUT merges a non-empty {@code data} object and emits {@code task:assign} /
 * {@code task:unassign} per changed assignee; {@code ?force=true} deletes what hangs off the task; the delete event
 * carries the entity and task type.
 */
final class TaskHooks implements ModelHooks {
    static final String DEFAULT_NAME = "main";
    static final String TYPE_MISMATCH = "Task type of the task does not match entity type.";
    static final String ALREADY_EXISTS = "Task already exists.";
    private static final String ASSIGNEES_BEFORE = "task.assignees_before";

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) {
        if (current == null) {
            Object name = body.get("name");
            if (name == null || "".equals(name)) {
                body.put("name", DEFAULT_NAME);
            }
        }
    }

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        List<String> missing = new ArrayList<>();
        for (String key : List.of("task_type_id", "entity_id")) {
            if (values.get(key) == null) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw ZouException.plain(ErrorCode.MISSING_FIELD, "A required field is missing.",
                    Map.of("fields", missing));
        }
        Row taskType = ctx.tx().byId("task_type", (UUID) values.get("task_type_id"));
        if (taskType == null) {
            throw ZouException.notFound("Task type " + values.get("task_type_id") + " not found.");
        }
        // through the operation's row memo: the create's permission check has usually read it already
        Row entity = ctx.access().row("entity", (UUID) values.get("entity_id"));
        if (entity == null) {
            throw ZouException.notFound("Entity " + values.get("entity_id") + " not found.");
        }
        checkTypeMatches(ctx, taskType, entity);
        if (values.get("project_id") == null) {
            values.put("project_id", entity.get("project_id"));
        }
        if (values.get("task_status_id") == null) {
            // The default of concepts (Neutral) for a concept's task, the default of tasks (Todo) otherwise.
            Row type = ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
            boolean concept = type != null && "Concept".equals(type.get("name"));
            List<Object> defaults = ctx.tx().column("task_status", "id",
                    List.of(Filter.eq("is_default", true), Filter.eq("for_concept", concept)));
            if (defaults.isEmpty()) {
                defaults = ctx.tx().column("task_status", "id", List.of(Filter.eq("is_default", true)));
            }
            if (!defaults.isEmpty()) {
                values.put("task_status_id", defaults.get(0));
            }
        }
        if (ctx.tx().exists("task", List.of(Filter.eq("name", values.get("name")),
                HookSupport.eqOrNull("project_id", values.get("project_id")),
                Filter.eq("task_type_id", taskType.id()), Filter.eq("entity_id", entity.id())))) {
            throw ZouException.plain(ErrorCode.DUPLICATE, ALREADY_EXISTS);
        }
    }

    /** A task type for assets needs an asset; any other names the entity's type (e.g. Shot). */
    private static void checkTypeMatches(HookContext ctx, Row taskType, Row entity) throws SQLException {
        Object forEntity = taskType.get("for_entity");
        UUID entityType = (UUID) entity.get("entity_type_id");
        boolean matches = "Asset".equals(forEntity) ? "Asset".equals(EntityHooks.kind(ctx, entityType))
                : forEntity != null && forEntity.equals(EntityHooks.typeName(ctx, entityType));
        if (!matches) {
            throw new ZouException(ErrorCode.WRONG_PARAMETER, TYPE_MISMATCH);
        }
    }

    @Override
    public void beforeUpdate(HookContext ctx, Row current, Map<String, Object> changes, Map<String, Object> body)
            throws SQLException {
        // unlike entities, only a non-empty object is merged; {} or null replace the stored data
        if (body.get("data") instanceof Map<?, ?> map && !map.isEmpty()) {
            changes.put("data", HookSupport.toJson(ctx, EntityHooks.mergeData(ctx, current.get("data"), map)));
        }
        if (body.containsKey("assignees")) {
            Map<UUID, Set<String>> before = ctx.cached(ASSIGNEES_BEFORE, HashMap::new);
            before.put(current.id(), assignees(ctx, current.id()));
        }
    }

    @Override
    public void afterUpdate(HookContext ctx, Row before, Row after) throws SQLException {
        Map<UUID, Set<String>> cached = ctx.cached(ASSIGNEES_BEFORE, HashMap::new);
        Set<String> old = cached.remove(after.id());
        if (old == null) {
            return;
        }
        Set<String> now = assignees(ctx, after.id());
        UUID project = (UUID) after.get("project_id");
        for (String person : now) {
            if (!old.contains(person)) {
                HookSupport.emit(ctx, "task:assign", HookSupport.data("task_id", after.id(), "person_id", person),
                        project);
            }
        }
        for (String person : old) {
            if (!now.contains(person)) {
                HookSupport.emit(ctx, "task:unassign", HookSupport.data("task_id", after.id(), "person_id", person),
                        project);
            }
        }
    }

    private static Set<String> assignees(HookContext ctx, UUID taskId) throws SQLException {
        return new LinkedHashSet<>(HookSupport.linkedIds(ctx, "task_person_link", "task_id", "person_id", taskId));
    }

    @Override
    public void eventData(HookContext ctx, Row row, String verb, Map<String, Object> data) {
        if ("delete".equals(verb)) {
            Object entity = row.get("entity_id");
            Object taskType = row.get("task_type_id");
            data.put("entity_id", entity == null ? null : entity.toString());
            data.put("task_type_id", taskType == null ? null : taskType.toString());
        }
    }

    @Override
    public void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
        if (force) {
            Cascades.deleteTaskChildren(ctx.tx(), List.of(row.id()));
        }
    }
}
