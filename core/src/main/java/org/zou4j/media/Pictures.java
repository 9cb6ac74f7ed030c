package org.zou4j.media;

import java.util.Map;
import org.zou4j.files.FileStore.StoredFile;
import org.zou4j.tasks.Upload;

/** Zou's picture routes of the {@code previews} blueprint, bound to one caller. */
public interface Pictures {

    /**
     * Stores a picture for a preview file (Zou's {@code POST /pictures/preview-files/<id>}): the original and Zou's
     * derived sizes, then the row is updated ({@code extension} png, {@code width}, {@code height},
     * {@code file_size}, {@code status} ready) with Zou's events. 400 for a body that is no picture or too large.
     *
     * @return the updated preview file
     */
    Map<String, Object> uploadPreviewPicture(String previewFileId, Upload picture);

    /**
     * A stored preview-file picture; {@code size} is {@code originals}, {@code previews}, {@code thumbnails} or
     * {@code thumbnails-square}. 404 when none is stored; 403 when the caller cannot read the preview.
     */
    StoredFile previewPicture(String size, String previewFileId);

    /** Sets a person's avatar (the person themself or an admin); sets {@code has_avatar}. */
    Map<String, Object> uploadAvatar(String personId, Upload picture);

    /** A person's avatar (PNG), 404 when none. */
    StoredFile avatar(String personId);
}
