package org.zou4j.internal.assets;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.assets.EntityKind;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.model.Choices;
import org.zou4j.internal.sql.Tx;

/**
 * Kitsu's "with tasks" views ({@code /data/assets/with-tasks}, {@code /data/shots/with-tasks}): every entity with its
 * tasks and their assignees, written to a JSON generator as the rows come. Three cursors (entities, tasks, assignee
 * links) read in the same order are merged, so memory stays bounded whatever the production's size; only the caller's
 * task subscriptions and, for assets, the episodes they are cast in are held.
 */
final class WithTasks {
    /** The filters of one view, as SQL over {@code e} (the entity) and the joins of its FROM clause. */
    record Spec(EntityKind kind, UUID me, UUID id, UUID projectId, String episodeId, UUID assetTypeId,
                UUID teamOf, UUID assignedTo, UUID shotTypeId, VendorMask mask) {
    }

    private static final List<String> TEMPORAL = List.copyOf(Choices.TEMPORAL_ENTITY_TYPES);

    /** Zou's answer shapes: a JSON array; {@code compact} (positional rows); {@code stream} (NDJSON lines). */
    record Shape(boolean compact, boolean stream) {
        static final Shape PLAIN = new Shape(false, false);

        boolean plain() {
            return !compact && !stream;
        }
    }

    static final List<String> ASSET_FIELDS = List.of("id", "name", "preview_file_id", "description",
            "asset_type_name", "asset_type_id", "canceled", "ready_for", "episode_id", "casting_episode_ids",
            "is_casting_standby", "is_shared", "data", "tasks");
    static final List<String> ASSET_TASK_FIELDS = List.of("id", "due_date", "done_date", "duration", "entity_id",
            "estimation", "end_date", "is_subscribed", "last_comment_date", "last_preview_file_id", "priority",
            "real_start_date", "retake_count", "start_date", "difficulty", "task_status_id", "task_type_id",
            "assignees", "data");
    static final List<String> SHOT_FIELDS = List.of("canceled", "data", "description", "entity_type_id",
            "episode_id", "episode_name", "fps", "frame_in", "frame_out", "id", "name", "nb_frames", "parent_id",
            "preview_file_id", "project_id", "project_name", "sequence_id", "sequence_name", "source_id",
            "nb_entities_out", "is_casting_standby", "type", "tasks");
    static final List<String> SHOT_TASK_FIELDS = List.of("id", "duration", "due_date", "end_date", "done_date",
            "entity_id", "estimation", "is_subscribed", "last_comment_date", "last_preview_file_id",
            "nb_assets_ready", "priority", "real_start_date", "retake_count", "start_date", "difficulty",
            "nb_drawings", "task_status_id", "task_type_id", "assignees", "data");

    /** Writes objects as positional arrays: Zou's compact rows (field names are in the header). */
    private static final class Compact extends com.fasterxml.jackson.core.util.JsonGeneratorDelegate {
        Compact(JsonGenerator d) {
            super(d, false);
        }

        @Override
        public void writeStartObject() throws IOException {
            delegate.writeStartArray();
        }

        @Override
        public void writeEndObject() throws IOException {
            delegate.writeEndArray();
        }

        @Override
        public void writeFieldName(String name) {
            // positional
        }

        @Override
        public void writeFieldName(com.fasterxml.jackson.core.SerializableString name) {
            // positional
        }
    }

    private final ObjectMapper mapper;

    WithTasks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // ---- SQL ---------------------------------------------------------------------------------------------------------

    private static String from(EntityKind kind) {
        if (kind == EntityKind.ASSET) {
            return " FROM entity e JOIN entity_type et ON et.id = e.entity_type_id";
        }
        return " FROM entity e JOIN project p ON p.id = e.project_id JOIN entity sq ON sq.id = e.parent_id"
                + " LEFT JOIN entity ep ON ep.id = sq.parent_id";
    }

    private static String order(EntityKind kind) {
        return kind == EntityKind.ASSET ? " ORDER BY et.name, e.name, e.id" : " ORDER BY sq.name, e.name, e.id";
    }

    private static String where(Spec s, List<Object> binds) {
        StringBuilder w = new StringBuilder(" WHERE ");
        if (s.kind() == EntityKind.ASSET) {
            w.append("et.name NOT IN (");
            for (int i = 0; i < TEMPORAL.size(); i++) {
                w.append(i == 0 ? "?" : ", ?");
                binds.add(TEMPORAL.get(i));
            }
            w.append(')');
        } else {
            w.append("e.entity_type_id = ?");
            binds.add(s.shotTypeId());
        }
        if (s.id() != null) {
            w.append(" AND e.id = ?");
            binds.add(s.id());
        }
        if (s.projectId() != null) {
            w.append(" AND e.project_id = ?");
            binds.add(s.projectId());
        }
        if (s.assetTypeId() != null) {
            w.append(" AND e.entity_type_id = ?");
            binds.add(s.assetTypeId());
        }
        String episode = s.episodeId();
        if (episode != null && !episode.equals("all")) {
            if (s.kind() == EntityKind.ASSET) {
                if (episode.equals("main")) {
                    w.append(" AND e.source_id IS NULL");
                } else {
                    UUID ep = UUID.fromString(episode);
                    w.append(" AND (e.source_id = ? OR EXISTS (SELECT 1 FROM entity_link l WHERE l.entity_out_id = e.id"
                            + " AND l.entity_in_id = ?))");
                    binds.add(ep);
                    binds.add(ep);
                }
            } else {
                w.append(" AND sq.parent_id = ?");
                binds.add(UUID.fromString(episode));
            }
        }
        if (s.teamOf() != null) {
            w.append(" AND e.project_id IN (SELECT pl.project_id FROM project_person_link pl WHERE pl.person_id = ?)");
            binds.add(s.teamOf());
        }
        if (s.assignedTo() != null) {
            w.append(" AND EXISTS (SELECT 1 FROM task ta JOIN task_person_link tl ON tl.task_id = ta.id"
                    + " WHERE ta.entity_id = e.id AND tl.person_id = ?)");
            binds.add(s.assignedTo());
        }
        return w.toString();
    }

    private static final String TASK_COLUMNS = "t.id, t.entity_id, t.due_date, t.done_date, t.duration, t.estimation,"
            + " t.end_date, t.last_comment_date, t.last_preview_file_id, t.priority, t.real_start_date, t.retake_count,"
            + " t.start_date, t.difficulty, t.task_status_id, t.task_type_id, t.data, t.nb_assets_ready, t.nb_drawings";

    // ---- writing -----------------------------------------------------------------------------------------------------

    /** Writes the JSON array of the view to {@code g}. */
    void write(Tx tx, Spec s, JsonGenerator g) throws SQLException, IOException {
        write(tx, s, g, Shape.PLAIN);
    }

    /** Writes the view in the given shape. */
    void write(Tx tx, Spec s, JsonGenerator out, Shape shape) throws SQLException, IOException {
        Set<UUID> subscribed = subscriptions(tx, s);
        Map<UUID, List<UUID>> castInEpisodes = s.kind() == EntityKind.ASSET
                && (s.projectId() != null || s.id() != null) ? castInEpisodes(tx, s) : Map.of();
        List<Object> binds = new ArrayList<>();
        String where = where(s, binds);
        String entitySql = s.kind() == EntityKind.ASSET
                ? "SELECT e.id, e.name, e.preview_file_id, e.description, et.name, e.entity_type_id, e.canceled,"
                  + " e.ready_for, e.source_id, e.is_casting_standby, e.is_shared, e.data, e.project_id"
                  + from(s.kind()) + where + order(s.kind())
                : "SELECT e.id, e.name, e.preview_file_id, e.description, e.canceled, e.entity_type_id, e.parent_id,"
                  + " e.source_id, e.nb_frames, e.nb_entities_out, e.is_casting_standby, e.project_id, ep.id, ep.name,"
                  + " sq.id, sq.name, p.name, e.data"
                  + from(s.kind()) + where + order(s.kind());
        String assignedTasks = s.assignedTo() == null ? ""
                : " AND t.id IN (SELECT x.task_id FROM task_person_link x WHERE x.person_id = ?)";
        List<Object> taskBinds = new ArrayList<>(binds);
        if (s.assignedTo() != null) {
            taskBinds.add(s.assignedTo());
        }
        String taskSql = "SELECT " + TASK_COLUMNS + from(s.kind()) + " JOIN task t ON t.entity_id = e.id" + where
                + assignedTasks + order(s.kind()) + ", t.id";
        String linkSql = "SELECT tp.task_id, tp.person_id" + from(s.kind()) + " JOIN task t ON t.entity_id = e.id"
                + " JOIN task_person_link tp ON tp.task_id = t.id" + where + assignedTasks + order(s.kind())
                + ", t.id, tp.person_id";
        try (Tx.SqlCursor entities = tx.query(entitySql, binds);
             Tx.SqlCursor tasks = tx.query(taskSql, taskBinds);
             Tx.SqlCursor links = tx.query(linkSql, taskBinds)) {
            Merge merge = new Merge(tasks, links);
            boolean asset = s.kind() == EntityKind.ASSET;
            if (!shape.plain()) {
                if (shape.stream()) {
                    out.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                }
                out.writeStartObject();
                out.writeBooleanField("compact", shape.compact());
                if (shape.compact()) {
                    writeNames(out, asset ? "asset_fields" : "shot_fields", asset ? ASSET_FIELDS : SHOT_FIELDS);
                    writeNames(out, "task_fields", asset ? ASSET_TASK_FIELDS : SHOT_TASK_FIELDS);
                }
                if (shape.stream()) {
                    out.writeEndObject();
                } else {
                    out.writeFieldName("rows");
                }
            }
            JsonGenerator g = shape.compact() ? new Compact(out) : out;
            if (!shape.stream()) {
                out.writeStartArray();
            }
            while (entities.next()) {
                ResultSet r = entities.resultSet();
                if (asset) {
                    writeAsset(g, r, merge, subscribed, castInEpisodes, s.mask());
                } else {
                    writeShot(g, r, merge, subscribed, shape.compact(), s.mask());
                }
            }
            if (!shape.stream()) {
                out.writeEndArray();
            }
            if (!shape.plain() && !shape.stream()) {
                out.writeEndObject();
            }
            if (shape.stream()) {
                out.writeRaw('\n');
            }
        }
    }

    /** The entity's data as stored, or without the keys a vendor may not see. */
    private String masked(String data, ResultSet r, int projectColumn, VendorMask mask)
            throws SQLException, IOException {
        if (mask == null || data == null) {
            return data;
        }
        Set<String> hidden = mask.hidden(r.getObject(projectColumn, UUID.class));
        if (hidden.isEmpty()) {
            return data;
        }
        JsonNode node = mapper.readTree(data);
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove(hidden);
            return mapper.writeValueAsString(object);
        }
        return data;
    }

    private void writeAsset(JsonGenerator g, ResultSet r, Merge merge, Set<UUID> subscribed,
                            Map<UUID, List<UUID>> castIn, VendorMask mask) throws SQLException, IOException {
        UUID id = r.getObject(1, UUID.class);
        g.writeStartObject();
        g.writeStringField("id", id.toString());
        g.writeStringField("name", r.getString(2));
        UUID preview = r.getObject(3, UUID.class);
        g.writeStringField("preview_file_id", preview == null ? "" : preview.toString());
        g.writeStringField("description", r.getString(4));
        g.writeStringField("asset_type_name", r.getString(5));
        g.writeStringField("asset_type_id", r.getObject(6, UUID.class).toString());
        writeBoolean(g, "canceled", r, 7);
        UUID readyFor = r.getObject(8, UUID.class);
        g.writeStringField("ready_for", readyFor == null ? "None" : readyFor.toString()); // Zou's str(None)
        UUID source = r.getObject(9, UUID.class);
        g.writeStringField("episode_id", source == null ? "" : source.toString());
        g.writeArrayFieldStart("casting_episode_ids");
        for (UUID ep : castIn.getOrDefault(id, List.of())) {
            g.writeString(ep.toString());
        }
        g.writeEndArray();
        writeBoolean(g, "is_casting_standby", r, 10);
        writeBoolean(g, "is_shared", r, 11);
        String data = masked(r.getString(12), r, 13, mask);
        g.writeFieldName("data");
        g.writeRawValue(data == null ? "{}" : data);
        g.writeArrayFieldStart("tasks");
        merge.writeTasks(g, id, subscribed, true);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeNames(JsonGenerator g, String name, List<String> names) throws IOException {
        g.writeArrayFieldStart(name);
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
    }

    private void writeShot(JsonGenerator g, ResultSet r, Merge merge, Set<UUID> subscribed, boolean compact,
                           VendorMask mask) throws SQLException, IOException {
        UUID id = r.getObject(1, UUID.class);
        String data = masked(r.getString(18), r, 12, mask);
        JsonNode node = data == null ? null : mapper.readTree(data);
        g.writeStartObject();
        writeBoolean(g, "canceled", r, 5);
        g.writeFieldName("data");
        g.writeRawValue(data == null ? "{}" : data);
        g.writeStringField("description", r.getString(4));
        writeUuid(g, "entity_type_id", r, 6);
        writeUuid(g, "episode_id", r, 13);
        String episodeName = r.getString(14);
        g.writeStringField("episode_name", episodeName == null ? "" : episodeName);
        for (String key : List.of("fps", "frame_in", "frame_out")) {
            g.writeFieldName(key);
            JsonNode v = node == null || !node.isObject() ? null : node.get(key);
            if (v == null) {
                g.writeNull();
            } else {
                g.writeTree(v);
            }
        }
        g.writeStringField("id", id.toString());
        g.writeStringField("name", r.getString(2));
        writeInt(g, "nb_frames", r, 9);
        writeUuid(g, "parent_id", r, 7);
        writeUuid(g, "preview_file_id", r, 3);
        writeUuid(g, "project_id", r, 12);
        g.writeStringField("project_name", r.getString(17));
        writeUuid(g, "sequence_id", r, 15);
        g.writeStringField("sequence_name", r.getString(16));
        writeUuid(g, "source_id", r, 8);
        writeInt(g, "nb_entities_out", r, 10);
        writeBoolean(g, "is_casting_standby", r, 11);
        if (compact) {
            g.writeStringField("type", "Shot"); // the compact row has type before tasks, the object after
        }
        g.writeArrayFieldStart("tasks");
        merge.writeTasks(g, id, subscribed, false);
        g.writeEndArray();
        if (!compact) {
            g.writeStringField("type", "Shot");
        }
        g.writeEndObject();
    }

    /** The task and link cursors, advanced in step with the entities. */
    private static final class Merge {
        private final Tx.SqlCursor tasks;
        private final Tx.SqlCursor links;
        private boolean taskPending;
        private boolean tasksDone;
        private boolean linkPending;
        private boolean linksDone;

        Merge(Tx.SqlCursor tasks, Tx.SqlCursor links) {
            this.tasks = tasks;
            this.links = links;
        }

        private boolean taskAvailable() throws SQLException {
            if (!taskPending && !tasksDone) {
                taskPending = tasks.next();
                tasksDone = !taskPending;
            }
            return taskPending;
        }

        private boolean linkAvailable() throws SQLException {
            if (!linkPending && !linksDone) {
                linkPending = links.next();
                linksDone = !linkPending;
            }
            return linkPending;
        }

        void writeTasks(JsonGenerator g, UUID entityId, Set<UUID> subscribed, boolean assetShape)
                throws SQLException, IOException {
            while (taskAvailable()) {
                ResultSet t = tasks.resultSet();
                if (!entityId.equals(t.getObject(2, UUID.class))) {
                    return;
                }
                taskPending = false;
                UUID taskId = t.getObject(1, UUID.class);
                g.writeStartObject();
                g.writeStringField("id", taskId.toString());
                if (assetShape) {
                    writeTime(g, "due_date", t, 3);
                    writeTime(g, "done_date", t, 4);
                    writeDouble(g, "duration", t, 5);
                    g.writeStringField("entity_id", entityId.toString());
                    writeDouble(g, "estimation", t, 6);
                    writeTime(g, "end_date", t, 7);
                    g.writeBooleanField("is_subscribed", subscribed.contains(taskId));
                    writeTime(g, "last_comment_date", t, 8);
                    UUID lastPreview = t.getObject(9, UUID.class);
                    g.writeStringField("last_preview_file_id", lastPreview == null ? "" : lastPreview.toString());
                    g.writeNumberField("priority", t.getInt(10));
                    writeTime(g, "real_start_date", t, 11);
                    writeInt(g, "retake_count", t, 12);
                    writeTime(g, "start_date", t, 13);
                    writeInt(g, "difficulty", t, 14);
                } else {
                    writeDouble(g, "duration", t, 5);
                    writeTime(g, "due_date", t, 3);
                    writeTime(g, "end_date", t, 7);
                    writeTime(g, "done_date", t, 4);
                    g.writeStringField("entity_id", entityId.toString());
                    writeDouble(g, "estimation", t, 6);
                    g.writeBooleanField("is_subscribed", subscribed.contains(taskId));
                    writeTime(g, "last_comment_date", t, 8);
                    writeUuid(g, "last_preview_file_id", t, 9);
                    writeInt(g, "nb_assets_ready", t, 18);
                    g.writeNumberField("priority", t.getInt(10));
                    writeTime(g, "real_start_date", t, 11);
                    writeInt(g, "retake_count", t, 12);
                    writeTime(g, "start_date", t, 13);
                    writeInt(g, "difficulty", t, 14);
                    writeInt(g, "nb_drawings", t, 19);
                }
                writeUuid(g, "task_status_id", t, 15);
                writeUuid(g, "task_type_id", t, 16);
                g.writeArrayFieldStart("assignees");
                while (linkAvailable()) {
                    ResultSet l = links.resultSet();
                    if (!taskId.equals(l.getObject(1, UUID.class))) {
                        break;
                    }
                    linkPending = false;
                    g.writeString(l.getObject(2, UUID.class).toString());
                }
                g.writeEndArray();
                String data = t.getString(17);
                g.writeFieldName("data");
                if (data == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(data);
                }
                g.writeEndObject();
            }
        }
    }

    // ---- side tables -------------------------------------------------------------------------------------------------

    private static Set<UUID> subscriptions(Tx tx, Spec s) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        UUID me = s.me();
        if (me == null) {
            return ids; // the system caller subscribes to nothing
        }
        List<Object> binds = new ArrayList<>();
        binds.add(me);
        String sql = "SELECT s.task_id FROM subscription s WHERE s.person_id = ? AND s.task_id IS NOT NULL";
        if (s.projectId() != null) {
            sql += " AND s.task_id IN (SELECT t.id FROM task t WHERE t.project_id = ?)";
            binds.add(s.projectId());
        }
        try (Tx.SqlCursor c = tx.query(sql, binds)) {
            while (c.next()) {
                ids.add(c.resultSet().getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /** Asset id → the episodes it is cast in, ordered by episode name (Zou's {@code casting_episode_ids}). */
    private static Map<UUID, List<UUID>> castInEpisodes(Tx tx, Spec s) throws SQLException {
        List<Object> binds = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT l.entity_out_id, l.entity_in_id FROM entity_link l"
                + " JOIN entity ep ON ep.id = l.entity_in_id JOIN entity_type et ON et.id = ep.entity_type_id"
                + " WHERE et.name = 'Episode'");
        if (s.projectId() != null) {
            sql.append(" AND ep.project_id = ?");
            binds.add(s.projectId());
        }
        if (s.episodeId() != null && !s.episodeId().equals("main") && !s.episodeId().equals("all")) {
            sql.append(" AND l.entity_in_id = ?");
            binds.add(UUID.fromString(s.episodeId()));
        }
        if (s.id() != null) {
            sql.append(" AND l.entity_out_id = ?");
            binds.add(s.id());
        }
        sql.append(" ORDER BY ep.name, ep.id");
        Map<UUID, List<UUID>> map = new HashMap<>();
        try (Tx.SqlCursor c = tx.query(sql.toString(), binds)) {
            while (c.next()) {
                map.computeIfAbsent(c.resultSet().getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(c.resultSet().getObject(2, UUID.class));
            }
        }
        return map;
    }

    // ---- values ------------------------------------------------------------------------------------------------------

    private static void writeUuid(JsonGenerator g, String name, ResultSet r, int i) throws SQLException, IOException {
        UUID v = r.getObject(i, UUID.class);
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, v.toString());
        }
    }

    private static void writeInt(JsonGenerator g, String name, ResultSet r, int i) throws SQLException, IOException {
        int v = r.getInt(i);
        if (r.wasNull()) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void writeDouble(JsonGenerator g, String name, ResultSet r, int i)
            throws SQLException, IOException {
        double v = r.getDouble(i);
        if (r.wasNull()) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    private static void writeBoolean(JsonGenerator g, String name, ResultSet r, int i)
            throws SQLException, IOException {
        boolean v = r.getBoolean(i);
        if (r.wasNull()) {
            g.writeNullField(name);
        } else {
            g.writeBooleanField(name, v);
        }
    }

    private static void writeTime(JsonGenerator g, String name, ResultSet r, int i) throws SQLException, IOException {
        LocalDateTime v = r.getObject(i, LocalDateTime.class);
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, JsonForm.timestamp(v));
        }
    }
}
