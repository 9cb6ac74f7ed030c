package org.zou4j;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.zou4j.internal.crud.ListOutcome;
import org.zou4j.internal.crud.RowStream;
import org.zou4j.internal.json.LazyJson;

/** The engine's {@link ListResult} over a page or a live row stream. */
final class EngineListResult implements ListResult {
    private final ListOutcome outcome;
    private final ObjectMapper mapper;

    EngineListResult(ListOutcome outcome, ObjectMapper mapper) {
        this.outcome = outcome;
        this.mapper = mapper;
    }

    @Override
    public boolean isPage() {
        return outcome.page() != null;
    }

    @Override
    public Map<String, Object> page() {
        return outcome.page();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<Entry> iterator() {
        boolean page = isPage();
        Iterator<Map<String, Object>> rows = page
                ? ((List<Map<String, Object>>) outcome.page().get("data")).iterator()
                : outcome.stream();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Entry next() {
                // streamed rows are fresh and referenced nowhere else; page rows are also in page()
                return page ? new Entry(rows.next()) : Entry.owned(rows.next());
            }
        };
    }

    @Override
    public void writeJson(OutputStream out) {
        try (this; JsonGenerator g = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (isPage()) {
                mapper.writeValue(g, outcome.page());
                return;
            }
            RowStream stream = outcome.stream();
            g.writeStartArray();
            while (stream.hasNext()) {
                writeRow(g, stream.next());
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One row, as {@code mapper.writeValue(g, row)} writes it, without a serializer lookup per row and per key: scalar
     * values are written directly, nested maps and lists by the mapper.
     */
    private void writeRow(JsonGenerator g, Map<String, Object> row) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : row.entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                g.writeNull();
            } else if (v instanceof String s) {
                g.writeString(s);
            } else if (v instanceof Integer i) {
                g.writeNumber(i);
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (v instanceof Double d) {
                g.writeNumber(d);
            } else if (v instanceof Long l) {
                g.writeNumber(l);
            } else if (v instanceof LazyJson lazy) {
                LazyJson.write(g, lazy, mapper);
            } else {
                mapper.writeValue(g, v);
            }
        }
        g.writeEndObject();
    }

    @Override
    public void close() {
        if (outcome.stream() != null) {
            outcome.stream().close();
        }
    }
}
