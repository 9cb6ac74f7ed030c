package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.zou4j.files.FileStore;

/**
 * Playlist data on top of a {@link TaskWorld}: preview files (with movies ffmpeg makes for the test, or pictures)
 * stored in the world's media store, and playlists made through {@code /data/playlists}.
 */
final class PlaylistWorld {
    final TaskWorld w;
    private byte[] movie;

    PlaylistWorld(TaskWorld w) {
        this.w = w;
    }

    /** A short test movie (ffmpeg's test pattern), made once. */
    synchronized byte[] movie() {
        if (movie == null) {
            movie = makeMovie(320, 240, 1);
        }
        return movie;
    }

    static byte[] makeMovie(int width, int height, int seconds) {
        return makeMovie(width, height, seconds, false);
    }

    /** A test-pattern movie, with a 440 Hz tone when {@code sound}. */
    static byte[] makeMovie(int width, int height, int seconds, boolean sound) {
        try {
            Path out = Files.createTempFile("playlist-fixture-", ".mp4");
            try {
                List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner",
                        "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=" + seconds + ":size="
                                + width + "x" + height + ":rate=25"));
                if (sound) {
                    cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a",
                            "aac"));
                }
                cmd.addAll(List.of("-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
                        out.toString()));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The codec of a movie's first sound stream, or an empty string when it has none. */
    static String audioCodec(byte[] bytes) {
        return ffprobe(bytes, "-select_streams", "a:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0");
    }

    private static String ffprobe(byte[] bytes, String... args) {
        try {
            Path in = Files.createTempFile("playlist-probe-", ".mp4");
            try {
                Files.write(in, bytes);
                List<String> cmd = new java.util.ArrayList<>(List.of("ffprobe", "-v", "error"));
                cmd.addAll(List.of(args));
                cmd.add(in.toString());
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(text).isZero();
                return text.trim();
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** ffprobe's answer about a movie: {@code codec_name,width,height} of its first video stream, and duration. */
    static String probe(byte[] bytes) {
        try {
            Path in = Files.createTempFile("playlist-probe-", ".mp4");
            try {
                Files.write(in, bytes);
                Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                        "stream=codec_name,width,height:format=duration", "-of", "csv=p=0", in.toString())
                        .redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(text).isZero();
                return text.trim();
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A new asset of the world's project with a task of each type; returns {entity, task per type key}. */
    Map<String, String> asset(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String entity = w.create("entities", Map.of("name", name, "project_id", w.project,
                "entity_type_id", w.assetType));
        out.put("entity", entity);
        out.put("name", name);
        for (String key : List.of("modeling", "rigging")) {
            out.put(key, w.create("tasks", Map.of("project_id", w.project, "entity_id", entity,
                    "task_type_id", w.taskTypes.get(key), "task_status_id", w.statuses.get("todo"))));
        }
        return out;
    }

    /** A preview file row of a task (revision, position) whose movie is stored. */
    String moviePreview(String task, int revision, int position) {
        return moviePreview(task, revision, position, movie());
    }

    /** A preview file row of a task whose movie is {@code bytes}. */
    String moviePreview(String task, int revision, int position, byte[] bytes) {
        String id = preview(task, revision, position, "mp4");
        w.media.put(FileStore.Bucket.MOVIES, "previews", id, bytes);
        return id;
    }

    /** A preview file row of a task with an original PNG and a thumbnail stored. */
    String picturePreview(String task, int revision, int position, byte[] png) {
        String id = preview(task, revision, position, "png");
        w.media.put(FileStore.Bucket.PICTURES, "original", id, png);
        w.media.put(FileStore.Bucket.PICTURES, "thumbnails", id, png);
        return id;
    }

    String preview(String task, int revision, int position, String extension) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "p" + System.nanoTime());
        body.put("task_id", task);
        body.put("revision", revision);
        body.put("position", position);
        body.put("extension", extension);
        body.put("status", "ready");
        body.put("width", 320);
        body.put("height", 240);
        body.put("duration", 1.0);
        return w.create("preview-files", body);
    }

    /** A playlist of the world's project made by the manager. */
    Map<String, Object> playlist(String name, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("name", name);
        body.put("project_id", w.project);
        ApiClient.Reply r = w.as("manager").post("/data/playlists", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.map();
    }

    /** Sets a playlist's shots ({entity_id, preview_file_id} couples). */
    void shots(String playlist, List<Map<String, Object>> shots) {
        ApiClient.Reply r = w.admin.put("/data/playlists/" + playlist, Map.of("shots", shots));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    static Map<String, Object> shot(String entity, String preview) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity_id", entity);
        m.put("preview_file_id", preview);
        return m;
    }
}
