package org.zou4j.export;

import java.util.Map;

/**
 * Zou's CSV exports ({@code /export/csv/...}) for one caller ({@code session.exports()}): Zou's columns and order.
 * Project exports need the project's team (vendors refused); the global ones need a manager or an admin. Errors are
 * {@link org.zou4j.ZouException}s with Zou's status and body, raised before anything is written.
 */
public interface Exports {

    /** Assets of a project with their task statuses and assignees per task type; {@code filters} as Zou's query. */
    CsvExport assets(String projectId, Map<String, String> filters);

    /** Shots of a project with frames, frame range, fps, task statuses and assignees per task type. */
    CsvExport shots(String projectId, Map<String, String> filters);

    /** Edits of a project with their task statuses and assignees per task type. */
    CsvExport edits(String projectId);

    /** The casting of a project: assets' casting, or shots' with {@code shotCasting}. */
    CsvExport casting(String projectId, String episodeId, boolean shotCasting);

    /** Persons (no bots, no guests), by first then last name. */
    CsvExport persons();

    /** Projects and their status. */
    CsvExport projects();

    /** Task types and their department. */
    CsvExport taskTypes();

    /** Tasks of open projects. */
    CsvExport tasks();

    /** Time spents of open projects. */
    CsvExport timeSpents();

    /**
     * A playlist: a title line, then one row per shot (entity, frames, task type, retakes, revision, status, last
     * comment). Managers, supervisors, and clients for client playlists; vendors refused.
     */
    CsvExport playlist(String playlistId);
}
