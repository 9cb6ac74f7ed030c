package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Entry;
import org.zou4j.LoginRequest;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/**
 * A 100k-row list is streamed to the socket with bounded memory: the standalone server runs with a 64 MB heap while
 * the answer is several times larger than that.
 */
class LargeListStreamingTest {
    private static final int ROWS = 100_000;

    @Test
    void a100kTaskListStreamsFromAServerWithA64MbHeap(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data");
        String projectId = populate(dataDir);

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), "org.zou4j.http.standalone.Main",
                "--port", "0", "--data-dir", dataDir.toString()).redirectErrorStream(true);
        pb.environment().put("ZOU_ADMIN_EMAIL", "admin@example.com");
        pb.environment().put("ZOU_ADMIN_PASSWORD", "streaming test password");
        Process p = pb.start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            int port = -1;
            String line;
            while ((line = out.readLine()) != null) {
                var m = java.util.regex.Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
            }
            assertThat(port).isPositive();
            ApiClient client = new ApiClient(port);
            ApiClient.Reply login = client.post("/api/auth/login",
                    Map.of("email", "admin@example.com", "password", "streaming test password"));
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            String token = (String) login.map().get("access_token");

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/data/tasks?project_id=" + projectId))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            long rows = 0;
            long bytes;
            try (InputStream body = r.body(); CountingStream counted = new CountingStream(body);
                 JsonParser parser = new JsonFactory().createParser(counted)) {
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    rows++;
                }
                bytes = counted.count;
            }
            System.out.printf("streamed %d rows, %.1f MB, from a server with -Xmx64m%n", rows, bytes / 1e6);
            assertThat(rows).isEqualTo(ROWS);
            assertThat(bytes).as("the answer is larger than the server's heap").isGreaterThan(64L * 1024 * 1024);
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Creates the parents through the engine, then 100k tasks by batched JDBC into the same database file. */
    private static String populate(Path dataDir) throws Exception {
        H2Storage storage = H2Storage.file(dataDir);
        try (ZouEngine engine = ZouEngine.builder().storage(storage).secretKey("populate-secret-0123456789abcdefghij")
                .build()) {
            Session s = engine.systemSession();
            Entry status = s.data("project-status").create(Map.of("name", "Open", "color", "#000000"));
            Entry project = s.data("projects").create(Map.of("name", "Big", "project_status_id", status.id()));
            Entry type = s.data("entity-types").create(Map.of("name", "Character"));
            Entry asset = s.data("entities").create(Map.of("name", "Hero", "project_id", project.id(),
                    "entity_type_id", type.id()));
            Entry taskType = s.data("task-types").create(Map.of("name", "Modeling", "for_entity", "Asset"));
            Entry taskStatus = s.data("task-status").create(Map.of("name", "Todo", "short_name", "todo",
                    "color", "#ffffff"));
            String description = "A long enough description to make each row weigh like a real task row does. "
                    .repeat(8);
            try (Connection c = storage.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("insert into task (id, created_at, updated_at, name, "
                        + "description, project_id, task_type_id, task_status_id, entity_id, data) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ? format json)")) {
                    Timestamp now = Timestamp.valueOf(LocalDateTime.now());
                    for (int i = 0; i < ROWS; i++) {
                        ps.setObject(1, UUID.randomUUID());
                        ps.setTimestamp(2, now);
                        ps.setTimestamp(3, now);
                        ps.setString(4, "task-" + i);
                        ps.setString(5, description);
                        ps.setObject(6, UUID.fromString(project.id()));
                        ps.setObject(7, UUID.fromString(taskType.id()));
                        ps.setObject(8, UUID.fromString(taskStatus.id()));
                        ps.setObject(9, UUID.fromString(asset.id()));
                        ps.setString(10, "{\"frames\": " + i + ", \"tags\": [\"a\", \"b\"]}");
                        ps.addBatch();
                        if (i % 5000 == 4999) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
            }
            assertThat(List.of(project.id())).isNotEmpty();
            return project.id();
        }
    }

    /** Counts bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
