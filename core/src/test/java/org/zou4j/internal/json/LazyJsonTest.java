package org.zou4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LazyJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void objectsAndArraysAreTheParsedValues() {
        Object o = LazyJson.of("{\"a\":1,\"b\":[true,\"x\"]}", mapper);
        assertThat(o).isInstanceOf(LazyJson.class).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) o;
        assertThat(map).containsEntry("a", 1).containsEntry("b", List.of(true, "x")).hasSize(2);
        assertThat(o).isEqualTo(Map.of("a", 1, "b", List.of(true, "x")));
        Object a = LazyJson.of(" [1, {\"k\": null}]", mapper);
        assertThat(a).isInstanceOf(List.class);
        assertThat((List<?>) a).hasSize(2).first().isEqualTo(1);
    }

    @Test
    void scalarsAreParsedAtOnce() {
        assertThat(LazyJson.of("\"text\"", mapper)).isEqualTo("text");
        assertThat(LazyJson.of("12.5", mapper)).isEqualTo(12.5);
        assertThat(LazyJson.of("null", mapper)).isNull();
    }

    @Test
    void anUnreadValueIsWrittenAsStoredAndARewrittenOneFromItsValue() throws Exception {
        Object o = LazyJson.of("{\"a\":1}", mapper);
        assertThat(mapper.writeValueAsString(Map.of("data", o))).isEqualTo("{\"data\":{\"a\":1}}");
        assertThat(((LazyJson) o).unparsedText()).isEqualTo("{\"a\":1}");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        m.put("b", 2);
        assertThat(((LazyJson) o).unparsedText()).isNull();
        assertThat(mapper.writeValueAsString(o)).isEqualTo("{\"a\":1,\"b\":2}");
        Object a = LazyJson.of("[1,2]", mapper);
        assertThat(mapper.writeValueAsString(List.of(a))).isEqualTo("[[1,2]]");
    }
}
