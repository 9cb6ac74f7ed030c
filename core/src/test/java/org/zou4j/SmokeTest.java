package org.zou4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.testing.TestStorage;

class SmokeTest {
    @Test
    void createsListsUpdatesAndDeletesAProject() {
        try (ZouEngine engine = ZouEngine.builder().storage(new TestStorage())
                .secretKey("0123456789abcdef0123456789abcdef").build()) {
            Session s = engine.systemSession();
            Entry status = s.data("project-status").create(Map.of("name", "Closed", "color", "#000000"));
            Entry p = s.data("projects").create(Map.of("name", "Agent 327", "project_status_id", status.id(),
                    "data", Map.of("k", List.of(1, 2))));
            System.out.println(p);
            assertThat(p.get("type")).isEqualTo("Project");
            assertThat(p.get("fps")).isEqualTo("25");
            List<Entry> all = s.data("projects").list(Query.parse("name=agent%25"));
            assertThat(all).hasSize(1);
            Entry u = s.data("projects").update(p.id(), Map.of("description", "Épisode 日本"));
            assertThat(u.get("description")).isEqualTo("Épisode 日本");
            System.out.println(s.data("projects").get(p.id()));
            s.data("projects").delete(p.id());
            assertThat(s.data("projects").list(Query.all())).isEmpty();
        }
    }
}
