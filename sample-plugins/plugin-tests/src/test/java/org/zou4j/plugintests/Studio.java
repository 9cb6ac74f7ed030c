package org.zou4j.plugintests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.zou4j.Entry;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/**
 * A small production in a fresh in-memory engine loaded with plugin jars: one project, a sequence with two shots, an
 * asset, two tasks per shot and one on the asset, and people of several roles.
 */
final class Studio implements AutoCloseable {
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    /** Every person's password. */
    static final String PASSWORD = "plugin-tests-password-1";

    final ZouEngine engine;
    final Session system;
    Entry project;
    Entry todo;
    Entry wfa;
    Entry animation;
    Entry layout;
    Entry modeling;
    Entry sequence;
    Entry shot1;
    Entry shot2;
    Entry asset;
    Entry shot1Animation;
    Entry shot1Layout;
    Entry shot2Animation;
    Entry assetModeling;
    Entry admin;
    Entry manager;
    Entry artist;

    Studio(Path pluginsDir) {
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey(SECRET).pluginsDirectory(pluginsDir)
                .build();
        system = engine.systemSession();
    }

    /** The sample plugin jars, as the build made them, copied to {@code dir}. */
    static Path copySamplePlugins(Path dir) {
        Path built = Path.of(System.getProperty("zou4j.samplePluginsDir", "target/sample-plugins"));
        try (Stream<Path> jars = Files.list(built)) {
            List<Path> list = jars.filter(p -> p.toString().endsWith(".jar")).toList();
            if (list.size() != 3) {
                throw new IllegalStateException("Expected the 3 sample plugin jars in " + built + ", found " + list);
            }
            for (Path jar : list) {
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Studio withProduction() {
        Entry open = system.data("project-status").create(Map.of("name", "Open", "color", "#000000"));
        project = system.data("projects").create(Map.of("name", "Agent 327", "project_status_id", open.id()));
        todo = system.data("task-status").create(Map.of("name", "Todo", "short_name", "todo", "color", "#f5f5f5"));
        wfa = system.data("task-status").create(Map.of("name", "Waiting For Approval", "short_name", "wfa",
                "color", "#ab26ff"));
        animation = system.data("task-types").create(Map.of("name", "Animation", "for_entity", "Shot"));
        layout = system.data("task-types").create(Map.of("name", "Layout", "for_entity", "Shot"));
        modeling = system.data("task-types").create(Map.of("name", "Modeling", "for_entity", "Asset"));
        Entry sequenceType = system.data("entity-types").create(Map.of("name", "Sequence"));
        Entry shotType = system.data("entity-types").create(Map.of("name", "Shot"));
        Entry character = system.data("entity-types").create(Map.of("name", "Character"));
        sequence = entity("SQ01", sequenceType, null, null);
        shot1 = entity("SH010", shotType, sequence, "Opening, wide");
        shot2 = entity("SH020", shotType, sequence, "Close-up \"Agent\"");
        asset = entity("Hendrik", character, null, "Main character");
        shot1Animation = task(shot1, animation);
        shot1Layout = task(shot1, layout);
        shot2Animation = task(shot2, animation);
        assetModeling = task(asset, modeling);
        admin = person("Ada", "admin");
        manager = person("Max", "manager");
        artist = person("Art", "user");
        return this;
    }

    Session as(Entry person) {
        return engine.sessionForPerson(person.id());
    }

    Entry task(String id) {
        return system.data("tasks").get(id);
    }

    private Entry entity(String name, Entry type, Entry parent, String description) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("project_id", project.id());
        body.put("entity_type_id", type.id());
        if (parent != null) {
            body.put("parent_id", parent.id());
        }
        if (description != null) {
            body.put("description", description);
        }
        return system.data("entities").create(body);
    }

    private Entry task(Entry entity, Entry type) {
        return system.data("tasks").create(Map.of("name", "main", "project_id", project.id(), "entity_id",
                entity.id(), "task_type_id", type.id(), "task_status_id", todo.id()));
    }

    private Entry person(String firstName, String role) {
        return system.data("persons").create(Map.of("first_name", firstName, "last_name", "Tester", "email",
                email(firstName), "role", role, "password", PASSWORD));
    }

    static String email(String firstName) {
        return firstName.toLowerCase(java.util.Locale.ROOT) + "@example.com";
    }

    @Override
    public void close() {
        engine.close();
    }
}
