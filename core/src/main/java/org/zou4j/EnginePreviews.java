package org.zou4j;

import java.util.List;
import java.util.Map;
import org.zou4j.files.FileStore.StoredFile;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.media.PreviewService;
import org.zou4j.media.Previews;
import org.zou4j.tasks.Upload;

/** The engine's {@link Previews}: the preview service bound to one caller. */
final class EnginePreviews implements Previews {
    private final PreviewService previews;
    private final Caller caller;

    EnginePreviews(PreviewService previews, Caller caller) {
        this.previews = previews;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> upload(String previewFileId, Upload file, boolean normalize) {
        return previews.upload(caller, previewFileId, file, normalize);
    }

    @Override
    public boolean moviesAvailable() {
        return previews.moviesAvailable();
    }

    @Override
    public StoredFile movie(String variant, String previewFileId) {
        return previews.movie(caller, variant, previewFileId);
    }

    @Override
    public StoredFile tile(String previewFileId) {
        return previews.tile(caller, previewFileId);
    }

    @Override
    public StoredFile original(String previewFileId, String extension) {
        return previews.original(caller, previewFileId, extension);
    }

    @Override
    public String extension(String previewFileId) {
        return previews.extension(caller, previewFileId);
    }

    @Override
    public String downloadName(String previewFileId) {
        return previews.downloadName(caller, previewFileId);
    }

    @Override
    public Map<String, Object> setMainPreview(String previewFileId, Integer frameNumber) {
        return previews.setMainPreview(caller, previewFileId, frameNumber);
    }

    @Override
    public List<Map<String, Object>> updatePosition(String previewFileId, int position) {
        return previews.updatePosition(caller, previewFileId, position);
    }

    @Override
    public Map<String, Object> updateAnnotations(String previewFileId, List<Object> additions, List<Object> updates,
                                                 List<Object> deletions) {
        return previews.updateAnnotations(caller, previewFileId, additions, updates, deletions);
    }

    @Override
    public List<Map<String, Object>> runningPreviewFiles(String cursorPreviewFileId, Integer limit) {
        return previews.running(caller, cursorPreviewFileId, limit);
    }

    @Override
    public byte[] extractFrame(String previewFileId, int frameNumber) {
        return previews.extractFrame(caller, previewFileId, frameNumber);
    }

    @Override
    public byte[] extractTile(String previewFileId) {
        return previews.extractTile(caller, previewFileId);
    }

    @Override
    public byte[] annotatedFrame(String previewFileId, Integer frameNumber) {
        return previews.annotatedFrame(caller, previewFileId, frameNumber);
    }

    @Override
    public byte[] annotatedFrames(String previewFileId, boolean pdf) {
        return previews.annotatedFrames(caller, previewFileId, pdf);
    }

    @Override
    public Map<String, Object> uploadThumbnail(String kind, String instanceId, Upload picture) {
        return previews.uploadThumbnail(caller, kind, instanceId, picture);
    }

    @Override
    public StoredFile thumbnail(String kind, String instanceId) {
        return previews.thumbnail(caller, kind, instanceId);
    }

    @Override
    public StoredFile attachmentThumbnail(String attachmentFileId) {
        return previews.attachmentThumbnail(caller, attachmentFileId);
    }

    @Override
    public Map<String, Object> uploadBackground(String instanceId, Upload file) {
        return previews.uploadBackground(caller, instanceId, file);
    }

    @Override
    public StoredFile background(String instanceId, String extension) {
        return previews.background(caller, instanceId, extension);
    }

    @Override
    public List<Map<String, Object>> batchComment(String taskId, List<Map<String, Object>> comments,
                                                  Map<String, Upload> files) {
        return previews.batchComment(caller, taskId, comments, files);
    }
}
