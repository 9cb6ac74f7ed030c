package org.zou4j.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.files.FileStore;
import org.zou4j.files.FileStore.Bucket;
import org.zou4j.internal.access.Caller;

/**
 * Zou's {@code prepare_and_store_movie}, off the request thread: on a small engine-owned pool, an uploaded movie is
 * probed, normalised to H.264/MP4 (a high and a low definition at the project's resolution and fps), its first frame
 * becomes the preview's pictures and its tile sheet is built; the preview file then goes from {@code processing} to
 * {@code ready}, or to {@code broken} when any step fails, each change with Zou's {@code preview-file:update} event.
 */
final class MovieProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MovieProcessor.class);
    private final PreviewService previews;
    private final FileStore store;
    private final Ffmpeg ffmpeg;
    private final boolean saveSource;
    private final long maxPixels;
    private final ThreadPoolExecutor pool;

    MovieProcessor(PreviewService previews, FileStore store, Ffmpeg ffmpeg, int threads, boolean saveSource,
                   long maxPixels) {
        this.previews = previews;
        this.store = store;
        this.ffmpeg = ffmpeg;
        this.saveSource = saveSource;
        this.maxPixels = maxPixels;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "zou4j-movies-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Queues the processing of {@code movie} (a temporary file this processor then owns and deletes). */
    void submit(Caller caller, UUID previewId, Path movie, boolean normalize) {
        try {
            pool.execute(() -> process(caller, previewId, movie, normalize));
        } catch (RejectedExecutionException e) {
            Ffmpeg.deleteQuietly(movie);
            previews.markBroken(caller, previewId, "the engine is closing");
        }
    }

    /** Movies waiting or being processed. */
    int pending() {
        return pool.getQueue().size() + pool.getActiveCount();
    }

    private void process(Caller caller, UUID id, Path upload, boolean normalize) {
        Path hd = null;
        Path low = null;
        Path frame = null;
        Path tile = null;
        try {
            Ffmpeg.Probe source = ffmpeg.probe(upload);
            long uploadSize = Files.size(upload);
            if (saveSource) {
                putFile(Bucket.MOVIES, "source", id, upload);
            }
            Map<String, Object> original = new LinkedHashMap<>();
            original.put("original_width", source.width());
            original.put("original_height", source.height());
            original.put("original_duration", source.duration());
            original.put("original_file_size", uploadSize);
            PreviewService.Target target = previews.movieTarget(caller, id, original);
            if (target == null) {
                return; // the preview file went away meanwhile
            }
            Path movie;
            if (normalize) {
                int height = target.height() % 2 == 1 ? target.height() + 1 : target.height();
                int width = target.width() == null ? (int) Math.floor((double) source.width() / source.height()
                        * height) : target.width();
                if (width % 2 == 1) {
                    width++;
                }
                hd = Files.createTempFile("zou4j-movie-", ".mp4");
                ffmpeg.normalize(upload, source.audio(), hd, target.fps(), "28M", width, height);
                int lowWidth = 1280;
                int lowHeight = (int) Math.floor((double) height / width * lowWidth);
                if (lowHeight % 2 == 1) {
                    lowHeight++;
                }
                low = Files.createTempFile("zou4j-movie-low-", ".mp4");
                ffmpeg.normalize(upload, source.audio(), low, target.fps(), "6M", lowWidth, lowHeight);
                putFile(Bucket.MOVIES, "previews", id, hd);
                putFile(Bucket.MOVIES, "lowdef", id, low);
                movie = hd;
            } else {
                if (!saveSource) {
                    putFile(Bucket.MOVIES, "previews", id, upload);
                }
                movie = upload;
            }
            Ffmpeg.Probe result = normalize ? ffmpeg.probe(movie) : source;
            frame = Files.createTempFile("zou4j-frame-", ".png");
            ffmpeg.frame(movie, 0, frame);
            byte[] png = Files.readAllBytes(frame);
            Thumbnails.Picture picture = Thumbnails.decode(png, maxPixels);
            PictureService.storeVariants(store, id.toString(), picture.image(), png);
            try {
                tile = Files.createTempFile("zou4j-tile-", ".png");
                ffmpeg.tile(movie, result, tile);
                putFile(Bucket.PICTURES, "tiles", id, tile);
            } catch (RuntimeException e) {
                LOG.warn("Preview file {}: no tile ({})", id, e.getMessage()); // Zou logs and goes on
            }
            previews.markReady(caller, id, Files.size(movie), result.width(), result.height(), result.duration());
        } catch (RuntimeException | IOException e) {
            LOG.warn("Preview file {}: the movie cannot be processed, it is marked broken: {}", id, e.getMessage());
            previews.markBroken(caller, id, e.getMessage());
        } finally {
            Ffmpeg.deleteQuietly(upload);
            Ffmpeg.deleteQuietly(hd);
            Ffmpeg.deleteQuietly(low);
            Ffmpeg.deleteQuietly(frame);
            Ffmpeg.deleteQuietly(tile);
        }
    }

    private void putFile(Bucket bucket, String prefix, UUID id, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            store.put(bucket, prefix, id.toString(), in);
        }
    }

    /** Stops taking movies and interrupts those in progress (their ffmpeg runs are killed); waits a little. */
    @Override
    public void close() {
        ExecutorService p = pool;
        p.shutdownNow();
        try {
            if (!p.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Movie processing still running after 10 s at engine close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
