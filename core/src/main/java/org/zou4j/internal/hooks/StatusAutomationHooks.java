package org.zou4j.internal.hooks;

import java.sql.SQLException;
import java.util.List;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/** Status automation (reference §5.4): an automation used by a project cannot be deleted (checked first). */
final class StatusAutomationHooks implements ModelHooks {
    static final String IN_USE = "This automation is used in a project.";

    @Override
    public void refuseDelete(HookContext ctx, Row row) throws SQLException {
        if (ctx.tx().exists("project_status_automation_link", List.of(Filter.eq("status_automation_id", row.id())))) {
            throw ZouException.plain(ErrorCode.REFERENCED, IN_USE);
        }
    }
}
