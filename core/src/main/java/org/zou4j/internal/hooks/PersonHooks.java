package org.zou4j.internal.hooks;

import java.util.Map;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Row;

/** Person: the computed {@code full_name} (reference §2.5). */
final class PersonHooks implements ModelHooks {

    @Override
    public void decorate(HookContext ctx, Row row, Map<String, Object> json, View view) {
        json.put("full_name", fullName((String) row.get("first_name"), (String) row.get("last_name")));
    }

    /** "first last", or whichever part is not empty. */
    static String fullName(String first, String last) {
        boolean hasFirst = first != null && !first.isEmpty();
        boolean hasLast = last != null && !last.isEmpty();
        if (hasFirst && hasLast) {
            return first + " " + last;
        }
        return hasFirst ? first : hasLast ? last : "";
    }
}
