package org.zou4j.user;

/**
 * Where person avatars are kept. The engine only removes them (Kitsu's "clear avatar"); uploads belong to the media
 * area. The default keeps nothing; the standalone server keeps them on its data directory.
 */
@FunctionalInterface
public interface AvatarStore {

    /** Removes the avatar picture of a person; a missing picture is not an error. */
    void remove(String personId);

    /** A store holding nothing. */
    static AvatarStore none() {
        return personId -> {
        };
    }

    /**
     * A store on a directory: the picture of a person is {@code <dir>/pictures/thumbnails/<person_id>.png} (Zou's
     * file store layout).
     */
    static AvatarStore directory(java.nio.file.Path dir) {
        return personId -> {
            try {
                java.nio.file.Files.deleteIfExists(dir.resolve("pictures").resolve("thumbnails")
                        .resolve(personId + ".png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Could not remove the avatar of " + personId, e);
            }
        };
    }
}
