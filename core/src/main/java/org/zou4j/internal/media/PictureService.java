package org.zou4j.internal.media;

import java.awt.image.BufferedImage;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.files.FileStore;
import org.zou4j.files.FileStore.Bucket;
import org.zou4j.files.FileStore.StoredFile;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.TaskChecks;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.tasks.Upload;

/**
 * Zou's picture routes of the {@code previews} blueprint: preview-file pictures (original, previews, thumbnails,
 * thumbnails-square) and person avatars, kept in a {@link FileStore}. Pictures are decoded and derived outside any
 * transaction; the files are stored before the row update commits, so a row never says {@code ready} for missing files.
 */
public final class PictureService {
    /** Zou's {@code ALLOWED_PICTURE_EXTENSION}. */
    private static final Set<String> PICTURE_EXTENSIONS = Set.of("png", "jpg", "jpeg");
    /** The preview-file picture sizes Zou serves, by their URL segment, with their store prefix. */
    private static final Map<String, String> PREVIEW_PREFIXES = Map.of(
            "originals", "original", "previews", "previews", "thumbnails", "thumbnails",
            "thumbnails-square", "thumbnails-square");
    /** Zou's {@code BIG_SQUARE_SIZE}, used for avatars. */
    private static final int AVATAR_SIZE = 400;

    private final CrudService crud;
    private final EventLog events;
    private final FileStore store;
    private final long maxPixels;

    public PictureService(CrudService crud, EventLog events, FileStore store, long maxPixels) {
        this.crud = crud;
        this.events = events;
        this.store = store;
        this.maxPixels = maxPixels;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    private <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    private <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    private static Row require(HookContext ctx, String table, UUID id) throws SQLException {
        Row row = ctx.tx().byId(table, id);
        if (row == null) {
            throw ZouException.notFound();
        }
        return row;
    }

    /** Whether {@code size} is a preview-file picture size ({@code originals}, {@code thumbnails}, ...). */
    public static boolean isPreviewSize(String size) {
        return PREVIEW_PREFIXES.containsKey(size);
    }

    /** {@code POST /pictures/preview-files/<id>} for a picture: stores the original and its sizes, marks it ready. */
    public Map<String, Object> uploadPreviewPicture(Caller caller, String previewFileId, Upload upload) {
        UUID id = Values.parseId(previewFileId);
        read(caller, ctx -> {
            Row preview = require(ctx, "preview_file", id);
            UUID taskId = (UUID) preview.get("task_id");
            // Zou: check_task_action_access on the preview's task (artists assigned, supervisors, managers)
            if (taskId == null ? !caller.isAdmin() : !TaskChecks.taskAction(ctx.access(), taskId)) {
                throw ZouException.forbidden();
            }
            return null;
        });
        if (upload == null) {
            throw ZouException.wrongParameter("No file was sent (multipart field \"file\").");
        }
        String extension = extension(upload.fileName());
        if (!PICTURE_EXTENSIONS.contains(extension)) {
            throw ZouException.wrongParameter("Wrong file format, extension: ." + extension
                    + " (this server stores pictures: png, jpg, jpeg)");
        }
        byte[] bytes = bytes(upload);
        Thumbnails.Picture picture = Thumbnails.decode(bytes, maxPixels);
        BufferedImage image = picture.image();
        String key = id.toString();
        byte[] original = extension.equals("png") ? bytes : Thumbnails.png(image);
        storeVariants(store, key, image, original);
        String originalName = baseName(upload.fileName());
        return write(caller, ctx -> {
            Row preview = ctx.tx().lockById("preview_file", id);
            if (preview == null) {
                throw ZouException.notFound();
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("extension", "png");
            values.put("original_name", originalName);
            values.put("width", picture.width());
            values.put("height", picture.height());
            values.put("file_size", upload.size());
            values.put("status", "ready");
            values.put("updated_at", ctx.now());
            ctx.tx().updateById("preview_file", id, values);
            Row after = ctx.tx().byId("preview_file", id);
            UUID projectId = projectOf(ctx, after);
            ctx.events().emit("preview-file:update", Map.of("preview_file_id", id.toString()), projectId);
            emitAddFile(ctx, after, projectId);
            return crud.serialize(ctx, crud.models().table("preview_file"), List.of(after), false,
                    ModelHooks.View.GET).get(0);
        });
    }

    /**
     * Zou's {@code save_variants}: the {@code previews}, {@code thumbnails} and {@code thumbnails-square} sizes of
     * {@code image}, then the original ({@code originalPng}) last, so a stored original means every size is there.
     */
    public static void storeVariants(FileStore store, String key, BufferedImage image, byte[] originalPng) {
        store.put(Bucket.PICTURES, "previews", key, Thumbnails.png(Thumbnails.fitWidth(image,
                Thumbnails.PREVIEW_WIDTH)));
        store.put(Bucket.PICTURES, "thumbnails", key, Thumbnails.png(Thumbnails.cover(image, 150, 100)));
        store.put(Bucket.PICTURES, "thumbnails-square", key, Thumbnails.png(Thumbnails.cover(image, 100, 100)));
        store.put(Bucket.PICTURES, "original", key, originalPng);
    }

    /** Zou's {@code emit_app_preview_event}: the comment carrying the preview is updated, the file was added. */
    static void emitAddFile(HookContext ctx, Row preview, UUID projectId) throws SQLException {
        List<Object> comments = ctx.tx().column("comment_preview_link", "comment",
                List.of(Filter.eq("preview_file", preview.id())));
        String commentId = comments.isEmpty() ? null : comments.get(0).toString();
        if (commentId != null) {
            ctx.events().emit("comment:update", Map.of("comment_id", commentId), projectId);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("comment_id", commentId);
        data.put("task_id", preview.get("task_id") == null ? null : preview.get("task_id").toString());
        data.put("preview_file_id", preview.id().toString());
        data.put("revision", preview.get("revision"));
        data.put("extension", preview.get("extension"));
        data.put("status", preview.get("status"));
        ctx.events().emit("preview-file:add-file", data, projectId);
    }

    private static UUID projectOf(HookContext ctx, Row preview) throws SQLException {
        UUID taskId = (UUID) preview.get("task_id");
        if (taskId == null) {
            return null;
        }
        Row task = ctx.tx().byId("task", taskId);
        return task == null ? null : (UUID) task.get("project_id");
    }

    /** A preview-file picture of {@code size} ({@code originals}, {@code previews}, ...): 404 when none is stored. */
    public StoredFile previewPicture(Caller caller, String size, String previewFileId) {
        String prefix = PREVIEW_PREFIXES.get(size);
        if (prefix == null) {
            throw ZouException.notFound();
        }
        UUID id = Values.parseId(previewFileId);
        read(caller, ctx -> {
            Row preview = require(ctx, "preview_file", id);
            // Zou: check_preview_file_access — the preview's project (and entity) must be readable
            crud.models().table("preview_file").access().checkRead(ctx.access(), preview);
            return null;
        });
        return store.open(Bucket.PICTURES, prefix, id.toString())
                .orElseThrow(() -> ZouException.notFound("Picture not found."));
    }

    /** {@code POST /pictures/thumbnails/persons/<id>}: the person themself or an admin sets the avatar. */
    public Map<String, Object> uploadAvatar(Caller caller, String personId, Upload upload) {
        UUID id = Values.parseId(personId);
        read(caller, ctx -> {
            require(ctx, "person", id);
            if (!caller.isAdmin() && !id.equals(caller.personId())) {
                throw ZouException.forbidden();
            }
            return null;
        });
        if (upload == null) {
            throw ZouException.wrongParameter("No file was sent (multipart field \"file\").");
        }
        if (!PICTURE_EXTENSIONS.contains(extension(upload.fileName()))) {
            throw ZouException.wrongParameter("Wrong file format, extension: ." + extension(upload.fileName()));
        }
        Thumbnails.Picture picture = Thumbnails.decode(bytes(upload), maxPixels);
        store.put(Bucket.PICTURES, "thumbnails", id.toString(),
                Thumbnails.png(Thumbnails.cover(picture.image(), AVATAR_SIZE, AVATAR_SIZE)));
        return write(caller, ctx -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("has_avatar", true);
            values.put("updated_at", ctx.now());
            ctx.tx().updateById("person", id, values);
            ctx.events().emit("person:update", Map.of("person_id", id.toString()), null);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("thumbnail_path", "/api/pictures/thumbnails/persons/" + id + ".png");
            return answer;
        });
    }

    /** {@code GET /pictures/thumbnails/persons/<id>.png}: any signed-in user; 404 when the person has none. */
    public StoredFile avatar(Caller caller, String personId) {
        UUID id = Values.parseId(personId);
        read(caller, ctx -> require(ctx, "person", id));
        return store.open(Bucket.PICTURES, "thumbnails", id.toString())
                .orElseThrow(() -> ZouException.notFound("Picture not found."));
    }

    /**
     * The bytes of an uploaded picture, which is decoded whole: refused (400) when larger than a quarter of the heap,
     * so that one large upload cannot take the server's memory (movies and files are streamed instead).
     */
    static byte[] bytes(Upload upload) {
        long limit = Runtime.getRuntime().maxMemory() / 4;
        if (upload.size() > limit) {
            throw ZouException.wrongParameter("The picture " + upload.fileName() + " is too large to process here ("
                    + upload.size() + " bytes, at most " + limit + ").");
        }
        return upload.content();
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
