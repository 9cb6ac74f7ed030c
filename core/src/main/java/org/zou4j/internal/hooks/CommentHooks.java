package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Comment: {@code replies} defaults to an empty list (Zou's Python-side default); a delete first removes the
 * comment's notifications, news, attachments and the preview files attached to it (reference §5.4).
 */
final class CommentHooks implements ModelHooks {

    @Override
    public void beforeCreate(HookContext ctx, Map<String, Object> values, Map<String, Object> body) {
        JsonDefaultsHooks.putDefault(ctx, values, body, "replies", List.of());
    }

    @Override
    public void beforeDelete(HookContext ctx, Row row, boolean force) throws SQLException {
        List<Object> previews = ctx.tx().column("comment_preview_link", "preview_file",
                List.of(Filter.eq("comment", row.id())));
        List<Object> comment = List.of(row.id());
        ctx.tx().delete("notification", List.of(Filter.in("comment_id", comment)));
        ctx.tx().delete("news", List.of(Filter.in("comment_id", comment)));
        ctx.tx().delete("attachment_file", List.of(Filter.in("comment_id", comment)));
        ctx.tx().delete("comment_preview_link", List.of(Filter.in("comment", comment)));
        Cascades.deletePreviewFiles(ctx.tx(), previews);
    }
}
