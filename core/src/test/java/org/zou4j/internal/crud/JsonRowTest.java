package org.zou4j.internal.crud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonRowTest {

    @Test
    void behavesLikeALinkedHashMapUnderRandomEdits() {
        Random random = new Random(11);
        JsonRow.Keys keys = new JsonRow.Keys();
        for (int row = 0; row < 200; row++) {
            JsonRow json = new JsonRow(keys, 4);
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int op = 0; op < 60; op++) {
                String key = "k" + random.nextInt(row % 3 == 0 ? 40 : 12);
                int what = random.nextInt(10);
                if (what < 7) {
                    assertThat(json.put(key, op)).isEqualTo(expected.put(key, op));
                } else if (what < 9) {
                    assertThat(json.remove(key)).isEqualTo(expected.remove(key));
                } else {
                    assertThat(json.get(key)).isEqualTo(expected.get(key));
                }
                assertThat(json).isEqualTo(expected);
                assertThat(new ArrayList<>(json.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
            }
            assertThat(json.hashCode()).isEqualTo(expected.hashCode());
        }
    }

    @Test
    void rowsOfABatchShareTheirKeysAndMayDiverge() throws Exception {
        JsonRow.Keys keys = new JsonRow.Keys();
        JsonRow a = new JsonRow(keys, 2);
        a.put("id", 1);
        a.put("name", "a");
        a.put("type", "Task");
        JsonRow b = new JsonRow(keys, 2);
        b.put("id", 2);
        b.put("full_name", "b");
        b.put("type", "Person");
        assertThat(new ArrayList<>(a.keySet())).containsExactly("id", "name", "type");
        assertThat(new ArrayList<>(b.keySet())).containsExactly("id", "full_name", "type");
        assertThat(new ObjectMapper().writeValueAsString(List.of(a, b)))
                .isEqualTo("[{\"id\":1,\"name\":\"a\",\"type\":\"Task\"},{\"id\":2,\"full_name\":\"b\",\"type\":\"Person\"}]");
    }

    @Test
    void entriesAreLiveAndRemovable() {
        JsonRow json = new JsonRow(new JsonRow.Keys(), 4);
        json.put("a", 1);
        json.put("b", 2);
        json.put("c", 3);
        Iterator<Map.Entry<String, Object>> it = json.entrySet().iterator();
        it.next().setValue(10);
        it.next();
        it.remove();
        assertThat(json).containsExactly(Map.entry("a", 10), Map.entry("c", 3));
        json.clear();
        assertThat(json).isEmpty();
        json.put("z", null);
        assertThat(json).containsKey("z").hasSize(1);
    }
}
