package org.zou4j.internal.assets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's episode statistics of a project (Kitsu's episode stats page): task counts, frames and drawings per episode,
 * task type and task status; and the retake statistics with their evolution per take. Aggregated by the database.
 */
final class EpisodeStats {
    private EpisodeStats() {
    }

    private static final String FROM = " FROM task t JOIN task_status ts ON ts.id = t.task_status_id"
            + " JOIN entity e ON e.id = t.entity_id JOIN entity sq ON sq.id = e.parent_id"
            + " JOIN entity ep ON ep.id = sq.parent_id WHERE t.project_id = ?";
    private static final String ASSIGNED = " AND t.id IN (SELECT x.task_id FROM task_person_link x"
            + " WHERE x.person_id = ?)";

    private static List<Object> binds(UUID projectId, UUID assignedTo) {
        List<Object> b = new ArrayList<>();
        b.add(projectId);
        if (assignedTo != null) {
            b.add(assignedTo);
        }
        return b;
    }

    /** {@code GET /data/projects/<id>/episodes/stats}. */
    static Map<String, Object> stats(HookContext ctx, UUID projectId, UUID assignedTo) throws SQLException {
        String sql = "SELECT ep.id, t.task_type_id, t.task_status_id, ts.short_name, ts.color, COUNT(t.id),"
                + " SUM(t.nb_drawings), SUM(e.nb_frames)" + FROM + (assignedTo != null ? ASSIGNED : "")
                + " GROUP BY ep.id, t.task_type_id, t.task_status_id, ts.short_name, ts.color";
        Map<String, Object> results = new LinkedHashMap<>();
        try (Tx.SqlCursor c = ctx.tx().query(sql, binds(projectId, assignedTo))) {
            while (c.next()) {
                ResultSet r = c.resultSet();
                String episode = String.valueOf(r.getObject(1, UUID.class));
                String type = String.valueOf(r.getObject(2, UUID.class));
                String status = String.valueOf(r.getObject(3, UUID.class));
                String name = r.getString(4);
                String color = r.getString(5);
                long count = r.getLong(6);
                long drawings = r.getLong(7);
                long frames = r.getLong(8);
                Map<String, Object> ep = child(results, episode);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("color", color);
                entry.put("count", count);
                entry.put("frames", frames);
                entry.put("drawings", drawings);
                child(ep, type).put(status, entry);
                add(statusEntry(child(ep, "all"), status, name, color), count, frames, drawings);
                Map<String, Object> all = child(results, "all");
                child(all, "all");
                for (String key : List.of(type, "all")) {
                    add(statusEntry(child(all, key), status, name, color), count, frames, drawings);
                }
            }
        }
        return results;
    }

    /** {@code GET /data/projects/<id>/episodes/retake-stats}. */
    static Map<String, Object> retakeStats(HookContext ctx, UUID projectId, UUID assignedTo) throws SQLException {
        String sql = "SELECT ep.id, t.nb_drawings, e.nb_frames, t.task_type_id, t.retake_count, ts.is_done,"
                + " ts.is_retake" + FROM + (assignedTo != null ? ASSIGNED : "");
        List<Object[]> rows = new ArrayList<>();
        try (Tx.SqlCursor c = ctx.tx().query(sql, binds(projectId, assignedTo))) {
            while (c.next()) {
                ResultSet r = c.resultSet();
                rows.add(new Object[] {String.valueOf(r.getObject(1, UUID.class)), r.getLong(2), r.getLong(3),
                    String.valueOf(r.getObject(4, UUID.class)), r.getLong(5), r.getBoolean(6), r.getBoolean(7)});
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        child(results, "all").put("all", retakeDefaults());
        for (Object[] row : rows) {
            String episode = (String) row[0];
            String type = (String) row[3];
            if (!results.containsKey(episode)) {
                child(results, episode).put("all", retakeDefaults());
            }
            child(results, "all").computeIfAbsent(type, k -> retakeDefaults());
            child(results, episode).computeIfAbsent(type, k -> retakeDefaults());
            String bucket = (Boolean) row[5] ? "done" : (Boolean) row[6] ? "retake" : "other";
            for (String[] keys : new String[][] {{"all", "all"}, {"all", type}, {episode, "all"}, {episode, type}}) {
                Map<String, Object> entry = child(child(results, keys[0]), keys[1]);
                long retakes = (Long) row[4];
                if ((Long) entry.get("max_retake_count") < retakes) {
                    entry.put("max_retake_count", retakes);
                }
                add(child(entry, bucket), 1, (Long) row[2], (Long) row[1]);
            }
        }
        for (Object[] row : rows) {
            String episode = (String) row[0];
            String type = (String) row[3];
            long retakes = (Long) row[4];
            for (String key : List.of("all", type)) {
                Map<String, Object> entry = child(child(results, episode), key);
                long max = (Long) entry.get("max_retake_count");
                Map<String, Object> evolution = child(entry, "evolution");
                for (long i = 1; i <= max; i++) {
                    Map<String, Object> take = child(evolution, String.valueOf(i));
                    if (take.isEmpty()) {
                        for (String b : List.of("done", "retake", "other")) {
                            take.put(b, bucket());
                        }
                    }
                    String b = retakes > 0 && i <= retakes ? "retake" : (Boolean) row[5] ? "done" : "other";
                    add(child(take, b), 1, (Long) row[2], (Long) row[1]);
                }
            }
        }
        return results;
    }

    private static Map<String, Object> retakeDefaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_retake_count", 0L);
        m.put("evolution", new LinkedHashMap<String, Object>());
        for (String b : List.of("done", "retake", "other")) {
            m.put(b, bucket());
        }
        return m;
    }

    private static Map<String, Object> bucket() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", 0L);
        m.put("frames", 0L);
        m.put("drawings", 0L);
        return m;
    }

    private static Map<String, Object> statusEntry(Map<String, Object> parent, String status, String name,
                                                   String color) {
        Map<String, Object> e = child(parent, status);
        if (e.isEmpty()) {
            e.put("name", name);
            e.put("color", color);
            e.put("count", 0L);
            e.put("frames", 0L);
            e.put("drawings", 0L);
        }
        return e;
    }

    private static void add(Map<String, Object> bucket, long count, long frames, long drawings) {
        bucket.put("count", (Long) bucket.get("count") + count);
        bucket.put("frames", (Long) bucket.get("frames") + frames);
        bucket.put("drawings", (Long) bucket.get("drawings") + drawings);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }
}
