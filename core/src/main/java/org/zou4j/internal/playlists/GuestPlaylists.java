package org.zou4j.internal.playlists;

import java.util.List;
import java.util.Map;
import org.zou4j.playlists.MediaFile;
import org.zou4j.playlists.SharedPlaylists;
import org.zou4j.tasks.Upload;

/** The engine's {@link SharedPlaylists}: guest access, the share token as credential. */
public final class GuestPlaylists implements SharedPlaylists {
    private final SharedAccess access;

    public GuestPlaylists(PlaylistService service) {
        this.access = service.shared();
    }

    @Override
    public Map<String, Object> playlist(String token, String password) {
        return access.playlist(token, password);
    }

    @Override
    public Map<String, Object> context(String token, String password) {
        return access.context(token, password);
    }

    @Override
    public Guest guest(String token, String firstName, String lastName, String guestId) {
        return access.guest(token, firstName, lastName, guestId);
    }

    @Override
    public List<Map<String, Object>> comments(String token, String password) {
        return access.comments(token, password);
    }

    @Override
    public Map<String, Object> comment(String token, String password, String guestId, String taskId,
                                       String taskStatusId, String text, List<Object> checklist) {
        return access.comment(token, password, guestId, taskId, taskStatusId, text, checklist);
    }

    @Override
    public Map<String, Object> editComment(String token, String commentId, String guestId,
                                           Map<String, Object> changes) {
        return access.editComment(token, commentId, guestId, changes);
    }

    @Override
    public void deleteComment(String token, String commentId, String guestId) {
        access.deleteComment(token, commentId, guestId);
    }

    @Override
    public Map<String, Object> addAttachments(String token, String commentId, String guestId, List<Upload> files) {
        return access.addAttachments(token, commentId, guestId, files);
    }

    @Override
    public Map<String, Object> updateAnnotations(String token, String guestId, String previewFileId,
                                                 List<Object> additions, List<Object> updates,
                                                 List<Object> deletions) {
        return access.updateAnnotations(token, guestId, previewFileId, additions, updates, deletions);
    }

    @Override
    public Map<String, Object> previewFile(String token, String previewFileId) {
        return access.previewFile(token, previewFileId);
    }

    @Override
    public MediaFile media(String token, String previewFileId, String kind, String extension) {
        return access.media(token, previewFileId, kind, extension);
    }

    @Override
    public void removeAttachment(String token, String commentId, String guestId, String attachmentId) {
        access.removeAttachment(token, commentId, guestId, attachmentId);
    }

    @Override
    public MediaFile attachment(String token, String attachmentId) {
        return access.attachment(token, attachmentId);
    }
}
