package org.zou4j.internal.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.ErrorCode;
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
import org.zou4j.internal.sql.Tx;
import org.zou4j.tasks.Upload;

/**
 * The rest of Zou's {@code previews} blueprint around {@link PictureService}: preview uploads of every kind (pictures,
 * movies processed by {@link MovieProcessor}, plain files), the movie and tile files, the preview actions (main
 * preview, position, annotations, frame and tile extraction), the running previews, project/organisation thumbnails,
 * preview background files and attachment thumbnails. Permission checks are Zou's, through the access rules.
 */
public final class PreviewService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewService.class);
    /** Zou's {@code ALLOWED_PICTURE_EXTENSION}. */
    static final Set<String> PICTURE_EXTENSIONS = Set.of("jpe", "jpeg", "jpg", "png");
    /** Zou's {@code ALLOWED_MOVIE_EXTENSION}. */
    static final Set<String> MOVIE_EXTENSIONS = Set.of("avi", "m4v", "mkv", "mov", "mp4", "webm", "wmv");
    /** Zou's {@code ALLOWED_FILE_EXTENSION}. */
    static final Set<String> FILE_EXTENSIONS = Set.of("ae", "ai", "blend", "clip", "comp", "diff", "exr", "fbx", "fla",
            "flv", "gif", "glb", "gltf", "hip", "kra", "ma", "mb", "md", "mp3", "obj", "pdf", "psd", "psb", "rar", "rev",
            "riv", "sai", "sai2", "sbbkp", "svg", "swf", "tvpp", "wav", "zip");
    private static final Set<String> OPEN_PROJECT_STATUSES = Set.of("Active", "open", "Open");
    private static final int BIG_SQUARE = 400;

    private final CrudService crud;
    private final EventLog events;
    private final FileStore store;
    private final PictureService pictures;
    private final org.zou4j.internal.tasks.CommentService comments;
    private final org.zou4j.internal.tasks.TaskActions taskActions;
    private final org.zou4j.internal.tasks.Attachments attachments;
    private final Ffmpeg ffmpeg;
    private final MovieProcessor movies;
    private final long maxPixels;

    /**
     * @param ffmpeg    the movie tools, or null when this machine has none (movie uploads then answer 503)
     * @param threads   how many movies are processed at once
     * @param saveSource whether uploaded movies are kept as they came (Zou's {@code PREVIEW_SAVE_SOURCE_FILE})
     */
    public PreviewService(CrudService crud, EventLog events, FileStore store, PictureService pictures,
                          org.zou4j.internal.tasks.CommentService comments,
                          org.zou4j.internal.tasks.TaskActions taskActions,
                          org.zou4j.internal.tasks.Attachments attachments, Ffmpeg ffmpeg, int threads,
                          boolean saveSource, long maxPixels) {
        this.crud = crud;
        this.events = events;
        this.store = store;
        this.pictures = pictures;
        this.comments = comments;
        this.taskActions = taskActions;
        this.attachments = attachments;
        this.ffmpeg = ffmpeg;
        this.maxPixels = maxPixels;
        this.movies = ffmpeg == null ? null : new MovieProcessor(this, store, ffmpeg, threads, saveSource, maxPixels);
    }

    /** Whether movie previews can be processed here (ffmpeg and ffprobe were found). */
    public boolean moviesAvailable() {
        return movies != null;
    }

    /** Movies queued or being processed now. */
    public int pendingMovies() {
        return movies == null ? 0 : movies.pending();
    }

    @Override
    public void close() {
        if (movies != null) {
            movies.close();
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    <T> T read(Caller caller, Work<T> work) {
        return crud.database().read(tx -> work.run(crud.context(caller, tx, null)));
    }

    private static Row require(HookContext ctx, String table, UUID id) throws SQLException {
        Row row = id == null ? null : ctx.tx().byId(table, id);
        if (row == null) {
            throw ZouException.notFound();
        }
        return row;
    }

    private Map<String, Object> one(HookContext ctx, String table, Row row) throws SQLException {
        return crud.serialize(ctx, crud.models().table(table), List.of(row), false, ModelHooks.View.GET).get(0);
    }

    private List<Map<String, Object>> many(HookContext ctx, String table, List<Row> rows) throws SQLException {
        return crud.serialize(ctx, crud.models().table(table), rows, false, ModelHooks.View.GET);
    }

    private Object json(String table, String column, Object value) {
        return crud.values().fromJson(crud.models().table(table).table().column(column), value);
    }

    private Object jsonValue(Object stored) {
        return stored == null ? null : crud.jsonForm().toJsonValue(stored);
    }

    private static Row taskOf(HookContext ctx, Row preview) throws SQLException {
        UUID taskId = (UUID) preview.get("task_id");
        Row task = taskId == null ? null : ctx.tx().byId("task", taskId);
        if (task == null) {
            throw ZouException.notFound("The preview file belongs to no task.");
        }
        return task;
    }

    /** Zou's {@code check_task_access} on the preview's task (team, entity access, vendors' assignments...). */
    private Row checkPreviewRead(HookContext ctx, UUID id) throws SQLException {
        Row preview = require(ctx, "preview_file", id);
        crud.models().table("preview_file").access().checkRead(ctx.access(), preview);
        return preview;
    }

    private static boolean manager(HookContext ctx, UUID projectId) throws SQLException {
        return ctx.access().hasProjectRole(projectId, Set.of("manager"));
    }

    private static void checkProjectAccess(HookContext ctx, UUID projectId) throws SQLException {
        if (!ctx.access().inTeam(projectId)) {
            throw ZouException.forbidden();
        }
    }

    // ---- uploads ----------------------------------------------------------------------------------------------------

    /**
     * {@code POST /pictures/preview-files/<id>}: a picture (stored with its sizes, ready at once), a movie (queued for
     * processing, answered {@code processing}) or a plain file of Zou's allowed kinds (stored, ready).
     */
    public Map<String, Object> upload(Caller caller, String previewFileId, Upload upload, boolean normalize) {
        UUID id = Values.parseId(previewFileId);
        read(caller, ctx -> {
            Row preview = require(ctx, "preview_file", id);
            UUID taskId = (UUID) preview.get("task_id");
            // Zou: check_task_action_access on the preview's task (artists assigned, supervisors, managers)
            if (taskId == null ? !caller.isAdmin() : !TaskChecks.taskAction(ctx.access(), taskId)) {
                throw ZouException.forbidden();
            }
            String name = (String) preview.get("original_name");
            if (name != null && !name.isEmpty()) {
                // Zou's PreviewFileReuploadNotAllowedException (400)
                throw ZouException.wrongParameter("A file was already uploaded for preview file " + id
                        + ": add a new preview instead.");
            }
            return null;
        });
        if (upload == null) {
            throw ZouException.wrongParameter("File not provided.");
        }
        String extension = PictureService.extension(upload.fileName());
        if (PICTURE_EXTENSIONS.contains(extension)) {
            Upload picture = extension.equals("jpe") ? upload.withFileName(PictureService.baseName(
                    upload.fileName()) + ".jpg") : upload;
            Map<String, Object> answer = pictures.uploadPreviewPicture(caller, previewFileId, picture);
            write(caller, ctx -> {
                Row after = ctx.tx().byId("preview_file", id);
                if (after != null) {
                    updatePreviewFileInfo(ctx, after);
                }
                return null;
            });
            return answer;
        }
        if (MOVIE_EXTENSIONS.contains(extension)) {
            return uploadMovie(caller, id, upload, extension, normalize);
        }
        if (FILE_EXTENSIONS.contains(extension)) {
            try (InputStream in = upload.open()) {
                store.put(Bucket.FILES, "previews", id.toString(), in); // streamed: files may be large
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the upload", e);
            }
            return write(caller, ctx -> {
                Row preview = lockPreview(ctx, id);
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("extension", extension);
                values.put("original_name", PictureService.baseName(upload.fileName()));
                values.put("file_size", upload.size());
                values.put("status", "ready");
                values.put("updated_at", ctx.now());
                return updated(ctx, preview, values, true);
            });
        }
        throw ZouException.wrongParameter("Wrong file format, extension: " + extension);
    }

    private static Row lockPreview(HookContext ctx, UUID id) throws SQLException {
        Row preview = ctx.tx().lockById("preview_file", id);
        if (preview == null) {
            throw ZouException.notFound();
        }
        return preview;
    }

    /** Updates the row, emits {@code preview-file:update} (and Zou's add-file events when {@code added}). */
    private Map<String, Object> updated(HookContext ctx, Row preview, Map<String, Object> values, boolean added)
            throws SQLException {
        ctx.tx().updateById("preview_file", preview.id(), values);
        Row after = ctx.tx().byId("preview_file", preview.id());
        UUID projectId = (UUID) taskOf(ctx, after).get("project_id");
        ctx.events().emit("preview-file:update", Map.of("preview_file_id", preview.id().toString()), projectId);
        if (added) {
            PictureService.emitAddFile(ctx, after, projectId);
        }
        return one(ctx, "preview_file", after);
    }

    private Map<String, Object> uploadMovie(Caller caller, UUID id, Upload upload, String extension,
                                            boolean normalize) {
        if (movies == null) {
            throw new ZouException(ErrorCode.UNAVAILABLE, "Movie previews need ffmpeg and ffprobe, which this server "
                    + "does not find: install ffmpeg (e.g. apt-get install ffmpeg) and restart it.");
        }
        if (upload.size() == 0) {
            throw ZouException.wrongParameter("Uploaded movie is empty.");
        }
        Path tmp;
        try {
            tmp = Files.createTempFile("zou4j-upload-", "." + extension);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the uploaded movie in the temporary directory", e);
        }
        try (InputStream in = upload.open()) {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Ffmpeg.deleteQuietly(tmp);
            throw e instanceof IOException io ? new UncheckedIOException("Cannot keep the uploaded movie", io)
                    : (RuntimeException) e;
        }
        try {
            Map<String, Object> answer = write(caller, ctx -> {
                Row preview = lockPreview(ctx, id);
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("extension", "mp4");
                values.put("original_name", PictureService.baseName(upload.fileName()));
                values.put("status", "processing");
                values.put("updated_at", ctx.now());
                return updated(ctx, preview, values, true);
            });
            movies.submit(caller, id, tmp, normalize);
            return answer;
        } catch (RuntimeException e) {
            Ffmpeg.deleteQuietly(tmp);
            throw e;
        }
    }

    /** What a movie is normalised to: the project's (or entity's) fps and resolution. */
    record Target(String fps, Integer width, int height) {
    }

    /** Records the source's metadata (silently, as Zou) and answers the target size; null when the row is gone. */
    Target movieTarget(Caller caller, UUID id, Map<String, Object> original) {
        return write(caller, ctx -> {
            Row preview = ctx.tx().lockById("preview_file", id);
            if (preview == null) {
                return null;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            if (jsonValue(preview.get("data")) instanceof Map<?, ?> m) {
                m.forEach((k, v) -> data.put(String.valueOf(k), v));
            }
            data.putAll(original);
            ctx.tx().updateById("preview_file", id, Map.of("data", json("preview_file", "data", data)));
            Row task = taskOf(ctx, preview);
            Row project = ctx.tx().byId("project", (UUID) task.get("project_id"));
            Row entity = ctx.tx().byId("entity", (UUID) task.get("entity_id"));
            Map<?, ?> entityData = entity != null && jsonValue(entity.get("data")) instanceof Map<?, ?> m ? m
                    : Map.of();
            return new Target(fps(project, entityData), resolution(project, entityData)[0],
                    resolution(project, entityData)[1]);
        });
    }

    /** Zou's {@code get_preview_file_fps}: the entity's {@code data.fps}, else the project's, else 25. */
    static String fps(Row project, Map<?, ?> entityData) {
        String fps = "25.00";
        if (project != null && project.get("fps") != null && !project.get("fps").toString().isBlank()) {
            fps = project.get("fps").toString().replace(',', '.');
        }
        Object own = entityData.get("fps");
        if (own != null && !own.toString().isBlank()) {
            fps = own.toString().replace(',', '.');
        }
        try {
            return String.format(Locale.ROOT, "%.3f", Double.parseDouble(fps));
        } catch (NumberFormatException e) {
            return "25.000";
        }
    }

    /** Zou's {@code get_preview_file_dimensions}: {@code WxH} or {@code xH} of the entity, else project, else x1080. */
    static Integer[] resolution(Row project, Map<?, ?> entityData) {
        String resolution = project == null ? null : (String) project.get("resolution");
        Object own = entityData.get("resolution");
        if (own != null && own.toString().matches("^\\d{3,4}x\\d{3,4}$")) {
            resolution = own.toString();
        }
        if (resolution != null && resolution.matches("^\\d{3,4}x\\d{3,4}$")) {
            String[] p = resolution.split("x");
            return new Integer[]{Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        }
        if (resolution != null && resolution.matches("^x\\d{3,4}$")) {
            return new Integer[]{null, Integer.parseInt(resolution.substring(1))};
        }
        return new Integer[]{null, 1080};
    }

    /** The movie is stored: {@code ready} with its size, dimensions and duration. */
    void markReady(Caller caller, UUID id, long fileSize, int width, int height, double duration) {
        write(caller, ctx -> {
            Row preview = ctx.tx().lockById("preview_file", id);
            if (preview == null) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("status", "ready");
            values.put("file_size", fileSize);
            values.put("width", width);
            values.put("height", height);
            values.put("duration", duration);
            values.put("updated_at", ctx.now());
            updated(ctx, preview, values, false);
            updatePreviewFileInfo(ctx, ctx.tx().byId("preview_file", id));
            return null;
        });
    }

    /** The movie could not be processed: {@code broken}. */
    void markBroken(Caller caller, UUID id, String reason) {
        try {
            write(caller, ctx -> {
                Row preview = ctx.tx().lockById("preview_file", id);
                if (preview == null) {
                    return null;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("status", "broken");
                values.put("updated_at", ctx.now());
                updated(ctx, preview, values, false);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Preview file {} cannot be marked broken ({}): {}", id, reason, e.getMessage());
        }
    }

    /**
     * Zou's {@code update_preview_file_info}: the first preview of a revision becomes the task's last preview, and
     * the entity's main preview when the project automates it.
     */
    private void updatePreviewFileInfo(HookContext ctx, Row preview) throws SQLException {
        Object position = preview.get("position");
        if (position != null && ((Number) position).intValue() != 1) {
            return;
        }
        Row task = taskOf(ctx, preview);
        ctx.tx().updateById("task", task.id(), Map.of("last_preview_file_id", preview.id(),
                "updated_at", ctx.now()));
        Row project = ctx.tx().byId("project", (UUID) task.get("project_id"));
        if (project != null && Boolean.TRUE.equals(project.get("is_set_preview_automated"))) {
            setEntityPreview(ctx, (UUID) task.get("entity_id"), preview.id());
        }
    }

    // ---- movies and files -------------------------------------------------------------------------------------------

    /**
     * {@code GET /movies/originals|low|source/preview-files/<id>.mp4}: the movie, with Zou's fall-backs (the full
     * quality version, else the low one, else the source; {@code low} the other way round; {@code source} only itself).
     */
    public StoredFile movie(Caller caller, String variant, String previewFileId) {
        UUID id = Values.parseId(previewFileId);
        read(caller, ctx -> checkPreviewRead(ctx, id));
        List<String> prefixes = switch (variant) {
            case "originals" -> List.of("previews", "lowdef", "source");
            case "low" -> List.of("lowdef", "previews", "source");
            case "source" -> List.of("source");
            default -> throw ZouException.notFound();
        };
        for (String prefix : prefixes) {
            Optional<StoredFile> file = store.open(Bucket.MOVIES, prefix, id.toString());
            if (file.isPresent()) {
                return file.get();
            }
        }
        throw ZouException.notFound("Preview file not found: no movie is stored for " + id + ".");
    }

    /** {@code GET /movies/tiles/preview-files/<id>.png}: the tile sheet of a movie preview. */
    public StoredFile tile(Caller caller, String previewFileId) {
        UUID id = Values.parseId(previewFileId);
        read(caller, ctx -> checkPreviewRead(ctx, id));
        return store.open(Bucket.PICTURES, "tiles", id.toString())
                .orElseThrow(() -> ZouException.notFound("Preview file not found: no tile for " + id + "."));
    }

    /**
     * {@code GET /pictures/originals/preview-files/<id>.<extension>}: the picture ({@code png}) or the stored file of
     * Zou's allowed kinds; 400 for another extension.
     */
    public StoredFile original(Caller caller, String previewFileId, String extension) {
        UUID id = Values.parseId(previewFileId);
        String ext = extension.toLowerCase(Locale.ROOT);
        read(caller, ctx -> checkPreviewRead(ctx, id));
        if (!PICTURE_EXTENSIONS.contains(ext) && !FILE_EXTENSIONS.contains(ext)) {
            throw ZouException.wrongParameter("Extension not allowed: " + ext);
        }
        Optional<StoredFile> file = ext.equals("png") ? store.open(Bucket.PICTURES, "original", id.toString())
                : store.open(Bucket.FILES, "previews", id.toString());
        return file.orElseThrow(() -> ZouException.notFound("Preview file not found."));
    }

    /** The preview's extension, for the download routes (read-checked). */
    public String extension(Caller caller, String previewFileId) {
        UUID id = Values.parseId(previewFileId);
        return read(caller, ctx -> (String) checkPreviewRead(ctx, id).get("extension"));
    }

    /**
     * Zou's {@code get_preview_file_name}: {@code project_entity_tasktype_v<revision>[-<position>].<extension>},
     * slugified, or the original name when the organisation says so.
     */
    public String downloadName(Caller caller, String previewFileId) {
        UUID id = Values.parseId(previewFileId);
        return read(caller, ctx -> {
            Row preview = checkPreviewRead(ctx, id);
            Row task = taskOf(ctx, preview);
            List<Row> orgs = ctx.tx().select("organisation", List.of());
            boolean original = !orgs.isEmpty() && Boolean.TRUE.equals(orgs.get(0).get("use_original_file_name"));
            String name;
            if (original && preview.get("original_name") != null) {
                name = (String) preview.get("original_name");
            } else {
                Row project = ctx.tx().byId("project", (UUID) task.get("project_id"));
                Row taskType = ctx.tx().byId("task_type", (UUID) task.get("task_type_id"));
                name = slug((project == null ? "" : project.get("name")) + "_" + fullEntityName(ctx,
                        (UUID) task.get("entity_id")) + "_" + (taskType == null ? "" : taskType.get("name")) + "_v"
                        + preview.get("revision"));
            }
            Object position = preview.get("position");
            if (position != null && ((Number) position).intValue() > 1) {
                name = name + "-" + position;
            }
            return name + "." + preview.get("extension");
        });
    }

    /** Zou's {@code get_full_entity_name}: {@code Type / Asset}, {@code Sequence / Shot}, or the name. */
    private static String fullEntityName(HookContext ctx, UUID entityId) throws SQLException {
        Row entity = entityId == null ? null : ctx.tx().byId("entity", entityId);
        if (entity == null) {
            return "";
        }
        Row parent = entity.get("parent_id") == null ? null : ctx.tx().byId("entity", (UUID) entity.get("parent_id"));
        if (parent != null) {
            Row grand = parent.get("parent_id") == null ? null
                    : ctx.tx().byId("entity", (UUID) parent.get("parent_id"));
            return (grand != null ? grand.get("name") + " / " : "") + parent.get("name") + " / " + entity.get("name");
        }
        Row type = ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
        return type == null ? String.valueOf(entity.get("name")) : type.get("name") + " / " + entity.get("name");
    }

    /** python-slugify with {@code _}: ASCII, lower case, runs of other characters become one separator. */
    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    // ---- preview actions --------------------------------------------------------------------------------------------

    /**
     * {@code PUT /actions/preview-files/<id>/set-main-preview}: the preview illustrates its entity; with
     * {@code frame_number} (movies only) that frame first becomes the preview's pictures. Clients may not.
     */
    public Map<String, Object> setMainPreview(Caller caller, String previewFileId, Integer frameNumber) {
        UUID id = Values.parseId(previewFileId);
        Row preview = read(caller, ctx -> {
            Row p = require(ctx, "preview_file", id);
            Row task = taskOf(ctx, p);
            crud.models().table("task").access().checkRead(ctx.access(), task);
            if ("client".equals(ctx.access().projectRole((UUID) task.get("project_id")))) {
                throw ZouException.forbidden();
            }
            return p;
        });
        if (frameNumber != null) {
            if (!"mp4".equals(preview.get("extension"))) {
                throw ZouException.wrongParameter("Can't use a given frame on non movie preview");
            }
            byte[] png = extractFrameBytes(caller, preview, frameNumber);
            Thumbnails.Picture picture = Thumbnails.decode(png, maxPixels);
            PictureService.storeVariants(store, id.toString(), picture.image(), png);
        }
        return write(caller, ctx -> {
            Row p = require(ctx, "preview_file", id);
            if (frameNumber != null) {
                // its pictures were replaced above, without a write to its row: answers cached from them are stale
                ctx.tx().markWritten("preview_file");
            }
            Row task = taskOf(ctx, p);
            return setEntityPreview(ctx, (UUID) task.get("entity_id"), id);
        });
    }

    /** Zou's {@code update_entity_preview}: {@code preview-file:set-main} and the entity's update event. */
    private Map<String, Object> setEntityPreview(HookContext ctx, UUID entityId, UUID previewId) throws SQLException {
        Row entity = require(ctx, "entity", entityId);
        ctx.tx().updateById("entity", entityId, Map.of("preview_file_id", previewId, "updated_at", ctx.now()));
        UUID projectId = (UUID) entity.get("project_id");
        ctx.events().emit("preview-file:set-main", Map.of("entity_id", entityId.toString(), "preview_file_id",
                previewId.toString()), projectId);
        Row type = ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
        String typeName = "asset";
        String name = type == null ? "" : String.valueOf(type.get("name"));
        if (Set.of("Shot", "Sequence", "Episode", "Edit", "Scene", "Concept").contains(name)) {
            typeName = name.toLowerCase(Locale.ROOT);
        }
        ctx.events().emit(typeName + ":update", Map.of(typeName + "_id", entityId.toString()), projectId);
        return one(ctx, "entity", ctx.tx().byId("entity", entityId));
    }

    /**
     * {@code PUT /actions/preview-files/<id>/update-position}: moves the preview within its revision (positions
     * 1..n); answers the revision's previews in their new order. A position out of range changes nothing.
     */
    public List<Map<String, Object>> updatePosition(Caller caller, String previewFileId, int position) {
        UUID id = Values.parseId(previewFileId);
        return write(caller, ctx -> {
            Row preview = require(ctx, "preview_file", id);
            UUID taskId = (UUID) preview.get("task_id");
            if (taskId == null ? !caller.isAdmin() : !TaskChecks.taskAction(ctx.access(), taskId)) {
                throw ZouException.forbidden();
            }
            List<Filter> same = new ArrayList<>();
            same.add(taskId == null ? new Filter.IsNull("task_id") : Filter.eq("task_id", taskId));
            same.add(Filter.eq("revision", preview.get("revision")));
            List<Row> revision = ctx.tx().select("preview_file", same, List.of(Tx.Order.asc("position"),
                    Tx.Order.asc("created_at")), 0, 0);
            if (position > 0 && position <= revision.size()) {
                List<Row> moved = new ArrayList<>();
                for (Row r : revision) {
                    if (!r.id().equals(id)) {
                        moved.add(r);
                    }
                }
                moved.add(position - 1, preview);
                LocalDateTime now = ctx.now();
                for (int i = 0; i < moved.size(); i++) {
                    ctx.tx().updateById("preview_file", moved.get(i).id(), Map.of("position", i + 1,
                            "updated_at", now));
                }
                List<Row> fresh = new ArrayList<>();
                for (Row r : moved) {
                    fresh.add(ctx.tx().byId("preview_file", r.id()));
                }
                revision = fresh;
            }
            return many(ctx, "preview_file", revision);
        });
    }

    /**
     * {@code PUT /actions/preview-files/<id>/update-annotations}: Zou's merge of additions, updates and deletions
     * (drawing objects matched by id, per annotation time); {@code preview-file:annotation-update}. Managers, clients
     * and supervisors of the task type's department only.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> updateAnnotations(Caller caller, String previewFileId, List<Object> additions,
                                                 List<Object> updates, List<Object> deletions) {
        UUID id = Values.parseId(previewFileId);
        return write(caller, ctx -> {
            Row preview = ctx.tx().lockById("preview_file", id);
            if (preview == null) {
                throw ZouException.notFound();
            }
            Row task = taskOf(ctx, preview);
            UUID projectId = (UUID) task.get("project_id");
            checkProjectAccess(ctx, projectId);
            String role = ctx.access().projectRole(projectId);
            boolean allowed = caller.isAdmin() || "manager".equals(role) || "client".equals(role)
                    || "supervisor".equals(role)
                    && ctx.access().coversDepartment(ctx.access().taskTypeDepartment((UUID) task.get("task_type_id")));
            if (!allowed) {
                throw ZouException.forbidden();
            }
            List<Map<String, Object>> annotations = new ArrayList<>();
            if (jsonValue(preview.get("annotations")) instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        annotations.add(Annotations.deepCopy((Map<String, Object>) m));
                    }
                }
            }
            annotations = Annotations.apply(annotations, maps(additions, "additions"), maps(updates, "updates"),
                    maps(deletions, "deletions"));
            LocalDateTime now = ctx.now();
            ctx.tx().updateById("preview_file", id, Map.of("annotations", json("preview_file", "annotations",
                    annotations), "updated_at", now));
            Map<String, Object> answer = one(ctx, "preview_file", ctx.tx().byId("preview_file", id));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("preview_file_id", id.toString());
            data.put("person_id", caller.personId() == null ? null : caller.personId().toString());
            data.put("updated_at", answer.get("updated_at"));
            ctx.events().emit("preview-file:annotation-update", data, projectId);
            return answer;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(List<Object> values, String field) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (Object v : values) {
            if (!(v instanceof Map<?, ?> m) || !m.containsKey("time")) {
                throw ZouException.wrongParameter("Each item of \"" + field + "\" must be an object with a \"time\".");
            }
            out.add(Annotations.deepCopy((Map<String, Object>) m));
        }
        return out;
    }

    /**
     * {@code GET /data/playlists/preview-files/running} (admins): previews of open productions that are
     * {@code processing}, {@code broken} or {@code missing}, newest first, with {@code project_id},
     * {@code task_type_id} and {@code full_entity_name}; cursor-paged by {@code cursor_preview_file_id}.
     */
    public List<Map<String, Object>> running(Caller caller, String cursorId, Integer limit) {
        if (!caller.isAdmin()) {
            throw ZouException.forbidden();
        }
        UUID cursor = null;
        if (cursorId != null) {
            cursor = Values.tryParseId(cursorId);
            if (cursor == null) {
                throw ZouException.wrongParameter("The cursor_preview_file_id parameter is not a valid id");
            }
        }
        UUID c = cursor;
        return read(caller, ctx -> {
            List<Filter> filters = new ArrayList<>();
            filters.add(Filter.in("status", List.of("broken", "missing", "processing")));
            filters.add(Filter.sub("task_id", "task", "id", Filter.sub("project_id", "project", "id",
                    Filter.sub("project_status_id", "project_status", "id",
                            Filter.in("name", List.copyOf(OPEN_PROJECT_STATUSES))))));
            if (c != null) {
                Row cursorRow = ctx.tx().byId("preview_file", c);
                if (cursorRow == null) {
                    throw ZouException.wrongParameter("No preview file found with id: " + c);
                }
                Object created = cursorRow.get("created_at");
                filters.add(new Filter.Range("created_at", null, created));
                filters.add(Filter.not(Filter.eq("created_at", created)));
            }
            List<Row> rows = ctx.tx().select("preview_file", filters, List.of(Tx.Order.desc("created_at")),
                    limit == null ? 0 : Math.max(0, limit), 0);
            List<Map<String, Object>> out = many(ctx, "preview_file", rows);
            for (int i = 0; i < rows.size(); i++) {
                Row task = ctx.tx().byId("task", (UUID) rows.get(i).get("task_id"));
                Map<String, Object> m = out.get(i);
                m.put("project_id", task == null ? null : String.valueOf(task.get("project_id")));
                m.put("task_type_id", task == null ? null : String.valueOf(task.get("task_type_id")));
                m.put("full_entity_name", task == null ? null : fullEntityName(ctx, (UUID) task.get("entity_id")));
            }
            return out;
        });
    }

    /** {@code GET /actions/preview-files/<id>/extract-frame} (managers of the project): the frame as a PNG. */
    public byte[] extractFrame(Caller caller, String previewFileId, int frameNumber) {
        UUID id = Values.parseId(previewFileId);
        Row preview = read(caller, ctx -> {
            Row p = require(ctx, "preview_file", id);
            if (!manager(ctx, (UUID) taskOf(ctx, p).get("project_id"))) {
                throw ZouException.forbidden();
            }
            return p;
        });
        return extractFrameBytes(caller, preview, frameNumber);
    }

    private byte[] extractFrameBytes(Caller caller, Row preview, int frameNumber) {
        if (!"mp4".equals(preview.get("extension"))) {
            throw ZouException.notFound("Preview file not found: it is no movie.");
        }
        requireMovies();
        String fps = read(caller, ctx -> {
            Row task = taskOf(ctx, preview);
            Row entity = ctx.tx().byId("entity", (UUID) task.get("entity_id"));
            Map<?, ?> data = entity != null && jsonValue(entity.get("data")) instanceof Map<?, ?> m ? m : Map.of();
            return fps(ctx.tx().byId("project", (UUID) task.get("project_id")), data);
        });
        // Zou: otio RationalTime(frame_number - 1, fps)
        double seconds = Math.max(0, frameNumber - 1) / Double.parseDouble(fps);
        return withMovieFile(preview.id(), movie -> {
            Path png = Files.createTempFile("zou4j-frame-", ".png");
            try {
                ffmpeg.frame(movie, seconds, png);
                return Files.readAllBytes(png);
            } finally {
                Ffmpeg.deleteQuietly(png);
            }
        });
    }

    /** {@code GET /actions/preview-files/<id>/extract-tile}: builds (and stores) the tile sheet of a movie. */
    public byte[] extractTile(Caller caller, String previewFileId) {
        UUID id = Values.parseId(previewFileId);
        Row preview = read(caller, ctx -> checkPreviewRead(ctx, id));
        if (!"mp4".equals(preview.get("extension"))) {
            throw ZouException.wrongParameter("Preview file is not a movie");
        }
        requireMovies();
        byte[] tile = withMovieFile(id, movie -> {
            Path png = Files.createTempFile("zou4j-tile-", ".png");
            try {
                ffmpeg.tile(movie, ffmpeg.probe(movie), png);
                return Files.readAllBytes(png);
            } finally {
                Ffmpeg.deleteQuietly(png);
            }
        });
        store.put(Bucket.PICTURES, "tiles", id.toString(), tile);
        return tile;
    }

    private void requireMovies() {
        if (movies == null) {
            throw new ZouException(ErrorCode.UNAVAILABLE, "This server has no ffmpeg: install ffmpeg and restart it.");
        }
    }

    @FunctionalInterface
    private interface MovieWork<T> {
        T run(Path movie) throws IOException;
    }

    /** Copies the stored full-quality movie to a temporary file for ffmpeg; 404 when none is stored. */
    private <T> T withMovieFile(UUID id, MovieWork<T> work) {
        Optional<StoredFile> stored = store.open(Bucket.MOVIES, "previews", id.toString());
        if (stored.isEmpty()) {
            stored = store.open(Bucket.MOVIES, "lowdef", id.toString());
        }
        if (stored.isEmpty()) {
            throw ZouException.notFound("preview file binary is not available");
        }
        Path tmp = null;
        try (StoredFile f = stored.get(); InputStream in = f.stream()) {
            tmp = Files.createTempFile("zou4j-movie-", ".mp4");
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return work.run(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Ffmpeg.MediaException e) {
            throw ZouException.wrongParameter("The movie cannot be read: " + e.getMessage());
        } finally {
            Ffmpeg.deleteQuietly(tmp);
        }
    }

    /**
     * {@code GET /actions/preview-files/<id>/extract-annotated-frame} (managers of the project): the frame of a movie
     * ({@code frame_number} required, 1-based) or the picture, with the matching annotation drawn on it; 400 when no
     * annotation matches (Zou's AnnotationNotFoundException), 404 when the binary is not there.
     */
    public byte[] annotatedFrame(Caller caller, String previewFileId, Integer frameNumber) {
        Row preview = managerPreview(caller, previewFileId);
        List<Map<String, Object>> annotations = annotationsOf(preview);
        String extension = String.valueOf(preview.get("extension")).toLowerCase(Locale.ROOT);
        if (extension.equals("mp4")) {
            if (frameNumber == null) {
                throw ZouException.wrongParameter("frame_number is required for movie previews");
            }
            if (frameNumber < 1) {
                throw ZouException.wrongParameter("frame_number must be at least 1.");
            }
            double fps = Double.parseDouble(previewFps(caller, preview));
            Map<String, Object> annotation = annotationAt(annotations, (frameNumber - 1) / fps, 1 / (2 * fps));
            if (annotation == null) {
                throw ZouException.wrongParameter("No annotation found for frame " + frameNumber);
            }
            BufferedImage frame = Thumbnails.decode(extractFrameBytes(caller, preview, frameNumber), maxPixels)
                    .image();
            return Thumbnails.png(AnnotationRenderer.render(frame, annotation));
        }
        if (PICTURE_EXTENSIONS.contains(extension)) {
            if (annotations.isEmpty()) {
                throw ZouException.wrongParameter("No annotation found on picture preview");
            }
            return Thumbnails.png(AnnotationRenderer.render(picturePreview(preview), annotations.get(0)));
        }
        throw ZouException.wrongParameter("Cannot extract annotated frame from preview with extension '"
                + extension + "'");
    }

    /**
     * {@code GET /actions/preview-files/<id>/extract-annotated-frames[-pdf]}: every annotated frame, as a zip of PNGs
     * named {@code <download name>_frame_<n>.png} or a PDF with one page each.
     */
    public byte[] annotatedFrames(Caller caller, String previewFileId, boolean pdf) {
        Row preview = managerPreview(caller, previewFileId);
        List<Map<String, Object>> annotations = annotationsOf(preview);
        if (annotations.isEmpty()) {
            throw ZouException.wrongParameter("Preview file has no annotations");
        }
        String base = downloadName(caller, previewFileId);
        base = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
        String extension = String.valueOf(preview.get("extension")).toLowerCase(Locale.ROOT);
        List<AnnotationRenderer.Frame> frames = new ArrayList<>();
        if (extension.equals("mp4")) {
            double fps = Double.parseDouble(previewFps(caller, preview));
            for (Map<String, Object> annotation : annotations) {
                double time;
                try {
                    time = Double.parseDouble(String.valueOf(annotation.get("time")));
                } catch (NumberFormatException e) {
                    continue;
                }
                int frameNumber = (int) Math.max(1, Math.round(time * fps) + 1);
                byte[] png;
                try {
                    png = extractFrameBytes(caller, preview, frameNumber);
                } catch (ZouException e) {
                    if (e.httpStatus() == 404 && e.getMessage() != null
                            && e.getMessage().contains("binary is not available")) {
                        throw e;
                    }
                    continue; // e.g. a time past the end of the movie: Zou skips it
                }
                frames.add(new AnnotationRenderer.Frame(base + "_frame_" + frameNumber + ".png",
                        AnnotationRenderer.render(Thumbnails.decode(png, maxPixels).image(), annotation)));
            }
        } else if (PICTURE_EXTENSIONS.contains(extension)) {
            BufferedImage picture = picturePreview(preview);
            int index = 1;
            for (Map<String, Object> annotation : annotations) {
                frames.add(new AnnotationRenderer.Frame(base + "_frame_" + index++ + ".png",
                        AnnotationRenderer.render(picture, annotation)));
            }
        } else {
            throw ZouException.wrongParameter("Cannot extract annotated frame from preview with extension '"
                    + extension + "'");
        }
        if (frames.isEmpty()) {
            throw ZouException.wrongParameter("No annotated frame could be extracted from this preview");
        }
        return pdf ? AnnotationRenderer.pdf(frames) : AnnotationRenderer.zip(frames);
    }

    private Row managerPreview(Caller caller, String previewFileId) {
        UUID id = Values.parseId(previewFileId);
        return read(caller, ctx -> {
            Row p = require(ctx, "preview_file", id);
            if (!manager(ctx, (UUID) taskOf(ctx, p).get("project_id"))) {
                throw ZouException.forbidden();
            }
            return p;
        });
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> annotationsOf(Row preview) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (jsonValue(preview.get("annotations")) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> annotationAt(List<Map<String, Object>> annotations, double time,
                                                    double tolerance) {
        for (Map<String, Object> a : annotations) {
            try {
                if (a.get("time") != null && Math.abs(Double.parseDouble(a.get("time").toString()) - time)
                        <= tolerance) {
                    return a;
                }
            } catch (NumberFormatException e) {
                // Zou skips a time it cannot read
            }
        }
        return null;
    }

    private BufferedImage picturePreview(Row preview) {
        Optional<StoredFile> stored = store.open(Bucket.PICTURES, "previews", preview.id().toString());
        if (stored.isEmpty()) {
            throw ZouException.notFound("preview file binary is not available");
        }
        try (StoredFile f = stored.get(); InputStream in = f.stream()) {
            return Thumbnails.decode(in.readAllBytes(), maxPixels).image();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String previewFps(Caller caller, Row preview) {
        return read(caller, ctx -> {
            Row task = taskOf(ctx, preview);
            Row entity = ctx.tx().byId("entity", (UUID) task.get("entity_id"));
            Map<?, ?> data = entity != null && jsonValue(entity.get("data")) instanceof Map<?, ?> m ? m : Map.of();
            return fps(ctx.tx().byId("project", (UUID) task.get("project_id")), data);
        });
    }

    // ---- thumbnails of projects, organisations, preview backgrounds, attachments ----------------------------------

    /**
     * {@code POST /pictures/thumbnails/projects|organisations/<id>}: a 400×400 thumbnail; {@code has_avatar} set;
     * {@code <kind>:set-thumbnail}. Projects: their managers; the organisation: admins.
     */
    public Map<String, Object> uploadThumbnail(Caller caller, String kind, String instanceId, Upload upload) {
        String table = thumbnailTable(kind);
        if (table.equals("preview_background_file")) {
            throw new ZouException(ErrorCode.METHOD_NOT_ALLOWED, "Preview background thumbnails are made from their "
                    + "file: post the file to /pictures/preview-background-files/<id>.");
        }
        UUID id = table.equals("organisation") ? null : Values.parseId(instanceId);
        UUID target = table.equals("organisation") ? write(caller, ctx -> {
            if (!caller.isAdmin()) {
                throw ZouException.forbidden();
            }
            return organisationOrNew(ctx).id();
        }) : read(caller, ctx -> {
            require(ctx, "project", id);
            if (!manager(ctx, id)) {
                throw ZouException.forbidden();
            }
            return id;
        });
        if (upload == null) {
            throw ZouException.wrongParameter("File not provided.");
        }
        if (!PICTURE_EXTENSIONS.contains(PictureService.extension(upload.fileName()))) {
            throw ZouException.wrongParameter("Wrong file format, extension: ."
                    + PictureService.extension(upload.fileName()));
        }
        Thumbnails.Picture picture = Thumbnails.decode(PictureService.bytes(upload), maxPixels);
        store.put(Bucket.PICTURES, "thumbnails", target.toString(),
                Thumbnails.png(Thumbnails.cover(picture.image(), BIG_SQUARE, BIG_SQUARE)));
        return write(caller, ctx -> {
            ctx.tx().updateById(table, target, Map.of("has_avatar", true, "updated_at", ctx.now()));
            String model = table.equals("organisation") ? "organisation" : "project";
            if (model.equals("project")) {
                ctx.events().emit("project:update", Map.of(), target);
            } else {
                ctx.events().emit("organisation:update", Map.of("organisation_id", target.toString()), null);
            }
            ctx.events().emit(model + ":set-thumbnail", Map.of(model + "_id", target.toString()), null);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("thumbnail_path", "/api/pictures/thumbnails/" + kind + "/" + target + ".png");
            return answer;
        });
    }

    private static String thumbnailTable(String kind) {
        return switch (kind) {
            case "projects" -> "project";
            case "organisations" -> "organisation";
            case "preview-background-files" -> "preview_background_file";
            default -> throw ZouException.notFound();
        };
    }

    /** Zou's {@code get_organisation}: the first one, made ({@code Kitsu}) when there is none. */
    private static Row organisationOrNew(HookContext ctx) throws SQLException {
        List<Row> orgs = ctx.tx().select("organisation", List.of(), List.of(Tx.Order.asc("created_at")), 1, 0);
        if (!orgs.isEmpty()) {
            return orgs.get(0);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", "Kitsu");
        ctx.tx().insert("organisation", row);
        return ctx.tx().byId("organisation", id);
    }

    private static Row organisation(HookContext ctx) throws SQLException {
        List<Row> orgs = ctx.tx().select("organisation", List.of(), List.of(Tx.Order.asc("created_at")), 1, 0);
        if (orgs.isEmpty()) {
            throw ZouException.notFound("No organisation.");
        }
        return orgs.get(0);
    }

    /**
     * {@code GET /pictures/thumbnails/projects|organisations|preview-background-files/<id>.png}: 404 when none was
     * set; a project's needs its team (managers see every one).
     */
    public StoredFile thumbnail(Caller caller, String kind, String instanceId) {
        String table = thumbnailTable(kind);
        UUID target = read(caller, ctx -> {
            Row row = table.equals("organisation") ? organisation(ctx)
                    : require(ctx, table, Values.parseId(instanceId));
            if (!table.equals("preview_background_file")) {
                if (!Boolean.TRUE.equals(row.get("has_avatar"))) {
                    throw ZouException.notFound();
                }
                if (table.equals("project") && !"manager".equals(caller.role()) && !caller.isAdmin()) {
                    checkProjectAccess(ctx, row.id());
                }
            }
            return row.id();
        });
        return store.open(Bucket.PICTURES, "thumbnails", target.toString())
                .orElseThrow(() -> ZouException.notFound("Preview file not found: no thumbnail."));
    }

    /**
     * {@code GET /pictures/thumbnails/attachment-files/<id>.png}: a 150 px thumbnail of a picture attachment (made on
     * first request from the attachment's bytes); the comment's task (or the chat's entity) must be readable.
     */
    public StoredFile attachmentThumbnail(Caller caller, String attachmentId) {
        UUID id = Values.parseId(attachmentId);
        Row attachment = read(caller, ctx -> {
            Row a = require(ctx, "attachment_file", id);
            if (a.get("comment_id") != null) {
                Row comment = require(ctx, "comment", (UUID) a.get("comment_id"));
                Row task = require(ctx, "task", (UUID) comment.get("object_id"));
                crud.models().table("task").access().checkRead(ctx.access(), task);
            } else if (a.get("chat_message_id") != null) {
                Row message = require(ctx, "chat_message", (UUID) a.get("chat_message_id"));
                Row chat = require(ctx, "chat", (UUID) message.get("chat_id"));
                Row entity = require(ctx, "entity", (UUID) chat.get("object_id"));
                crud.models().table("entity").access().checkRead(ctx.access(), entity);
            } else {
                throw ZouException.forbidden();
            }
            return a;
        });
        Optional<StoredFile> stored = store.open(Bucket.PICTURES, "thumbnails", id.toString());
        if (stored.isPresent()) {
            return stored.get();
        }
        String ext = String.valueOf(attachment.get("extension")).toLowerCase(Locale.ROOT);
        if (!Set.of("png", "jpg", "jpeg", "jpe", "gif", "bmp").contains(ext)) {
            throw ZouException.notFound("Preview file not found: the attachment is no picture.");
        }
        byte[] bytes;
        try (InputStream in = attachments.open(id).orElseThrow(() -> ZouException.notFound(
                "Preview file not found: the attachment's file is missing."))) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thumbnails.Picture picture;
        try {
            picture = Thumbnails.decode(bytes, maxPixels);
        } catch (ZouException e) {
            throw ZouException.notFound("Preview file not found: the attachment is no readable picture.");
        }
        // Zou's thumbnail.resize(path, (150, 150), crop=True)
        store.put(Bucket.PICTURES, "thumbnails", id.toString(),
                Thumbnails.png(Thumbnails.cover(picture.image(), 150, 150)));
        return store.open(Bucket.PICTURES, "thumbnails", id.toString()).orElseThrow(ZouException::notFound);
    }

    /**
     * {@code POST /pictures/preview-background-files/<id>} (admins): an {@code .hdr} environment for the 3D viewer,
     * stored with a thumbnail; {@code preview-background-file:update} and
     * {@code :add-file}.
     */
    public Map<String, Object> uploadBackground(Caller caller, String instanceId, Upload upload) {
        UUID id = Values.parseId(instanceId);
        if (!caller.isAdmin()) {
            throw ZouException.forbidden();
        }
        read(caller, ctx -> require(ctx, "preview_background_file", id));
        if (upload == null) {
            throw ZouException.wrongParameter("File not provided.");
        }
        String extension = PictureService.extension(upload.fileName());
        if (!extension.equals("hdr")) {
            throw ZouException.wrongParameter("Wrong file format, extension: " + extension);
        }
        byte[] bytes = PictureService.bytes(upload);
        store.put(Bucket.PICTURES, "preview-backgrounds", id.toString(), bytes);
        try {
            store.put(Bucket.PICTURES, "thumbnails", id.toString(), Thumbnails.png(Thumbnails.cover(
                    RadianceHdr.decode(bytes, maxPixels), 150, 100)));
        } catch (ZouException e) {
            store.delete(Bucket.PICTURES, "preview-backgrounds", id.toString());
            throw ZouException.wrongParameter("Error while saving preview background file and thumbnail: " + id
                    + " (" + e.getMessage() + ")");
        }
        return write(caller, ctx -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("extension", extension);
            values.put("original_name", PictureService.baseName(upload.fileName()));
            values.put("file_size", upload.size());
            values.put("updated_at", ctx.now());
            ctx.tx().updateById("preview_background_file", id, values);
            ctx.events().emit("preview-background-file:update", Map.of("preview_background_file_id",
                    id.toString()), null);
            ctx.events().emit("preview-background-file:add-file", Map.of("preview_background_file_id",
                    id.toString(), "extension", extension), null);
            return one(ctx, "preview_background_file", ctx.tx().byId("preview_background_file", id));
        });
    }

    /** {@code GET /pictures/preview-background-files/<id>.<extension>}: 404 unless the extension is the file's. */
    public StoredFile background(Caller caller, String instanceId, String extension) {
        UUID id = Values.parseId(instanceId);
        read(caller, ctx -> {
            Row row = require(ctx, "preview_background_file", id);
            if (!extension.toLowerCase(Locale.ROOT).equals(row.get("extension"))) {
                throw ZouException.notFound("Preview background file not found.");
            }
            return null;
        });
        return store.open(Bucket.PICTURES, "preview-backgrounds", id.toString())
                .orElseThrow(() -> ZouException.notFound("Preview background file not found."));
    }

    // ---- batch comments ---------------------------------------------------------------------------------------------

    /**
     * {@code POST /actions/tasks[/<task_id>]/batch-comment}: each comment as {@code POST .../comment} makes it (with
     * the files {@code attachment_file-<i>...} as attachments), then each {@code preview_file-<i>...} file becomes a
     * new preview of the comment (Zou's {@code add_preview_file_to_comment}) and is uploaded; a preview whose upload
     * fails is left out of the answer, as in Zou.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> batchComment(Caller caller, String taskIdText, List<Map<String, Object>> list,
                                                  Map<String, Upload> files) {
        if (list == null) {
            throw ZouException.wrongParameter("comments is required.");
        }
        List<Map<String, Object>> answer = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> c = list.get(i);
            String taskId = taskIdText != null ? taskIdText : c.get("task_id") == null ? null
                    : c.get("task_id").toString();
            if (taskId == null) {
                throw ZouException.wrongParameter("Each comment needs a task_id.");
            }
            UUID task = Values.parseId(taskId);
            read(caller, ctx -> {
                require(ctx, "task", task);
                if (!TaskChecks.taskAction(ctx.access(), task)) {
                    throw ZouException.forbidden();
                }
                return null;
            });
            List<Upload> attachmentsOf = new ArrayList<>();
            List<Upload> previewsOf = new ArrayList<>();
            for (Map.Entry<String, Upload> f : files.entrySet()) {
                if (f.getKey().contains("attachment_file-" + i)) {
                    attachmentsOf.add(f.getValue());
                } else if (f.getKey().contains("preview_file-" + i)) {
                    previewsOf.add(f.getValue());
                }
            }
            Object checklist = c.get("checklist");
            Object links = c.get("links");
            org.zou4j.tasks.NewComment request = new org.zou4j.tasks.NewComment(
                    c.get("task_status_id") == null ? null : c.get("task_status_id").toString(),
                    c.get("text") == null ? "" : c.get("text").toString(),
                    c.get("person_id") == null ? null : c.get("person_id").toString(),
                    c.get("created_at") == null ? null : c.get("created_at").toString(),
                    checklist instanceof List<?> l ? (List<Map<String, Object>>) l : null,
                    links instanceof List<?> l2 ? (List<String>) l2 : null, false, attachmentsOf);
            Map<String, Object> comment = new LinkedHashMap<>(comments.comment(caller, taskId, request));
            List<Map<String, Object>> previews = new ArrayList<>();
            for (Upload u : previewsOf) {
                UUID previewId = taskActions.addPreviewToComment(caller, task,
                        UUID.fromString(comment.get("id").toString()));
                try {
                    previews.add(upload(caller, previewId.toString(), u, true));
                } catch (ZouException e) {
                    LOG.info("Batch comment: preview {} not stored: {}", previewId, e.getMessage());
                }
            }
            comment.put("preview_files", previews);
            answer.add(comment);
        }
        return answer;
    }
}
