package org.zou4j.bench;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;

/** Checks that the engine reads the generated rows as it reads its own (types, JSON columns, counts). */
final class Sanity {
    private Sanity() {
    }

    static void checkGenerated(ZouEngine engine, Properties ids) {
        Session s = engine.systemSession();
        String assets = ids.getProperty("project.assets");
        Map<String, Object> page = s.data("tasks").query(Query.parse("project_id=" + assets + "&page=1&limit=50"))
                .page();
        long total = ((Number) page.get("total")).longValue();
        if (total <= 0) {
            throw new IllegalStateException("no task generated");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("data");
        boolean sawJson = false;
        for (Map<String, Object> row : rows) {
            Object data = row.get("data");
            if (data != null && !(data instanceof Map)) {
                throw new IllegalStateException("task.data is not read as a JSON object: " + data);
            }
            sawJson |= data != null;
            Entry one = s.data("tasks").get((String) row.get("id"));
            if (!"Task".equals(one.type()) || !(one.get("assignees") instanceof List)) {
                throw new IllegalStateException("unexpected task: " + one);
            }
        }
        if (!sawJson) {
            throw new IllegalStateException("no task with JSON data among the first 50");
        }
        for (Entry e : s.data("entities").list(Query.parse("project_id=" + assets + "&page=1&limit=20"))) {
            if (!"Asset".equals(e.type())) {
                throw new IllegalStateException("an asset is not typed Asset: " + e);
            }
        }
        Entry admin = s.data("persons").get(ids.getProperty("person.admin"));
        if (!"admin".equals(admin.get("role")) || admin.has("password")) {
            throw new IllegalStateException("unexpected admin: " + admin);
        }
    }
}
