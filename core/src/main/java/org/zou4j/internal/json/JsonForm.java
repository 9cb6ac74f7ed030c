package org.zou4j.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.sql.RawJson;

/**
 * Zou's wire form of column values (reference §3.2): UUIDs as lower-case strings, timestamps as
 * {@code YYYY-MM-DDTHH:MM:SS} without fraction or zone, dates as {@code YYYY-MM-DD}, floats always with a decimal
 * point, JSON columns verbatim. One place for both the in-memory form and the streaming writer.
 */
public final class JsonForm {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter TIMESTAMP_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final ObjectMapper mapper;

    public JsonForm(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Zou's timestamp string. Formatted by hand: on a 75,000-task list the {@link DateTimeFormatter} was a fifth of the
     * serialization time.
     */
    public static String timestamp(LocalDateTime t) {
        int y = t.getYear();
        if (y < 1 || y > 9999) {
            return t.truncatedTo(ChronoUnit.SECONDS).format(TIMESTAMP);
        }
        byte[] b = new byte[19];
        b[0] = (byte) ('0' + y / 1000);
        b[1] = (byte) ('0' + y / 100 % 10);
        b[2] = (byte) ('0' + y / 10 % 10);
        b[3] = (byte) ('0' + y % 10);
        b[4] = '-';
        twoDigits(b, 5, t.getMonthValue());
        b[7] = '-';
        twoDigits(b, 8, t.getDayOfMonth());
        b[10] = 'T';
        twoDigits(b, 11, t.getHour());
        b[13] = ':';
        twoDigits(b, 14, t.getMinute());
        b[16] = ':';
        twoDigits(b, 17, t.getSecond());
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void twoDigits(byte[] b, int at, int v) {
        b[at] = (byte) ('0' + v / 10);
        b[at + 1] = (byte) ('0' + v % 10);
    }

    /** A timestamp with microseconds (used by a few routes, e.g. entity-link cursors). */
    public static String timestampMicros(LocalDateTime t) {
        return t.format(TIMESTAMP_MICROS);
    }

    /**
     * The JSON value (String, Number, Boolean, null, List or Map) of a column value. JSON objects and arrays are
     * {@link LazyJson}: parsed when looked into, written as stored otherwise.
     */
    public Object toJsonValue(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof UUID || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof LocalDateTime t) {
            return timestamp(t);
        }
        if (value instanceof RawJson json) {
            return LazyJson.of(json.text(), mapper); // objects and arrays parsed only when looked into
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::toJsonValue).toList();
        }
        return value;
    }

    /** Writes a column value to a streaming generator, exactly as {@link #toJsonValue} would serialize. */
    public void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof UUID || value instanceof LocalDate) {
            g.writeString(value.toString());
        } else if (value instanceof LocalDateTime t) {
            g.writeString(timestamp(t));
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof RawJson json) {
            g.writeRawValue(json.text());
        } else if (value instanceof LazyJson lazy) {
            LazyJson.write(g, lazy, mapper);
        } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
            mapper.writeValue(g, value);
        } else {
            g.writeString(value.toString());
        }
    }
}
