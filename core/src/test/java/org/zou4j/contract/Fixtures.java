package org.zou4j.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.zou4j.Entry;
import org.zou4j.Session;

/**
 * Valid rows for the contract tests, created through the engine with names unique to this run (short enough for the
 * narrowest name columns), so tests sharing an engine never collide.
 */
public final class Fixtures {
    private final Session session;
    private final String run = UUID.randomUUID().toString().substring(0, 4);
    private final AtomicInteger counter = new AtomicInteger();

    public Fixtures(Session session) {
        this.session = session;
    }

    /** A name unique to this engine's run, at most 10 characters with a prefix of 3. */
    public String shortName(String prefix) {
        return prefix.substring(0, Math.min(3, prefix.length())) + run + counter.incrementAndGet();
    }

    /** A unique name starting with {@code prefix}. */
    public String name(String prefix) {
        return prefix + "-" + run + "-" + counter.incrementAndGet();
    }

    public Entry department() {
        return session.data("departments").create(Map.of("name", name("Dept"), "color", "#112233"));
    }

    public Entry project() {
        return project(name("Project"));
    }

    public Entry project(String name) {
        return session.data("projects").create(Map.of("name", name));
    }

    /** An asset type (entity type) with a name that is no shot/sequence/episode type. */
    public Entry assetType() {
        return session.data("entity-types").create(Map.of("name", shortName("Props")));
    }

    public Entry asset(Entry project, Entry assetType) {
        return session.data("entities").create(Map.of("name", name("Asset"), "project_id", project.id(),
                "entity_type_id", assetType.id()));
    }

    public Entry taskType() {
        return session.data("task-types").create(Map.of("name", name("Modeling"), "for_entity", "Asset"));
    }

    public Entry taskStatus() {
        return session.data("task-status").create(Map.of("name", name("Status"), "short_name", shortName("wip"),
                "color", "#445566"));
    }

    public Entry person() {
        return person(Map.of());
    }

    public Entry person(Map<String, ?> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        String n = name("p");
        body.put("first_name", "First " + n);
        body.put("last_name", "Last");
        body.put("email", n.toLowerCase() + "@example.com");
        body.putAll(extra);
        return session.data("persons").create(body);
    }

    /** A task on a new asset of a new project; {@code extra} adds or overrides body keys. */
    public Entry task(Map<String, ?> extra) {
        Entry project = project();
        Entry asset = asset(project, assetType());
        return task(project, asset, taskType(), extra);
    }

    public Entry task(Entry project, Entry asset, Entry taskType, Map<String, ?> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name("task"));
        body.put("project_id", project.id());
        body.put("entity_id", asset.id());
        body.put("task_type_id", taskType.id());
        body.put("task_status_id", taskStatus().id());
        body.putAll(extra);
        return session.data("tasks").create(body);
    }

    public Entry customAction(String name, String url, boolean ajax) {
        return session.data("custom-actions").create(Map.of("name", name, "url", url, "is_ajax", ajax));
    }

    public static List<String> ids(List<Entry> entries) {
        return entries.stream().map(Entry::id).toList();
    }
}
