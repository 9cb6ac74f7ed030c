package org.zou4j.internal.media;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Kitsu's annotations (Fabric.js objects) drawn over a frame, as Zou's {@code zou/app/utils/annotations.py}
 * approximates the player's canvas: paths (M/L/Q/C/Z), rectangles, circles and ellipses, lines, polylines, polygons,
 * arrows and texts, each placed by Fabric's transform (centre, angle, scale, pivot) and scaled from the canvas the
 * annotation was drawn on ({@code canvasWidth}/{@code canvasHeight}) to the picture. Also bundles annotated frames
 * as a zip or a multi-page PDF (one JPEG page each, 150 dpi, as Zou's Pillow export).
 */
final class AnnotationRenderer {
    private static final Pattern RGBA = Pattern.compile(
            "^\\s*rgba?\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*(?:,\\s*(\\d*\\.?\\d+)\\s*)?\\)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private AnnotationRenderer() {
    }

    /** The picture with the annotation's objects drawn on it (opaque RGB). */
    static BufferedImage render(BufferedImage picture, Map<String, Object> annotation) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(picture, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setComposite(AlphaComposite.SrcOver);
            for (Map<String, Object> o : Annotations.objects(annotation)) {
                try {
                    draw(g, o, w, h);
                } catch (RuntimeException e) {
                    // an object this renderer cannot read is left out, as Zou logs and goes on
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static double num(Map<String, Object> o, String key, double fallback) {
        Object v = o.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** Fabric's falsy-or-value: 0 and null take the fallback, as Zou's {@code x or 1}. */
    private static double orDefault(Map<String, Object> o, String key, double fallback) {
        double v = num(o, key, fallback);
        return v == 0 ? fallback : v;
    }

    static Color color(Object value) {
        if (!(value instanceof String s) || s.isEmpty() || s.equalsIgnoreCase("transparent")) {
            return null;
        }
        Matcher m = RGBA.matcher(s);
        if (m.matches()) {
            int a = 255;
            if (m.group(4) != null) {
                double alpha = Double.parseDouble(m.group(4));
                a = alpha <= 1 ? (int) Math.round(alpha * 255) : (int) Math.max(0, Math.min(255, Math.round(alpha)));
            }
            return new Color(clamp(m.group(1)), clamp(m.group(2)), clamp(m.group(3)), a);
        }
        String hex = s.trim();
        if (hex.startsWith("#")) {
            hex = hex.substring(1);
            if (hex.length() == 3) {
                hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2)
                        + hex.charAt(2);
            }
            if (hex.length() == 6 || hex.length() == 8) {
                long v = Long.parseLong(hex, 16);
                return hex.length() == 6 ? new Color((int) v) : new Color((int) (v >> 24) & 0xff,
                        (int) (v >> 16) & 0xff, (int) (v >> 8) & 0xff, (int) v & 0xff);
            }
            return null;
        }
        return switch (hex.toLowerCase(Locale.ROOT)) {
            case "black" -> Color.BLACK;
            case "white" -> Color.WHITE;
            case "red" -> Color.RED;
            case "green" -> new Color(0, 128, 0);
            case "blue" -> Color.BLUE;
            case "yellow" -> Color.YELLOW;
            case "orange" -> Color.ORANGE;
            default -> null;
        };
    }

    private static int clamp(String v) {
        return Math.max(0, Math.min(255, Integer.parseInt(v)));
    }

    private static Color lineColor(Map<String, Object> o) {
        Color c = color(o.get("stroke"));
        if (c == null) {
            c = color(o.get("fill"));
        }
        return c == null ? Color.BLACK : c;
    }

    /** Fabric's T(centre) · R(angle) · S(scale) · T(-pivot), in canvas coordinates. */
    private static AffineTransform objectTransform(Map<String, Object> o, double pivotX, double pivotY,
                                                   double width, double height, double left, double top) {
        double angle = Math.toRadians(num(o, "angle", 0));
        double sx = orDefault(o, "scaleX", 1);
        double sy = orDefault(o, "scaleY", 1);
        double naiveX = left + width / 2 * sx;
        double naiveY = top + height / 2 * sy;
        double cx = left + (naiveX - left) * Math.cos(angle) - (naiveY - top) * Math.sin(angle);
        double cy = top + (naiveX - left) * Math.sin(angle) + (naiveY - top) * Math.cos(angle);
        AffineTransform t = new AffineTransform();
        t.translate(cx, cy);
        t.rotate(angle);
        t.scale(sx, sy);
        t.translate(-pivotX, -pivotY);
        return t;
    }

    /** For shapes in the (0,0)–(w,h) box: rectangles, ellipses. */
    private static AffineTransform bboxTransform(Map<String, Object> o, double width, double height) {
        return objectTransform(o, width / 2, height / 2, width, height, num(o, "left", 0), num(o, "top", 0));
    }

    /** For shapes in Fabric's centred system (paths, lines, points): pivot {@code pathOffset} or the anchors' centre. */
    @SuppressWarnings("unchecked")
    private static AffineTransform centredTransform(Map<String, Object> o, Rectangle2D anchors) {
        double width = o.get("width") == null ? anchors.getWidth() : num(o, "width", 0);
        double height = o.get("height") == null ? anchors.getHeight() : num(o, "height", 0);
        double left = o.get("left") == null ? anchors.getX() : num(o, "left", 0);
        double top = o.get("top") == null ? anchors.getY() : num(o, "top", 0);
        double px = anchors.getCenterX();
        double py = anchors.getCenterY();
        if (o.get("pathOffset") instanceof Map<?, ?> m && !m.isEmpty()) {
            px = num((Map<String, Object>) m, "x", 0);
            py = num((Map<String, Object>) m, "y", 0);
        }
        return objectTransform(o, px, py, width, height, left, top);
    }

    @SuppressWarnings("unchecked")
    private static void draw(Graphics2D g, Map<String, Object> o, int w, int h) {
        String type = String.valueOf(o.getOrDefault("type", "")).toLowerCase(Locale.ROOT);
        double scaleX = w / orDefault(o, "canvasWidth", w);
        double scaleY = h / orDefault(o, "canvasHeight", h);
        AffineTransform toImage = AffineTransform.getScaleInstance(scaleX, scaleY);
        float strokeWidth = (float) Math.max(1, Math.round(num(o, "strokeWidth", 1) * scaleX));
        switch (type) {
            case "path", "psstroke" -> {
                Path2D path = new Path2D.Double();
                Rectangle2D anchors = null;
                for (List<Object> cmd : commands(o.get("path"))) {
                    String op = String.valueOf(cmd.get(0)).toUpperCase(Locale.ROOT);
                    double[] p = new double[cmd.size() - 1];
                    for (int i = 1; i < cmd.size(); i++) {
                        p[i - 1] = ((Number) cmd.get(i)).doubleValue();
                    }
                    switch (op) {
                        case "M" -> path.moveTo(p[0], p[1]);
                        case "L" -> path.lineTo(p[0], p[1]);
                        case "Q" -> path.quadTo(p[0], p[1], p[2], p[3]);
                        case "C" -> path.curveTo(p[0], p[1], p[2], p[3], p[4], p[5]);
                        case "Z" -> path.closePath();
                        default -> {
                        }
                    }
                    if (p.length >= 2) {
                        Rectangle2D pt = new Rectangle2D.Double(p[p.length - 2], p[p.length - 1], 0, 0);
                        anchors = anchors == null ? pt : anchors.createUnion(pt);
                    }
                }
                if (anchors == null) {
                    return;
                }
                stroke(g, toImage, centredTransform(o, anchors), path, lineColor(o), strokeWidth);
            }
            case "rect" -> {
                double width = num(o, "width", 0);
                double height = num(o, "height", 0);
                if (width > 0 && height > 0) {
                    fillAndStroke(g, toImage, bboxTransform(o, width, height),
                            new Rectangle2D.Double(0, 0, width, height), o, strokeWidth);
                }
            }
            case "circle", "ellipse" -> {
                double width;
                double height;
                if (o.get("rx") != null || o.get("ry") != null) {
                    width = num(o, "rx", 0) * 2;
                    height = num(o, "ry", 0) * 2;
                } else if (o.get("radius") != null) {
                    width = height = num(o, "radius", 0) * 2;
                } else {
                    width = num(o, "width", 0);
                    height = num(o, "height", 0);
                }
                if (width > 0 && height > 0) {
                    fillAndStroke(g, toImage, bboxTransform(o, width, height),
                            new Ellipse2D.Double(0, 0, width, height), o, strokeWidth);
                }
            }
            case "line", "arrow" -> {
                double x1 = num(o, "x1", 0);
                double y1 = num(o, "y1", 0);
                double x2 = num(o, "x2", 0);
                double y2 = num(o, "y2", 0);
                Rectangle2D anchors = new Rectangle2D.Double(Math.min(x1, x2), Math.min(y1, y2),
                        Math.abs(x2 - x1), Math.abs(y2 - y1));
                AffineTransform t = centredTransform(o, anchors);
                stroke(g, toImage, t, new Line2D.Double(x1, y1, x2, y2), lineColor(o), strokeWidth);
                if (type.equals("arrow")) {
                    Point2D a = toImage.transform(t.transform(new Point2D.Double(x1, y1), null), null);
                    Point2D b = toImage.transform(t.transform(new Point2D.Double(x2, y2), null), null);
                    double angle = Math.atan2(b.getY() - a.getY(), b.getX() - a.getX());
                    double head = Math.max(10, strokeWidth * 4);
                    Path2D tip = new Path2D.Double();
                    tip.moveTo(b.getX(), b.getY());
                    tip.lineTo(b.getX() - head * Math.cos(angle - Math.PI / 6), b.getY() - head
                            * Math.sin(angle - Math.PI / 6));
                    tip.lineTo(b.getX() - head * Math.cos(angle + Math.PI / 6), b.getY() - head
                            * Math.sin(angle + Math.PI / 6));
                    tip.closePath();
                    g.setColor(lineColor(o));
                    g.fill(tip);
                }
            }
            case "polyline", "polygon" -> {
                if (!(o.get("points") instanceof List<?> points) || points.size() < 2) {
                    return;
                }
                Path2D path = new Path2D.Double();
                Rectangle2D anchors = null;
                for (Object p : points) {
                    Map<String, Object> m = (Map<String, Object>) p;
                    double x = num(m, "x", 0);
                    double y = num(m, "y", 0);
                    if (anchors == null) {
                        path.moveTo(x, y);
                        anchors = new Rectangle2D.Double(x, y, 0, 0);
                    } else {
                        path.lineTo(x, y);
                        anchors.add(x, y);
                    }
                }
                if (type.equals("polygon")) {
                    path.closePath();
                    fillAndStroke(g, toImage, centredTransform(o, anchors), path, o, strokeWidth);
                } else {
                    stroke(g, toImage, centredTransform(o, anchors), path, lineColor(o), strokeWidth);
                }
            }
            case "i-text", "text", "textbox" -> {
                String text = o.get("text") == null ? "" : o.get("text").toString();
                if (text.isEmpty()) {
                    return;
                }
                int size = (int) Math.max(1, Math.round(orDefault(o, "fontSize", 16) * orDefault(o, "scaleY", 1)
                        * scaleY));
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
                FontMetrics fm = g.getFontMetrics();
                Color c = color(o.get("fill"));
                if (c == null) {
                    c = color(o.get("stroke"));
                }
                double x = num(o, "left", 0) * scaleX;
                double y = num(o, "top", 0) * scaleY;
                Color background = color(o.get("backgroundColor"));
                if (background != null) {
                    g.setColor(background);
                    g.fill(new Rectangle2D.Double(x, y, fm.stringWidth(text), fm.getHeight()));
                }
                AffineTransform saved = g.getTransform();
                g.rotate(Math.toRadians(num(o, "angle", 0)), x, y);
                g.setColor(c == null ? Color.BLACK : c);
                g.drawString(text, (float) x, (float) (y + fm.getAscent()));
                g.setTransform(saved);
            }
            default -> {
                // groups, erasers and unknown shapes are not drawn
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> commands(Object raw) {
        List<List<Object>> out = new ArrayList<>();
        if (raw instanceof List<?> l) {
            for (Object c : l) {
                if (c instanceof List<?> cmd && !cmd.isEmpty()) {
                    out.add((List<Object>) cmd);
                }
            }
        } else if (raw instanceof String s) {
            Matcher m = Pattern.compile("([MLQCZmlqcz])([^MLQCZmlqcz]*)").matcher(s);
            while (m.find()) {
                List<Object> cmd = new ArrayList<>();
                cmd.add(m.group(1));
                for (String n : m.group(2).trim().split("[\\s,]+")) {
                    if (!n.isEmpty()) {
                        cmd.add(Double.parseDouble(n));
                    }
                }
                out.add(cmd);
            }
        }
        return out;
    }

    private static void stroke(Graphics2D g, AffineTransform toImage, AffineTransform object, Shape shape,
                               Color color, float width) {
        AffineTransform t = new AffineTransform(toImage);
        t.concatenate(object);
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(t.createTransformedShape(shape));
    }

    private static void fillAndStroke(Graphics2D g, AffineTransform toImage, AffineTransform object, Shape shape,
                                      Map<String, Object> o, float width) {
        AffineTransform t = new AffineTransform(toImage);
        t.concatenate(object);
        Shape s = t.createTransformedShape(shape);
        Color fill = color(o.get("fill"));
        if (fill != null) {
            g.setColor(fill);
            g.fill(s);
        }
        Color stroke = color(o.get("stroke"));
        if (stroke != null) {
            g.setColor(stroke);
            g.setStroke(new BasicStroke(width));
            g.draw(s);
        }
    }

    /** A named PNG. */
    record Frame(String name, BufferedImage image) {
    }

    static byte[] zip(List<Frame> frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Frame f : frames) {
                zip.putNextEntry(new ZipEntry(f.name()));
                ImageIO.write(f.image(), "png", zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One page per frame, the frame as a JPEG at 150 dpi (Pillow's PDF export at {@code resolution=150}). */
    static byte[] pdf(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        int pages = frames.size();
        // objects: 1 catalog, 2 pages, then per frame: page, content, image
        write(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        offsets.add(out.size());
        write(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages; i++) {
            kids.append(3 + i * 3).append(" 0 R ");
        }
        offsets.add(out.size());
        write(out, "2 0 obj\n<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>\nendobj\n");
        for (int i = 0; i < pages; i++) {
            BufferedImage img = frames.get(i).image();
            byte[] jpeg = jpeg(img);
            double pw = img.getWidth() * 72.0 / 150;
            double ph = img.getHeight() * 72.0 / 150;
            int page = 3 + i * 3;
            String size = String.format(Locale.ROOT, "%.2f %.2f", pw, ph);
            offsets.add(out.size());
            write(out, page + " 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + size + "] /Resources << "
                    + "/XObject << /Im0 " + (page + 2) + " 0 R >> >> /Contents " + (page + 1) + " 0 R >>\nendobj\n");
            String content = "q " + size.replace(" ", " 0 0 ") + " 0 0 cm /Im0 Do Q\n";
            offsets.add(out.size());
            write(out, (page + 1) + " 0 obj\n<< /Length " + content.length() + " >>\nstream\n" + content
                    + "endstream\nendobj\n");
            offsets.add(out.size());
            write(out, (page + 2) + " 0 obj\n<< /Type /XObject /Subtype /Image /Width " + img.getWidth()
                    + " /Height " + img.getHeight() + " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode"
                    + " /Length " + jpeg.length + " >>\nstream\n");
            out.writeBytes(jpeg);
            write(out, "\nendstream\nendobj\n");
        }
        int xref = out.size();
        StringBuilder x = new StringBuilder("xref\n0 " + (offsets.size() + 1) + "\n0000000000 65535 f \n");
        for (int off : offsets) {
            x.append(String.format(Locale.ROOT, "%010d 00000 n \n", off));
        }
        x.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(out, x.toString());
        return out.toByteArray();
    }

    private static byte[] jpeg(BufferedImage img) {
        BufferedImage rgb = img;
        if (img.getType() != BufferedImage.TYPE_INT_RGB) {
            rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(img, 0, 0, Color.WHITE, null);
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(rgb, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
