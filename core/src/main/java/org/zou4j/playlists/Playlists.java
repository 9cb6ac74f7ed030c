package org.zou4j.playlists;

import java.util.List;
import java.util.Map;

/**
 * Zou's {@code playlists} blueprint bound to one caller ({@code session.playlists()}): listing and reading playlists,
 * adding entities, temporary playlists, build jobs (movies made with ffmpeg), archives, client notifications and share
 * links. Results are Zou's JSON shapes; errors are {@link org.zou4j.ZouException}s with Zou's status and body.
 */
public interface Playlists {

    /** Playlists of a project, 20 a page, sorted by {@code sortBy} (default {@code updated_at}, newest first). */
    List<Map<String, Object>> projectPlaylists(String projectId, int page, String sortBy, String taskTypeId);

    /** Playlists of an episode ({@code main}: no episode, {@code all}: the "for all" ones), paged as above. */
    List<Map<String, Object>> episodePlaylists(String projectId, String episodeId, int page, String sortBy,
                                               String taskTypeId);

    /** One playlist with its shots enriched by their preview files and its build jobs (no annotations). */
    Map<String, Object> playlist(String projectId, String playlistId);

    /** Every playlist of a project (admins): a list when {@code page < 1}, else Zou's paginated object. */
    Object allPlaylists(String projectId, int page);

    /** The preview files of an entity grouped by task type id, revisions mixed as Zou does. */
    Map<String, Object> entityPreviewFiles(String entityId);

    /** Adds one (entity, preview) couple; the latest preview when {@code previewFileId} is null. */
    Map<String, Object> addEntity(String playlistId, String entityId, String previewFileId);

    /** Adds several couples ({@code entity_id}, optional {@code preview_file_id}) in one write. */
    Map<String, Object> addEntities(String playlistId, List<Map<String, Object>> entities);

    /** A playlist built on the fly from tasks (nothing stored). */
    List<Map<String, Object>> tempPlaylist(String projectId, List<String> taskIds, boolean sort);

    /** Build jobs of a project's playlists (admins). */
    List<Map<String, Object>> projectBuildJobs(String projectId);

    /** One build job of a playlist. */
    Map<String, Object> buildJob(String playlistId, String buildJobId);

    /** Deletes a build job and its movie. */
    void deleteBuildJob(String playlistId, String buildJobId);

    /**
     * Builds the playlist movie: a job is registered ({@code running}, {@code build-job:new}), the movie previews are
     * concatenated with ffmpeg into an MP4 kept in the file store, and the job ends {@code succeeded} or
     * {@code failed} ({@code build-job:update}). Answers the ended job.
     */
    Map<String, Object> buildMovie(String playlistId, boolean full);

    /** The movie of a succeeded build job (400 while not finished). */
    MediaFile buildJobMovie(String playlistId, String buildJobId);

    /** A zip of the playlist's preview files (every preview of each positioned revision). */
    MediaFile zip(String playlistId);

    /** Notifies the project's clients ({@code playlist-ready}), optionally of one studio or department. */
    Map<String, Object> notifyClients(String playlistId, String studioId, String departmentId);

    /** Active share links of a playlist (managers). */
    List<Map<String, Object>> shareLinks(String playlistId);

    /** Creates a share link; {@code expirationDate} ISO date or timestamp; the password is stored hashed. */
    Map<String, Object> createShareLink(String playlistId, String expirationDate, boolean canComment,
                                        String password);

    /** Deactivates a share link of this playlist. */
    Map<String, Object> revokeShareLink(String playlistId, String token);

    /** Mails the share link to e-mails and persons; answers {@code {"sent": [...]}}. */
    Map<String, Object> inviteToShareLink(String playlistId, String token, List<String> emails,
                                          List<String> personIds, String message);
}
