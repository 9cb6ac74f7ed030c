package org.zou4j;

import java.util.Map;
import org.zou4j.files.FileStore.StoredFile;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.media.PictureService;
import org.zou4j.media.Pictures;
import org.zou4j.tasks.Upload;

/** The engine's {@link Pictures}: the picture service bound to one caller. */
final class EnginePictures implements Pictures {
    private final PictureService pictures;
    private final Caller caller;

    EnginePictures(PictureService pictures, Caller caller) {
        this.pictures = pictures;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> uploadPreviewPicture(String previewFileId, Upload picture) {
        return pictures.uploadPreviewPicture(caller, previewFileId, picture);
    }

    @Override
    public StoredFile previewPicture(String size, String previewFileId) {
        return pictures.previewPicture(caller, size, previewFileId);
    }

    @Override
    public Map<String, Object> uploadAvatar(String personId, Upload picture) {
        return pictures.uploadAvatar(caller, personId, picture);
    }

    @Override
    public StoredFile avatar(String personId) {
        return pictures.avatar(caller, personId);
    }
}
