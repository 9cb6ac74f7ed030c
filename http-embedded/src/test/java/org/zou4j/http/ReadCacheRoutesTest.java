package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zou4j.internal.readcache.AnswerCache;

/**
 * The read cache over a real socket, on H2 and on PostgreSQL: cached answers are the computed ones byte for byte, every
 * kind of write is seen by the next read, and nobody gets an answer computed for someone else. The window on shared
 * storage is set to an hour here, so on PostgreSQL only the invalidation by writes makes these pass.
 */
class ReadCacheRoutesTest {
    private static final Pattern CODE = Pattern.compile("\\n\\s+(\\d{6})\\n");

    private static TaskWorld world(boolean postgres) {
        return TaskWorld.start(postgres, b -> b.readCacheMaxAge(Duration.ofHours(1)));
    }

    private static AnswerCache cache(TaskWorld w) {
        return (AnswerCache) w.engine.readCache();
    }

    /** Headers without the ones that change with time ({@code Date}). */
    private static Map<String, List<String>> stable(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>(headers);
        out.remove("date");
        return out;
    }

    /** GETs {@code path} twice: the second must be a cache hit with the same status, headers and bytes. */
    private static ApiClient.BytesReply cachedTwice(TaskWorld w, ApiClient as, String path) {
        ApiClient.BytesReply first = as.getBytes(path);
        long hits = cache(w).hits();
        ApiClient.BytesReply second = as.getBytes(path);
        assertThat(cache(w).hits()).as("second GET of %s is a hit", path).isEqualTo(hits + 1);
        assertThat(second.status()).isEqualTo(first.status());
        assertThat(stable(second.headers())).isEqualTo(stable(first.headers()));
        assertThat(second.body()).isEqualTo(first.body());
        // and what is computed without any cached answer is the same again
        w.engine.readCache().invalidateAll();
        ApiClient.BytesReply computed = as.getBytes(path);
        assertThat(stable(computed.headers())).isEqualTo(stable(first.headers()));
        assertThat(computed.body()).isEqualTo(first.body());
        return second;
    }

    /** A PNG: noise (large whatever its size) or four bands of colour (small once scaled down). */
    private static byte[] png(int width, int height, long seed, boolean noise) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, noise ? random.nextInt(0xffffff) : (int) (seed * 40 + (x / 100) * 0x30));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A preview file of the modeling task with an uploaded picture. */
    private static String previewWithPicture(TaskWorld w, long seed, boolean noise) throws Exception {
        String preview = w.create("preview-files", Map.of("name", "p" + seed, "task_id", w.tasks.get("modeling"),
                "revision", (int) seed));
        ApiClient.Reply up = TaskWorld.multipart(w.admin, "/pictures/preview-files/" + preview, Map.of(), "p.png",
                "image/png", png(400, 300, seed, noise));
        assertThat(up.status()).as(up.text()).isEqualTo(201);
        return preview;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void cachedAnswersAreTheComputedOnesByteForByte(boolean postgres) throws Exception {
        try (TaskWorld w = world(postgres)) {
            ApiClient artist = w.as("artist");
            ApiClient.BytesReply task = cachedTwice(w, artist, "/data/tasks/" + w.tasks.get("modeling"));
            assertThat(task.status()).isEqualTo(200);
            ApiClient.BytesReply page = cachedTwice(w, artist, "/api/data/tasks?project_id=" + w.project
                    + "&entity_id=" + w.asset + "&page=1");
            assertThat(page.status()).isEqualTo(200);
            assertThat(new String(page.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains(w.tasks.get("rigging"));
            assertThat(cachedTwice(w, artist, "/data/tasks/" + UUID.randomUUID()).status()).isEqualTo(404);

            String preview = previewWithPicture(w, 1, false);
            ApiClient.BytesReply thumb = cachedTwice(w, artist, "/api/pictures/thumbnails/preview-files/" + preview
                    + ".png");
            assertThat(thumb.status()).isEqualTo(200);
            assertThat(thumb.headers().get("content-type")).containsExactly("image/png");
            assertThat(thumb.headers()).as("%d bytes", thumb.body().length).containsKey("content-length");
            // a picture above the transport's 16 KB buffer is streamed in chunks, cached or not
            String noisy = previewWithPicture(w, 3, true);
            ApiClient.BytesReply big = cachedTwice(w, artist, "/api/pictures/thumbnails/preview-files/" + noisy
                    + ".png");
            assertThat(big.body().length).isBetween(16 * 1024 + 1, 64 * 1024);
            assertThat(big.headers().get("transfer-encoding")).containsExactly("chunked");
            cachedTwice(w, artist, "/api/pictures/thumbnails/preview-files/" + preview + ".png/download");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @SuppressWarnings("unchecked")
    void everyKindOfWriteIsSeenByTheNextRead(boolean postgres) throws Exception {
        try (TaskWorld w = world(postgres)) {
            ApiClient artist = w.as("artist");
            String url = "/data/tasks/" + w.tasks.get("modeling");
            cachedTwice(w, artist, url);

            // typed update of the model
            assertThat(w.admin.put(url, Map.of("estimation", 5)).status()).isEqualTo(200);
            assertThat(artist.get(url).map()).containsEntry("estimation", 5.0);

            // a write to a relation link table (task_person_link)
            artist.get(url);
            w.assign("modeling", "artist", "artist2");
            assertThat((List<Object>) artist.get(url).map().get("assignees")).contains(w.persons.get("artist2"));

            // typed create and delete seen by a list page and a get
            String page = "/data/tasks?project_id=" + w.project + "&entity_id=" + w.asset + "&page=1";
            cachedTwice(w, artist, page);
            String lighting = w.create("task-types", Map.of("name", "Lighting", "for_entity", "Asset"));
            String created = w.create("tasks", Map.of("project_id", w.project, "entity_id", w.asset,
                    "task_type_id", lighting, "task_status_id", w.statuses.get("todo")));
            assertThat(artist.get(page).text()).contains(created);
            cachedTwice(w, artist, "/data/tasks/" + created);
            assertThat(w.admin.delete("/data/tasks/" + created).status()).isEqualTo(204);
            assertThat(artist.get("/data/tasks/" + created).status()).isEqualTo(404);
            assertThat(artist.get(page).text()).doesNotContain(created);

            // project membership: someone out of the team is refused, then let in
            ApiClient outsider = w.client("outsider@world.example");
            int refused = outsider.get(url).status();
            assertThat(refused).isEqualTo(403);
            assertThat(outsider.get(url).status()).isEqualTo(403);
            assertThat(w.admin.post("/data/projects/" + w.project + "/team",
                    Map.of("person_id", w.persons.get("outsider"))).status()).isEqualTo(201);
            assertThat(outsider.get(url).status()).isEqualTo(200);

            // the person's role: a vendor sees no unassigned task, then as a manager does
            ApiClient vendor = w.as("vendor");
            assertThat(vendor.get(url).status()).isEqualTo(403);
            assertThat(vendor.get(url).status()).isEqualTo(403);
            assertThat(w.admin.put("/data/persons/" + w.persons.get("vendor"), Map.of("role", "manager")).status())
                    .isEqualTo(200);
            assertThat(vendor.get(url).status()).isEqualTo(200);

            // a write outside Tx: the two-factor store's own UPDATE of person
            String me = "/data/persons/" + w.persons.get("artist");
            cachedTwice(w, artist, me);
            assertThat(artist.get(me).map()).containsEntry("email_otp_enabled", false);
            assertThat(artist.put("/auth/email-otp", Map.of()).status()).isEqualTo(200);
            String code = mailedCode(w);
            ApiClient.Reply enabled = artist.post("/auth/email-otp", Map.of("email_otp", code));
            assertThat(enabled.status()).as(enabled.text()).isEqualTo(200);
            assertThat(artist.get(me).map()).containsEntry("email_otp_enabled", true);

            // a delete the database cascades: a department's salary scales go with it (ON DELETE CASCADE)
            String department = w.create("departments", Map.of("name", "Doomed", "color", "#000000"));
            String scale = null;
            for (Map<String, Object> s : w.admin.get("/data/salary-scales").list()) { // the list creates them
                if (department.equals(s.get("department_id"))) {
                    scale = (String) s.get("id");
                }
            }
            assertThat(scale).isNotNull();
            cachedTwice(w, w.admin, "/data/salary-scales/" + scale);
            assertThat(w.admin.delete("/data/departments/" + department).status()).isEqualTo(204);
            assertThat(w.admin.get("/data/salary-scales/" + scale).status()).isEqualTo(404);

            // the picture uploaded for a preview file replaces its cached 404 (pictures are never replaced, except
            // with a movie frame as main preview, which marks preview_file written)
            String preview = w.create("preview-files", Map.of("name", "late", "task_id", w.tasks.get("modeling"),
                    "revision", 7));
            String thumb = "/pictures/thumbnails/preview-files/" + preview + ".png";
            assertThat(cachedTwice(w, artist, thumb).status()).isEqualTo(404);
            ApiClient.Reply up = TaskWorld.multipart(w.admin, "/pictures/preview-files/" + preview, Map.of(),
                    "q.png", "image/png", png(400, 300, 99, false));
            assertThat(up.status()).isEqualTo(201);
            ApiClient.BytesReply after = artist.getBytes(thumb);
            assertThat(after.status()).isEqualTo(200);
            assertThat(ImageIO.read(new java.io.ByteArrayInputStream(after.body())).getWidth()).isEqualTo(150);
        }
    }

    private static String mailedCode(TaskWorld w) throws InterruptedException {
        for (int i = 0; i < 400 && w.mails.isEmpty(); i++) {
            Thread.sleep(10); // the mail goes out on the mailer's thread
        }
        Matcher m = CODE.matcher(w.mails.get(w.mails.size() - 1).text());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nobodyGetsAnAnswerComputedForSomeoneElse(boolean postgres) {
        try (TaskWorld w = world(postgres)) {
            String url = "/data/tasks/" + w.tasks.get("rigging");
            String page = "/data/tasks?project_id=" + w.project + "&page=1";
            ApiClient vendor = w.as("vendor");
            for (int i = 0; i < 2; i++) { // the second round is served from the cache
                assertThat(w.admin.get(url).status()).isEqualTo(200);
                assertThat(vendor.get(url).status()).isEqualTo(403);
                assertThat(w.admin.get(page).text()).contains(w.tasks.get("rigging"));
                assertThat(vendor.get(page).text()).doesNotContain(w.tasks.get("rigging"));
            }
            assertThat(cache(w).hits()).isGreaterThanOrEqualTo(4);
        }
    }
}
