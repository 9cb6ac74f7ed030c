package org.zou4j.samples.bulkstatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;
import org.zou4j.plugin.ActionContext;
import org.zou4j.plugin.ActionException;
import org.zou4j.plugin.ActionResult;
import org.zou4j.plugin.CustomAction;
import org.zou4j.plugin.PluginEnvironment;
import org.zou4j.plugin.Role;
import org.zou4j.plugin.ZouData;

/**
 * Sets one task status on every selected task and leaves a comment on each, as the caller.
 *
 * <p>Input: {@code task_status_id} (an id) or {@code task_status} (a short name or name, e.g. {@code wfa}), and
 * {@code comment}. Kitsu posts no such field, so the action's URL can carry them in its query string, or the plugin's
 * settings ({@code bulk-status.properties}) give defaults: {@code task-status} and {@code comment}.
 */
@Extension
public class SetTaskStatusAction implements CustomAction {
    private String defaultStatus;
    private String defaultComment;

    @Override
    public void init(PluginEnvironment environment) {
        defaultStatus = environment.setting("task-status", null);
        defaultComment = environment.setting("comment", "Status changed for the selection.");
    }

    @Override
    public String id() {
        return "set-task-status";
    }

    @Override
    public String label() {
        return "Set task status (with a comment)";
    }

    @Override
    public Role requiredRole() {
        return Role.MANAGER;
    }

    @Override
    public boolean ajax() {
        return true;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        ZouData data = context.data();
        Map<String, Object> status = status(context, data);
        String comment = context.inputString("comment");
        if (comment == null || comment.isBlank()) {
            comment = defaultComment;
        }
        String author = context.personId() != null ? context.personId() : context.inputString("person_id");
        List<Map<String, Object>> updated = new ArrayList<>();
        int skipped = 0;
        for (Map<String, Object> row : context.selection()) {
            if (!"Task".equals(row.get("type"))) {
                skipped++;
                continue;
            }
            String taskId = row.get("id").toString();
            updated.add(data.update("tasks", taskId, Map.of("task_status_id", status.get("id"))));
            if (author != null) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("object_id", taskId);
                c.put("object_type", "Task");
                c.put("task_status_id", status.get("id"));
                c.put("person_id", author);
                c.put("text", comment);
                data.create("comments", c);
            }
        }
        if (updated.isEmpty()) {
            throw new ActionException("Select at least one task: the selection holds no task.");
        }
        String message = updated.size() + (updated.size() == 1 ? " task" : " tasks") + " set to " + status.get("name")
                + (skipped > 0 ? "; " + skipped + " selected rows that are not tasks were left as they are" : "")
                + (author == null ? "; no comment was left (no author)" : "") + ".";
        return ActionResult.entities(message, updated);
    }

    private Map<String, Object> status(ActionContext context, ZouData data) {
        String id = context.inputString("task_status_id");
        if (id != null && !id.isBlank()) {
            return data.get("task-status", id);
        }
        String wanted = context.inputString("task_status");
        if (wanted == null || wanted.isBlank()) {
            wanted = defaultStatus;
        }
        if (wanted == null) {
            throw new ActionException("Choose the status to set: give task_status_id or task_status (e.g. "
                    + "?task_status=wfa in the action URL), or set task-status in bulk-status.properties.");
        }
        String key = wanted.trim().toLowerCase(Locale.ROOT);
        for (Map<String, Object> s : data.list("task-status", Map.of())) {
            if (key.equals(lower(s.get("short_name"))) || key.equals(lower(s.get("name")))) {
                return s;
            }
        }
        throw new ActionException("No task status is named " + wanted + ".");
    }

    private static String lower(Object o) {
        return o == null ? null : o.toString().toLowerCase(Locale.ROOT);
    }
}
