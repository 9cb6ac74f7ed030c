package org.zou4j.internal.persons;

import java.util.Objects;
import org.zou4j.files.FileStore;

/**
 * Person avatars on the engine's one {@link FileStore}: {@code pictures/thumbnails/<person_id>}, Zou's layout, where
 * the picture routes store them. The persons and user areas only remove them (Kitsu's "clear avatar").
 */
public final class Avatars {
    private final FileStore store;

    public Avatars(FileStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Removes the avatar picture of a person; a missing picture is not an error. */
    public void remove(String personId) {
        store.delete(FileStore.Bucket.PICTURES, "thumbnails", personId);
    }
}
