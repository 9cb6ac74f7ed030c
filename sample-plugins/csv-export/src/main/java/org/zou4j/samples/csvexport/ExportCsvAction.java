package org.zou4j.samples.csvexport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;
import org.zou4j.plugin.ActionContext;
import org.zou4j.plugin.ActionException;
import org.zou4j.plugin.ActionResult;
import org.zou4j.plugin.CustomAction;
import org.zou4j.plugin.Role;
import org.zou4j.plugin.ZouData;

/**
 * Exports the selected shots or assets, one line per task, as a CSV file. The selection may hold tasks (Kitsu's
 * selection: their shot or asset is exported, with all its tasks) or shots and assets.
 */
@Extension
public class ExportCsvAction implements CustomAction {
    static final List<String> HEADER = List.of("Type", "Parent", "Name", "Description", "Task type", "Task status",
            "Assignees", "Due date");

    @Override
    public String id() {
        return "export-csv";
    }

    @Override
    public String label() {
        return "Export selection to CSV";
    }

    @Override
    public Set<String> entityTypes() {
        return Set.of("shot", "asset");
    }

    @Override
    public Role requiredRole() {
        return Role.USER;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        ZouData data = context.data();
        // the shots and assets, each once, in selection order
        Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
        for (Map<String, Object> row : context.selection()) {
            if ("Task".equals(row.get("type"))) {
                String entityId = row.get("entity_id").toString();
                entities.computeIfAbsent(entityId, id -> data.get("entities", id));
            } else {
                entities.putIfAbsent(row.get("id").toString(), row);
            }
        }
        if (entities.isEmpty()) {
            throw new ActionException("Select shots, assets or their tasks to export.");
        }
        Names names = new Names(data);
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (Map<String, Object> entity : entities.values()) {
            List<String> head = List.of(str(entity.get("type")), names.parentOf(entity), str(entity.get("name")),
                    str(entity.get("description")));
            List<Map<String, Object>> tasks = data.list("tasks",
                    Map.of("entity_id", entity.get("id").toString(), "relations", "true"));
            if (tasks.isEmpty()) {
                List<String> cells = new ArrayList<>(head);
                cells.addAll(List.of("", "", "", ""));
                line(csv, cells);
            }
            for (Map<String, Object> task : tasks) {
                List<String> cells = new ArrayList<>(head);
                cells.add(names.of("task-types", task.get("task_type_id")));
                cells.add(names.of("task-status", task.get("task_status_id")));
                cells.add(names.assignees(task.get("assignees")));
                cells.add(str(task.get("due_date")));
                line(csv, cells);
            }
        }
        String project = context.project().map(p -> str(p.get("name"))).orElse("selection");
        return ActionResult.file(fileName(project) + "-export.csv", "text/csv; charset=utf-8",
                csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One CSV record (RFC 4180): fields with a comma, quote or line break are quoted; CRLF ends it. */
    static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                out.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                out.append(c);
            }
        }
        out.append("\r\n");
    }

    private static String fileName(String s) {
        String f = s.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return f.isEmpty() ? "selection" : f;
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Names of referenced rows, each row read once per export. */
    private static final class Names {
        private final ZouData data;
        private final Map<String, String> cache = new HashMap<>();

        Names(ZouData data) {
            this.data = data;
        }

        String of(String route, Object id) {
            if (id == null) {
                return "";
            }
            return cache.computeIfAbsent(route + "/" + id, k -> {
                Map<String, Object> row = data.get(route, id.toString());
                Object name = row.get("full_name") != null ? row.get("full_name") : row.get("name");
                return str(name);
            });
        }

        /** A shot's sequence, an asset's asset type. */
        String parentOf(Map<String, Object> entity) {
            if ("Asset".equals(entity.get("type"))) {
                return of("entity-types", entity.get("entity_type_id"));
            }
            return of("entities", entity.get("parent_id"));
        }

        String assignees(Object ids) {
            if (!(ids instanceof List<?> list) || list.isEmpty()) {
                return "";
            }
            List<String> out = new ArrayList<>();
            for (Object id : list) {
                out.add(of("persons", id));
            }
            return String.join("; ", out);
        }
    }
}
