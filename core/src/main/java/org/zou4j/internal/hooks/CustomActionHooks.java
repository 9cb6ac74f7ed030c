package org.zou4j.internal.hooks;

import java.util.Map;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Row;

/** Custom action (reference §5.4): a name is required on POST and cannot be cleared on PUT. */
final class CustomActionHooks implements ModelHooks {
    static final String NAME_REQUIRED = "The 'name' field is required and cannot be None.";
    static final String NAME_NOT_NONE = "The 'name' field cannot be set to None.";

    @Override
    public void normalizeBody(HookContext ctx, Row current, Map<String, Object> body) {
        if (current == null && body.get("name") == null) {
            throw ZouException.wrongParameter(NAME_REQUIRED);
        }
        if (current != null && body.containsKey("name") && body.get("name") == null) {
            throw ZouException.wrongParameter(NAME_NOT_NONE);
        }
    }
}
