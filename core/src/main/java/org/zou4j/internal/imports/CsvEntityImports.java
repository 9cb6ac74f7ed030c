package org.zou4j.internal.imports;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.imports.CsvTable.CsvRow;
import org.zou4j.internal.imports.CsvTable.RowException;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.tasks.TaskWrites;

/**
 * Zou's asset, shot and edit CSV imports ({@code source/csv/assets.py}, {@code shots.py}, {@code edits.py}): one
 * {@link Job} per file, holding what Zou's {@code prepare_import} caches, then one call per row.
 */
final class CsvEntityImports {
    private final ImportSupport s;
    private final TaskWrites taskWrites;

    CsvEntityImports(ImportSupport s, TaskWrites taskWrites) {
        this.s = s;
        this.taskWrites = taskWrites;
    }

    /** The state of one project import (Zou's {@code prepare_import}). */
    final class Job {
        final HookContext ctx;
        final UUID projectId;
        final Row project;
        final boolean tvShow;
        final boolean update;
        final String forEntity;
        final List<Row> taskTypes;
        final Map<String, Row> statuses;
        final Descriptors descriptors;
        final Map<String, Row> episodes = new HashMap<>();
        final Map<String, Row> sequences = new HashMap<>();
        final Map<UUID, List<UUID>> typeWorkflows = new HashMap<>();

        Job(HookContext ctx, UUID projectId, String forEntity, boolean update) throws SQLException {
            this.ctx = ctx;
            this.projectId = projectId;
            this.project = ImportSupport.requireRow(ctx, "project", projectId, "Project");
            this.tvShow = ImportSupport.isTvShow(project);
            this.update = update;
            this.forEntity = forEntity;
            this.taskTypes = ImportSupport.projectTaskTypes(ctx, projectId, forEntity);
            this.statuses = ImportSupport.statusesByName(ctx);
            this.descriptors = new Descriptors(ctx, projectId, forEntity, null);
        }

        Row episode(String name) throws SQLException {
            Row e = episodes.get(name);
            if (e == null) {
                e = s.getOrCreate(ctx, projectId, "Episode", name, null);
                episodes.put(name, e);
            }
            return e;
        }

        Row sequence(String name, UUID episodeId) throws SQLException {
            String key = episodeId + "/" + name;
            Row q = sequences.get(key);
            if (q == null) {
                q = s.getOrCreate(ctx, projectId, "Sequence", name, episodeId);
                sequences.put(key, q);
            }
            return q;
        }
    }

    /** One task change read from a row: a status, a comment, assignees (any may be absent). */
    record TaskUpdate(Row taskType, Row status, String comment, List<UUID> assignees) {
    }

    Job job(HookContext ctx, UUID projectId, String forEntity, boolean update) throws SQLException {
        return new Job(ctx, projectId, forEntity, update);
    }

    // ---- rows --------------------------------------------------------------------------------------------------------

    /** {@code AssetsCsvImportResource.import_row}. */
    Map<String, Object> asset(Job j, CsvRow row) throws SQLException {
        String name = row.require("Name");
        String typeName = row.require("Type");
        if (typeName.isBlank()) {
            throw new RowException("An asset type is required in the Type column");
        }
        String episodeName = row.get("Episode");
        UUID episodeId = null;
        if (j.tvShow) {
            if (episodeName != null && !episodeName.isEmpty() && !"MP".equals(episodeName)) {
                episodeId = j.episode(episodeName).id();
            }
        } else if (episodeName != null) {
            throw new RowException("An episode column is present for a production that isn't a TV Show");
        }
        if (ImportSupport.isTemporal(typeName)) {
            throw new RowException(typeName + " is not an asset type");
        }
        Row type = s.entityType(j.ctx, typeName);
        Row entity = findAsset(j, name);

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", name);
        values.put("project_id", j.projectId);
        values.put("entity_type_id", type.id());
        values.put("source_id", episodeId);
        String description = row.get("Description");
        if (description != null) {
            values.put("description", description);
        }
        Map<String, Object> data = s.dataOf(entity);
        String resolution = row.get("Resolution");
        if (resolution != null) {
            data.put("resolution", resolution);
        }
        values.put("data", j.descriptors.apply(row, data));
        String readyFor = row.get("Ready for");
        if (readyFor != null) {
            if (readyFor.isEmpty()) {
                values.put("ready_for", null);
            } else {
                Row tt = firstNamed(ImportSupport.projectTaskTypes(j.ctx, j.projectId, "Shot"), readyFor);
                if (tt == null) {
                    throw new RowException("Task type not found for " + readyFor);
                }
                values.put("ready_for", tt.id());
            }
        }
        List<TaskUpdate> updates = taskUpdates(j, row, true);
        Map<String, Object> event = new LinkedHashMap<>();
        if (entity == null) {
            entity = s.insertEntity(j.ctx, values);
            event.put("asset_id", entity.id().toString());
            event.put("episode_id", episodeId == null ? null : episodeId.toString());
            j.ctx.events().emit("asset:new", event, j.projectId);
            applyTasks(j, entity, updates, assetTaskTypes(j, type.id()));
        } else if (j.update) {
            entity = s.updateEntity(j.ctx, entity, values);
            event.put("asset_id", entity.id().toString());
            event.put("episode_id", episodeId == null ? null : episodeId.toString());
            j.ctx.events().emit("asset:update", event, j.projectId);
            applyTasks(j, entity, updates, assetTaskTypes(j, (UUID) entity.get("entity_type_id")));
        } else {
            // re-importing repairs assets that miss their workflow tasks
            applyTasks(j, entity, List.of(), assetTaskTypes(j, (UUID) entity.get("entity_type_id")));
        }
        return s.serialize(j.ctx, "entity", entity);
    }

    /** An asset of the project by name (Zou matches by name and project only; we skip shots and the like). */
    private Row findAsset(Job j, String name) throws SQLException {
        for (Row r : j.ctx.tx().select("entity", List.of(Filter.eq("project_id", j.projectId),
                Filter.eq("name", name)))) {
            Row type = j.ctx.tx().byId("entity_type", (UUID) r.get("entity_type_id"));
            if (type != null && !ImportSupport.isTemporal((String) type.get("name"))) {
                return r;
            }
        }
        return null;
    }

    /** The project's asset task types, narrowed by the asset type's workflow when it has one. */
    private List<UUID> assetTaskTypes(Job j, UUID assetTypeId) throws SQLException {
        List<UUID> cached = j.typeWorkflows.get(assetTypeId);
        if (cached != null) {
            return cached;
        }
        Set<Object> workflow = new LinkedHashSet<>(j.ctx.tx().column("task_type_asset_type_link", "task_type_id",
                List.of(Filter.eq("asset_type_id", assetTypeId))));
        List<UUID> ids = new ArrayList<>();
        for (Row tt : j.taskTypes) {
            if (workflow.isEmpty() || workflow.contains(tt.id())) {
                ids.add(tt.id());
            }
        }
        j.typeWorkflows.put(assetTypeId, ids);
        return ids;
    }

    /** {@code ShotsCsvImportResource.import_row}. */
    Map<String, Object> shot(Job j, CsvRow row) throws SQLException {
        UUID episodeId = null;
        if (j.tvShow) {
            episodeId = j.episode(row.require("Episode")).id();
        }
        String sequenceName = row.require("Sequence");
        String name = row.require("Name");
        Row sequence = j.sequence(sequenceName, episodeId);
        Row shotType = s.entityType(j.ctx, "Shot");
        Row entity = ImportSupport.findEntity(j.ctx, j.projectId, shotType.id(), name, sequence.id(), false);

        Map<String, Object> values = new LinkedHashMap<>();
        String description = row.get("Description");
        if (description != null) {
            values.put("description", description);
        }
        String nbFrames = firstNonEmpty(row.get("Nb Frames"), row.get("Frames"));
        if (nbFrames != null && !nbFrames.isEmpty()) {
            values.put("nb_frames", integer(nbFrames, "nb_frames"));
        }
        Map<String, Object> data = s.dataOf(entity);
        String frameIn = firstNonEmpty(row.get("Frame In"), row.get("In"));
        if (frameIn != null && !frameIn.isEmpty()) {
            data.put("frame_in", integer(frameIn, "frame_in"));
        }
        String frameOut = firstNonEmpty(row.get("Frame Out"), row.get("Out"));
        if (frameOut != null && !frameOut.isEmpty()) {
            data.put("frame_out", integer(frameOut, "frame_out"));
        }
        if (!values.containsKey("nb_frames")) {
            Integer in = asInt(data.get("frame_in"));
            Integer out = asInt(data.get("frame_out"));
            if (in != null && out != null && out > in) {
                values.put("nb_frames", out - in + 1);
            }
        }
        String fps = row.get("FPS");
        if (fps != null) {
            data.put("fps", fps);
        }
        String resolution = row.get("Resolution");
        if (resolution != null) {
            data.put("resolution", resolution);
        }
        values.put("data", j.descriptors.apply(row, data));
        List<TaskUpdate> updates = taskUpdates(j, row, true);
        List<UUID> all = j.taskTypes.stream().map(Row::id).toList();
        if (entity == null) {
            values.put("name", name);
            values.put("project_id", j.projectId);
            values.put("parent_id", sequence.id());
            values.put("entity_type_id", shotType.id());
            values.putIfAbsent("nb_frames", 0);
            values.putIfAbsent("description", null);
            entity = s.insertEntity(j.ctx, values);
            j.ctx.events().emit("shot:new", Map.of("shot_id", entity.id().toString()), j.projectId);
            applyTasks(j, entity, updates, all); // Zou creates every shot task type's task for new shots
        } else if (j.update) {
            entity = s.updateEntity(j.ctx, entity, values);
            j.ctx.events().emit("shot:update", Map.of("shot_id", entity.id().toString()), j.projectId);
            applyTasks(j, entity, updates, List.of());
        }
        return s.serialize(j.ctx, "entity", entity);
    }

    /** {@code EditsCsvImportResource.import_row}. */
    Map<String, Object> edit(Job j, CsvRow row) throws SQLException {
        String name = row.require("Name");
        String episodeName = row.get("Episode");
        UUID episodeId = null;
        if (j.tvShow) {
            if (episodeName != null && !episodeName.isEmpty()) {
                episodeId = j.episode(episodeName).id();
            }
        } else if (episodeName != null) {
            throw new RowException("An episode column is present for a production that isn't a TV Show");
        }
        Row editType = s.entityType(j.ctx, "Edit");
        Row entity = ImportSupport.findEntity(j.ctx, j.projectId, editType.id(), name, episodeId, false);
        Map<String, Object> values = new LinkedHashMap<>();
        String description = row.get("Description");
        if (description != null) {
            values.put("description", description);
        }
        values.put("data", j.descriptors.apply(row, s.dataOf(entity)));
        List<TaskUpdate> updates = taskUpdates(j, row, false);
        Map<String, Object> event = new LinkedHashMap<>();
        if (entity == null) {
            values.put("name", name);
            values.put("project_id", j.projectId);
            values.put("entity_type_id", editType.id());
            values.put("parent_id", episodeId);
            entity = s.insertEntity(j.ctx, values);
            event.put("edit_id", entity.id().toString());
            event.put("episode_id", episodeId == null ? null : episodeId.toString());
            j.ctx.events().emit("edit:new", event, j.projectId);
            applyTasks(j, entity, updates, j.taskTypes.stream().map(Row::id).toList());
        } else if (j.update) {
            entity = s.updateEntity(j.ctx, entity, values);
            event.put("edit_id", entity.id().toString());
            event.put("episode_id", episodeId == null ? null : episodeId.toString());
            j.ctx.events().emit("edit:update", event, j.projectId);
            applyTasks(j, entity, updates, List.of());
        }
        return s.serialize(j.ctx, "entity", entity);
    }

    // ---- tasks -------------------------------------------------------------------------------------------------------

    /** Zou's {@code get_tasks_update}: the task type columns of the row that ask for a change. */
    private List<TaskUpdate> taskUpdates(Job j, CsvRow row, boolean withAssignations) throws SQLException {
        List<TaskUpdate> out = new ArrayList<>();
        for (Row tt : j.taskTypes) {
            String typeName = (String) tt.get("name");
            String statusName = row.get(typeName);
            Row status = null;
            if (statusName != null && !statusName.isEmpty()) {
                status = j.statuses.get(statusName.toLowerCase(Locale.ROOT));
                if (status == null) {
                    throw new RowException("Task status not found for " + statusName);
                }
            }
            String comment = row.get(typeName + " comment");
            List<UUID> assignees = withAssignations ? j.descriptors.persons(row.get(typeName + " assignations"))
                    : List.of();
            if (status != null || comment != null && !comment.isEmpty() || !assignees.isEmpty()) {
                out.add(new TaskUpdate(tt, status, comment, assignees));
            }
        }
        return out;
    }

    /**
     * Creates the entity's missing tasks of {@code create}, then applies the row's task changes: assignations,
     * and a comment when there is one or the status changes (Zou's {@code create_and_update_tasks}).
     */
    private void applyTasks(Job j, Row entity, List<TaskUpdate> updates, List<UUID> create) throws SQLException {
        Map<UUID, Row> tasks = new LinkedHashMap<>();
        for (Row t : j.ctx.tx().select("task", List.of(Filter.eq("entity_id", entity.id())))) {
            tasks.putIfAbsent((UUID) t.get("task_type_id"), t);
        }
        for (UUID typeId : create) {
            if (!tasks.containsKey(typeId)) {
                tasks.put(typeId, taskWrites.createTask(j.ctx, entity, typeId));
            }
        }
        UUID author = j.ctx.caller().personId();
        for (TaskUpdate u : updates) {
            Row task = tasks.get(u.taskType().id());
            if (task == null) {
                task = taskWrites.createTask(j.ctx, entity, u.taskType().id());
                tasks.put(u.taskType().id(), task);
            }
            Set<Object> assigned = new LinkedHashSet<>(j.ctx.tx().column("task_person_link", "person_id",
                    List.of(Filter.eq("task_id", task.id()))));
            for (UUID person : u.assignees()) {
                if (!assigned.contains(person)) {
                    taskWrites.assign(j.ctx, j.ctx.tx().byId("task", task.id()), person);
                }
            }
            Row current = j.ctx.tx().byId("task", task.id());
            boolean statusChange = u.status() != null && !u.status().id().equals(current.get("task_status_id"));
            if (author != null && (u.comment() != null || statusChange)) {
                Row status = u.status() != null ? u.status()
                        : j.ctx.tx().byId("task_status", (UUID) current.get("task_status_id"));
                try {
                    taskWrites.comment(j.ctx, author, current, status, u.comment() == null ? "" : u.comment());
                } catch (ZouException e) {
                    if (e.code() != ErrorCode.WRONG_PARAMETER) { // Zou skips a refused comment (retake cap)
                        throw e;
                    }
                }
            }
        }
    }

    // ---- values ------------------------------------------------------------------------------------------------------

    private static Row firstNamed(List<Row> rows, String name) {
        for (Row r : rows) {
            if (name.equals(r.get("name"))) {
                return r;
            }
        }
        return null;
    }

    /** Python's {@code a or b} on two cells. */
    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }

    private static int integer(String text, String field) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new RowException(field + " must be an integer, got '" + ZouException.echo(text) + "'");
        }
    }

    private static Integer asInt(Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String str) {
            try {
                return Integer.parseInt(str.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
