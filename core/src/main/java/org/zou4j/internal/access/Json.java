package org.zou4j.internal.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.zou4j.internal.sql.RawJson;

/** Reads JSON column values (stored rows and validated changes carry them as {@link RawJson}) for rules. */
final class Json {
    private Json() {
    }

    /** Only reads trees; an ObjectMapper is thread-safe for that and holds no state between calls. */
    private static final ObjectMapper READER = new ObjectMapper();

    static JsonNode node(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof RawJson raw) {
            try {
                return READER.readTree(raw.text());
            } catch (JsonProcessingException e) {
                return MissingNode.getInstance();
            }
        }
        return READER.valueToTree(value);
    }
}
