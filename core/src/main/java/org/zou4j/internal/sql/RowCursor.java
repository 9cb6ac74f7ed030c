package org.zou4j.internal.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.internal.schema.TableSchema;

/** A forward-only stream of rows; memory stays bounded whatever the result size. */
public final class RowCursor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RowCursor.class);

    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final RowReader reader;
    private boolean closed;

    RowCursor(TableSchema table, PreparedStatement statement, ResultSet resultSet) {
        this.statement = statement;
        this.resultSet = resultSet;
        this.reader = new RowReader(table);
    }

    /** The next row, or {@code null} at the end. */
    public Row next() {
        try {
            if (closed || !resultSet.next()) {
                return null;
            }
            return reader.read(resultSet);
        } catch (SQLException e) {
            throw Database.translate(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (PreparedStatement s = statement; ResultSet r = resultSet) {
            LOG.trace("closing cursor");
        } catch (SQLException e) {
            LOG.warn("Closing a row cursor failed: {}", e.getMessage());
        }
    }
}
