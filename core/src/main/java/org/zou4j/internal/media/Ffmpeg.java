package org.zou4j.internal.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ffmpeg} and {@code ffprobe} programs, as Zou drives them ({@code zou/utils/movie.py}): probing, the
 * normalisation to H.264/MP4 with an AAC track, the first-frame thumbnail, a frame at a given number and the tile
 * sheet the Kitsu player scrubs on. Every run is a child process with a time limit and its output captured; a failure
 * is a {@link MediaException} carrying the end of ffmpeg's error output.
 */
public final class Ffmpeg {
    private static final int STDERR_TAIL = 2000;
    private final String ffmpeg;
    private final String ffprobe;
    private final Duration timeout;
    private final String preset;
    private final ObjectMapper mapper = new ObjectMapper();

    /** A failed ffmpeg/ffprobe run. */
    public static final class MediaException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MediaException(String message) {
            super(message);
        }
    }

    /**
     * @param directory where both programs are, or null to find them on the {@code PATH}
     * @param timeout   the longest one run may take
     * @param preset    x264's preset ({@code slow} as Zou; faster ones trade size for time)
     */
    public Ffmpeg(Path directory, Duration timeout, String preset) {
        this.ffmpeg = directory == null ? "ffmpeg" : directory.resolve("ffmpeg").toString();
        this.ffprobe = directory == null ? "ffprobe" : directory.resolve("ffprobe").toString();
        this.timeout = timeout;
        this.preset = preset;
    }

    /** Whether both programs run here ({@code -version} answers). */
    public boolean available() {
        try {
            return run(List.of(ffmpeg, "-hide_banner", "-version"), Duration.ofSeconds(20)).isEmpty()
                    && run(List.of(ffprobe, "-hide_banner", "-version"), Duration.ofSeconds(20)).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What ffprobe says of a movie's first video stream (and whether it has sound). */
    public record Probe(int width, int height, double fps, double duration, double displayRatio, boolean audio,
                        long frames) {
    }

    /** Probes {@code movie}: a {@link MediaException} when it is no movie ffprobe reads or has no video stream. */
    public Probe probe(Path movie) {
        List<String> cmd = List.of(ffprobe, "-v", "error", "-print_format", "json", "-show_streams", "-show_format",
                movie.toString());
        String out = runForOutput(cmd);
        try {
            JsonNode root = mapper.readTree(out);
            JsonNode video = null;
            boolean audio = false;
            for (JsonNode s : root.path("streams")) {
                String type = s.path("codec_type").asText();
                if (type.equals("video") && video == null) {
                    video = s;
                } else if (type.equals("audio")) {
                    audio = true;
                }
            }
            if (video == null || video.path("width").asInt() <= 0) {
                throw new MediaException("No video stream in the movie.");
            }
            int width = video.path("width").asInt();
            int height = video.path("height").asInt();
            // Zou's get_movie_fps: the numerator of r_frame_rate
            double fps = rate(video.path("r_frame_rate").asText("25/1"));
            double duration = video.path("duration").asDouble(root.path("format").path("duration").asDouble(0));
            double ratio = (double) width / height;
            String dar = video.path("display_aspect_ratio").asText("");
            if (dar.matches("\\d+:\\d+")) {
                String[] p = dar.split(":");
                if (Double.parseDouble(p[1]) > 0 && Double.parseDouble(p[0]) > 0) {
                    ratio = Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
                }
            }
            long frames = video.path("nb_frames").asLong((long) Math.floor(duration * fps));
            return new Probe(width, height, fps, duration, ratio, audio, frames);
        } catch (IOException e) {
            throw new MediaException("ffprobe answered no JSON.");
        }
    }

    private static double rate(String text) {
        String[] p = text.split("/");
        try {
            double num = Double.parseDouble(p[0]);
            double den = p.length > 1 ? Double.parseDouble(p[1]) : 1;
            return num <= 0 || den <= 0 ? 25 : num / den;
        } catch (NumberFormatException e) {
            return 25;
        }
    }

    /**
     * Zou's {@code normalize_encoding}: H.264 (yuv420p, keyframe every 2 frames, fast start), at {@code fps}, fit into
     * {@code width}×{@code height} keeping the ratio with black bars, at bitrate {@code bitrate}; a silent track is
     * added when the source has none (Zou's {@code add_empty_soundtrack}).
     */
    public void normalize(Path source, boolean hasAudio, Path target, String fps, String bitrate, int width,
                          int height) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-y", "-i",
                source.toString()));
        if (!hasAudio) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "anullsrc=channel_layout=stereo:sample_rate=48000"));
        }
        cmd.addAll(List.of("-map", "0:v:0", "-map", hasAudio ? "0:a:0" : "1:a:0"));
        if (!hasAudio) {
            cmd.add("-shortest");
        }
        cmd.addAll(List.of("-pix_fmt", "yuv420p", "-r", fps, "-b:v", bitrate, "-preset", preset,
                "-c:v", "libx264", "-x264opts", "keyint=2:scenecut=0", "-c:a", "aac", "-movflags", "+faststart",
                "-vf", "scale=trunc(iw*sar/2)*2:ih,scale=" + width + ":" + height
                        + ":force_original_aspect_ratio=decrease:force_divisible_by=2,pad=" + width + ":" + height
                        + ":(ow-iw)/2:(oh-ih)/2,setsar=1",
                "-f", "mp4", target.toString()));
        check(cmd);
    }

    /** A PNG of the frame at {@code seconds} (Zou's {@code generate_thumbnail} at 0, {@code extract_frame_from_movie}). */
    public void frame(Path movie, double seconds, Path targetPng) {
        check(List.of(ffmpeg, "-hide_banner", "-nostdin", "-y", "-ss", String.format(Locale.ROOT, "%.6f", seconds),
                "-i", movie.toString(), "-frames:v", "1", "-update", "1", targetPng.toString()));
        if (!Files.isRegularFile(targetPng)) {
            throw new MediaException("No frame at " + seconds + " s.");
        }
    }

    /**
     * Zou's {@code generate_tile}: frames 100 px high, 8 a row, at most 480 rows (frames skipped evenly beyond).
     */
    public void tile(Path movie, Probe probe, Path targetPng) {
        long frames = Math.max(1, (long) (probe.duration() * probe.fps()));
        int rows = (int) Math.max(1, Math.min(Math.ceil(frames / 8.0), 480));
        int height = 100;
        int width = (int) Math.ceil(height * probe.displayRatio());
        String select = rows == 480 ? "select='not(mod(n\\," + (long) Math.ceil(frames / 3840.0) + "))'," : "";
        check(List.of(ffmpeg, "-hide_banner", "-nostdin", "-y", "-i", movie.toString(), "-vf",
                select + "scale=" + width + ":" + height + ",tile=8x" + rows, "-frames:v", "1", "-update", "1",
                targetPng.toString()));
    }

    /**
     * The playlist movie build: the concat filter over {@code inputs}, each scaled and padded to {@code width} x
     * {@code height} at {@code fps}, H.264 / yuv420p for browsers. When any input has sound, it is kept (AAC, 48 kHz
     * stereo) and the silent inputs get silence of their length, so pictures and sound stay in step.
     *
     * @param log where ffmpeg's output goes
     * @return whether ffmpeg made a non-empty {@code output}
     */
    public boolean concat(List<Path> inputs, Path output, int width, int height, String fps, Path log)
            throws IOException, InterruptedException {
        List<Probe> probes = new ArrayList<>();
        boolean anyAudio = false;
        for (Path in : inputs) {
            Probe probe;
            try {
                probe = probe(in);
            } catch (MediaException e) {
                probe = new Probe(0, 0, 0, 0, 0, false, 0); // ffmpeg itself says what is wrong with it
            }
            probes.add(probe);
            anyAudio |= probe.audio();
        }
        List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-y"));
        for (Path in : inputs) {
            cmd.add("-i");
            cmd.add(in.toString());
        }
        StringBuilder graph = new StringBuilder();
        int extra = inputs.size();
        List<String> audioLabels = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            graph.append('[').append(i).append(":v:0]scale=").append(width).append(':').append(height)
                    .append(":force_original_aspect_ratio=decrease,pad=").append(width).append(':').append(height)
                    .append(":(ow-iw)/2:(oh-ih)/2,setsar=1,fps=").append(fps).append(",format=yuv420p[v")
                    .append(i).append("];");
            if (anyAudio) {
                String source;
                if (probes.get(i).audio()) {
                    source = "[" + i + ":a:0]";
                } else {
                    cmd.addAll(List.of("-f", "lavfi", "-t", String.format(Locale.ROOT, "%.3f",
                            Math.max(0.04, probes.get(i).duration())), "-i", "anullsrc=r=48000:cl=stereo"));
                    source = "[" + extra++ + ":a:0]";
                }
                graph.append(source).append("aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[a")
                        .append(i).append("];");
                audioLabels.add("[a" + i + "]");
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            graph.append("[v").append(i).append(']');
            if (anyAudio) {
                graph.append(audioLabels.get(i));
            }
        }
        graph.append("concat=n=").append(inputs.size()).append(":v=1:a=").append(anyAudio ? 1 : 0).append("[out]");
        if (anyAudio) {
            graph.append("[aout]");
        }
        cmd.addAll(List.of("-filter_complex", graph.toString(), "-map", "[out]"));
        if (anyAudio) {
            cmd.addAll(List.of("-map", "[aout]", "-c:a", "aac", "-b:a", "128k"));
        }
        // veryfast, not the previews' preset: a playlist is rebuilt often and watched once
        cmd.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                "-movflags", "+faststart", output.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0 && Files.exists(output) && Files.size(output) > 0;
    }

    private void check(List<String> cmd) {
        String error = run(cmd, timeout);
        if (!error.isEmpty()) {
            throw new MediaException(error);
        }
    }

    private String runForOutput(List<String> cmd) {
        Path out = null;
        try {
            out = Files.createTempFile("zou4j-probe-", ".json");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new MediaException("ffprobe took too long.");
            }
            if (p.exitValue() != 0) {
                throw new MediaException("ffprobe cannot read the movie.");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MediaException("ffprobe cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("Interrupted.");
        } finally {
            deleteQuietly(out);
        }
    }

    /** Runs {@code cmd}: empty when it succeeded, else the end of its error output (never empty). */
    private static String run(List<String> cmd, Duration limit) {
        Path err = null;
        Process p = null;
        try {
            err = Files.createTempFile("zou4j-ffmpeg-", ".log");
            p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return cmd.get(0) + " took longer than " + limit.toSeconds() + " s.";
            }
            if (p.exitValue() == 0) {
                return "";
            }
            String text;
            try (InputStream in = Files.newInputStream(err)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (text.length() > STDERR_TAIL) {
                text = text.substring(text.length() - STDERR_TAIL);
            }
            return text.isEmpty() ? cmd.get(0) + " failed (exit " + p.exitValue() + ")." : text;
        } catch (IOException e) {
            throw new UncheckedIOException(cmd.get(0) + " cannot run", e);
        } catch (InterruptedException e) {
            if (p != null) {
                p.destroyForcibly();
            }
            Thread.currentThread().interrupt();
            return "Interrupted.";
        } finally {
            deleteQuietly(err);
        }
    }

    static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file: best effort
            }
        }
    }
}
