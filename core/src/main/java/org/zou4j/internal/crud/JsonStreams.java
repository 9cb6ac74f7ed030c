package org.zou4j.internal.crud;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zou4j.assets.JsonStream;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.RowCursor;

/**
 * JSON answers for services beyond generic CRUD: written from a read transaction the answer owns (bounded memory), or
 * already computed. The plan (parameters, access checks) runs before a stream is returned, so errors are plain
 * answers, never half-way through a body.
 */
public final class JsonStreams {
    /** Rows serialized at a time: bounds memory while keeping the per-batch joins few. */
    public static final int BATCH = 500;

    private JsonStreams() {
    }

    /** Plans an answer inside an open read transaction; the answer it returns owns that transaction. */
    @FunctionalInterface
    public interface Planner {
        JsonStream plan(Database.ReadTx readTx) throws SQLException;
    }

    /** Writes a body with a generator, inside the read transaction. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator g) throws IOException, SQLException;
    }

    /** Serializes one batch of rows, in order. */
    @FunctionalInterface
    public interface Batch {
        List<Map<String, Object>> serialize(List<Row> rows) throws SQLException;
    }

    /**
     * Opens a read transaction and plans the answer in it; when planning fails the transaction is closed and the
     * error thrown here.
     */
    public static JsonStream planned(Database db, Planner planner) {
        Database.ReadTx readTx = db.openReadTx();
        try {
            return planner.plan(readTx);
        } catch (SQLException e) {
            readTx.close();
            throw Database.translate(e);
        } catch (RuntimeException e) {
            readTx.close();
            throw e;
        }
    }

    /** An answer written by {@code writer} from {@code readTx}, which it closes once written or when closed. */
    public static JsonStream owning(Database.ReadTx readTx, ObjectMapper mapper, String contentType, Writer writer) {
        return new JsonStream() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public void writeJson(OutputStream out) {
                try (readTx; JsonGenerator g = mapper.getFactory().createGenerator(out)) {
                    writer.write(g);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (SQLException e) {
                    throw Database.translate(e);
                }
            }

            @Override
            public void close() {
                readTx.close();
            }
        };
    }

    /** An answer already computed (holds no transaction). */
    public static JsonStream constant(ObjectMapper mapper, Object value) {
        return new JsonStream() {
            @Override
            public void writeJson(OutputStream out) {
                try {
                    mapper.writeValue(out, value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** Writes the rows of {@code cursor} as a JSON array, serialized {@link #BATCH} at a time. */
    public static void writeArray(JsonGenerator g, ObjectMapper mapper, RowCursor cursor, Batch batch)
            throws IOException, SQLException {
        g.writeStartArray();
        List<Row> rows = new ArrayList<>(BATCH);
        for (Row r = cursor.next(); ; r = cursor.next()) {
            if (r != null) {
                rows.add(r);
            }
            if (rows.size() == BATCH || r == null && !rows.isEmpty()) {
                for (Map<String, Object> m : batch.serialize(rows)) {
                    mapper.writeValue(g, m);
                }
                rows.clear();
            }
            if (r == null) {
                break;
            }
        }
        g.writeEndArray();
    }
}
