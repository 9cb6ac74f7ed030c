package org.zou4j.internal.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.zou4j.internal.schema.Column;
import org.zou4j.internal.schema.TableSchema;

/** Reads rows of one table from a result set selecting all its columns in order, with one typed getter per column. */
final class RowReader {
    interface ValueReader {
        Object read(ResultSet rs, int index) throws SQLException;
    }

    private final TableSchema table;
    private final ValueReader[] readers;

    RowReader(TableSchema table) {
        this.table = table;
        List<Column> columns = table.columns();
        this.readers = new ValueReader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = readerFor(columns.get(i));
        }
    }

    Row read(ResultSet rs) throws SQLException {
        Object[] values = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            values[i] = readers[i].read(rs, i + 1);
        }
        return new Row(table, values);
    }

    static ValueReader readerFor(Column c) {
        return switch (c.type()) {
            case UUID -> (rs, i) -> rs.getObject(i, UUID.class);
            case STRING -> ResultSet::getString;
            case INTEGER -> (rs, i) -> {
                int v = rs.getInt(i);
                return rs.wasNull() ? null : v;
            };
            case BIGINT -> (rs, i) -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            };
            case FLOAT -> (rs, i) -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : v;
            };
            case BOOLEAN -> (rs, i) -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            };
            case DATE -> (rs, i) -> rs.getObject(i, LocalDate.class);
            case TIMESTAMP -> (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case JSON -> (rs, i) -> {
                String s = rs.getString(i);
                return s == null ? null : new RawJson(s);
            };
        };
    }
}
