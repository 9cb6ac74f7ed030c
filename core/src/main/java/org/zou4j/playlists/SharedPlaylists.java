package org.zou4j.playlists;

import java.util.List;
import java.util.Map;
import org.zou4j.tasks.Upload;

/**
 * Zou's {@code shared} blueprint: a playlist seen through a share link, with no account. The token (and its password
 * when the link has one) is the credential; it opens that playlist's data only. Guests are client persons made per
 * link; every guest write names its {@code guestId}, which must come from the same link. An unknown, revoked or
 * expired token (or a wrong password) is Zou's 404.
 */
public interface SharedPlaylists {

    /** The playlist with enriched shots (names, parents, task type and status colours), annotations inline. */
    Map<String, Object> playlist(String token, String password);

    /** What the shared player needs: project, task types, task statuses, entity names. */
    Map<String, Object> context(String token, String password);

    /** Reuses the guest {@code guestId} of this link, or makes (or finds by name) one; {@code created} tells which. */
    Guest guest(String token, String firstName, String lastName, String guestId);

    /** A guest and whether it was just made. */
    record Guest(Map<String, Object> person, boolean created) {
    }

    /** Comments visible to guests (for client, or by guests) on the playlist's preview tasks. */
    List<Map<String, Object>> comments(String token, String password);

    /** Posts a guest comment on a task of the playlist; the status must be client-allowed. */
    Map<String, Object> comment(String token, String password, String guestId, String taskId, String taskStatusId,
                                String text, List<Object> checklist);

    /** Edits a comment of this guest. */
    Map<String, Object> editComment(String token, String commentId, String guestId, Map<String, Object> changes);

    /** Deletes a comment of this guest. */
    void deleteComment(String token, String commentId, String guestId);

    /** Attaches files to a comment of this guest. */
    Map<String, Object> addAttachments(String token, String commentId, String guestId, List<Upload> files);

    /** Applies an annotation diff to a preview of the playlist, as this guest. */
    Map<String, Object> updateAnnotations(String token, String guestId, String previewFileId,
                                          List<Object> additions, List<Object> updates, List<Object> deletions);

    /** A preview file's row when it belongs to the playlist. */
    Map<String, Object> previewFile(String token, String previewFileId);

    /**
     * A stored media file of a preview of the playlist: {@code kind} is {@code movie}, {@code thumbnail},
     * {@code original}, {@code tile} or {@code download}; {@code extension} for originals.
     */
    MediaFile media(String token, String previewFileId, String kind, String extension);

    /** Removes an attachment of a comment of this guest. */
    void removeAttachment(String token, String commentId, String guestId, String attachmentId);

    /** An attachment of a comment visible through the link (for client, or by a guest). */
    MediaFile attachment(String token, String attachmentId);
}
