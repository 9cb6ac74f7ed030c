package org.zou4j.internal.events;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * An event as persisted in {@code api_event}.
 *
 * @param id        the api_event row id
 * @param name      e.g. {@code task:update}
 * @param data      the payload as stored (JSON values), including {@code project_id} when known
 * @param userId    the person who caused it, or null
 * @param projectId the project, or null
 * @param createdAt UTC creation time
 * @param seq       the commit-order sequence number
 */
public record EventRecord(UUID id, String name, Map<String, Object> data, UUID userId, UUID projectId,
                          LocalDateTime createdAt, long seq) {
}
