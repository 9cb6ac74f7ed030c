package org.zou4j.internal.media;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import org.zou4j.ZouException;

/**
 * Reads a Radiance {@code .hdr} picture (RGBE, flat or run-length encoded scanlines, the {@code -Y h +X w}
 * orientation) into a displayable picture: Reinhard tone mapping then sRGB-like gamma, for the thumbnail Zou makes of a
 * preview background file ({@code turn_hdr_into_thumbnail}).
 */
final class RadianceHdr {
    private RadianceHdr() {
    }

    static BufferedImage decode(byte[] b, long maxPixels) {
        try {
            int pos = 0;
            String first = null;
            // header: lines up to an empty one
            while (true) {
                int end = indexOf(b, (byte) '\n', pos);
                String line = new String(b, pos, end - pos, StandardCharsets.US_ASCII).trim();
                pos = end + 1;
                if (first == null) {
                    first = line;
                    if (!line.startsWith("#?")) {
                        throw new IllegalArgumentException("no Radiance signature");
                    }
                } else if (line.isEmpty()) {
                    break;
                }
            }
            int end = indexOf(b, (byte) '\n', pos);
            String[] res = new String(b, pos, end - pos, StandardCharsets.US_ASCII).trim().split("\\s+");
            pos = end + 1;
            if (res.length != 4 || !res[0].equals("-Y") || !res[2].equals("+X")) {
                throw new IllegalArgumentException("unsupported orientation");
            }
            int height = Integer.parseInt(res[1]);
            int width = Integer.parseInt(res[3]);
            if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
                throw ZouException.wrongParameter("The HDR picture is too large or empty: " + width + "x" + height);
            }
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            byte[] scan = new byte[width * 4];
            for (int y = 0; y < height; y++) {
                if (width >= 8 && width < 32768 && b[pos] == 2 && b[pos + 1] == 2 && (b[pos + 2] & 0x80) == 0) {
                    pos += 4; // new run-length encoding: each of the 4 components in turn
                    for (int c = 0; c < 4; c++) {
                        int x = 0;
                        while (x < width) {
                            int count = b[pos++] & 0xff;
                            if (count > 128) {
                                count -= 128;
                                byte v = b[pos++];
                                for (int i = 0; i < count; i++) {
                                    scan[(x++) * 4 + c] = v;
                                }
                            } else {
                                for (int i = 0; i < count; i++) {
                                    scan[(x++) * 4 + c] = b[pos++];
                                }
                            }
                        }
                    }
                } else {
                    System.arraycopy(b, pos, scan, 0, width * 4);
                    pos += width * 4;
                }
                for (int x = 0; x < width; x++) {
                    int e = scan[x * 4 + 3] & 0xff;
                    int rgb = 0;
                    if (e != 0) {
                        double f = Math.scalb(1.0, e - 136);
                        for (int c = 0; c < 3; c++) {
                            double v = (scan[x * 4 + c] & 0xff) * f;
                            double mapped = Math.pow(v / (1 + v), 1 / 2.2);
                            rgb = (rgb << 8) | (int) Math.round(Math.min(1, mapped) * 255);
                        }
                    }
                    out.setRGB(x, y, rgb);
                }
            }
            return out;
        } catch (ZouException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ZouException.wrongParameter("The file is no readable Radiance HDR picture.");
        }
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException("truncated header");
    }
}
