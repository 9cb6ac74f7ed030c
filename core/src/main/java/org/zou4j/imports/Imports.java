package org.zou4j.imports;

import java.util.List;
import java.util.Map;

/**
 * Zou's {@code source} blueprint (CSV, OTIO/EDL and Kitsu-to-Kitsu imports) for one caller
 * ({@code session.imports()}).
 *
 * <p>CSV files are UTF-8 with a header line; the separator (comma, semicolon, tab or pipe) is detected from the header
 * as Zou's sniffer does, quotes are doubled inside quoted cells. Column names are Zou's ({@code Name}, {@code Type},
 * {@code Episode}, {@code Sequence}, {@code Description}, {@code Frames}, {@code Frame In}, {@code FPS}, one column
 * per task type holding a status name or short name, {@code <task type> comment}, {@code <task type> assignations},
 * metadata descriptor names...).
 *
 * <p>Unlike Zou, which commits each row on its own, an import runs in one transaction: a failing row answers Zou's
 * row error body ({@code {"error": true, "message", "line_number", "imported_rows": 0}}, status 400) and nothing of
 * the file is kept, so a fixed file can simply be imported again. Events are emitted as for the normal creates and
 * updates, once the import is committed.
 */
public interface Imports {

    /** {@code POST /import/csv/persons} (admin): creates persons by e-mail, updates them when {@code update}. */
    List<Map<String, Object>> csvPersons(byte[] csv, boolean update);

    /**
     * {@code POST /import/csv/projects/<id>/assets} (manager of the project): creates assets (and their asset types
     * and episodes), updates existing ones when {@code update}, creates their missing tasks, applies task statuses,
     * comments and assignations. Answers the assets, one per row.
     */
    List<Map<String, Object>> csvAssets(String projectId, byte[] csv, boolean update);

    /** {@code POST /import/csv/projects/<id>/shots} (manager): episodes, sequences and shots with frames and fps. */
    List<Map<String, Object>> csvShots(String projectId, byte[] csv, boolean update);

    /** {@code POST /import/csv/projects/<id>/edits} (manager). */
    List<Map<String, Object>> csvEdits(String projectId, byte[] csv, boolean update);

    /**
     * {@code POST /import/csv/projects/<id>/casting} (manager): casting links from Kitsu's casting export columns
     * ({@code Episode}, {@code Parent}, {@code Name}, {@code Asset Type}, {@code Asset}, {@code Occurences},
     * {@code Label}). Answers one {@code null} per row, as Zou does.
     */
    List<Object> csvCasting(String projectId, byte[] csv, boolean update);

    /**
     * {@code POST /import/csv/projects/<id>[/episodes/<episode_id>]/task-types/<task_type_id>/estimations} (manager,
     * or supervisor of the task type's department): estimation (days), drawings, start/due dates, difficulty and task
     * metadata of the task type's tasks. Answers one {@code null} per row, as Zou does.
     */
    List<Object> csvEstimations(String projectId, String taskTypeId, String episodeId, byte[] csv);

    /**
     * {@code POST /import/otio/projects/<id>[/episodes/<episode_id>]} (manager): reads a timeline ({@code .otio}
     * JSON or CMX 3600 {@code .edl}) and creates or updates the shots its video clips name, with frame in/out and
     * frame count. Answers {@code {"created_shots": [...], "updated_shots": [...]}}.
     *
     * @param namingConvention Zou's template ({@code ${project_name}_${sequence_name}-${shot_name}}), or null for
     *                         the default
     */
    Map<String, Object> otio(String projectId, String episodeId, String fileName, byte[] content,
                             String namingConvention, boolean matchCase);

    /**
     * {@code POST /import/kitsu/<model>} (admin; other callers get an empty list): upserts rows given in Zou's
     * serialized form by id, emitting {@code <model>:new|update} unless {@code silent}.
     *
     * @param model the route's model ({@code entities}, {@code tasks}, {@code comments}, {@code entity-links}, ...)
     */
    List<Map<String, Object>> kitsu(String model, Object entries, boolean silent);
}
