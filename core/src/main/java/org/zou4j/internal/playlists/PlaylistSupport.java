package org.zou4j.internal.playlists;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.AccessContext;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.BoundModel;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.production.ProjectAccess;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/** What the playlist services share: transactions, lookups, Zou's playlist permission checks, preview listings. */
final class PlaylistSupport {
    final CrudService crud;
    final EventLog events;

    PlaylistSupport(CrudService crud, EventLog events) {
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

    <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    BoundModel model(String table) {
        return crud.models().table(table);
    }

    Map<String, Object> one(HookContext ctx, String table, Row row) throws SQLException {
        return crud.serialize(ctx, model(table), List.of(row), false, ModelHooks.View.GET).get(0);
    }

    List<Map<String, Object>> many(HookContext ctx, String table, List<Row> rows) throws SQLException {
        return crud.serialize(ctx, model(table), rows, false, ModelHooks.View.LIST);
    }

    Object json(Object stored) {
        return crud.jsonForm().toJsonValue(stored);
    }

    Object toColumn(String table, String column, Object value) {
        return crud.values().fromJson(model(table).table().column(column), value);
    }

    static Map<String, Object> data(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            m.put((String) keyValues[i], v == null ? null : v instanceof Boolean || v instanceof Number ? v
                    : v instanceof LocalDateTime t ? JsonForm.timestamp(t) : v.toString());
        }
        return m;
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static UUID asId(Object o) {
        if (o instanceof UUID u) {
            return u;
        }
        return o == null ? null : Values.tryParseId(o.toString());
    }

    /** A row by a path id: 404 when malformed or unknown (Zou's lookups answer not found). */
    static Row require(HookContext ctx, String table, String idText, String what) throws SQLException {
        UUID id = Values.tryParseId(idText);
        Row row = id == null ? null : ctx.tx().byId(table, id);
        if (row == null) {
            throw ZouException.notFound(what + " not found");
        }
        return row;
    }

    // ---- permissions (zou/app/services/permissions_service.py) ---------------------------------------------------

    /** {@code block_access_to_vendor}. */
    static void blockVendor(HookContext ctx) {
        if (ctx.caller().hasRole("vendor")) {
            throw ZouException.forbidden();
        }
    }

    /** {@code check_project_access}: the project exists (404) and the caller is in its team (403). */
    static void requireTeam(HookContext ctx, UUID projectId) throws SQLException {
        ProjectAccess.requireTeam(ctx.access(), projectId);
    }

    static String role(HookContext ctx, UUID projectId) throws SQLException {
        return ctx.access().projectRole(projectId);
    }

    static boolean isManager(HookContext ctx, UUID projectId) throws SQLException {
        String r = role(ctx, projectId);
        return ctx.caller().isAdmin() || "manager".equals(r) || "admin".equals(r);
    }

    /** {@code check_playlist_access}: managers, clients for client playlists, supervisors when allowed. */
    static void checkPlaylistAccess(HookContext ctx, Row playlist, boolean supervisorAccess) throws SQLException {
        UUID projectId = (UUID) playlist.get("project_id");
        requireTeam(ctx, projectId);
        String r = role(ctx, projectId);
        boolean allowed = isManager(ctx, projectId)
                || ("client".equals(r) && Boolean.TRUE.equals(playlist.get("for_client")))
                || (supervisorAccess && "supervisor".equals(r));
        if (!allowed) {
            throw ZouException.forbidden();
        }
    }

    /** {@code check_playlist_update_access}: project managers, or the supervisor who made it (or none did). */
    static void checkPlaylistUpdate(HookContext ctx, Row playlist) throws SQLException {
        UUID projectId = (UUID) playlist.get("project_id");
        AccessContext a = ctx.access();
        if (a.isAdmin()) {
            return;
        }
        boolean inTeam = projectId != null && ctx.tx().byId("project", projectId) != null && a.inTeam(projectId);
        if (inTeam && "manager".equals(a.projectRole(projectId))) {
            return;
        }
        Object creator = playlist.get("created_by");
        if (inTeam && "supervisor".equals(a.projectRole(projectId))
                && (creator == null || creator.equals(a.me()))) {
            return;
        }
        throw ZouException.forbidden();
    }

    /** {@code check_manager_project_access}. */
    static void requireManager(HookContext ctx, UUID projectId) throws SQLException {
        ProjectAccess.requireManager(ctx.access(), projectId);
    }

    // ---- preview files --------------------------------------------------------------------------------------------

    /** A preview row with its task's type and entity, for Zou's ordered preview listings. */
    record Preview(Row file, Row task, Row taskType) {
        int revision() {
            Object r = file.get("revision");
            return r == null ? 0 : ((Number) r).intValue();
        }
    }

    /**
     * Preview files of tasks of the given entities, in Zou's order: task type priority (desc), task type name,
     * revision (desc), position, creation date.
     */
    List<Preview> previewsOfEntities(HookContext ctx, List<UUID> entityIds) throws SQLException {
        List<Preview> out = new ArrayList<>();
        if (entityIds.isEmpty()) {
            return out;
        }
        Map<UUID, Row> tasks = new HashMap<>();
        for (Row t : ctx.tx().select("task", List.of(Filter.in("entity_id", entityIds)))) {
            tasks.put(t.id(), t);
        }
        if (tasks.isEmpty()) {
            return out;
        }
        Map<UUID, Row> types = new HashMap<>();
        for (Row t : tasks.values()) {
            UUID tt = (UUID) t.get("task_type_id");
            if (tt != null && !types.containsKey(tt)) {
                types.put(tt, ctx.tx().byId("task_type", tt));
            }
        }
        for (Row f : ctx.tx().select("preview_file", List.of(Filter.in("task_id", new ArrayList<>(tasks.keySet()))))) {
            Row task = tasks.get((UUID) f.get("task_id"));
            out.add(new Preview(f, task, types.get((UUID) task.get("task_type_id"))));
        }
        out.sort(Comparator.<Preview>comparingInt(p -> -intOf(p.taskType(), "priority"))
                .thenComparing(p -> p.taskType() == null ? "" : String.valueOf(p.taskType().get("name")))
                .thenComparing(p -> -p.revision())
                .thenComparingInt(p -> intOf(p.file(), "position"))
                .thenComparing(p -> (LocalDateTime) p.file().get("created_at"),
                        Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    static int intOf(Row row, String column) {
        Object v = row == null ? null : row.get(column);
        return v == null ? 0 : ((Number) v).intValue();
    }

    static double duration(Row file) {
        Object d = file.get("duration");
        return d == null ? 0.0 : ((Number) d).doubleValue();
    }

    /** {@code mix_preview_file_revisions}: previews of a same revision nest under the first one's {@code previews}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> mixRevisions(List<Map<String, Object>> previews) {
        Map<Object, Map<String, Object>> byRevision = new LinkedHashMap<>();
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> p : previews) {
            Object revision = p.get("revision");
            Map<String, Object> parent = byRevision.get(revision);
            if (parent == null) {
                p.put("previews", new ArrayList<Map<String, Object>>());
                byRevision.put(revision, p);
                result.add(p);
            } else {
                ((List<Map<String, Object>>) parent.get("previews")).add(p);
            }
        }
        return result;
    }

    /** The light preview dict Zou puts in playlists. */
    Map<String, Object> lightPreview(Preview p, boolean withAnnotations) {
        Row f = p.file();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id().toString());
        m.put("revision", f.get("revision"));
        m.put("extension", f.get("extension"));
        m.put("width", f.get("width"));
        m.put("height", f.get("height"));
        m.put("duration", duration(f));
        m.put("status", str(f.get("status")));
        m.put("created_at", f.get("created_at") == null ? null : JsonForm.timestamp((LocalDateTime) f.get("created_at")));
        m.put("task_id", str(f.get("task_id")));
        if (withAnnotations) {
            m.put("annotations", json(f.get("annotations")));
        }
        return m;
    }

    /** The stored shots of a playlist as a mutable list of maps. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shots(Row playlist) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object raw = json(playlist.get("shots"));
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add(new LinkedHashMap<>((Map<String, Object>) m));
                }
            }
        }
        return out;
    }

    /**
     * {@code get_playlist_with_preview_file_revisions}: the playlist, its build jobs (newest first), each shot with
     * the previews of its entity and the fields of its positioned preview.
     */
    Map<String, Object> playlistWithPreviews(HookContext ctx, Row playlist, boolean withAnnotations)
            throws SQLException {
        Map<String, Object> dict = one(ctx, "playlist", playlist);
        List<Map<String, Object>> jobs = new ArrayList<>();
        List<Row> jobRows = ctx.tx().select("build_job", List.of(Filter.eq("playlist_id", playlist.id())),
                List.of(org.zou4j.internal.sql.Tx.Order.desc("created_at")), 0, 0);
        for (Row j : jobRows) {
            jobs.add(presentJob(j));
        }
        dict.put("build_jobs", jobs);
        List<Map<String, Object>> shots = shots(playlist);
        List<UUID> entityIds = new ArrayList<>();
        for (Map<String, Object> shot : shots) {
            Object id = shot.get("id") != null ? shot.get("id")
                    : shot.get("shot_id") != null ? shot.get("shot_id") : shot.get("entity_id");
            UUID entityId = asId(id);
            if (entityId != null) {
                entityIds.add(entityId);
                shot.putIfAbsent("id", entityId.toString());
            }
        }
        Map<String, Map<String, List<Map<String, Object>>>> previews = new LinkedHashMap<>();
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (Preview p : previewsOfEntities(ctx, entityIds)) {
            String entity = p.task().get("entity_id").toString();
            String taskType = str(p.task().get("task_type_id"));
            Map<String, Object> light = lightPreview(p, withAnnotations);
            previews.computeIfAbsent(entity, k -> new LinkedHashMap<>())
                    .computeIfAbsent(taskType, k -> new ArrayList<>()).add(light);
            byId.put(p.file().id().toString(), light);
        }
        for (Map<String, List<Map<String, Object>>> perType : previews.values()) {
            perType.replaceAll((k, v) -> mixRevisions(v));
        }
        for (Map<String, Object> shot : shots) {
            Object entityId = shot.get("id");
            Object mine = entityId == null ? null : previews.get(entityId.toString());
            shot.put("preview_files", mine == null ? List.of() : mine);
            Map<String, Object> pf = byId.get(str(shot.get("preview_file_id")));
            if (pf != null) {
                shot.put("preview_file_id", pf.get("id"));
                shot.put("preview_file_extension", pf.get("extension"));
                shot.put("preview_file_revision", pf.get("revision"));
                shot.put("preview_file_width", pf.get("width"));
                shot.put("preview_file_height", pf.get("height"));
                shot.put("preview_file_duration", pf.get("duration"));
                shot.put("preview_file_status", pf.get("status"));
                shot.put("preview_file_task_id", pf.get("task_id"));
                shot.put("preview_file_previews", pf.getOrDefault("previews", List.of()));
                if (withAnnotations) {
                    shot.put("preview_file_annotations", pf.get("annotations"));
                }
            } else {
                shot.remove("preview_file_id");
            }
        }
        dict.put("shots", shots);
        return dict;
    }

    /** {@code BuildJob.present()}. */
    static Map<String, Object> presentJob(Row job) {
        return data("id", job.id(), "status", job.get("status"), "created_at", job.get("created_at"));
    }
}
