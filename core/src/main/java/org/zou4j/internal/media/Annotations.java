package org.zou4j.internal.media;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Zou's merge of preview annotations ({@code preview_files_service.update_preview_file_annotations}): annotations are
 * keyed by their {@code time}; each has {@code drawing.objects}, drawing objects addressed by {@code id}. Additions
 * add new times or merge new objects (never overwriting one with the same id); updates replace objects by id;
 * deletions remove objects by id and drop the times left empty.
 */
public final class Annotations {
    private Annotations() {
    }

    /**
     * The merge for loosely typed JSON (the shared-playlist guests' route): the stored annotations and the three lists
     * are deep-copied, items that are not JSON objects are ignored.
     */
    public static List<Map<String, Object>> applyJson(Object stored, List<Object> additions, List<Object> updates,
                                                      List<Object> deletions) {
        return apply(copies(stored), copies(additions), copies(updates), copies(deletions));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> copies(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add(deepCopy((Map<String, Object>) m));
                }
            }
        }
        return out;
    }

    static List<Map<String, Object>> apply(List<Map<String, Object>> previous, List<Map<String, Object>> additions,
                                           List<Map<String, Object>> updates, List<Map<String, Object>> deletions) {
        List<Map<String, Object>> annotations = new ArrayList<>(previous);
        for (Map<String, Object> a : annotations) {
            objects(a).forEach(Annotations::ensureId);
        }
        // additions
        Map<String, Map<String, Object>> byTime = byTime(annotations);
        for (Map<String, Object> added : additions) {
            Map<String, Object> existing = byTime.get(timeKey(added.get("time")));
            List<Map<String, Object>> newObjects = objects(added);
            newObjects.forEach(Annotations::ensureId);
            if (existing == null) {
                annotations.add(added);
                byTime.put(timeKey(added.get("time")), added);
            } else {
                List<Map<String, Object>> merged = new ArrayList<>(objects(existing));
                Set<Object> ids = new HashSet<>();
                for (Map<String, Object> o : merged) {
                    ensureId(o);
                    ids.add(o.get("id"));
                }
                for (Map<String, Object> o : newObjects) {
                    if (!ids.contains(o.get("id"))) {
                        merged.add(o);
                    }
                }
                setObjects(existing, merged);
            }
        }
        // updates
        byTime = byTime(annotations);
        for (Map<String, Object> update : updates) {
            Map<String, Object> annotation = byTime.get(timeKey(update.get("time")));
            if (annotation == null) {
                continue;
            }
            List<Map<String, Object>> previousObjects = objects(annotation);
            Set<Object> previousIds = new HashSet<>();
            for (Map<String, Object> o : previousObjects) {
                if (o.containsKey("id")) {
                    previousIds.add(o.get("id"));
                }
            }
            List<Map<String, Object>> updated = objects(update);
            Set<Object> updatedIds = new HashSet<>();
            for (Map<String, Object> o : updated) {
                if (o.containsKey("id")) {
                    updatedIds.add(o.get("id"));
                }
            }
            List<Map<String, Object>> result = new ArrayList<>();
            for (Map<String, Object> o : previousObjects) {
                if (!updatedIds.contains(o.get("id"))) {
                    result.add(o);
                }
            }
            for (Map<String, Object> o : updated) {
                if (o.containsKey("id") && previousIds.contains(o.get("id"))) {
                    result.add(o);
                }
            }
            setObjects(annotation, result);
        }
        // deletions
        byTime = byTime(annotations);
        for (Map<String, Object> deletion : deletions) {
            Map<String, Object> annotation = byTime.get(timeKey(deletion.get("time")));
            if (annotation == null) {
                continue;
            }
            Set<Object> deleted = new HashSet<>();
            if (deletion.get("objects") instanceof List<?> l) {
                deleted.addAll(l);
            }
            List<Map<String, Object>> kept = new ArrayList<>();
            for (Map<String, Object> o : objects(annotation)) {
                if (!deleted.contains(o.getOrDefault("id", ""))) {
                    kept.add(o);
                }
            }
            setObjects(annotation, kept);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> a : annotations) {
            if (!objects(a).isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }

    /** Python's dict keys: 1 and 1.0 are one key. */
    static String timeKey(Object time) {
        if (time instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        return String.valueOf(time);
    }

    private static Map<String, Map<String, Object>> byTime(List<Map<String, Object>> annotations) {
        Map<String, Map<String, Object>> map = new LinkedHashMap<>();
        for (Map<String, Object> a : annotations) {
            map.put(timeKey(a.get("time")), a);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, Object> annotation) {
        if (annotation.get("drawing") instanceof Map<?, ?> d && d.get("objects") instanceof List<?> l) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
            return out;
        }
        return new ArrayList<>();
    }

    @SuppressWarnings("unchecked")
    private static void setObjects(Map<String, Object> annotation, List<Map<String, Object>> objects) {
        Map<String, Object> drawing;
        if (annotation.get("drawing") instanceof Map<?, ?> d) {
            drawing = (Map<String, Object>) d;
        } else {
            drawing = new LinkedHashMap<>();
            annotation.put("drawing", drawing);
        }
        drawing.put("objects", objects);
    }

    private static void ensureId(Map<String, Object> object) {
        Object id = object.get("id");
        if (id == null || id.toString().isEmpty()) {
            object.put("id", UUID.randomUUID().toString());
        }
    }

    /** A mutable deep copy of a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, copy(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(copy(o));
            }
            return out;
        }
        return v;
    }
}
