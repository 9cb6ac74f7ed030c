package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Row;

/**
 * Playlist (reference §5.4): {@code episode_id} {@code "all"}/{@code "main"} mean no episode, an unknown
 * {@code task_type_id} is dropped, {@code created_by} is the caller, PUT keeps only shots with a preview, and a
 * delete first removes the playlist's notifications, build jobs and share links.
 */
final class PlaylistHooks implements ModelHooks {

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) throws SQLException {
        Object episode = body.get("episode_id");
        if ("all".equals(episode) || "main".equals(episode)) {
            body.put("episode_id", null);
        }
        if (body.containsKey("task_type_id") && body.get("task_type_id") != null) {
            UUID taskType = HookSupport.idOf(body.get("task_type_id"));
            if (taskType == null || ctx.tx().byId("task_type", taskType) == null) {
                body.put("task_type_id", null);
            }
        }
        if (current != null && body.get("shots") instanceof List<?> shots) {
            body.put("shots", normalizeShots(shots));
        }
    }

    /** {@code [{entity_id, preview_file_id}]}, dropping entries without a preview. */
    static List<Map<String, Object>> normalizeShots(List<?> shots) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object o : shots) {
            if (o instanceof Map<?, ?> shot && shot.get("preview_file_id") != null) {
                Object entity = shot.containsKey("entity_id") ? shot.get("entity_id") : shot.get("id");
                Map<String, Object> clean = new LinkedHashMap<>();
                clean.put("entity_id", entity);
                clean.put("preview_file_id", shot.get("preview_file_id"));
                result.add(clean);
            }
        }
        return result;
    }

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body) {
        if (ctx.caller().personId() != null) {
            values.put("created_by", ctx.caller().personId());
        }
    }

    @Override
    public void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
        Cascades.deletePlaylistChildren(ctx.tx(), List.of(row.id()));
    }
}
