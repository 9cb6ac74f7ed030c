package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Zou's picture routes of the {@code previews} blueprint over HTTP: {@code POST /pictures/preview-files/<id>} as gazu's
 * {@code upload_preview_file} sends it, the four sizes Kitsu shows, avatars, refusals (not a picture, decompression
 * bomb) and permissions. Runs on H2; {@link Postgres} runs the same tests on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class PictureRoutesTest extends TaskWorldTest {
    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends PictureRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String newPreview() {
        return w.create("preview-files", Map.of("name", "p" + System.nanoTime(), "task_id", w.tasks.get("modeling"),
                "revision", 1));
    }

    static byte[] picture(int width, int height, String format) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(img, format, out)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(img).as("a decodable picture").isNotNull();
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multipart body with one {@code file} part, as gazu's {@code upload_preview_file} sends. */
    static ApiClient.Reply upload(ApiClient client, String path, String fileName, byte[] content) {
        String boundary = "----zou4jpictures";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return client.sendBytes("POST", path, body, "multipart/form-data; boundary=" + boundary);
    }

    /** A valid PNG header declaring {@code width}×{@code height} pixels with almost no data: a decompression bomb. */
    static byte[] bomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[]{0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void pngRoundTripWithZouSizesAndEvents() {
        String preview = newPreview();
        byte[] png = picture(1600, 900, "png");
        ApiClient.Reply r = upload(w.as("artist"), "/api/pictures/preview-files/" + preview, "frame.png", png);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.map()).containsEntry("id", preview).containsEntry("extension", "png")
                .containsEntry("status", "ready").containsEntry("width", 1600).containsEntry("height", 900)
                .containsEntry("original_name", "frame");
        assertThat(((Number) r.map().get("file_size")).longValue()).isEqualTo(png.length);

        ApiClient.BytesReply original = w.as("artist").getBytes("/pictures/originals/preview-files/" + preview
                + ".png");
        assertThat(original.status()).isEqualTo(200);
        assertThat(original.header("Content-Type")).startsWith("image/png");
        assertThat(original.header("Cache-Control")).contains("private");
        assertThat(sha256(original.body())).isEqualTo(sha256(png));

        BufferedImage previewSize = read(w.as("manager").getBytes("/api/pictures/previews/preview-files/" + preview
                + ".png").body());
        assertThat(previewSize.getWidth()).isEqualTo(1200);
        assertThat(previewSize.getHeight()).isEqualTo(675);
        BufferedImage thumb = read(w.as("client").getBytes("/pictures/thumbnails/preview-files/" + preview
                + ".png").body());
        assertThat(thumb.getWidth()).isEqualTo(150);
        assertThat(thumb.getHeight()).isEqualTo(100);
        BufferedImage square = read(w.admin.getBytes("/pictures/thumbnails-square/preview-files/" + preview
                + ".png").body());
        assertThat(square.getWidth()).isEqualTo(100);
        assertThat(square.getHeight()).isEqualTo(100);

        ApiClient.BytesReply download = w.admin.getBytes("/pictures/originals/preview-files/" + preview
                + "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).startsWith("attachment");
        assertThat(sha256(download.body())).isEqualTo(sha256(png));

        assertThat(w.eventsNamed("preview-file:add-file", "preview_file_id", preview)).singleElement()
                .satisfies(e -> assertThat((Map<String, Object>) e.get("data")).containsEntry("status", "ready")
                        .containsEntry("task_id", w.tasks.get("modeling")));
        assertThat(w.eventsNamed("preview-file:update", "preview_file_id", preview)).isNotEmpty();
        Map<String, Object> row = w.admin.get("/data/preview-files/" + preview).map();
        assertThat(row).containsEntry("status", "ready").containsEntry("width", 1600);
    }

    @Test
    void jpegIsStoredAsPngAndNeverEnlarged() {
        String preview = newPreview();
        ApiClient.Reply r = upload(w.admin, "/pictures/preview-files/" + preview, "shot.JPG",
                picture(300, 200, "jpg"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.map()).containsEntry("extension", "png").containsEntry("width", 300);
        ApiClient.BytesReply original = w.admin.getBytes("/pictures/originals/preview-files/" + preview + ".png");
        assertThat(original.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(read(original.body()).getWidth()).isEqualTo(300);
        assertThat(read(w.admin.getBytes("/pictures/previews/preview-files/" + preview + ".png").body())
                .getWidth()).isEqualTo(300);
    }

    @Test
    void bombsAndNonPicturesAreRefusedWith400() {
        String preview = newPreview();
        ApiClient.Reply bomb = upload(w.admin, "/pictures/preview-files/" + preview, "bomb.png",
                bomb(30_000, 30_000));
        assertThat(bomb.status()).as(bomb.text()).isEqualTo(400);
        assertThat(bomb.text()).contains("too large");
        ApiClient.Reply text = upload(w.admin, "/pictures/preview-files/" + preview, "fake.png",
                "not a picture at all".getBytes(StandardCharsets.UTF_8));
        assertThat(text.status()).as(text.text()).isEqualTo(400);
        ApiClient.Reply wrongExtension = upload(w.admin, "/pictures/preview-files/" + preview, "notes.txt",
                "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongExtension.status()).isEqualTo(400);
        ApiClient.Reply json = w.admin.post("/pictures/preview-files/" + preview, Map.of());
        assertThat(json.status()).isEqualTo(400);
        // nothing was stored and the row still waits for its file
        assertThat(w.admin.getBytes("/pictures/thumbnails/preview-files/" + preview + ".png").status())
                .isEqualTo(404);
        assertThat(w.admin.get("/data/preview-files/" + preview).map()).containsEntry("status", "processing");
    }

    @Test
    void outsidersCanNeitherReadNorUpload() {
        String preview = newPreview();
        assertThat(upload(w.as("artist"), "/pictures/preview-files/" + preview, "a.png", picture(40, 30, "png"))
                .status()).isEqualTo(201);
        assertThat(w.as("outsider").getBytes("/pictures/thumbnails/preview-files/" + preview + ".png").status())
                .isEqualTo(403);
        assertThat(w.as("outsider").getBytes("/pictures/originals/preview-files/" + preview + ".png").status())
                .isEqualTo(403);
        assertThat(upload(w.as("outsider"), "/pictures/preview-files/" + preview, "a.png", picture(40, 30, "png"))
                .status()).isEqualTo(403);
        assertThat(w.anonymous().getBytes("/pictures/thumbnails/preview-files/" + preview + ".png").status())
                .isEqualTo(401);
        assertThat(w.admin.getBytes("/pictures/thumbnails/preview-files/" + java.util.UUID.randomUUID() + ".png")
                .status()).isEqualTo(404);
    }

    @Test
    void avatars() {
        String artist = w.persons.get("artist");
        ApiClient.Reply r = upload(w.as("artist"), "/pictures/thumbnails/persons/" + artist, "me.jpeg",
                picture(640, 480, "jpg"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(w.admin.get("/data/persons/" + artist).map()).containsEntry("has_avatar", true);
        ApiClient.BytesReply avatar = w.as("outsider").getBytes("/api/pictures/thumbnails/persons/" + artist
                + ".png");
        assertThat(avatar.status()).isEqualTo(200);
        assertThat(avatar.header("Content-Type")).startsWith("image/png");
        BufferedImage img = read(avatar.body());
        assertThat(List.of(img.getWidth(), img.getHeight())).containsExactly(400, 400);
        assertThat(w.eventsNamed("person:update", "person_id", artist)).isNotEmpty();
        // someone else's avatar: admins only
        assertThat(upload(w.as("artist"), "/pictures/thumbnails/persons/" + w.persons.get("manager"), "x.png",
                picture(20, 20, "png")).status()).isEqualTo(403);
        assertThat(w.admin.getBytes("/pictures/thumbnails/persons/" + w.persons.get("vendor") + ".png").status())
                .isEqualTo(404);
    }
}
