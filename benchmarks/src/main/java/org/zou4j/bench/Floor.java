package org.zou4j.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The floor: what a list costs with no engine in between. A hand-written JDBC query (the same columns and condition
 * the engine sends), each row written with Jackson's streaming generator in Zou's JSON form (the same field names and
 * values, byte for byte: UUIDs as strings, timestamps {@code YYYY-MM-DDTHH:MM:SS}, JSON columns verbatim, then
 * {@code type}). No maps, no per-row objects beyond what JDBC hands out.
 */
final class Floor {
    private static final Set<String> TEMPORAL = Set.of("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept");
    private static final JsonFactory JSON = new JsonFactory();

    private final DataSource dataSource;

    Floor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** {@code GET /data/tasks?project_id=P[&task_status_id=S]}, written to {@code out}. */
    void tasks(UUID projectId, UUID statusId, OutputStream out) throws SQLException, IOException {
        String sql = "SELECT * FROM task WHERE project_id = ?" + (statusId != null ? " AND task_status_id = ?" : "");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, projectId);
                if (statusId != null) {
                    ps.setObject(2, statusId);
                }
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    write(rs, out, null, -1);
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }

    /** {@code GET /data/entities?project_id=P}: entity rows with their kind as {@code type}. */
    void entities(UUID projectId, OutputStream out) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                Map<UUID, String> kinds = new HashMap<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name FROM entity_type")) {
                    while (rs.next()) {
                        String name = rs.getString(2);
                        kinds.put(rs.getObject(1, UUID.class), TEMPORAL.contains(name) ? name : "Asset");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM entity WHERE project_id = ?")) {
                    ps.setObject(1, projectId);
                    ps.setFetchSize(500);
                    try (ResultSet rs = ps.executeQuery()) {
                        int typeColumn = rs.findColumn("entity_type_id");
                        write(rs, out, kinds, typeColumn);
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }

    private enum Kind { UUID, STRING, INT, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP, DATE, JSON }

    private static void write(ResultSet rs, OutputStream out, Map<UUID, String> kinds, int typeColumn)
            throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] names = new String[n + 1];
        Kind[] types = new Kind[n + 1];
        for (int i = 1; i <= n; i++) {
            names[i] = md.getColumnLabel(i);
            types[i] = kind(md.getColumnTypeName(i));
        }
        String fixedType = kinds == null ? "Task" : null;
        char[] ts = new char[19];
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            while (rs.next()) {
                g.writeStartObject();
                for (int i = 1; i <= n; i++) {
                    g.writeFieldName(names[i]);
                    switch (types[i]) {
                        case UUID -> {
                            UUID u = rs.getObject(i, UUID.class);
                            if (u == null) {
                                g.writeNull();
                            } else {
                                g.writeString(u.toString());
                            }
                        }
                        case STRING -> {
                            String s = rs.getString(i);
                            if (s == null) {
                                g.writeNull();
                            } else {
                                g.writeString(s);
                            }
                        }
                        case INT -> {
                            int v = rs.getInt(i);
                            if (rs.wasNull()) {
                                g.writeNull();
                            } else {
                                g.writeNumber(v);
                            }
                        }
                        case BIGINT -> {
                            long v = rs.getLong(i);
                            if (rs.wasNull()) {
                                g.writeNull();
                            } else {
                                g.writeNumber(v);
                            }
                        }
                        case DOUBLE -> {
                            double v = rs.getDouble(i);
                            if (rs.wasNull()) {
                                g.writeNull();
                            } else {
                                g.writeNumber(v);
                            }
                        }
                        case BOOLEAN -> {
                            boolean v = rs.getBoolean(i);
                            if (rs.wasNull()) {
                                g.writeNull();
                            } else {
                                g.writeBoolean(v);
                            }
                        }
                        case TIMESTAMP -> {
                            LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                            if (t == null) {
                                g.writeNull();
                            } else {
                                g.writeString(timestamp(t, ts), 0, 19);
                            }
                        }
                        case DATE -> {
                            LocalDate d = rs.getObject(i, LocalDate.class);
                            if (d == null) {
                                g.writeNull();
                            } else {
                                g.writeString(d.toString());
                            }
                        }
                        case JSON -> {
                            String s = rs.getString(i);
                            if (s == null) {
                                g.writeNull();
                            } else {
                                g.writeRawValue(s);
                            }
                        }
                        default -> throw new IllegalStateException();
                    }
                }
                g.writeStringField("type", fixedType != null ? fixedType
                        : kinds.getOrDefault(rs.getObject(typeColumn, UUID.class), "Asset"));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static Kind kind(String sqlType) {
        return switch (sqlType) {
            case "UUID" -> Kind.UUID;
            case "CHARACTER VARYING", "CHARACTER", "VARCHAR" -> Kind.STRING;
            case "INTEGER", "SMALLINT", "TINYINT" -> Kind.INT;
            case "BIGINT" -> Kind.BIGINT;
            case "DOUBLE PRECISION", "REAL", "FLOAT" -> Kind.DOUBLE;
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "TIMESTAMP" -> Kind.TIMESTAMP;
            case "DATE" -> Kind.DATE;
            case "JSON" -> Kind.JSON;
            default -> throw new IllegalArgumentException("Unexpected SQL type " + sqlType);
        };
    }

    /** {@code YYYY-MM-DDTHH:MM:SS} into {@code buf}, without a formatter. */
    static char[] timestamp(LocalDateTime t, char[] buf) {
        int y = t.getYear();
        buf[0] = (char) ('0' + y / 1000);
        buf[1] = (char) ('0' + y / 100 % 10);
        buf[2] = (char) ('0' + y / 10 % 10);
        buf[3] = (char) ('0' + y % 10);
        buf[4] = '-';
        two(buf, 5, t.getMonthValue());
        buf[7] = '-';
        two(buf, 8, t.getDayOfMonth());
        buf[10] = 'T';
        two(buf, 11, t.getHour());
        buf[13] = ':';
        two(buf, 14, t.getMinute());
        buf[16] = ':';
        two(buf, 17, t.getSecond());
        return buf;
    }

    private static void two(char[] buf, int at, int v) {
        buf[at] = (char) ('0' + v / 10);
        buf[at + 1] = (char) ('0' + v % 10);
    }
}
