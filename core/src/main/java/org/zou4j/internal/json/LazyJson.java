package org.zou4j.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON column value (an object or an array) that stays the stored text until someone looks inside: serializing it
 * writes the text as it is, so a list of 75,000 tasks does not parse and re-serialize 20,000 {@code data} objects
 * (in the engine's list profile, the parse alone was 4% of the CPU). As a {@link Map} or {@link List} it is the parsed
 * value, parsed on first access; once parsed (and possibly changed) it is serialized from the parsed value.
 */
public interface LazyJson {

    /** The stored JSON text, or null once the value was parsed. */
    String unparsedText();

    /** The value as a {@link Map}, {@link List} or scalar JSON value: lazy for objects and arrays. */
    static Object of(String text, ObjectMapper mapper) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                return new LazyObject(text, mapper);
            }
            if (c == '[') {
                return new LazyArray(text, mapper);
            }
            if (!Character.isWhitespace(c)) {
                break;
            }
        }
        return parse(text, mapper, Object.class);
    }

    /** Writes {@code value} (a {@link LazyJson}) to {@code g}: the stored text when unparsed. */
    static void write(JsonGenerator g, LazyJson value, ObjectMapper mapper) throws IOException {
        String text = value.unparsedText();
        if (text != null) {
            g.writeRawValue(text);
        } else {
            mapper.writeValue(g, value instanceof LazyObject o ? o.parsed() : ((LazyArray) value).parsed());
        }
    }

    private static <T> T parse(String text, ObjectMapper mapper, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored JSON is unreadable", e);
        }
    }

    /** Jackson writes a lazy value as its text (or its parsed value once parsed). */
    final class Serializer extends JsonSerializer<LazyJson> {
        @Override
        public void serialize(LazyJson value, JsonGenerator g, SerializerProvider provider) throws IOException {
            String text = value.unparsedText();
            if (text != null) {
                g.writeRawValue(text);
            } else {
                provider.defaultSerializeValue(value instanceof LazyObject o ? o.parsed()
                        : ((LazyArray) value).parsed(), g);
            }
        }
    }

    /** A JSON object column value. */
    @JsonSerialize(using = Serializer.class)
    final class LazyObject extends AbstractMap<String, Object> implements LazyJson {
        private final ObjectMapper mapper;
        private volatile String text;
        private volatile Map<String, Object> value;

        LazyObject(String text, ObjectMapper mapper) {
            this.text = text;
            this.mapper = mapper;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> parsed() {
            Map<String, Object> v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = parse(text, mapper, LinkedHashMap.class);
                        value = v;
                        text = null;
                    }
                }
            }
            return v;
        }

        @Override
        public String unparsedText() {
            return text;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return parsed().entrySet();
        }

        @Override
        public Object get(Object key) {
            return parsed().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return parsed().containsKey(key);
        }

        @Override
        public Object put(String key, Object v) {
            return parsed().put(key, v);
        }

        @Override
        public Object remove(Object key) {
            return parsed().remove(key);
        }

        @Override
        public int size() {
            return parsed().size();
        }
    }

    /** A JSON array column value. */
    @JsonSerialize(using = Serializer.class)
    final class LazyArray extends AbstractList<Object> implements LazyJson {
        private final ObjectMapper mapper;
        private volatile String text;
        private volatile List<Object> value;

        LazyArray(String text, ObjectMapper mapper) {
            this.text = text;
            this.mapper = mapper;
        }

        @SuppressWarnings("unchecked")
        List<Object> parsed() {
            List<Object> v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = parse(text, mapper, ArrayList.class);
                        value = v;
                        text = null;
                    }
                }
            }
            return v;
        }

        @Override
        public String unparsedText() {
            return text;
        }

        @Override
        public Object get(int index) {
            return parsed().get(index);
        }

        @Override
        public int size() {
            return parsed().size();
        }

        @Override
        public Object set(int index, Object element) {
            return parsed().set(index, element);
        }

        @Override
        public void add(int index, Object element) {
            parsed().add(index, element);
        }

        @Override
        public Object remove(int index) {
            return parsed().remove(index);
        }
    }
}
