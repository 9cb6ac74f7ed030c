package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Project (reference §5.4): production style and resolution checks, the "Open" status by default, a first episode
 * for TV shows, board-role defaults of its task status links, {@code project_status_name} on single GET, and the
 * delete rules (only closed projects; {@code ?force=true} removes everything in the project).
 */
final class ProjectHooks implements ModelHooks {
    static final String OPEN = "Open";
    static final String CLOSED = "Closed";
    static final String STATUS_COLOR = "#000000";
    static final String DEFAULT_STYLE = "2d3d";
    static final String ONLY_CLOSED = "Only closed projects can be deleted";
    private static final Pattern RESOLUTION = Pattern.compile("^(\\d+)?x\\d+$");
    private static final String FIRST_EPISODE = "project.first_episode_id";
    private static final String TEMPLATE = "project.template";

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) throws SQLException {
        if (current == null) {
            Row template = ProjectSetup.applyTemplateToBody(ctx, body);
            if (template != null) {
                ctx.cached(TEMPLATE, HashMap::new).put(TEMPLATE, template);
            }
            checkPreviewBackgrounds(ctx, body.get("preview_background_files"));
        }
        if (body.containsKey("production_style") && body.get("production_style") == null) {
            body.put("production_style", DEFAULT_STYLE);
        }
        if (body.containsKey("resolution")) {
            Object r = body.get("resolution");
            boolean valid = r == null || (r instanceof String s && (s.isEmpty() || RESOLUTION.matcher(s).matches()));
            if (!valid) {
                throw ZouException.wrongParameter("Invalid resolution " + ZouException.echo(r)
                        + ". Expected format: '1920x1080' or 'x1080'.");
            }
        }
    }

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body)
            throws SQLException {
        if (values.get("project_status_id") == null) {
            values.put("project_status_id", projectStatus(ctx, OPEN));
        }
    }

    @Override
    public void afterCreate(HookContext ctx, Row created, Map<String, Object> body) throws SQLException {
        Map<String, Row> pending = ctx.cached(TEMPLATE, HashMap::new);
        Row template = pending.remove(TEMPLATE);
        if (template != null) {
            ProjectSetup.applyTemplateLinks(ctx, template, created.id());
        }
        ProjectSetup.copyOpenProjectDescriptors(ctx, created.id());
        afterWrite(ctx, created);
    }

    /** Zou resolves the ids of a new project's preview background files and answers 404 for an unknown one. */
    private static void checkPreviewBackgrounds(HookContext ctx, Object raw) throws SQLException {
        if (!(raw instanceof List<?> list)) {
            return;
        }
        for (Object o : list) {
            Object id = o instanceof Map<?, ?> m ? m.get("id") : o;
            UUID uuid = HookSupport.idOf(id);
            if (uuid != null && ctx.tx().byId("preview_background_file", uuid) == null) {
                throw ZouException.notFound("Preview background file " + uuid + " not found.");
            }
        }
    }

    @Override
    public void afterUpdate(HookContext ctx, Row before, Row after) throws SQLException {
        afterWrite(ctx, after);
    }

    private static void afterWrite(HookContext ctx, Row project) throws SQLException {
        JsonDefaultsHooks.fillBoardRoles(ctx, "project_task_status_link", "project_id", project.id());
        if ("tvshow".equals(project.get("production_type"))) {
            Map<UUID, UUID> episodes = ctx.cached(FIRST_EPISODE, LinkedHashMap::new);
            episodes.put(project.id(), firstEpisode(ctx, project.id()));
        }
    }

    /** The project's first episode (by name), created as {@code E01} when there is none. */
    private static UUID firstEpisode(HookContext ctx, UUID projectId) throws SQLException {
        UUID episodeType = EntityTypes.getOrCreate(ctx, "Episode");
        List<Row> episodes = ctx.tx().select("entity", List.of(Filter.eq("project_id", projectId),
                Filter.eq("entity_type_id", episodeType)), List.of(Tx.Order.asc("name")), 1, 0);
        if (!episodes.isEmpty()) {
            return episodes.get(0).id();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "E01");
        body.put("project_id", projectId.toString());
        body.put("entity_type_id", episodeType.toString());
        return ctx.crud().insert(ctx, ctx.models().table("entity"), body).id();
    }

    /** The id of the project status named {@code name}, created (black) when missing. */
    static UUID projectStatus(HookContext ctx, String name) throws SQLException {
        List<Object> ids = ctx.tx().column("project_status", "id", List.of(Filter.eq("name", name)));
        if (!ids.isEmpty()) {
            return (UUID) ids.get(0);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", name);
        row.put("color", STATUS_COLOR);
        ctx.tx().insert("project_status", row);
        return id;
    }

    @Override
    public void decorate(HookContext ctx, Row row, Map<String, Object> json, View view) throws SQLException {
        if (view == View.GET) {
            Object statusId = row.get("project_status_id");
            Row status = statusId == null ? null : ctx.tx().byId("project_status", (UUID) statusId);
            json.put("project_status_name", status == null ? null : status.get("name"));
        } else if (view == View.CREATE || view == View.UPDATE) {
            Map<UUID, UUID> episodes = ctx.cached(FIRST_EPISODE, LinkedHashMap::new);
            UUID episode = episodes.get(row.id());
            if (episode != null) {
                json.put("first_episode_id", episode.toString());
            }
        }
    }

    @Override
    public void refuseDelete(HookContext ctx, Row row) throws SQLException {
        // Zou refuses open projects before checking who is asking
        Object statusId = row.get("project_status_id");
        Row status = statusId == null ? null : ctx.tx().byId("project_status", (UUID) statusId);
        if (status != null && OPEN.equals(status.get("name"))) {
            throw new ZouException(ErrorCode.BAD_STATE, ONLY_CLOSED);
        }
    }

    @Override
    public void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
        if (force) {
            Cascades.deleteProjectContent(ctx.tx(), row.id());
        }
    }
}
