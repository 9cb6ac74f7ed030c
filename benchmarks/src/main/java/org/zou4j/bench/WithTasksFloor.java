package org.zou4j.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The floor of Kitsu's with-tasks views ({@code /data/assets/with-tasks?project_id=P},
 * {@code /data/shots/with-tasks?project_id=P}): hand-written JDBC and Jackson's streaming generator writing the
 * engine's JSON byte for byte. Entities, their tasks and the tasks' assignees are read by three cursors in the same
 * order (assets: type name, name; shots: sequence name, name) and merged as they come, so memory stays bounded. The
 * caller is the bench admin, who subscribes to no task ({@code is_subscribed} false).
 */
final class WithTasksFloor {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BATCH = 500;
    private static final String TEMPORAL = "('Shot', 'Sequence', 'Episode', 'Edit', 'Scene', 'Concept')";

    private final DataSource dataSource;

    WithTasksFloor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void assets(UUID projectId, OutputStream out) throws SQLException, IOException {
        view(projectId, out, true);
    }

    void shots(UUID projectId, OutputStream out) throws SQLException, IOException {
        view(projectId, out, false);
    }

    private void view(UUID projectId, OutputStream out, boolean assets) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                Map<UUID, List<String>> castIn = assets ? castIn(c, projectId) : Map.of();
                String sql = assets
                        ? "SELECT e.id, e.name, e.preview_file_id, e.description, et.name, e.entity_type_id, e.canceled,"
                          + " e.ready_for, e.source_id, e.is_casting_standby, e.is_shared, e.data FROM entity e"
                          + " JOIN entity_type et ON et.id = e.entity_type_id WHERE e.project_id = ? AND et.name"
                          + " NOT IN " + TEMPORAL + " ORDER BY et.name, e.name, e.id"
                        : "SELECT e.id, e.name, e.preview_file_id, e.description, e.canceled, e.entity_type_id,"
                          + " e.parent_id, e.source_id, e.nb_frames, e.nb_entities_out, e.is_casting_standby,"
                          + " e.project_id, ep.id, ep.name, sq.id, sq.name, p.name, e.data FROM entity e"
                          + " JOIN project p ON p.id = e.project_id JOIN entity sq ON sq.id = e.parent_id"
                          + " LEFT JOIN entity ep ON ep.id = sq.parent_id JOIN entity_type et"
                          + " ON et.id = e.entity_type_id WHERE e.project_id = ? AND et.name = 'Shot'"
                          + " ORDER BY sq.name, e.name, e.id";
                String from = assets
                        ? " FROM entity e JOIN entity_type et ON et.id = e.entity_type_id WHERE e.project_id = ?"
                          + " AND et.name NOT IN " + TEMPORAL
                        : " FROM entity e JOIN entity sq ON sq.id = e.parent_id JOIN entity_type et"
                          + " ON et.id = e.entity_type_id WHERE e.project_id = ? AND et.name = 'Shot'";
                String order = assets ? " ORDER BY et.name, e.name, e.id" : " ORDER BY sq.name, e.name, e.id";
                String taskSql = "SELECT t.id, t.entity_id, t.due_date, t.done_date, t.duration, t.estimation,"
                        + " t.end_date, t.last_comment_date, t.last_preview_file_id, t.priority, t.real_start_date,"
                        + " t.retake_count, t.start_date, t.difficulty, t.task_status_id, t.task_type_id, t.data,"
                        + " t.nb_assets_ready, t.nb_drawings" + from.replace(" WHERE", " JOIN task t ON t.entity_id"
                        + " = e.id WHERE") + order + ", t.id";
                String linkSql = "SELECT l.task_id, l.person_id" + from.replace(" WHERE", " JOIN task t"
                        + " ON t.entity_id = e.id JOIN task_person_link l ON l.task_id = t.id WHERE") + order
                        + ", t.id, l.person_id";
                g.writeStartArray();
                try (PreparedStatement ps = c.prepareStatement(sql);
                     PreparedStatement pt = c.prepareStatement(taskSql);
                     PreparedStatement pl = c.prepareStatement(linkSql)) {
                    for (PreparedStatement p : List.of(ps, pt, pl)) {
                        p.setObject(1, projectId);
                        p.setFetchSize(BATCH);
                    }
                    try (ResultSet rs = ps.executeQuery(); ResultSet ts = pt.executeQuery();
                         ResultSet ls = pl.executeQuery()) {
                        int n = rs.getMetaData().getColumnCount();
                        Cursor tasks = new Cursor(ts, 19);
                        Cursor links = new Cursor(ls, 2);
                        while (rs.next()) {
                            Object[] v = new Object[n];
                            for (int i = 0; i < n; i++) {
                                v[i] = rs.getObject(i + 1);
                            }
                            writeEntity(g, v, tasks, links, assets, castIn);
                        }
                    }
                }
                g.writeEndArray();
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }

    private static Map<UUID, List<String>> castIn(Connection c, UUID projectId) throws SQLException {
        Map<UUID, List<String>> m = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l.entity_out_id, l.entity_in_id FROM entity_link l"
                + " JOIN entity ep ON ep.id = l.entity_in_id JOIN entity_type et ON et.id = ep.entity_type_id"
                + " WHERE et.name = 'Episode' AND ep.project_id = ? ORDER BY ep.name, ep.id")) {
            ps.setObject(1, projectId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return m;
    }

    /** One cursor read a row ahead. */
    private static final class Cursor {
        private final ResultSet rs;
        private final int width;
        private Object[] current;
        private boolean done;

        Cursor(ResultSet rs, int width) {
            this.rs = rs;
            this.width = width;
        }

        /** The next row if its column {@code at} equals {@code key} (consumed), else null. */
        Object[] nextIf(int at, Object key) throws SQLException {
            if (current == null && !done) {
                if (rs.next()) {
                    current = new Object[width];
                    for (int i = 0; i < width; i++) {
                        current[i] = rs.getObject(i + 1);
                    }
                } else {
                    done = true;
                }
            }
            if (current != null && key.equals(current[at])) {
                Object[] row = current;
                current = null;
                return row;
            }
            return null;
        }
    }

    private static void writeEntity(JsonGenerator g, Object[] v, Cursor tasks, Cursor links, boolean assets,
                                    Map<UUID, List<String>> castIn) throws SQLException, IOException {
        {
            g.writeStartObject();
            if (assets) {
                g.writeStringField("id", v[0].toString());
                g.writeStringField("name", (String) v[1]);
                g.writeStringField("preview_file_id", v[2] == null ? "" : v[2].toString());
                g.writeStringField("description", (String) v[3]);
                g.writeStringField("asset_type_name", (String) v[4]);
                g.writeStringField("asset_type_id", v[5].toString());
                bool(g, "canceled", v[6]);
                g.writeStringField("ready_for", v[7] == null ? "None" : v[7].toString());
                g.writeStringField("episode_id", v[8] == null ? "" : v[8].toString());
                g.writeArrayFieldStart("casting_episode_ids");
                for (String ep : castIn.getOrDefault((UUID) v[0], List.of())) {
                    g.writeString(ep);
                }
                g.writeEndArray();
                bool(g, "is_casting_standby", v[9]);
                bool(g, "is_shared", v[10]);
                g.writeFieldName("data");
                g.writeRawValue(v[11] == null ? "{}" : json(v[11]));
            } else {
                String data = v[17] == null ? null : json(v[17]);
                JsonNode node = data == null ? null : MAPPER.readTree(data);
                bool(g, "canceled", v[4]);
                g.writeFieldName("data");
                g.writeRawValue(data == null ? "{}" : data);
                g.writeStringField("description", (String) v[3]);
                str(g, "entity_type_id", v[5]);
                str(g, "episode_id", v[12]);
                g.writeStringField("episode_name", v[13] == null ? "" : (String) v[13]);
                for (String key : new String[] {"fps", "frame_in", "frame_out"}) {
                    g.writeFieldName(key);
                    JsonNode x = node == null || !node.isObject() ? null : node.get(key);
                    if (x == null) {
                        g.writeNull();
                    } else {
                        MAPPER.writeTree(g, x);
                    }
                }
                g.writeStringField("id", v[0].toString());
                g.writeStringField("name", (String) v[1]);
                num(g, "nb_frames", v[8]);
                str(g, "parent_id", v[6]);
                str(g, "preview_file_id", v[2]);
                str(g, "project_id", v[11]);
                g.writeStringField("project_name", (String) v[16]);
                str(g, "sequence_id", v[14]);
                g.writeStringField("sequence_name", (String) v[15]);
                str(g, "source_id", v[7]);
                num(g, "nb_entities_out", v[9]);
                bool(g, "is_casting_standby", v[10]);
            }
            g.writeArrayFieldStart("tasks");
            for (Object[] t = tasks.nextIf(1, v[0]); t != null; t = tasks.nextIf(1, v[0])) {
                g.writeStartObject();
                g.writeStringField("id", t[0].toString());
                if (assets) {
                    time(g, "due_date", t[2]);
                    time(g, "done_date", t[3]);
                    num(g, "duration", t[4]);
                    g.writeStringField("entity_id", t[1].toString());
                    num(g, "estimation", t[5]);
                    time(g, "end_date", t[6]);
                    g.writeBooleanField("is_subscribed", false);
                    time(g, "last_comment_date", t[7]);
                    g.writeStringField("last_preview_file_id", t[8] == null ? "" : t[8].toString());
                    g.writeNumberField("priority", t[9] == null ? 0 : ((Number) t[9]).intValue());
                    time(g, "real_start_date", t[10]);
                    num(g, "retake_count", t[11]);
                    time(g, "start_date", t[12]);
                    num(g, "difficulty", t[13]);
                } else {
                    num(g, "duration", t[4]);
                    time(g, "due_date", t[2]);
                    time(g, "end_date", t[6]);
                    time(g, "done_date", t[3]);
                    g.writeStringField("entity_id", t[1].toString());
                    num(g, "estimation", t[5]);
                    g.writeBooleanField("is_subscribed", false);
                    time(g, "last_comment_date", t[7]);
                    str(g, "last_preview_file_id", t[8]);
                    num(g, "nb_assets_ready", t[17]);
                    g.writeNumberField("priority", t[9] == null ? 0 : ((Number) t[9]).intValue());
                    time(g, "real_start_date", t[10]);
                    num(g, "retake_count", t[11]);
                    time(g, "start_date", t[12]);
                    num(g, "difficulty", t[13]);
                    num(g, "nb_drawings", t[18]);
                }
                str(g, "task_status_id", t[14]);
                str(g, "task_type_id", t[15]);
                g.writeArrayFieldStart("assignees");
                for (Object[] l = links.nextIf(0, t[0]); l != null; l = links.nextIf(0, t[0])) {
                    g.writeString(l[1].toString());
                }
                g.writeEndArray();
                g.writeFieldName("data");
                if (t[16] == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(json(t[16]));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!assets) {
                g.writeStringField("type", "Shot");
            }
            g.writeEndObject();
        }
    }

    private static String json(Object v) {
        return v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v.toString();
    }

    private static void str(JsonGenerator g, String name, Object v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v.toString());
        }
    }

    private static void bool(JsonGenerator g, String name, Object v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeBooleanField(name, (Boolean) v);
        }
    }

    private static void num(JsonGenerator g, String name, Object v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else if (v instanceof Double d) {
            g.writeNumberField(name, d);
        } else {
            g.writeNumberField(name, ((Number) v).intValue());
        }
    }

    private static void time(JsonGenerator g, String name, Object v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            LocalDateTime t = v instanceof LocalDateTime l ? l : ((java.sql.Timestamp) v).toLocalDateTime();
            g.writeStringField(name, new String(Floor.timestamp(t, new char[19])));
        }
    }
}
