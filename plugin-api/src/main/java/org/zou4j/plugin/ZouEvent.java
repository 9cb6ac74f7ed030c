package org.zou4j.plugin;

import java.util.Map;

/**
 * One event as Zou records it in {@code api_event}.
 *
 * @param id        the event's id (the {@code api_event} row)
 * @param name      e.g. {@code task:update}
 * @param data      the payload (JSON values), e.g. {@code {"task_id": ..., "project_id": ...}}
 * @param userId    the person who caused it, or {@code null}
 * @param projectId the project, or {@code null}
 * @param createdAt UTC time, ISO-8601 without zone ({@code 2024-01-15T10:30:00.123456}), as Zou writes it
 */
public record ZouEvent(String id, String name, Map<String, Object> data, String userId, String projectId,
                       String createdAt) {
    public ZouEvent {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data == null ? Map.of() : data));
    }
}
