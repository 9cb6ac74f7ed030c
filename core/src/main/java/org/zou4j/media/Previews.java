package org.zou4j.media;

import java.util.List;
import java.util.Map;
import org.zou4j.files.FileStore.StoredFile;
import org.zou4j.tasks.Upload;

/**
 * Zou's {@code previews} blueprint beyond the preview pictures ({@link Pictures}), bound to one caller: uploads of
 * movies and files, movie files, preview actions, running previews, project/organisation/background/attachment
 * thumbnails and batch comments. Answers are Zou's JSON shapes; errors are {@link org.zou4j.ZouException}s with Zou's
 * status and body. Stored files must be closed by the caller.
 */
public interface Previews {

    /**
     * {@code POST /pictures/preview-files/<id>}: a picture ({@code png}, {@code jpg}...; ready at once), a movie
     * ({@code mp4}, {@code mov}...; answered {@code processing}, then normalised off the request thread to
     * {@code ready} or {@code broken}, 503 when the server has no ffmpeg) or a file of Zou's allowed kinds.
     *
     * @param normalize false to keep a movie as uploaded (Zou's {@code normalize=false})
     * @return the updated preview file
     */
    Map<String, Object> upload(String previewFileId, Upload file, boolean normalize);

    /** Whether movie previews are processed here (ffmpeg was found at start-up). */
    boolean moviesAvailable();

    /** A movie: {@code variant} is {@code originals}, {@code low} or {@code source}; 404 when none is stored. */
    StoredFile movie(String variant, String previewFileId);

    /** The tile sheet of a movie preview (PNG). */
    StoredFile tile(String previewFileId);

    /** {@code /pictures/originals/preview-files/<id>.<extension>}: the picture or stored file. */
    StoredFile original(String previewFileId, String extension);

    /** The preview's extension ({@code png}, {@code mp4}, {@code pdf}...). */
    String extension(String previewFileId);

    /** Zou's download name of a preview, e.g. {@code agent_327_characters_hero_modeling_v2.mp4}. */
    String downloadName(String previewFileId);

    /** {@code PUT /actions/preview-files/<id>/set-main-preview}; answers the entity. */
    Map<String, Object> setMainPreview(String previewFileId, Integer frameNumber);

    /** {@code PUT /actions/preview-files/<id>/update-position}; answers the revision's previews in order. */
    List<Map<String, Object>> updatePosition(String previewFileId, int position);

    /** {@code PUT /actions/preview-files/<id>/update-annotations}; answers the preview file. */
    Map<String, Object> updateAnnotations(String previewFileId, List<Object> additions, List<Object> updates,
                                          List<Object> deletions);

    /** {@code GET /data/playlists/preview-files/running} (admins). */
    List<Map<String, Object>> runningPreviewFiles(String cursorPreviewFileId, Integer limit);

    /** {@code GET /actions/preview-files/<id>/extract-frame}: a PNG. */
    byte[] extractFrame(String previewFileId, int frameNumber);

    /** {@code GET /actions/preview-files/<id>/extract-tile}: a PNG (also stored as the preview's tile). */
    byte[] extractTile(String previewFileId);

    /**
     * {@code GET /actions/preview-files/<id>/extract-annotated-frame}: a PNG of the movie frame ({@code frameNumber},
     * 1-based, required for movies) or the picture with its annotation drawn on it.
     */
    byte[] annotatedFrame(String previewFileId, Integer frameNumber);

    /** {@code GET /actions/preview-files/<id>/extract-annotated-frames[-pdf]}: a zip of PNGs, or a PDF. */
    byte[] annotatedFrames(String previewFileId, boolean pdf);

    /** {@code POST /pictures/thumbnails/<kind>/<id>}: {@code kind} is {@code projects} or {@code organisations}. */
    Map<String, Object> uploadThumbnail(String kind, String instanceId, Upload picture);

    /** {@code GET /pictures/thumbnails/<kind>/<id>.png}: projects, organisations, preview-background-files. */
    StoredFile thumbnail(String kind, String instanceId);

    /** {@code GET /pictures/thumbnails/attachment-files/<id>.png}. */
    StoredFile attachmentThumbnail(String attachmentFileId);

    /** {@code POST /pictures/preview-background-files/<id>} (admins, {@code .hdr}). */
    Map<String, Object> uploadBackground(String instanceId, Upload file);

    /** {@code GET /pictures/preview-background-files/<id>.<extension>}. */
    StoredFile background(String instanceId, String extension);

    /**
     * {@code POST /actions/tasks[/<task_id>]/batch-comment}: {@code taskId} null takes each comment's
     * {@code task_id}; {@code files} by form field name ({@code attachment_file-<i>...}, {@code preview_file-<i>...}).
     */
    List<Map<String, Object>> batchComment(String taskId, List<Map<String, Object>> comments,
                                           Map<String, Upload> files);
}
