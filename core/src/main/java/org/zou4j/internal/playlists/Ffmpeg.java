package org.zou4j.internal.playlists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The playlist movie build: ffmpeg's concat filter over the shots' movies, each scaled and padded to the project's
 * resolution and frame rate, encoded H.264 / yuv420p for browsers. Audio is not kept (the inputs may have none).
 */
final class Ffmpeg {
    private static final long TIMEOUT_MINUTES = 30;

    private Ffmpeg() {
    }

    /** Whether ffmpeg made {@code output}; its log is kept in {@code log}. */
    static boolean concat(List<Path> inputs, Path output, int width, int height, String fps, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-y"));
        for (Path in : inputs) {
            cmd.add("-i");
            cmd.add(in.toString());
        }
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            graph.append('[').append(i).append(":v:0]scale=").append(width).append(':').append(height)
                    .append(":force_original_aspect_ratio=decrease,pad=").append(width).append(':').append(height)
                    .append(":(ow-iw)/2:(oh-ih)/2,setsar=1,fps=").append(fps).append(",format=yuv420p[v")
                    .append(i).append("];");
        }
        for (int i = 0; i < inputs.size(); i++) {
            graph.append("[v").append(i).append(']');
        }
        graph.append("concat=n=").append(inputs.size()).append(":v=1:a=0[out]");
        cmd.addAll(List.of("-filter_complex", graph.toString(), "-map", "[out]", "-c:v", "libx264", "-preset",
                "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-movflags", "+faststart", output.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0 && Files.exists(output) && Files.size(output) > 0;
    }
}
