package org.zou4j.internal.crud;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.RowCursor;

/**
 * A live, unpaginated list: rows are read from the database cursor and serialized a batch at a time, so memory stays
 * bounded whatever the list size. Owns its read transaction until closed.
 */
public final class RowStream implements Iterator<Map<String, Object>>, AutoCloseable {
    private static final int BATCH = 500;

    private final HookContext ctx;
    private final BoundModel model;
    private final RowCursor cursor;
    private final Database.ReadTx read;
    private final boolean relations;
    private final Set<String> fields;
    private final Serializer serializer;
    private Iterator<Map<String, Object>> batch = List.<Map<String, Object>>of().iterator();
    private boolean exhausted;
    private boolean closed;

    RowStream(HookContext ctx, BoundModel model, RowCursor cursor, Database.ReadTx read, boolean relations,
              Set<String> fields, Serializer serializer) {
        this.ctx = ctx;
        this.model = model;
        this.cursor = cursor;
        this.read = read;
        this.relations = relations;
        this.fields = fields;
        this.serializer = serializer;
    }

    @Override
    public boolean hasNext() {
        while (!batch.hasNext()) {
            if (exhausted || closed) {
                return false;
            }
            fill();
        }
        return true;
    }

    @Override
    public Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.next();
    }

    private void fill() {
        List<Row> rows = new ArrayList<>(BATCH);
        Row r;
        while (rows.size() < BATCH && (r = cursor.next()) != null) {
            rows.add(r);
        }
        if (rows.size() < BATCH) {
            exhausted = true;
        }
        try {
            List<Map<String, Object>> json = serializer.many(ctx, model, rows, relations, ModelHooks.View.LIST);
            if (fields != null) {
                json = json.stream().map(j -> Serializer.project(j, fields)).toList();
            }
            batch = json.iterator();
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
        try {
            cursor.close();
        } finally {
            read.close();
        }
    }
}
