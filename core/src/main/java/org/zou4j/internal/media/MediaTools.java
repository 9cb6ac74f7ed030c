package org.zou4j.internal.media;

import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds ffmpeg at engine start-up and says clearly when it is missing. */
public final class MediaTools {
    private static final Logger LOG = LoggerFactory.getLogger(MediaTools.class);

    private MediaTools() {
    }

    /** The tools, or null (logged as a warning) when {@code ffmpeg}/{@code ffprobe} do not run here. */
    public static Ffmpeg detect(Path directory, Duration timeout, String preset) {
        Ffmpeg ffmpeg = new Ffmpeg(directory, timeout, preset);
        if (ffmpeg.available()) {
            return ffmpeg;
        }
        LOG.warn("ffmpeg/ffprobe not found ({}): movie previews are off, movie uploads will answer 503. Install "
                + "ffmpeg (e.g. apt-get install ffmpeg) and restart to turn them on.",
                directory == null ? "looked on the PATH" : "looked in " + directory);
        return null;
    }
}
