package org.zou4j.plugin;

import java.util.List;
import java.util.Map;

/**
 * Zou's generic {@code /data/<route>} operations as one caller, with the same validation, permissions and events as
 * every other caller. Rows are JSON values ({@code Map<String, Object>}) exactly as Zou serializes them; routes are
 * Zou's ({@code "tasks"}, {@code "task-status"}, {@code "entities"}, {@code "comments"}, ...).
 *
 * <p>Every method throws {@link DataException} when the engine refuses (400 bad value, 403, 404).
 */
public interface ZouData {

    /** Rows matching Zou list filters ({@code project_id}, {@code name}, ...); no filter: every row. */
    List<Map<String, Object>> list(String route, Map<String, String> filters);

    /** One row by id, relations included. */
    Map<String, Object> get(String route, String id);

    /** Creates a row; answers it as Zou's POST does. */
    Map<String, Object> create(String route, Map<String, ?> body);

    /** Updates a row partially; answers it as Zou's PUT does. */
    Map<String, Object> update(String route, String id, Map<String, ?> body);

    /** Deletes a row. */
    void delete(String route, String id);
}
