package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Preview file (reference §5.4): a delete first detaches the preview from the entities showing it, the comments and
 * news citing it, and moves its task's last preview to the newest remaining one. (Stored media files are not the
 * engine's business yet.)
 */
final class PreviewFileHooks implements ModelHooks {

    @Override
    public void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
        Tx tx = ctx.tx();
        List<Filter> citing = List.of(Filter.eq("preview_file_id", row.id()));
        for (String table : List.of("entity", "comment", "news")) {
            Map<String, Object> nulls = new HashMap<>();
            nulls.put("preview_file_id", null);
            tx.update(table, nulls, citing);
        }
        UUID taskId = (UUID) row.get("task_id");
        if (taskId != null) {
            List<Row> others = tx.select("preview_file", List.of(Filter.eq("task_id", taskId),
                    Filter.not(Filter.eq("id", row.id()))), List.of(Tx.Order.desc("created_at")), 1, 0);
            Map<String, Object> last = new HashMap<>();
            last.put("last_preview_file_id", others.isEmpty() ? null : others.get(0).id());
            tx.update("task", last, List.of(Filter.eq("id", taskId), Filter.eq("last_preview_file_id", row.id())));
        }
    }
}
