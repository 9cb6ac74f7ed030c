package org.zou4j.internal.playlists;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The playlist movie build: ffmpeg's concat filter over the shots' movies, each scaled and padded to the project's
 * resolution and frame rate, encoded H.264 / yuv420p for browsers. When any shot has sound, the sound is kept (AAC,
 * 48 kHz stereo) and the silent shots get silence of their length, so pictures and sound stay in step.
 */
final class Ffmpeg {
    private static final long TIMEOUT_MINUTES = 30;

    private Ffmpeg() {
    }

    /** What ffprobe tells of an input: whether it has sound, and its duration in seconds. */
    record Probe(boolean audio, double duration) {
    }

    static Probe probe(Path input) throws IOException, InterruptedException {
        String audio = run(List.of("ffprobe", "-v", "error", "-select_streams", "a", "-show_entries",
                "stream=index", "-of", "csv=p=0", input.toString()));
        String duration = run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                "csv=p=0", input.toString()));
        double d;
        try {
            d = Double.parseDouble(duration.trim());
        } catch (NumberFormatException e) {
            d = 0;
        }
        return new Probe(audio != null && !audio.isBlank(), d);
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "";
        }
        return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : "";
    }

    /** Whether ffmpeg made {@code output}; its log is kept in {@code log}. */
    static boolean concat(List<Path> inputs, Path output, int width, int height, String fps, Path log)
            throws IOException, InterruptedException {
        List<Probe> probes = new ArrayList<>();
        boolean anyAudio = false;
        for (Path in : inputs) {
            Probe probe = probe(in);
            probes.add(probe);
            anyAudio |= probe.audio();
        }
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-y"));
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
                    cmd.addAll(List.of("-f", "lavfi", "-t", String.format(java.util.Locale.ROOT, "%.3f",
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
        cmd.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
                "-movflags", "+faststart", output.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0 && Files.exists(output) && Files.size(output) > 0;
    }
}
