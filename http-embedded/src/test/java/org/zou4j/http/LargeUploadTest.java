package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large uploads against the standalone server in its own JVM with a small heap: a 300 MB file reaches the file store
 * intact (the body is spooled to disk and parsed in place, never held in memory), an upload the client aborts leaves
 * no temporary file, and a server killed with SIGKILL while receiving a body, or while writing it to the store, comes
 * back without a half file being served or left beside the served ones.
 */
class LargeUploadTest {
    private static final Pattern LISTENING = Pattern.compile("zou4j listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String EMAIL = "admin@example.com";
    private static final String PASSWORD = "large upload test password";
    private static final String BOUNDARY = "zou4jLargeUploadBoundary";
    private static final long MB = 1024 * 1024;

    /** A server process, its port and the file its output goes to. */
    record Server(Process process, int port, Path log) {
        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }
    }

    static Server launch(Path dataDir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-cp", System.getProperty("java.class.path"), "org.zou4j.http.standalone.Main",
                "--port", "0", "--data-dir", dataDir.toString()));
        Path log = Files.createTempFile(dataDir.toAbsolutePath().getParent(), "server-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("ZOU_SECRET_KEY");
        pb.environment().put("ZOU_ADMIN_EMAIL", EMAIL);
        pb.environment().put("ZOU_ADMIN_PASSWORD", PASSWORD);
        Process p = pb.start();
        for (int i = 0; i < 1200; i++) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return new Server(p, Integer.parseInt(m.group(1)), log);
            }
            assertThat(p.isAlive()).as("server exited: %s", Files.readString(log)).isTrue();
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("server did not start: " + Files.readString(log));
    }

    /** Logs in and creates a project, an asset, a task and an empty preview file; answers the token and preview. */
    static String[] world(int port) {
        ApiClient anonymous = new ApiClient(port);
        ApiClient.Reply login = anonymous.post("/api/auth/login", Map.of("email", EMAIL, "password", PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        String token = (String) login.map().get("access_token");
        ApiClient admin = anonymous.withToken(token);
        String project = id(admin.post("/api/data/projects", Map.of("name", "Big uploads")));
        String assetType = id(admin.post("/api/data/entity-types", Map.of("name", "Big props")));
        String asset = id(admin.post("/api/data/entities", Map.of("name", "crate", "project_id", project,
                "entity_type_id", assetType)));
        String taskType = id(admin.post("/api/data/task-types", Map.of("name", "Big modeling",
                "for_entity", "Asset")));
        String status = (String) admin.get("/api/data/task-status").list().get(0).get("id");
        String task = id(admin.post("/api/data/tasks", Map.of("name", "main", "project_id", project,
                "task_type_id", taskType, "entity_id", asset, "task_status_id", status)));
        String preview = id(admin.post("/api/data/preview-files", Map.of("name", "big", "task_id", task,
                "revision", 1, "position", 1)));
        return new String[]{token, preview};
    }

    static String newPreview(int port, String token, String previewTemplate) {
        ApiClient admin = new ApiClient(port).withToken(token);
        Map<String, Object> template = admin.get("/api/data/preview-files/" + previewTemplate).map();
        return id(admin.post("/api/data/preview-files", Map.of("name", "big" + System.nanoTime(), "task_id",
                template.get("task_id"), "revision", 1 + (int) (System.nanoTime() % 10000), "position", 1)));
    }

    private static String id(ApiClient.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 201);
        return (String) reply.map().get("id");
    }

    /** Deterministic bytes, fast to make: xorshift. */
    static final class Content {
        private long x = 0x9E3779B97F4A7C15L;

        void fill(byte[] b, int len) {
            for (int i = 0; i < len; i += 8) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                for (int j = 0; j < 8 && i + j < len; j++) {
                    b[i + j] = (byte) (x >>> (8 * j));
                }
            }
        }
    }

    private static byte[] head(String fileName) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] TAIL = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);

    /**
     * Sends {@code sendFileBytes} of a {@code fileSize}-byte multipart upload on a raw socket (the whole body when they
     * are equal), then runs {@code midway} (which may kill the server), and answers the SHA-256 of the file bytes sent.
     */
    static String send(Socket socket, String preview, String token, long fileSize, long sendFileBytes)
            throws IOException {
        byte[] head = head("big.zip");
        long length = head.length + fileSize + TAIL.length;
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/pictures/preview-files/" + preview + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(head);
        MessageDigest sha = sha256();
        Content content = new Content();
        byte[] buf = new byte[256 * 1024];
        long sent = 0;
        while (sent < sendFileBytes) {
            int n = (int) Math.min(buf.length, sendFileBytes - sent);
            content.fill(buf, n);
            out.write(buf, 0, n);
            sha.update(buf, 0, n);
            sent += n;
        }
        if (sent == fileSize) {
            out.write(TAIL);
        }
        out.flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The status line and body of the answer on {@code socket}. */
    static String answer(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder b = new StringBuilder();
        String line;
        long length = -1;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            b.append(line).append('\n');
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        char[] body = new char[(int) Math.max(0, length)];
        int read = 0;
        while (read < body.length) {
            int n = in.read(body, read, body.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return b.append('\n').append(body, 0, read).toString();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** GET of the stored original: status, and SHA-256 and length of the body when 200. */
    static Object[] download(int port, String token, String preview) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/pictures/originals/preview-files/" + preview + ".zip"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha = sha256();
        long length = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[256 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                length += n;
            }
        }
        return new Object[]{r.statusCode(), HexFormat.of().formatHex(sha.digest()), length};
    }

    /** Regular files under {@code dir} (none when it does not exist). */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    static void awaitNoFiles(Path dir) throws IOException, InterruptedException {
        for (int i = 0; i < 200 && !files(dir).isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(files(dir)).as("temporary files in %s", dir).isEmpty();
    }

    /** Waits until a file in {@code dir} holds at least {@code bytes}; false after a minute. */
    static boolean awaitGrowing(Path dir, long bytes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            for (Path f : files(dir)) {
                try {
                    if (Files.size(f) >= bytes) {
                        return true;
                    }
                } catch (IOException gone) {
                    // moved or deleted meanwhile
                }
            }
            Thread.sleep(2);
        }
        return false;
    }

    static void kill(Server server) throws InterruptedException {
        server.process().destroyForcibly(); // SIGKILL on Linux
        assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    static void stop(Server server) throws InterruptedException {
        server.process().destroy();
        if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
            server.process().destroyForcibly();
        }
    }

    @Test
    void a300MbUploadReachesTheStoreIntactOnA96MbHeapAndAnAbortedOneLeavesNoTemporaryFile(@TempDir Path tmp)
            throws Exception {
        Path data = tmp.resolve("data");
        Server server = launch(data);
        try {
            String[] w = world(server.port());
            String token = w[0];
            long size = 300 * MB;
            String sent;
            String reply;
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                sent = send(socket, w[1], token, size, size);
                reply = answer(socket);
            }
            assertThat(reply).as(server.output()).startsWith("HTTP/1.1 201");
            assertThat(reply).contains("\"file_size\":" + size).contains("\"original_name\":\"big\"");
            Object[] got = download(server.port(), token, w[1]);
            assertThat(got[0]).isEqualTo(200);
            assertThat(got[2]).isEqualTo(size);
            assertThat(got[1]).as("SHA-256 of the stored file").isEqualTo(sent);
            awaitNoFiles(data.resolve("tmp"));
            assertThat(files(data.resolve("previews").resolve(".tmp"))).isEmpty();

            // the client goes away half-way through a 64 MB body: its spool file goes too, nothing is stored
            String aborted = newPreview(server.port(), token, w[1]);
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                send(socket, aborted, token, 64 * MB, 32 * MB);
                assertThat(awaitGrowing(data.resolve("tmp"), MB)).isTrue();
            }
            awaitNoFiles(data.resolve("tmp"));
            assertThat((Object) download(server.port(), token, aborted)[0]).isEqualTo(404);
            assertThat(server.process().isAlive()).isTrue();
            assertThat(server.output()).doesNotContain("OutOfMemoryError");
        } finally {
            stop(server);
        }
    }

    @Test
    void aServerKilledWhileReceivingOrStoringAnUploadServesNoHalfFileAfterRestart(@TempDir Path tmp)
            throws Exception {
        Path data = tmp.resolve("data");
        Server server = launch(data);
        String token;
        String whileReceiving;
        String whileStoring;
        try {
            String[] w = world(server.port());
            token = w[0];
            whileReceiving = w[1];
            whileStoring = newPreview(server.port(), token, w[1]);
            // killed while the body is half received (it is being spooled)
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                send(socket, whileReceiving, token, 64 * MB, 32 * MB);
                assertThat(awaitGrowing(data.resolve("tmp"), 8 * MB)).isTrue();
                kill(server);
            }
        } finally {
            server.process().destroyForcibly();
        }
        assertThat(files(data.resolve("tmp"))).as("the spool file of the killed server").isNotEmpty();

        server = launch(data);
        try {
            // restarted: the spool is swept, nothing was stored, the preview has no file
            awaitNoFiles(data.resolve("tmp"));
            token = newLogin(server.port());
            assertThat((Object) download(server.port(), token, whileReceiving)[0]).isEqualTo(404);
            assertThat(new ApiClient(server.port()).withToken(token).get("/api/data/preview-files/"
                    + whileReceiving).map().get("original_name")).isNull();

            // killed while the store writes the file: the whole body was sent, the store's temporary file grows
            long size = 300 * MB;
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                send(socket, whileStoring, token, size, size);
                boolean caught = awaitGrowing(data.resolve("previews").resolve(".tmp"), 16 * MB);
                kill(server);
                assertThat(caught).as("the store's temporary file was seen growing").isTrue();
            }
        } finally {
            server.process().destroyForcibly();
        }
        List<Path> left = files(data.resolve("previews").resolve(".tmp"));
        server = launch(data);
        try {
            // restarted: the store's temporary file of the dead process is gone, no file is served half
            awaitNoFiles(data.resolve("previews").resolve(".tmp"));
            assertThat(left).as("files the killed server left").isNotEmpty().allSatisfy(p ->
                    assertThat(p).doesNotExist());
            token = newLogin(server.port());
            Object[] got = download(server.port(), token, whileStoring);
            assertThat(got[0]).as("nothing complete was stored").isEqualTo(404);
            for (Path stored : files(data.resolve("previews").resolve("files"))) {
                assertThat(stored.getFileName().toString()).doesNotContain(whileStoring);
            }
            assertThat(new ApiClient(server.port()).withToken(token).get("/api/data/preview-files/"
                    + whileStoring).map().get("original_name")).as("the row was not updated").isNull();
        } finally {
            stop(server);
        }
    }

    private static String newLogin(int port) {
        ApiClient.Reply login = new ApiClient(port).post("/api/auth/login", Map.of("email", EMAIL, "password",
                PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return (String) login.map().get("access_token");
    }
}
