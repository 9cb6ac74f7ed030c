package org.zou4j.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One committed event, as persisted in Zou's event log ({@code api_event}). Immutable and thread-safe.
 *
 * <p>{@link #data()} is the payload exactly as stored and answered by {@code GET /data/events/last}: e.g.
 * {@code {"task_id": "...", "project_id": "..."}}. (Zou's in-process handlers also found the event id inside
 * {@code data}; here it is {@link #id()}.) {@link #sequence()} is the engine's commit-order number: events of one
 * database are numbered 1, 2, 3... in the order their transactions committed, whichever engine instance wrote them.
 */
public final class Event {
    private final String id;
    private final String name;
    private final Map<String, Object> data;
    private final String projectId;
    private final String userId;
    private final String createdAt;
    private final long sequence;

    /**
     * An event; {@code data} is deep-copied into immutable maps and lists.
     *
     * @param id        the event id (a UUID string)
     * @param name      e.g. {@code task:update}
     * @param data      the payload: JSON values (String, Number, Boolean, null, List, Map with String keys)
     * @param projectId the project id, or {@code null}
     * @param userId    the id of the person who caused it, or {@code null} (the engine itself)
     * @param createdAt creation time in Zou's format {@code YYYY-MM-DDTHH:MM:SS} (UTC)
     * @param sequence  the commit-order sequence number (positive)
     */
    public Event(String id, String name, Map<String, ?> data, String projectId, String userId, String createdAt,
                 long sequence) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.data = freezeMap(data == null ? Map.of() : data);
        this.projectId = projectId;
        this.userId = userId;
        this.createdAt = createdAt;
        this.sequence = sequence;
    }

    /** The event id (the {@code api_event} row id). */
    public String id() {
        return id;
    }

    /** The event name, {@code <object>:<action>}, e.g. {@code task:update}. */
    public String name() {
        return name;
    }

    /** The payload as stored (immutable JSON values). */
    public Map<String, Object> data() {
        return data;
    }

    /** The project the event belongs to, or {@code null}. */
    public String projectId() {
        return projectId;
    }

    /** The person who caused the event, or {@code null}. */
    public String userId() {
        return userId;
    }

    /** When the event was written, in Zou's format {@code YYYY-MM-DDTHH:MM:SS} (UTC). */
    public String createdAt() {
        return createdAt;
    }

    /** The commit-order sequence number; strictly increasing in delivery order. */
    public long sequence() {
        return sequence;
    }

    /**
     * The event in the shape of one item of {@code GET /data/events/last}: {@code id, created_at, name, user_id,
     * project_id, data} (a new mutable map each call).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("created_at", createdAt);
        json.put("name", name);
        json.put("user_id", userId);
        json.put("project_id", projectId);
        json.put("data", data);
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && e.sequence == sequence && e.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return "Event[#" + sequence + " " + name + " " + data + "]";
    }

    private static Map<String, Object> freezeMap(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object freeze(Object v) {
        if (v instanceof Map<?, ?> m) {
            return freezeMap((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                copy.add(freeze(o));
            }
            return Collections.unmodifiableList(copy);
        }
        return v;
    }
}
