package org.zou4j.internal.playlists;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.zou4j.ZouException;
import org.zou4j.files.FileStore;
import org.zou4j.files.FileStore.Bucket;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.playlists.MediaFile;

/**
 * Playlist files: the movie build jobs (ffmpeg concat of the shots' movies, kept in the file store as Zou keeps them:
 * movies bucket, prefix {@code playlists}, the job id), their download, and the zip of a playlist's previews.
 */
public final class PlaylistMedia {
    /** ffmpeg runs at once per engine (each is CPU-heavy); more builds wait their turn. */
    private static final int PARALLEL_BUILDS = 2;

    private final PlaylistSupport s;
    private final FileStore store;
    private final org.zou4j.internal.media.Ffmpeg ffmpeg;
    /** Playlists being built by this engine: a second build of one of them is refused (Zou's 409). */
    private final java.util.Set<UUID> building = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.Semaphore ffmpegSlots = new java.util.concurrent.Semaphore(PARALLEL_BUILDS,
            true);

    /** @param ffmpeg the engine's movie tools, or null when this machine has none (builds then fail) */
    PlaylistMedia(PlaylistSupport s, FileStore store, org.zou4j.internal.media.Ffmpeg ffmpeg) {
        this.s = s;
        this.store = store;
        this.ffmpeg = ffmpeg;
    }

    private record Source(UUID id, String extension, String name) {
    }

    private record Start(Row playlist, Map<String, Object> job, List<Source> movies, int width, int height,
                         String fps) {
    }

    /** {@code BuildPlaylistMovieResource} without a job queue: the job is built in the request and answered ended. */
    public Map<String, Object> buildMovie(Caller caller, String playlistIdText, boolean full) {
        UUID playlistId = s.read(caller, ctx -> {
            Row playlist = PlaylistSupport.require(ctx, "playlist", playlistIdText, "Playlist");
            PlaylistSupport.requireManager(ctx, (UUID) playlist.get("project_id"));
            return playlist.id();
        });
        if (!building.add(playlistId)) {
            String message = "A build is already in progress for this playlist";
            throw new ZouException(org.zou4j.ErrorCode.BAD_STATE, 409, message,
                    Map.of("error", true, "message", message));
        }
        try {
            return buildMovie(caller, playlistId);
        } finally {
            building.remove(playlistId);
        }
    }

    private Map<String, Object> buildMovie(Caller caller, UUID playlistId) {
        String playlistIdText = playlistId.toString();
        Start start = s.write(caller, ctx -> {
            Row playlist = PlaylistSupport.require(ctx, "playlist", playlistIdText, "Playlist");
            UUID projectId = (UUID) playlist.get("project_id");
            PlaylistSupport.requireManager(ctx, projectId);
            Row project = ctx.tx().byId("project", projectId);
            int[] size = dimensions(project);
            String fps = fps(project);
            List<Source> movies = new ArrayList<>();
            for (Source src : previews(ctx, playlist, false)) {
                if ("mp4".equals(src.extension())) {
                    movies.add(src);
                }
            }
            UUID jobId = UUID.randomUUID();
            LocalDateTime now = ctx.now();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", jobId);
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("status", "running");
            row.put("job_type", "movie");
            row.put("playlist_id", playlist.id());
            ctx.tx().insert("build_job", row);
            ctx.events().emit("build-job:new", PlaylistSupport.data("build_job_id", jobId, "playlist_id",
                    playlist.id(), "created_at", now), projectId);
            return new Start(playlist, s.one(ctx, "build_job", ctx.tx().byId("build_job", jobId)), movies,
                    size[0], size[1], fps);
        });
        UUID jobId = UUID.fromString((String) start.job().get("id"));
        boolean success = build(start, jobId);
        String status = success ? "succeeded" : "failed";
        Map<String, Object> ended = s.write(caller, ctx -> {
            Row job = ctx.tx().byId("build_job", jobId);
            if (job == null) {
                return Map.<String, Object>of();
            }
            ctx.tx().updateById("build_job", jobId, Map.of("status", status, "ended_at", ctx.now(),
                    "updated_at", ctx.now()));
            ctx.events().emit("build-job:update", PlaylistSupport.data("build_job_id", jobId, "playlist_id",
                    start.playlist().id(), "status", status), (UUID) start.playlist().get("project_id"));
            return s.one(ctx, "build_job", ctx.tx().byId("build_job", jobId));
        });
        if (!success) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", true);
            body.put("message", "Failure while building playlist " + start.playlist().id()
                    + (start.movies().isEmpty() ? ": it has no movie preview" : ""));
            body.put("build_job", ended);
            throw new ZouException(org.zou4j.ErrorCode.WRONG_PARAMETER, 400, (String) body.get("message"), body);
        }
        return ended;
    }

    private boolean build(Start start, UUID jobId) {
        if (start.movies().isEmpty() || ffmpeg == null) {
            return false;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("zou4j-playlist-");
            List<Path> inputs = new ArrayList<>();
            for (Source m : start.movies()) {
                Path p = dir.resolve(m.id() + ".mp4");
                if (!copyOut(Bucket.MOVIES, "previews", m.id().toString(), p)) {
                    continue;
                }
                inputs.add(p);
            }
            if (inputs.isEmpty()) {
                return false;
            }
            Path out = dir.resolve("cache-playlists-" + jobId + ".mp4");
            ffmpegSlots.acquire();
            try {
                if (!ffmpeg.concat(inputs, out, start.width(), start.height(), start.fps(),
                        dir.resolve("ffmpeg.log"))) {
                    return false;
                }
            } finally {
                ffmpegSlots.release();
            }
            try (InputStream in = Files.newInputStream(out)) {
                store.put(Bucket.MOVIES, "playlists", jobId.toString(), in);
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deleteTree(dir);
        }
    }

    private boolean copyOut(Bucket bucket, String prefix, String id, Path target) throws IOException {
        var file = store.open(bucket, prefix, id);
        if (file.isEmpty()) {
            return false;
        }
        try (FileStore.StoredFile f = file.get()) {
            Files.copy(f.stream(), target);
        }
        return true;
    }

    /** Removes a build job: its row, its movie (after commit), {@code build-job:delete}. */
    void removeJob(HookContext ctx, Row playlist, Row job) throws SQLException {
        ctx.tx().delete("build_job", List.of(Filter.eq("id", job.id())));
        String id = job.id().toString();
        ctx.tx().afterCommit(() -> store.delete(Bucket.MOVIES, "playlists", id));
        ctx.events().emit("build-job:delete", PlaylistSupport.data("build_job_id", job.id(), "playlist_id",
                playlist.id()), (UUID) playlist.get("project_id"));
    }

    /** {@code PlaylistDownloadResource}: the movie of a succeeded job with Zou's download name. */
    public MediaFile buildJobMovie(Caller caller, String playlistIdText, String jobIdText) {
        return s.read(caller, ctx -> {
            Row job = PlaylistService.jobOf(ctx, playlistIdText, jobIdText, true);
            if (!"succeeded".equals(job.get("status"))) {
                throw new ZouException(org.zou4j.ErrorCode.WRONG_PARAMETER, 400, "Build is not finished",
                        Map.of("error", true, "message", "Build is not finished"));
            }
            Row playlist = ctx.tx().byId("playlist", (UUID) job.get("playlist_id"));
            Row project = ctx.tx().byId("project", (UUID) playlist.get("project_id"));
            String created = org.zou4j.internal.json.JsonForm.timestamp((LocalDateTime) job.get("created_at"))
                    .replace("-", "").replace(":", "").replace("T", "_");
            String name = created + "_" + contextName(ctx, project, playlist) + "_"
                    + slug(String.valueOf(playlist.get("name")), "_") + ".mp4";
            FileStore.StoredFile file = store.open(Bucket.MOVIES, "playlists", job.id().toString())
                    .orElseThrow(() -> ZouException.notFound("Playlist movie not found"));
            return new MediaFile(name, "video/mp4", file.length(), file.stream());
        });
    }

    /** {@code PlaylistZipDownloadResource}: every preview of each positioned revision, named as Zou names them. */
    public MediaFile zip(Caller caller, String playlistIdText) {
        record Plan(String name, List<Source> sources) {
        }
        Plan plan = s.read(caller, ctx -> {
            PlaylistSupport.blockVendor(ctx);
            Row playlist = PlaylistSupport.require(ctx, "playlist", playlistIdText, "Playlist");
            PlaylistSupport.checkPlaylistAccess(ctx, playlist, true);
            Row project = ctx.tx().byId("project", (UUID) playlist.get("project_id"));
            return new Plan(contextName(ctx, project, playlist) + "_" + slug(String.valueOf(playlist.get("name")),
                    "_") + ".zip", previews(ctx, playlist, true));
        });
        try {
            Path zip = Files.createTempFile("zou4j-playlist-", ".zip");
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                java.util.Set<String> names = new java.util.HashSet<>();
                for (Source src : plan.sources()) {
                    var file = open(src.id(), src.extension());
                    if (file.isEmpty() || !names.add(src.name())) {
                        file.ifPresent(PlaylistMedia::closeQuietly);
                        continue;
                    }
                    try (FileStore.StoredFile f = file.get()) {
                        z.putNextEntry(new ZipEntry(src.name()));
                        f.stream().transferTo(z);
                        z.closeEntry();
                    }
                }
            }
            InputStream in = new java.io.FilterInputStream(Files.newInputStream(zip)) {
                @Override
                public void close() throws IOException {
                    super.close();
                    Files.deleteIfExists(zip);
                }
            };
            return new MediaFile(plan.name(), "application/zip", Files.size(zip), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored bytes of a preview as Zou keeps them by extension (movie, original picture, file). */
    java.util.Optional<FileStore.StoredFile> open(UUID previewId, String extension) {
        if ("mp4".equals(extension)) {
            return store.open(Bucket.MOVIES, "previews", previewId.toString());
        }
        if ("png".equals(extension)) {
            return store.open(Bucket.PICTURES, "original", previewId.toString());
        }
        return store.open(Bucket.FILES, "previews", previewId.toString());
    }

    /** A stored file of {@code bucket}/{@code prefix}, or empty. */
    java.util.Optional<FileStore.StoredFile> open(Bucket bucket, String prefix, UUID id) {
        return store.open(bucket, prefix, id.toString());
    }

    private static void closeQuietly(FileStore.StoredFile f) {
        try {
            f.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /**
     * {@code playlist_previews} (+ {@code retrieve_playlist_tmp_files}): the positioned previews in shot order; with
     * {@code full} every preview of the same task and revision too.
     */
    private List<Source> previews(HookContext ctx, Row playlist, boolean full) throws SQLException {
        List<Source> out = new ArrayList<>();
        for (Map<String, Object> shot : s.shots(playlist)) {
            UUID id = PlaylistSupport.asId(shot.get("preview_file_id"));
            Row pf = id == null ? null : ctx.tx().byId("preview_file", id);
            if (pf == null) {
                continue;
            }
            List<Row> files = full ? ctx.tx().select("preview_file", List.of(Filter.eq("task_id", pf.get("task_id")),
                    Filter.eq("revision", pf.get("revision"))), List.of(org.zou4j.internal.sql.Tx.Order.asc("position"),
                    org.zou4j.internal.sql.Tx.Order.asc("created_at")), 0, 0) : List.of(pf);
            for (Row f : files) {
                out.add(new Source(f.id(), (String) f.get("extension"), previewFileName(ctx, f)));
            }
        }
        return out;
    }

    /** {@code get_preview_file_name}: {@code project_entity_tasktype_v<revision>[-position].<extension>}. */
    static String previewFileName(HookContext ctx, Row pf) throws SQLException {
        Row task = ctx.tx().byId("task", (UUID) pf.get("task_id"));
        String name = pf.id().toString();
        if (task != null) {
            Row taskType = ctx.tx().byId("task_type", (UUID) task.get("task_type_id"));
            Row project = ctx.tx().byId("project", (UUID) task.get("project_id"));
            Row entity = ctx.tx().byId("entity", (UUID) task.get("entity_id"));
            String entityName = entity == null ? "" : String.valueOf(entity.get("name"));
            if (entity != null && entity.get("parent_id") != null) {
                Row parent = ctx.tx().byId("entity", (UUID) entity.get("parent_id"));
                if (parent != null) {
                    entityName = parent.get("name") + " / " + entityName;
                }
            }
            name = slug((project == null ? "" : project.get("name")) + "_" + entityName + "_"
                    + (taskType == null ? "" : taskType.get("name")) + "_v" + pf.get("revision"), "_");
        }
        int position = PlaylistSupport.intOf(pf, "position");
        if (position > 1) {
            name = name + "-" + position;
        }
        return name + "." + pf.get("extension");
    }

    /** {@code get_playlist_download_context_name}. */
    static String contextName(HookContext ctx, Row project, Row playlist) throws SQLException {
        String name = slug(String.valueOf(project.get("name")), "_");
        if ("tvshow".equals(project.get("production_type"))) {
            String episodeName;
            if (playlist.get("episode_id") != null) {
                Row episode = ctx.tx().byId("entity", (UUID) playlist.get("episode_id"));
                episodeName = episode == null ? "" : String.valueOf(episode.get("name"));
            } else if (Boolean.TRUE.equals(playlist.get("is_for_all"))) {
                episodeName = "all assets";
            } else {
                episodeName = "main pack";
            }
            name += "_" + slug(episodeName, "_");
        }
        return name;
    }

    /** python-slugify's default: ASCII, lower case, runs of other characters as one separator. */
    static String slug(String text, String separator) {
        String ascii = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", separator)
                .replaceAll("^" + java.util.regex.Pattern.quote(separator) + "+|"
                        + java.util.regex.Pattern.quote(separator) + "+$", "");
    }

    /** The project's preview size ({@code resolution} {@code WxH}, else 1920x1080), even numbers for H.264. */
    static int[] dimensions(Row project) {
        int w = 1920;
        int h = 1080;
        Object res = project == null ? null : project.get("resolution");
        if (res != null) {
            String[] parts = res.toString().toLowerCase(Locale.ROOT).split("x");
            try {
                if (parts.length == 2) {
                    w = Integer.parseInt(parts[0].trim());
                    h = Integer.parseInt(parts[1].trim());
                }
            } catch (NumberFormatException e) {
                w = 1920;
                h = 1080;
            }
        }
        return new int[] {Math.max(2, w - w % 2), Math.max(2, h - h % 2)};
    }

    /** The project's fps, else 25 (a number only: it goes into ffmpeg's filter graph). */
    static String fps(Row project) {
        Object fps = project == null ? null : project.get("fps");
        if (fps != null && fps.toString().trim().matches("[0-9]{1,3}(\\.[0-9]{1,3})?")) {
            return fps.toString().trim();
        }
        return "25";
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
