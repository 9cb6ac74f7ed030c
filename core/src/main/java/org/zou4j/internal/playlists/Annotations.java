package org.zou4j.internal.playlists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Zou's annotation diff ({@code preview_files_service.update_preview_file_annotations}): additions merge new objects
 * per frame time (never overwriting an id), updates replace objects by id, deletions drop ids; every object gets an
 * id.
 */
final class Annotations {
    private Annotations() {
    }

    static List<Map<String, Object>> apply(Object stored, List<Object> additions, List<Object> updates,
                                           List<Object> deletions) {
        List<Map<String, Object>> annotations = copyList(stored);
        for (Map<String, Object> a : annotations) {
            for (Map<String, Object> o : objects(a)) {
                ensureId(o);
            }
        }
        Map<Object, Map<String, Object>> byTime = byTime(annotations);
        for (Map<String, Object> add : copyList(additions)) {
            Map<String, Object> previous = byTime.get(add.get("time"));
            List<Map<String, Object>> added = objects(add);
            added.forEach(Annotations::ensureId);
            if (previous == null) {
                annotations.add(add);
                byTime.put(add.get("time"), add);
            } else {
                List<Map<String, Object>> objs = objects(previous);
                Set<Object> ids = new HashSet<>();
                objs.forEach(o -> ids.add(o.get("id")));
                for (Map<String, Object> o : added) {
                    if (!ids.contains(o.get("id"))) {
                        objs.add(o);
                    }
                }
            }
        }
        for (Map<String, Object> update : copyList(updates)) {
            Map<String, Object> annotation = byTime.get(update.get("time"));
            if (annotation == null) {
                continue;
            }
            List<Map<String, Object>> previous = objects(annotation);
            Set<Object> previousIds = new HashSet<>();
            previous.forEach(o -> previousIds.add(o.get("id")));
            Set<Object> updatedIds = new HashSet<>();
            List<Map<String, Object>> updated = objects(update);
            updated.forEach(o -> updatedIds.add(o.get("id")));
            List<Map<String, Object>> result = new ArrayList<>();
            for (Map<String, Object> o : previous) {
                if (!updatedIds.contains(o.get("id"))) {
                    result.add(o);
                }
            }
            for (Map<String, Object> o : updated) {
                if (o.get("id") != null && previousIds.contains(o.get("id"))) {
                    result.add(o);
                }
            }
            setObjects(annotation, result);
        }
        for (Map<String, Object> deletion : copyList(deletions)) {
            Map<String, Object> annotation = byTime.get(deletion.get("time"));
            if (annotation == null) {
                continue;
            }
            Object ids = deletion.get("objects");
            Set<Object> gone = ids instanceof List<?> l ? new HashSet<>(l) : Set.of();
            List<Map<String, Object>> result = new ArrayList<>();
            for (Map<String, Object> o : objects(annotation)) {
                if (!gone.contains(o.get("id"))) {
                    result.add(o);
                }
            }
            setObjects(annotation, result);
        }
        return annotations;
    }

    private static void ensureId(Map<String, Object> o) {
        Object id = o.get("id");
        if (id == null || "".equals(id)) {
            o.put("id", UUID.randomUUID().toString());
        }
    }

    private static Map<Object, Map<String, Object>> byTime(List<Map<String, Object>> annotations) {
        Map<Object, Map<String, Object>> m = new HashMap<>();
        for (Map<String, Object> a : annotations) {
            m.put(a.get("time"), a);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Map<String, Object> annotation) {
        Object drawing = annotation.get("drawing");
        if (!(drawing instanceof Map<?, ?>)) {
            drawing = new LinkedHashMap<String, Object>();
            annotation.put("drawing", drawing);
        }
        Map<String, Object> d = (Map<String, Object>) drawing;
        Object objs = d.get("objects");
        if (!(objs instanceof List<?>)) {
            objs = new ArrayList<Map<String, Object>>();
            d.put("objects", objs);
        }
        return (List<Map<String, Object>>) objs;
    }

    @SuppressWarnings("unchecked")
    private static void setObjects(Map<String, Object> annotation, List<Map<String, Object>> objs) {
        objects(annotation);
        ((Map<String, Object>) annotation.get("drawing")).put("objects", objs);
    }

    /** A deep, mutable copy of a list of JSON objects (non-objects dropped). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> copyList(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?>) {
                    out.add((Map<String, Object>) deepCopy(o));
                }
            }
        }
        return out;
    }

    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            m.forEach((k, x) -> c.put(String.valueOf(k), deepCopy(x)));
            return c;
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>();
            l.forEach(x -> c.add(deepCopy(x)));
            return c;
        }
        return v;
    }
}
