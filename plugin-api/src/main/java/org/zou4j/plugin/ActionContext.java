package org.zou4j.plugin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a {@link CustomAction}: who runs it, on which project and selection, with which input, and the data API
 * that acts as that caller.
 */
public interface ActionContext {

    /** The calling person's id, or {@code null} when the engine itself runs the action. */
    String personId();

    /** The caller's global role. */
    Role role();

    /** The calling person's row as the caller sees it ({@code persons}); empty for the engine itself. */
    Optional<Map<String, Object>> person();

    /** The project the selection was made in ({@code projectid} of Kitsu's post), if given. */
    Optional<String> projectId();

    /** The project row, if a project was given (permission-checked: 403 when the caller may not see it). */
    Optional<Map<String, Object>> project();

    /** The Kitsu view the selection was made in ({@code asset}, {@code shot}, ...), if given. */
    Optional<String> entityType();

    /** The ids of the selected rows, in the caller's order (Kitsu sends task ids). */
    List<String> selectionIds();

    /**
     * The selected rows as the caller sees them: tasks ({@code "type": "Task"}) or entities ({@code "Shot"},
     * {@code "Asset"}, ...), in the order of {@link #selectionIds()}; loaded on first call.
     *
     * @throws DataException 404 when an id is neither a task nor an entity, 403 when the caller may not read one
     */
    List<Map<String, Object>> selection();

    /**
     * Extra input: the query string of the action's URL, the other keys of the posted body, or the map given to
     * {@code session.runAction}. Values are JSON values (strings from forms and query strings).
     */
    Map<String, Object> input();

    /** An input value as a string, or {@code null}. */
    default String inputString(String key) {
        Object v = input().get(key);
        return v == null ? null : v.toString();
    }

    /** Data access as the caller, with the caller's permissions. */
    ZouData data();
}
