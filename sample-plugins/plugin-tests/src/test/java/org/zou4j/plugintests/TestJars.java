package org.zou4j.plugintests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes plugin jars for tests from compiled test classes: a manifest, the classes, and the extensions index PF4J's
 * annotation processor would write. The test classes are not annotated with {@code @Extension}, so the test class path
 * itself carries no extensions index.
 */
final class TestJars {
    private TestJars() {
    }

    static Path plugin(Path jar, Map<String, String> manifest, List<Class<?>> classes, List<Class<?>> extensions) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            for (Class<?> c : classes) {
                String name = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new JarEntry(name));
                try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
            if (!extensions.isEmpty()) {
                j.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                StringBuilder idx = new StringBuilder();
                extensions.forEach(c -> idx.append(c.getName()).append('\n'));
                j.write(idx.toString().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    static Map<String, String> manifest(String id, String requires) {
        return Map.of("Plugin-Id", id, "Plugin-Version", "1.0.0", "Plugin-Provider", "tests",
                "Plugin-Requires", requires);
    }
}
