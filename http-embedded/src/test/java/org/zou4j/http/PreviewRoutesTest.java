package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.http.PictureRoutesTest.picture;
import static org.zou4j.http.PictureRoutesTest.read;
import static org.zou4j.http.PictureRoutesTest.sha256;
import static org.zou4j.http.PictureRoutesTest.upload;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zou's {@code previews} blueprint beyond the picture sizes, over HTTP on real data: movie uploads processed by a real
 * ffmpeg (a movie made by ffmpeg in the test) to {@code ready} or {@code broken}, movie files with range requests,
 * tiles, downloads, preview actions, running previews, thumbnails, preview backgrounds, attachment thumbnails and
 * batch comments, with permissions and events. Runs on H2; {@link Postgres} runs the same on PostgreSQL. The movie
 * tests are skipped, saying why, when ffmpeg is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class PreviewRoutesTest {
    TaskWorld w;
    static final boolean FFMPEG = hasFfmpeg();

    boolean postgres() {
        return false;
    }

    @BeforeAll
    void start() {
        w = TaskWorld.start(postgres(), b -> b.saveMovieSources(true)
                .movieProcessing(1, Duration.ofMinutes(5), "ultrafast"));
        // a small target keeps the normalisation cheap: Zou reads the project's resolution
        assertThat(w.admin.put("/data/projects/" + w.project, Map.of("resolution", "320x240", "fps", "24"))
                .status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (w != null) {
            w.close();
        }
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends PreviewRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    static boolean hasFfmpeg() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void requireFfmpeg() {
        if (!FFMPEG) {
            System.out.println("PreviewRoutesTest: ffmpeg is not installed here, the movie test is skipped "
                    + "(apt-get install ffmpeg)");
        }
        Assumptions.assumeTrue(FFMPEG, "ffmpeg is not installed");
    }

    /** A real 1 s movie, 64×48 at 25 fps, without sound, made by ffmpeg. */
    static byte[] movie() {
        try {
            Path out = Files.createTempFile("zou4j-test-", ".mp4");
            try {
                Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-y", "-f", "lavfi", "-i",
                        "testsrc=duration=1:size=64x48:rate=25", "-pix_fmt", "yuv420p", "-c:v", "libx264",
                        "-preset", "ultrafast", out.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String newPreview() {
        return newPreview(1, 1);
    }

    private String newPreview(int revision, int position) {
        return w.create("preview-files", Map.of("name", "p" + System.nanoTime(), "task_id", w.tasks.get("modeling"),
                "revision", revision, "position", position));
    }

    /** Polls the row until it leaves {@code processing} (the movie is processed off the request thread). */
    private Map<String, Object> awaitProcessed(String preview) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            Map<String, Object> row = w.admin.get("/data/preview-files/" + preview).map();
            if (!"processing".equals(row.get("status")) || System.nanoTime() > deadline) {
                return row;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private String uploadedMovie(byte[] movie) {
        String preview = newPreview(50 + (int) (System.nanoTime() % 1000), 1);
        ApiClient.Reply r = upload(w.as("artist"), "/pictures/preview-files/" + preview, "shot010.mp4", movie);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(awaitProcessed(preview)).containsEntry("status", "ready");
        return preview;
    }

    @Test
    void movieIsNormalisedOffTheRequestThreadThenServedWithRanges() {
        requireFfmpeg();
        byte[] source = movie();
        String preview = newPreview(7, 1);
        ApiClient.Reply r = upload(w.as("artist"), "/pictures/preview-files/" + preview, "shot010.mp4", source);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.map()).containsEntry("id", preview).containsEntry("extension", "mp4")
                .containsEntry("original_name", "shot010").containsEntry("status", "processing");

        Map<String, Object> row = awaitProcessed(preview);
        assertThat(row).containsEntry("status", "ready").containsEntry("width", 320).containsEntry("height", 240);
        assertThat(((Number) row.get("duration")).doubleValue()).isBetween(0.9, 1.2);
        long size = ((Number) row.get("file_size")).longValue();
        assertThat(size).isPositive();
        assertThat((Map<String, Object>) row.get("data")).containsEntry("original_width", 64)
                .containsEntry("original_height", 48).containsEntry("original_file_size", source.length);
        // Zou's update_preview_file_info: the first preview of the revision is the task's last preview
        assertThat(w.admin.get("/data/tasks/" + w.tasks.get("modeling")).map())
                .containsEntry("last_preview_file_id", preview);
        // processing -> ready: an update for the upload and one for the end, and the add-file event
        assertThat(w.eventsNamed("preview-file:update", "preview_file_id", preview)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(w.eventsNamed("preview-file:add-file", "preview_file_id", preview)).singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e.get("data")).containsEntry("extension", "mp4"));

        String path = "/api/movies/originals/preview-files/" + preview + ".mp4";
        ApiClient.BytesReply whole = w.as("manager").getBytes(path);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(whole.header("Cache-Control")).contains("private");
        assertThat(whole.header("Content-Length")).isEqualTo(Long.toString(size));
        assertThat(whole.body()).hasSize((int) size);
        assertThat(new String(Arrays.copyOfRange(whole.body(), 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");

        ApiClient.BytesReply part = w.as("manager").requestBytes("GET", path, "Range", "bytes=100-199");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + size);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, 200));
        ApiClient.BytesReply tail = w.as("manager").requestBytes("GET", path, "Range", "bytes=-10");
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole.body(), (int) size - 10, (int) size));
        ApiClient.BytesReply open = w.as("manager").requestBytes("GET", path, "Range", "bytes=" + (size - 5) + "-");
        assertThat(open.status()).isEqualTo(206);
        assertThat(open.header("Content-Length")).isEqualTo("5");
        ApiClient.BytesReply beyond = w.as("manager").requestBytes("GET", path, "Range", "bytes=" + size + "-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + size);
        ApiClient.BytesReply headReply = w.as("manager").requestBytes("HEAD", path);
        assertThat(headReply.status()).isEqualTo(200);
        assertThat(headReply.header("Content-Length")).isEqualTo(Long.toString(size));

        // the low definition is another encoding (1280 wide); the source is the upload, byte for byte
        ApiClient.BytesReply low = w.as("artist").getBytes("/movies/low/preview-files/" + preview + ".mp4");
        assertThat(low.status()).isEqualTo(200);
        assertThat(sha256(low.body())).isNotEqualTo(sha256(whole.body()));
        ApiClient.BytesReply sourceReply = w.admin.getBytes("/movies/source/preview-files/" + preview + ".mp4");
        assertThat(sha256(sourceReply.body())).isEqualTo(sha256(source));
        ApiClient.BytesReply download = w.admin.getBytes("/movies/originals/preview-files/" + preview
                + "/download");
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=task_world_character_hero_modeling_v7.mp4");
        assertThat(sha256(download.body())).isEqualTo(sha256(whole.body()));
        assertThat(sha256(w.admin.getBytes("/pictures/originals/preview-files/" + preview + "/download").body()))
                .isEqualTo(sha256(whole.body()));

        // pictures of the first frame, and the tile sheet: 8 frames a row, 100 px high, ratio of the movie
        BufferedImage thumb = read(w.as("artist").getBytes("/pictures/thumbnails/preview-files/" + preview
                + ".png").body());
        assertThat(List.of(thumb.getWidth(), thumb.getHeight())).containsExactly(150, 100);
        BufferedImage original = read(w.admin.getBytes("/pictures/originals/preview-files/" + preview + ".png")
                .body());
        assertThat(List.of(original.getWidth(), original.getHeight())).containsExactly(320, 240);
        ApiClient.BytesReply tileReply = w.as("artist").getBytes("/movies/tiles/preview-files/" + preview + ".png");
        assertThat(tileReply.status()).isEqualTo(200);
        BufferedImage tile = read(tileReply.body());
        assertThat(tile.getHeight() % 100).isZero();
        assertThat(tile.getWidth()).isEqualTo(8 * 134);

        // permissions: outside the project, no movie
        assertThat(w.as("outsider").getBytes(path).status()).isEqualTo(403);
        assertThat(w.anonymous().getBytes(path).status()).isEqualTo(401);
        // a preview file that exists but has no movie: 404
        assertThat(w.admin.getBytes("/movies/originals/preview-files/" + newPreview() + ".mp4").status())
                .isEqualTo(404);
        // Zou refuses a second upload on the same preview file
        assertThat(upload(w.as("artist"), "/pictures/preview-files/" + preview, "again.mp4", source).status())
                .isEqualTo(400);
    }

    @Test
    void aMovieFfmpegCannotReadEndsBroken() {
        requireFfmpeg();
        String preview = newPreview(30, 1);
        ApiClient.Reply r = upload(w.as("artist"), "/pictures/preview-files/" + preview, "broken.mov",
                "this is not a movie at all".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(awaitProcessed(preview)).containsEntry("status", "broken");
        assertThat(w.eventsNamed("preview-file:update", "preview_file_id", preview)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(w.admin.getBytes("/movies/originals/preview-files/" + preview + ".mp4").status())
                .isEqualTo(404);
        // listed among the running previews (broken, processing or missing ones of open productions)
        List<Map<String, Object>> running = w.admin.get("/data/playlists/preview-files/running").list();
        assertThat(running).filteredOn(p -> preview.equals(p.get("id"))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("status", "broken").containsEntry("project_id",
                        w.project).containsEntry("task_type_id", w.taskTypes.get("modeling"))
                        .containsEntry("full_entity_name", "Character / Hero"));
    }

    @Test
    void framesTilesAndMainPreview() {
        requireFfmpeg();
        String preview = uploadedMovie(movie());
        ApiClient.BytesReply frame = w.as("manager").getBytes("/actions/preview-files/" + preview
                + "/extract-frame?frame_number=12");
        assertThat(frame.status()).isEqualTo(200);
        assertThat(frame.header("Content-Type")).isEqualTo("image/png");
        assertThat(read(frame.body()).getWidth()).isEqualTo(320);
        // Zou: check_manager_project_access
        assertThat(w.as("artist").getBytes("/actions/preview-files/" + preview + "/extract-frame").status())
                .isEqualTo(403);
        ApiClient.BytesReply tile = w.as("artist").getBytes("/actions/preview-files/" + preview + "/extract-tile");
        assertThat(tile.status()).isEqualTo(200);
        assertThat(read(tile.body()).getWidth()).isEqualTo(8 * 134);

        // an annotation at frame 13 (time 0.5 s at the project's 24 fps)
        assertThat(w.as("manager").put("/actions/preview-files/" + preview + "/update-annotations", Map.of(
                "additions", List.of(Map.of("time", 0.5, "drawing", Map.of("objects", List.of(Map.of("type",
                        "circle", "radius", 20, "left", 10, "top", 10, "fill", "#0000ff"))))))).status())
                .isEqualTo(200);
        ApiClient.BytesReply annotated = w.as("manager").getBytes("/actions/preview-files/" + preview
                + "/extract-annotated-frame?frame_number=13");
        assertThat(annotated.status()).isEqualTo(200);
        assertThat(new java.awt.Color(read(annotated.body()).getRGB(30, 30))).isEqualTo(java.awt.Color.BLUE);
        assertThat(w.as("manager").getBytes("/actions/preview-files/" + preview
                + "/extract-annotated-frame?frame_number=2").status()).isEqualTo(400);
        assertThat(w.as("manager").getBytes("/actions/preview-files/" + preview
                + "/extract-annotated-frame").status()).isEqualTo(400);
        ApiClient.BytesReply bundle = w.as("manager").getBytes("/actions/preview-files/" + preview
                + "/extract-annotated-frames");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(new String(bundle.body(), StandardCharsets.ISO_8859_1)).contains("_frame_13.png");

        ApiClient.Reply main = w.as("manager").put("/actions/preview-files/" + preview + "/set-main-preview",
                Map.of("frame_number", 5));
        assertThat(main.status()).as(main.text()).isEqualTo(200);
        assertThat(main.map()).containsEntry("id", w.asset).containsEntry("preview_file_id", preview);
        assertThat(w.eventsNamed("preview-file:set-main", "preview_file_id", preview)).isNotEmpty();
        assertThat(w.eventsNamed("asset:update", "asset_id", w.asset)).isNotEmpty();
        // clients review but do not choose how an entity is illustrated
        assertThat(w.as("client").put("/actions/preview-files/" + preview + "/set-main-preview", Map.of())
                .status()).isEqualTo(403);
        assertThat(w.as("outsider").put("/actions/preview-files/" + preview + "/set-main-preview", Map.of())
                .status()).isIn(403, 404);
    }

    @Test
    void setMainPreviewOnAPictureWithAFrameIs400() {
        String preview = newPreview(40, 1);
        assertThat(upload(w.admin, "/pictures/preview-files/" + preview, "a.png", picture(40, 30, "png")).status())
                .isEqualTo(201);
        assertThat(w.admin.put("/actions/preview-files/" + preview + "/set-main-preview", Map.of("frame_number", 3))
                .status()).isEqualTo(400);
        ApiClient.Reply ok = w.admin.put("/actions/preview-files/" + preview + "/set-main-preview", Map.of());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.map()).containsEntry("preview_file_id", preview);
    }

    @Test
    void positionsWithinARevision() {
        String a = newPreview(60, 1);
        String b = newPreview(60, 2);
        String c = newPreview(60, 3);
        ApiClient.Reply r = w.as("artist").put("/actions/preview-files/" + c + "/update-position",
                Map.of("position", 1));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.list()).extracting(p -> p.get("id")).containsExactly(c, a, b);
        assertThat(r.list()).extracting(p -> p.get("position")).containsExactly(1, 2, 3);
        // out of range: nothing moves
        assertThat(w.as("artist").put("/actions/preview-files/" + a + "/update-position", Map.of("position", 9))
                .list()).extracting(p -> p.get("id")).containsExactly(c, a, b);
        assertThat(w.as("outsider").put("/actions/preview-files/" + a + "/update-position", Map.of("position", 1))
                .status()).isIn(403, 404);
        assertThat(w.admin.put("/actions/preview-files/" + a + "/update-position", Map.of("position", "x"))
                .status()).isEqualTo(400);
    }

    @Test
    void annotationsAreMergedByTimeAndObjectId() {
        String preview = newPreview(70, 1);
        String path = "/actions/preview-files/" + preview + "/update-annotations";
        Map<String, Object> line = new LinkedHashMap<>(Map.of("type", "path", "id", "line-1"));
        Map<String, Object> circle = new LinkedHashMap<>(Map.of("type", "circle"));
        ApiClient.Reply r = w.as("manager").put(path, Map.of("additions", List.of(Map.of("time", 1.5,
                "drawing", Map.of("objects", List.of(line, circle)))), "updates", List.of(), "deletions",
                List.of()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<Map<String, Object>> annotations = (List<Map<String, Object>>) r.map().get("annotations");
        List<Map<String, Object>> objects = (List<Map<String, Object>>) ((Map<String, Object>) annotations.get(0)
                .get("drawing")).get("objects");
        assertThat(objects).hasSize(2).allSatisfy(o -> assertThat(o.get("id")).isNotNull());
        String circleId = (String) objects.get(1).get("id");
        assertThat(w.eventsNamed("preview-file:annotation-update", "preview_file_id", preview)).singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e.get("data"))
                        .containsEntry("person_id", w.persons.get("manager")));

        // an update replaces the object by id; an addition at the same time merges (1 and 1.0 are one time)
        r = w.as("supervisor").put(path, Map.of("updates", List.of(Map.of("time", 1.5, "drawing",
                Map.of("objects", List.of(Map.of("id", "line-1", "type", "path", "color", "red")))))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        r = w.as("client").put(path, Map.of("additions", List.of(Map.of("time", 3, "drawing", Map.of("objects",
                List.of(Map.of("id", "t", "type", "text"))))), "deletions", List.of(Map.of("time", 1.5,
                "objects", List.of(circleId)))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        annotations = (List<Map<String, Object>>) r.map().get("annotations");
        assertThat(annotations).hasSize(2);
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) annotations.get(0).get("drawing"))
                .get("objects")).singleElement().satisfies(o -> assertThat(o).containsEntry("color", "red"));
        // deleting the last object of a time drops the time
        r = w.as("manager").put(path, Map.of("deletions", List.of(Map.of("time", 3.0, "objects", List.of("t")))));
        assertThat((List<Object>) r.map().get("annotations")).hasSize(1);
        // Zou: managers, clients and department supervisors only
        assertThat(w.as("artist").put(path, Map.of("additions", List.of())).status()).isEqualTo(403);
        assertThat(w.as("outsider").put(path, Map.of("additions", List.of())).status()).isIn(403, 404);
        assertThat(w.admin.put(path, Map.of("additions", List.of(Map.of("no", "time")))).status()).isEqualTo(400);
    }

    @Test
    void annotatedFramesOfAPicture() throws IOException {
        String preview = newPreview(75, 1);
        assertThat(upload(w.admin, "/pictures/preview-files/" + preview, "board.png", picture(400, 300, "png"))
                .status()).isEqualTo(201);
        String base = "/actions/preview-files/" + preview;
        // Zou: 400 while there is no annotation
        assertThat(w.admin.getBytes(base + "/extract-annotated-frame").status()).isEqualTo(400);
        Map<String, Object> rect = Map.of("type", "rect", "left", 10, "top", 10, "width", 100, "height", 50,
                "fill", "rgba(0, 255, 0, 1)", "canvasWidth", 800, "canvasHeight", 600);
        Map<String, Object> path = Map.of("type", "path", "stroke", "#ff0000", "strokeWidth", 4, "path",
                List.of(List.of("M", 700, 500), List.of("L", 780, 580)), "canvasWidth", 800, "canvasHeight", 600);
        assertThat(w.as("manager").put(base + "/update-annotations", Map.of("additions", List.of(
                Map.of("time", 0, "drawing", Map.of("objects", List.of(rect, path))),
                Map.of("time", 2, "drawing", Map.of("objects", List.of(Map.of("type", "text", "text", "fix",
                        "left", 5, "top", 5, "fill", "#000000"))))))).status()).isEqualTo(200);
        ApiClient.BytesReply one = w.as("manager").getBytes(base + "/extract-annotated-frame");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.header("Content-Type")).isEqualTo("image/png");
        BufferedImage img = read(one.body());
        assertThat(List.of(img.getWidth(), img.getHeight())).containsExactly(400, 300);
        // the rectangle drawn on an 800×600 canvas lands at half size: (5,5)-(55,30) on the 400×300 picture
        assertThat(new java.awt.Color(img.getRGB(30, 17))).isEqualTo(java.awt.Color.GREEN);
        assertThat(new java.awt.Color(img.getRGB(370, 270)).getRed()).isGreaterThan(200);

        ApiClient.BytesReply zip = w.as("manager").getBytes(base + "/extract-annotated-frames");
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        assertThat(zip.header("Content-Disposition")).isEqualTo(
                "attachment; filename=task_world_character_hero_modeling_v75_annotated_frames.zip");
        List<String> names = new java.util.ArrayList<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                assertThat(read(in.readAllBytes()).getWidth()).isEqualTo(400);
            }
        }
        assertThat(names).containsExactly("task_world_character_hero_modeling_v75_frame_1.png",
                "task_world_character_hero_modeling_v75_frame_2.png");
        ApiClient.BytesReply pdf = w.as("manager").getBytes(base + "/extract-annotated-frames-pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        String text = new String(pdf.body(), StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-1.4").contains("/Count 2").endsWith("%%EOF\n");
        // Zou: check_manager_project_access
        assertThat(w.as("artist").getBytes(base + "/extract-annotated-frames").status()).isEqualTo(403);
        assertThat(w.as("outsider").getBytes(base + "/extract-annotated-frame").status()).isIn(403, 404);
    }

    @Test
    void runningPreviewFilesAreForAdmins() {
        String preview = newPreview(80, 1);
        List<Map<String, Object>> all = w.admin.get("/data/playlists/preview-files/running").list();
        assertThat(all).extracting(p -> p.get("id")).contains(preview);
        List<Map<String, Object>> one = w.admin.get("/data/playlists/preview-files/running?limit=1").list();
        assertThat(one).hasSize(1);
        List<Map<String, Object>> after = w.admin.get("/data/playlists/preview-files/running?cursor_preview_file_id="
                + one.get(0).get("id")).list();
        assertThat(after).extracting(p -> p.get("id")).doesNotContain(one.get(0).get("id"));
        assertThat(w.admin.get("/data/playlists/preview-files/running?cursor_preview_file_id=nope").status())
                .isEqualTo(400);
        assertThat(w.as("manager").get("/data/playlists/preview-files/running").status()).isEqualTo(403);
    }

    @Test
    void plainFilesAreStoredAndServed() {
        String preview = newPreview(90, 1);
        byte[] pdf = "%PDF-1.4 a tiny pdf".getBytes(StandardCharsets.US_ASCII);
        ApiClient.Reply r = upload(w.as("artist"), "/pictures/preview-files/" + preview, "notes.pdf", pdf);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.map()).containsEntry("extension", "pdf").containsEntry("status", "ready");
        ApiClient.BytesReply file = w.as("artist").getBytes("/pictures/originals/preview-files/" + preview + ".pdf");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(w.admin.getBytes("/pictures/originals/preview-files/" + preview + ".exe").status())
                .isEqualTo(400);
        assertThat(w.admin.getBytes("/pictures/originals/preview-files/" + preview + "/download")
                .header("Content-Disposition")).endsWith("_v90.pdf");
        // Zou's PreviewFileResource has no PUT nor DELETE
        assertThat(w.admin.put("/pictures/originals/preview-files/" + preview + ".pdf", Map.of()).status())
                .isEqualTo(405);
        assertThat(w.admin.delete("/pictures/originals/preview-files/" + preview + ".pdf").status())
                .isEqualTo(405);
    }

    @Test
    void projectAndOrganisationThumbnails() {
        String path = "/pictures/thumbnails/projects/" + w.project;
        assertThat(w.as("artist").getBytes(path + ".png").status()).isEqualTo(404);
        ApiClient.Reply r = upload(w.as("manager"), path, "poster.jpg", picture(800, 600, "jpg"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.map()).containsEntry("thumbnail_path", "/api/pictures/thumbnails/projects/" + w.project
                + ".png");
        BufferedImage img = read(w.as("artist").getBytes(path + ".png").body());
        assertThat(List.of(img.getWidth(), img.getHeight())).containsExactly(400, 400);
        assertThat(w.admin.get("/data/projects/" + w.project).map()).containsEntry("has_avatar", true);
        assertThat(w.eventsNamed("project:set-thumbnail", "project_id", w.project)).isNotEmpty();
        assertThat(w.as("outsider").getBytes(path + ".png").status()).isEqualTo(403);
        assertThat(upload(w.as("artist"), path, "x.png", picture(20, 20, "png")).status()).isEqualTo(403);

        ApiClient.Reply org = upload(w.admin, "/pictures/thumbnails/organisations/any", "logo.png",
                picture(300, 300, "png"));
        assertThat(org.status()).as(org.text()).isEqualTo(201);
        String orgPath = (String) org.map().get("thumbnail_path");
        assertThat(w.as("outsider").getBytes(orgPath).status()).isEqualTo(200);
        assertThat(upload(w.as("manager"), "/pictures/thumbnails/organisations/any", "logo.png",
                picture(30, 30, "png")).status()).isEqualTo(403);
    }

    /** A 2×2 Radiance HDR picture (flat RGBE scanlines). */
    static byte[] hdr() {
        byte[] head = "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 2 +X 2\n".getBytes(StandardCharsets.US_ASCII);
        byte[] pixels = {(byte) 128, 64, 32, (byte) 129, 10, 20, 30, (byte) 128, 1, 2, 3, (byte) 130, 50, 50, 50,
            (byte) 128};
        byte[] out = Arrays.copyOf(head, head.length + pixels.length);
        System.arraycopy(pixels, 0, out, head.length, pixels.length);
        return out;
    }

    @Test
    void previewBackgroundFiles() {
        String bg = w.create("preview-background-files", Map.of("name", "studio" + System.nanoTime() % 100000));
        byte[] file = hdr();
        ApiClient.Reply r = upload(w.admin, "/pictures/preview-background-files/" + bg, "studio.hdr", file);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.map()).containsEntry("extension", "hdr").containsEntry("original_name", "studio")
                .containsEntry("file_size", file.length);
        ApiClient.BytesReply got = w.as("artist").getBytes("/pictures/preview-background-files/" + bg + ".hdr");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.header("Content-Type")).isEqualTo("image/vnd.radiance");
        assertThat(got.body()).isEqualTo(file);
        assertThat(w.admin.getBytes("/pictures/preview-background-files/" + bg + ".exr").status()).isEqualTo(404);
        BufferedImage thumb = read(w.as("artist").getBytes("/pictures/thumbnails/preview-background-files/" + bg
                + ".png").body());
        assertThat(List.of(thumb.getWidth(), thumb.getHeight())).containsExactly(150, 100);
        assertThat(w.eventsNamed("preview-background-file:add-file", "preview_background_file_id", bg)).isNotEmpty();
        assertThat(upload(w.as("manager"), "/pictures/preview-background-files/" + bg, "s.hdr", file).status())
                .isEqualTo(403);
        assertThat(upload(w.admin, "/pictures/preview-background-files/" + bg, "s.png", picture(4, 4, "png"))
                .status()).isEqualTo(400);
        assertThat(w.admin.put("/pictures/preview-background-files/" + bg + ".hdr", Map.of()).status())
                .isEqualTo(405);
    }

    /** A multipart body: text fields then files, as gazu and Kitsu send batch comments. */
    static ApiClient.Reply multipart(ApiClient client, String path, Map<String, String> fields,
                                     Map<String, Object[]> files) {
        String boundary = "----zou4jbatch";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        files.forEach((k, v) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"; filename=\""
                    + v[0] + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes((byte[]) v[1]);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return client.sendBytes("POST", path, out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    @Test
    void batchCommentsWithPreviewsAndAttachmentThumbnails() {
        String comments = ApiClient.json(List.of(Map.of("task_status_id", w.statuses.get("wfa"), "text",
                "first pass"), Map.of("task_status_id", w.statuses.get("wfa"), "text", "second pass")));
        Map<String, Object[]> files = new LinkedHashMap<>();
        files.put("attachment_file-0", new Object[]{"ref.png", picture(300, 200, "png")});
        files.put("preview_file-1", new Object[]{"frame.png", picture(64, 48, "png")});
        ApiClient.Reply r = multipart(w.as("artist"), "/actions/tasks/" + w.tasks.get("modeling")
                + "/batch-comment", Map.of("comments", comments), files);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        List<Map<String, Object>> made = r.list();
        assertThat(made).hasSize(2);
        assertThat(made.get(0)).containsEntry("text", "first pass");
        assertThat((List<Object>) made.get(0).get("preview_files")).isEmpty();
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) made.get(0).get("attachment_files");
        assertThat(attachments).hasSize(1);
        List<Map<String, Object>> previews = (List<Map<String, Object>>) made.get(1).get("preview_files");
        assertThat(previews).singleElement().satisfies(p -> assertThat(p).containsEntry("status", "ready")
                .containsEntry("extension", "png").containsEntry("task_id", w.tasks.get("modeling")));
        String previewId = (String) previews.get(0).get("id");
        assertThat(w.eventsNamed("preview-file:new", "preview_file_id", previewId)).isNotEmpty();
        assertThat(w.admin.get("/data/tasks/" + w.tasks.get("modeling")).map())
                .containsEntry("task_status_id", w.statuses.get("wfa"));

        String attachment = (String) attachments.get(0).get("id");
        ApiClient.BytesReply thumb = w.as("manager").getBytes("/pictures/thumbnails/attachment-files/" + attachment
                + ".png");
        assertThat(thumb.status()).isEqualTo(200);
        BufferedImage img = read(thumb.body());
        assertThat(List.of(img.getWidth(), img.getHeight())).containsExactly(150, 150);
        assertThat(w.as("outsider").getBytes("/pictures/thumbnails/attachment-files/" + attachment + ".png")
                .status()).isIn(403, 404);

        // the task-less route takes each comment's task_id; an artist cannot comment a task not theirs
        String other = ApiClient.json(List.of(Map.of("task_id", w.tasks.get("animation"), "task_status_id",
                w.statuses.get("wip"), "text", "not mine")));
        assertThat(multipart(w.as("artist"), "/actions/tasks/batch-comment", Map.of("comments", other), Map.of())
                .status()).isEqualTo(403);
        ApiClient.Reply json = w.as("manager").post("/actions/tasks/batch-comment", Map.of("comments",
                List.of(Map.of("task_id", w.tasks.get("animation"), "task_status_id", w.statuses.get("wip"),
                        "text", "as JSON"))));
        assertThat(json.status()).as(json.text()).isEqualTo(201);
        assertThat(json.list()).singleElement().satisfies(c -> assertThat(c).containsEntry("text", "as JSON"));
        assertThat(w.as("manager").post("/actions/tasks/batch-comment", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void withoutFfmpegMovieUploadsAnswer503() throws IOException {
        Path empty = Files.createTempDirectory("zou4j-no-ffmpeg");
        try (TaskWorld bare = TaskWorld.start(false, b -> b.ffmpegDirectory(empty))) {
            String preview = bare.create("preview-files", Map.of("name", "m", "task_id",
                    bare.tasks.get("modeling"), "revision", 1));
            ApiClient.Reply r = upload(bare.admin, "/pictures/preview-files/" + preview, "a.mp4", new byte[]{1, 2});
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.map()).containsEntry("error", true);
            assertThat((String) r.map().get("message")).contains("ffmpeg");
            // pictures still work
            assertThat(upload(bare.admin, "/pictures/preview-files/" + preview, "a.png", picture(8, 8, "png"))
                    .status()).isEqualTo(201);
        } finally {
            Files.deleteIfExists(empty);
        }
    }
}
