package org.zou4j.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.zou4j.LoginRequest;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.http.ZouHttpServer;
import org.zou4j.http.transport.HttpServerConfig;
import org.zou4j.http.transport.HttpTransport;
import org.zou4j.internal.media.Thumbnails;
import org.zou4j.storage.h2.H2Storage;

/**
 * Item 8: media. (a) The thumbnail of a 4K PNG (3840×2160: decode, centre cut and scale to Zou's 150×100, PNG
 * encode) in-process, beside ImageMagick's {@code convert} doing the same ({@code -thumbnail 150x100^ -gravity center
 * -extent 150x100}, process start included, as a server shelling out would pay it). (b) A cached preview thumbnail
 * served over HTTP under wrk, beside the transport ceiling (the same transport answering a fixed body), both in this
 * JVM, interleaved.
 */
final class MediaBench {
    private MediaBench() {
    }

    /** Runs item 8 alone: {@code java -cp <benchmarks classpath> org.zou4j.bench.MediaBench [runs] [wrk seconds]}. */
    public static void main(String[] args) throws Exception {
        Report report = new Report();
        run(report, args.length > 0 ? Integer.parseInt(args[0]) : 10, args.length > 1 ? Integer.parseInt(args[1])
                : 5, Files.createTempDirectory("zou4j-media-bench"));
        System.out.println(report.markdown());
        report.targetLines().forEach(System.out::println);
    }

    static void run(Report report, int runs, int wrkSeconds, Path work) throws Exception {
        report.heading(8, "8. Media: thumbnails");
        Files.createDirectories(work);
        byte[] png = picture4k();
        Path in = work.resolve("bench-4k.png");
        Files.write(in, png);
        thumbnail(report, runs, in, png, work);
        cachedOverHttp(report, wrkSeconds, work);
    }

    /** A 4K picture that does not compress to nothing: gradients and noise. */
    static byte[] picture4k() throws IOException {
        BufferedImage img = new BufferedImage(3840, 2160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 3840, 2160, Color.BLUE));
        g.fillRect(0, 0, 3840, 2160);
        Random r = new Random(42);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(r.nextInt(3840), r.nextInt(2160), 20 + r.nextInt(300), 20 + r.nextInt(300));
        }
        g.dispose();
        for (int i = 0; i < 200_000; i++) {
            img.setRGB(r.nextInt(3840), r.nextInt(2160), r.nextInt(0xffffff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ImageMagick's own binary (not a wrapper earlier on the PATH), or null. */
    static String convert() {
        for (String p : List.of("/usr/bin/convert-im6.q16", "/usr/bin/convert", "/usr/bin/magick")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    private static void thumbnail(Report report, int runs, Path in, byte[] png, Path work) throws Exception {
        String convert = convert();
        int n = Math.max(5, runs);
        long[] ours = new long[n];
        long[] theirs = new long[n];
        Path out = work.resolve("bench-thumb.png");
        for (int i = -2; i < n; i++) {
            long t0 = System.nanoTime();
            BufferedImage image = Thumbnails.decode(png, Thumbnails.MAX_PIXELS).image();
            byte[] thumb = Thumbnails.png(Thumbnails.cover(image, 150, 100));
            long dt = System.nanoTime() - t0;
            if (thumb.length == 0) {
                throw new IllegalStateException("empty thumbnail");
            }
            if (i >= 0) {
                ours[i] = dt;
            }
            if (convert != null) {
                t0 = System.nanoTime();
                Process p = new ProcessBuilder(convert, in.toString(), "-thumbnail", "150x100^", "-gravity",
                        "center", "-extent", "150x100", out.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("convert failed");
                }
                dt = System.nanoTime() - t0;
                if (i >= 0) {
                    theirs[i] = dt;
                }
            }
        }
        Stats o = Stats.ofNanos(ours);
        report.para(String.format(Locale.ROOT, "(a) Thumbnail of a 3840×2160 PNG (%.1f MB) to Zou's 150×100: "
                + "zou4j in-process (ImageIO decode, Java2D centre cut and progressive bicubic scale, PNG encode) "
                + "beside ImageMagick `%s` (process start included), %d runs each after 2 warm-ups, interleaved.",
                png.length / 1e6, convert == null ? "convert (missing)" : convert, n));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"zou4j Thumbnails", Report.ms(o.median()), Report.ms(o.p99())});
        double ratio = Double.NaN;
        if (convert != null) {
            Stats t = Stats.ofNanos(theirs);
            rows.add(new String[] {"ImageMagick convert", Report.ms(t.median()), Report.ms(t.p99())});
            ratio = o.median() / t.median();
        }
        report.table(new String[] {"thumbnail of a 4K PNG", "median", "p99"}, rows);
        report.target("thumbnail_4k_vs_imagemagick", ratio, 2.0, true,
                "median time of the 4K thumbnail / ImageMagick convert's" + (convert == null
                        ? " (ImageMagick missing: apt-get install imagemagick)" : ""));
    }

    private static void cachedOverHttp(Report report, int seconds, Path work) throws Exception {
        String wrk = Wrk.ensureInstalled();
        if (wrk == null) {
            report.para("(b) wrk is missing: the cached thumbnail is not measured.");
            report.target("cached_thumbnail_vs_ceiling", Double.NaN, 0.3, false, "wrk missing");
            return;
        }
        String password = "bench password 0123";
        try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.inMemory())
                .secretKey("bench-media-secret-0123456789abcdef").bcryptCost(4).build()) {
            Session sys = engine.systemSession();
            sys.data("persons").create(Map.of("first_name", "Bench", "last_name", "Admin", "email",
                    "admin@bench.test", "role", "admin", "password", password));
            String status = sys.data("task-status").create(Map.of("name", "Todo", "short_name", "todo", "color",
                    "#000000", "is_default", true)).id();
            String type = sys.data("task-types").create(Map.of("name", "Anim", "for_entity", "Asset")).id();
            String project = sys.data("projects").create(Map.of("name", "Media bench")).id();
            String assetType = sys.data("entity-types").create(Map.of("name", "Prop")).id();
            String asset = sys.data("entities").create(Map.of("name", "Cup", "project_id", project,
                    "entity_type_id", assetType)).id();
            String task = sys.data("tasks").create(Map.of("project_id", project, "entity_id", asset,
                    "task_type_id", type, "task_status_id", status)).id();
            String preview = sys.data("preview-files").create(Map.of("name", "p", "task_id", task, "revision", 1))
                    .id();
            BufferedImage img = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setPaint(new GradientPaint(0, 0, Color.RED, 1920, 1080, Color.GREEN));
            g.fillRect(0, 0, 1920, 1080);
            g.dispose();
            sys.pictures().uploadPreviewPicture(preview, new org.zou4j.tasks.Upload("frame.png", "image/png",
                    Thumbnails.png(img)));
            String token = engine.login(LoginRequest.of("admin@bench.test", password)).access().orElseThrow();
            String path = "/api/pictures/thumbnails/preview-files/" + preview + ".png";
            try (ZouHttpServer server = ZouHttpServer.builder(engine).port(0).build().start()) {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<byte[]> check = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + path)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (check.statusCode() != 200) {
                    throw new IOException(path + " answered " + check.statusCode());
                }
                int bytes = check.body().length;
                HttpTransport ceiling = new HttpTransport(HttpServerConfig.builder().port(0).build(),
                        request -> org.zou4j.http.transport.HttpResponse.json(200, CeilingServer.BODY)).start();
                try {
                    Path script = Wrk.getScript(work, "media-thumb", List.of(path), token);
                    Wrk.run(wrk, server.port(), script, 2, 8, Math.max(2, seconds / 2));
                    Wrk.run(wrk, ceiling.port(), null, 2, 8, Math.max(2, seconds / 2));
                    Wrk.Result c1 = Wrk.run(wrk, ceiling.port(), null, 2, 8, seconds);
                    Wrk.Result e = Wrk.run(wrk, server.port(), script, 2, 8, seconds);
                    Wrk.Result c2 = Wrk.run(wrk, ceiling.port(), null, 2, 8, seconds);
                    String rowPath = "/api/data/preview-files/" + preview;
                    Wrk.Result ref = Wrk.run(wrk, server.port(), Wrk.getScript(work, "media-row", List.of(rowPath),
                            token), 2, 8, seconds);
                    double ceilingRps = (c1.rps() + c2.rps()) / 2;
                    double ratio = e.errors() > 0 ? Double.NaN : e.rps() / ceilingRps;
                    report.para(String.format(Locale.ROOT, "(b) A stored preview thumbnail (%d bytes, PNG) served "
                            + "over HTTP with its token check, under wrk (2 threads, 8 connections, %d s, loopback), "
                            + "beside the transport ceiling (the same transport answering a fixed 33-byte JSON body) "
                            + "measured before and after; both servers in this JVM.", bytes, seconds));
                    List<String[]> rows = new ArrayList<>();
                    rows.add(new String[] {"transport ceiling", Report.num(ceilingRps), Report.ms(c1.p99Ms()),
                        "1 ×"});
                    rows.add(new String[] {"GET " + path.replace(preview, "<id>"), Report.num(e.rps()),
                        Report.ms(e.p99Ms()), Report.num(e.rps() / ceilingRps) + " ×"});
                    rows.add(new String[] {"reference: GET /api/data/preview-files/<id> (the row as JSON)",
                        Report.num(ref.rps()), Report.ms(ref.p99Ms()), Report.num(ref.rps() / ceilingRps) + " ×"});
                    report.table(new String[] {"case", "requests/s", "p99", "vs ceiling"}, rows);
                    report.target("cached_thumbnail_vs_ceiling", ratio, 0.3, false,
                            "requests/s of a cached thumbnail over HTTP / transport ceiling");
                } finally {
                    ceiling.close();
                }
            }
        }
        Files.deleteIfExists(work.resolve("media-thumb.lua"));
        Files.deleteIfExists(work.resolve("media-row.lua"));
    }
}
