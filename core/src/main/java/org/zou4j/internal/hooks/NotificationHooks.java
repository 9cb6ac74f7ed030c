package org.zou4j.internal.hooks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.sql.Row;

/** Notification (reference §3.5): the {@code type} column goes out as {@code notification_type}. */
final class NotificationHooks implements ModelHooks {

    @Override
    public void decorate(HookContext ctx, Row row, Map<String, Object> json, View view) {
        if (!json.containsKey("type")) {
            return;
        }
        Map<String, Object> renamed = new LinkedHashMap<>();
        json.forEach((k, v) -> renamed.put(k.equals("type") ? "notification_type" : k, v));
        json.clear();
        json.putAll(renamed); // the serializer then appends "type": "Notification"
    }
}
