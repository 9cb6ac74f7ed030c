package org.zou4j.storage.h2;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.zou4j.Entry;
import org.zou4j.Session;
import org.zou4j.ZouEngine;

/**
 * Child process of {@link KillNineTest}: writes through the engine forever and prints {@code ack <name>} after each
 * acknowledged write. Each write is one transaction of several rows (an entity type, its two task-type links and its
 * event), so a partial transaction would be visible after a crash.
 */
public final class KillNineWriter {
    private KillNineWriter() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.file(dir))
                .secretKey("kill-nine-test-secret-0123456789abcdef").build()) {
            Session s = engine.systemSession();
            Entry t1 = s.data("task-types").create(Map.of("name", "Modeling", "for_entity", "Asset"));
            Entry t2 = s.data("task-types").create(Map.of("name", "Rigging", "for_entity", "Asset"));
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; ; i++) {
                String name = "type-" + i;
                s.data("entity-types").create(Map.of("name", name, "task_types", List.of(t1.id(), t2.id())));
                System.out.println("ack " + name);
                System.out.flush();
            }
        }
    }
}
