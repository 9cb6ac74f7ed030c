package org.zou4j.internal.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.zou4j.ZouException;

/**
 * Zou's picture derivations ({@code zou/utils/thumbnail.py}) with the JDK's ImageIO and Java2D: decode with a pixel
 * limit checked on the header before any pixel is decoded (decompression bombs), PNG re-encoding, the
 * {@code previews} size (1200 px wide at most, ratio kept), and the {@code thumbnails} (150×100) and
 * {@code thumbnails-square} (100×100) sizes cut from the centre to the target ratio, as Zou's
 * {@code prepare_image_for_thumbnail} does.
 */
public final class Thumbnails {
    /** Pillow's default {@code MAX_IMAGE_PIXELS}, the limit Zou inherits. */
    public static final long MAX_PIXELS = 89_478_485L;
    public static final int PREVIEW_WIDTH = 1200;

    private Thumbnails() {
    }

    /** A decoded picture. */
    public record Picture(BufferedImage image, int width, int height) {
    }

    /** Decodes {@code bytes}: 400 when they are no picture ImageIO reads or the picture has too many pixels. */
    public static Picture decode(byte[] bytes, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw ZouException.wrongParameter("The uploaded file is not a picture.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw ZouException.wrongParameter("The uploaded picture has no pixels.");
                }
                if (w * h > maxPixels) {
                    throw ZouException.wrongParameter("The uploaded picture is too large: " + w + "x" + h
                            + " pixels (at most " + maxPixels + ").");
                }
                BufferedImage image = reader.read(0);
                return new Picture(image, image.getWidth(), image.getHeight());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ZouException z) {
                throw z;
            }
            throw ZouException.wrongParameter("The uploaded file is not a readable picture.");
        }
    }

    /** The picture as PNG bytes. */
    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zou's {@code previews} size: at most {@code maxWidth} wide, ratio kept, never enlarged. */
    public static BufferedImage fitWidth(BufferedImage src, int maxWidth) {
        if (src.getWidth() <= maxWidth) {
            return scale(src, 0, 0, src.getWidth(), src.getHeight(), src.getWidth(), src.getHeight());
        }
        int h = Math.max(1, (int) Math.round((double) src.getHeight() * maxWidth / src.getWidth()));
        return scale(src, 0, 0, src.getWidth(), src.getHeight(), maxWidth, h);
    }

    /** The centre of {@code src} cut to the ratio of {@code width}×{@code height}, scaled to exactly that size. */
    public static BufferedImage cover(BufferedImage src, int width, int height) {
        double target = (double) width / height;
        double ratio = (double) src.getWidth() / src.getHeight();
        int cw = src.getWidth();
        int ch = src.getHeight();
        if (ratio > target) {
            cw = Math.max(1, (int) Math.round(src.getHeight() * target));
        } else if (ratio < target) {
            ch = Math.max(1, (int) Math.round(src.getWidth() / target));
        }
        int x = (src.getWidth() - cw) / 2;
        int y = (src.getHeight() - ch) / 2;
        return scale(src, x, y, cw, ch, width, height);
    }

    /** Scales a region with progressive halving (good quality on large reductions) and bicubic interpolation. */
    private static BufferedImage scale(BufferedImage src, int x, int y, int w, int h, int tw, int th) {
        BufferedImage current = draw(src, x, y, w, h, w, h);
        int cw = w;
        int ch = h;
        while (cw / 2 >= tw && ch / 2 >= th) {
            cw /= 2;
            ch /= 2;
            current = draw(current, 0, 0, current.getWidth(), current.getHeight(), cw, ch);
        }
        if (cw != tw || ch != th) {
            current = draw(current, 0, 0, current.getWidth(), current.getHeight(), tw, th);
        }
        return current;
    }

    private static BufferedImage draw(BufferedImage src, int x, int y, int w, int h, int tw, int th) {
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, tw, th, x, y, x + w, y + h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
