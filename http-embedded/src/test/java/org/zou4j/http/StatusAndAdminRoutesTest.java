package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.events.Event;
import org.zou4j.events.Subscription;

/**
 * Zou's index blueprint's remaining routes ({@code /status/influx}, {@code /status/resources},
 * {@code /status/test-event}, {@code /stats}), the admin blueprint's {@code /admin/config/check}, Kitsu's singular
 * {@code quotas/person} spelling, and the 405 of {@code POST /data/events/last} (Zou's resource has no POST). Runs on
 * H2; {@link Postgres} on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class StatusAndAdminRoutesTest {
    static final String ADMIN_TOKEN = "ops-probe-token-0123456789";
    TaskWorld w;

    boolean postgres() {
        return false;
    }

    @BeforeAll
    void start() {
        w = TaskWorld.start(postgres(), b -> b.adminToken(ADMIN_TOKEN).userLimit(42));
    }

    @AfterAll
    void stop() {
        if (w != null) {
            w.close();
        }
    }

    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends StatusAndAdminRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    @Test
    void influxStatusIsPublicWithFlagsAsNumbersAndTheTime() {
        ApiClient.Reply r = w.anonymous().get("/api/status/influx");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.map()).containsEntry("database-up", 1).containsEntry("key-value-store-up", 1)
                .containsEntry("event-stream-up", 1).containsEntry("job-queue-up", 1).containsEntry("indexer-up", 0);
        assertThat(r.text()).containsPattern("\"time\":\\d{10}\\.\\d{3}[,}]");
        double time = ((Number) r.map().get("time")).doubleValue();
        assertThat(time).isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(600.0));
    }

    @Test
    void resourcesStatusGivesCpuMemoryAndJobsInZousFieldNames() {
        ApiClient.Reply r = w.anonymous().get("/status/resources");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, Object> body = r.map();
        assertThat(body).containsKeys("date", "cpu", "memory", "jobs");
        Map<String, Object> cpu = (Map<String, Object>) body.get("cpu");
        assertThat((List<Object>) cpu.get("percent")).hasSize(Runtime.getRuntime().availableProcessors());
        assertThat((Map<String, Object>) cpu.get("loadavg")).containsKeys("last 1 min", "last 5 min", "last 10 min");
        Map<String, Object> memory = (Map<String, Object>) body.get("memory");
        long total = ((Number) memory.get("total")).longValue();
        long used = ((Number) memory.get("used")).longValue();
        long available = ((Number) memory.get("available")).longValue();
        assertThat(total).isPositive();
        assertThat(used + available).isEqualTo(total);
        assertThat(((Number) memory.get("percent")).doubleValue()).isBetween(0.0, 100.0);
        assertThat((Map<String, Object>) body.get("jobs")).containsEntry("running_jobs", 0);
        assertThat(java.time.LocalDateTime.parse((String) body.get("date"))).isNotNull();
    }

    @Test
    void testEventEmitsMainTestToListeners() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        CountDownLatch got = new CountDownLatch(1);
        try (Subscription s = w.engine.events().subscribe("main:test", e -> {
            seen.add(e);
            got.countDown();
        })) {
            ApiClient.Reply r = w.anonymous().get("/api/status/test-event");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.map()).isEqualTo(Map.of("success", true));
            assertThat(got.await(30, TimeUnit.SECONDS)).as("main:test delivered").isTrue();
        }
        assertThat(seen.get(0).name()).isEqualTo("main:test");
        assertThat(seen.get(0).projectId()).isNull();
    }

    @Test
    void statsAreForAdminsOnlyAndCountPreviewsAndComments() {
        String task = w.newAssetTasks("modeling").get("modeling");
        ApiClient.Reply c = w.admin.post("/actions/tasks/" + task + "/comment",
                Map.of("task_status_id", w.statuses.get("wip"), "comment", "counted"));
        assertThat(c.status()).as(c.text()).isEqualTo(201);
        ApiClient.Reply r = w.admin.get("/api/stats");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, Object> body = r.map();
        assertThat(body).containsOnlyKeys("number_of_video_previews", "number_of_picture_previews",
                "number_of_model_previews", "number_of_comments");
        long comments = w.admin.get("/data/comments").list().size();
        assertThat(((Number) body.get("number_of_comments")).longValue()).isEqualTo(comments).isPositive();
        assertThat(body).containsEntry("number_of_video_previews", 0);
        assertThat(w.as("manager").get("/stats").status()).isEqualTo(403);
        assertThat(w.anonymous().get("/stats").status()).isEqualTo(401);
    }

    @Test
    void configCheckNeedsTheAdminTokenAndComparesSettings() {
        ApiClient.Reply r = w.anonymous().sendWithHeaders("GET", "/api/admin/config/check", null,
                "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Map<String, Object> body = r.map();
        assertThat(body).containsKeys("user_limit", "default_timezone", "default_locale", "nomad_host",
                "nomad_normalize_job", "nomad_playlist_job", "active_users");
        assertThat((Map<String, Object>) body.get("user_limit")).containsEntry("env", 42).containsEntry("redis", null);
        assertThat((Map<String, Object>) body.get("default_timezone")).containsEntry("env", "Europe/Paris");
        long active = w.admin.get("/data/persons").list().stream()
                .filter(p -> Boolean.TRUE.equals(p.get("active")) && !Boolean.TRUE.equals(p.get("is_bot"))
                        && !Boolean.TRUE.equals(p.get("is_guest"))).count();
        assertThat(((Number) body.get("active_users")).longValue()).isEqualTo(active).isPositive();

        assertThat(w.anonymous().get("/admin/config/check").status()).isEqualTo(403);
        assertThat(w.anonymous().sendWithHeaders("GET", "/admin/config/check", null,
                "Authorization", "Bearer wrong-token-0123456789").status()).isEqualTo(403);
        assertThat(w.anonymous().sendWithHeaders("GET", "/admin/config/check", null,
                "Authorization", "Bearer ").status()).isEqualTo(403);
        // a person's token is not the admin token
        assertThat(w.admin.get("/admin/config/check").status()).isEqualTo(403);
    }

    @Test
    void configCheckIsClosedWhenNoAdminTokenIsConfigured() {
        TaskWorld plain = TaskWorld.start(false);
        try {
            assertThat(plain.anonymous().sendWithHeaders("GET", "/admin/config/check", null,
                    "Authorization", "Bearer ").status()).isEqualTo(403);
            assertThat(plain.admin.get("/admin/config/check").status()).isEqualTo(403);
        } finally {
            plain.close();
        }
    }

    @Test
    void oidcRoutesAnswerAsZouWhenOidcIsOff() {
        for (String path : List.of("/api/auth/oidc/login", "/auth/oidc/callback?code=x&state=y")) {
            ApiClient.Reply r = w.anonymous().get(path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.map()).as(path).isEqualTo(Map.of("error", "OIDC is not enabled."));
        }
        assertThat(w.anonymous().get("/config").map()).containsEntry("oidc_enabled", false)
                .containsEntry("oidc_idp_name", "");
    }

    @Test
    void kitsusSingularQuotasPathAnswersAsThePluralOne() {
        String base = "/data/projects/" + w.project + "/quotas/";
        String person = w.persons.get("artist");
        ApiClient.Reply plural = w.as("manager").get(base + "persons/" + person + "?count_mode=weighted");
        ApiClient.Reply singular = w.as("manager").get(base + "person/" + person + "?count_mode=weighted");
        assertThat(plural.status()).as(plural.text()).isEqualTo(200);
        assertThat(singular.status()).as(singular.text()).isEqualTo(200);
        assertThat(singular.json()).isEqualTo(plural.json());
        assertThat(w.as("outsider").get(base + "person/" + person).status())
                .isEqualTo(w.as("outsider").get(base + "persons/" + person).status());
    }

    @Test
    void postToEventsLastIsNotAllowedAsInZouAndNewPathsAnswerPatchWith405() {
        ApiClient.Reply post = w.admin.post("/data/events/last", Map.of());
        assertThat(post.status()).isEqualTo(405);
        // the generic /data/<model>/<id> shape adds its methods here; POST is refused all the same
        assertThat(post.header("Allow")).contains("GET").doesNotContain("POST");
        for (String path : List.of("/stats", "/status/influx", "/status/resources", "/status/test-event",
                "/admin/config/check", "/data/projects/" + w.project + "/quotas/person/" + w.persons.get("artist"))) {
            ApiClient.Reply r = w.admin.send("PATCH", "/api" + path, "{}", "application/json");
            assertThat(r.status()).as(path).isEqualTo(405);
            assertThat(r.header("Allow")).as(path).isEqualTo("GET, HEAD, OPTIONS");
        }
    }
}
