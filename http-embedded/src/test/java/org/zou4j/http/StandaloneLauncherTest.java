package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server started as a process from a clean data directory, as {@code ./zou4j serve} does. */
class StandaloneLauncherTest {
    private static final Pattern LISTENING = Pattern.compile("zou4j listening on http://127\\.0\\.0\\.1:(\\d+)");

    /**
     * A started server process and the file its output goes to (not a pipe: {@link Process#destroy()} closes the
     * pipes at once, and what the server prints while it stops would be lost).
     */
    record Launched(Process process, int port, Path log) {
        /** What the server printed so far. */
        List<String> output() {
            try {
                return Files.readAllLines(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return List.of();
            }
        }
    }

    static Launched launch(Path dataDir, String... extra) throws IOException, InterruptedException {
        return launch(dataDir, Map.of(), extra);
    }

    /** Starts {@code Main} in its own JVM, with {@code env} added to this one's environment. */
    static Launched launch(Path dataDir, Map<String, String> env, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.zou4j.http.standalone.Main",
                "--port", "0", "--data-dir", dataDir.toString()));
        cmd.addAll(List.of(extra));
        Path log = Files.createTempFile(dataDir.toAbsolutePath().getParent(), "server-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("ZOU_SECRET_KEY");
        pb.environment().putAll(env);
        Process p = pb.start();
        Launched launched = new Launched(p, -1, log);
        for (int i = 0; i < 1200; i++) { // up to 2 minutes on a loaded machine
            for (String line : launched.output()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return new Launched(p, Integer.parseInt(m.group(1)), log);
                }
            }
            if (!p.isAlive()) {
                p.waitFor();
                return launched;
            }
            Thread.sleep(100);
        }
        return launched;
    }

    /** Whether the process printed {@code line} (allow it a few seconds). */
    static boolean awaitLine(Launched server, String line) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (server.output().contains(line)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void startsFromACleanDataDirectoryServesAndStopsCleanlyOnSigterm(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("zou-data");
        Launched server = launch(dataDir);
        try {
            assertThat(server.port()).as("printed: %s", server.output()).isPositive();
            ApiClient client = new ApiClient(server.port());
            assertThat(client.get("/api").status()).isEqualTo(200);
            assertThat(client.get("/api/status").map()).containsEntry("database-up", true);

            Path key = dataDir.resolve("secret.key");
            assertThat(key).exists();
            assertThat(Files.getPosixFilePermissions(key))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            String secret = Files.readString(key).trim();
            assertThat(String.join("\n", server.output())).doesNotContain(secret);
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("zou4j.mv.db")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(dataDir)).doesNotContain(PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.GROUP_READ);

            // the printed first admin logs in, and the new database holds Zou's default data
            Matcher admin = Pattern.compile("created the first admin (\\S+) with password (\\S+)")
                    .matcher(String.join("\n", server.output()));
            assertThat(admin.find()).as("printed: %s", server.output()).isTrue();
            ApiClient.Reply login = client.post("/api/auth/login",
                    java.util.Map.of("email", admin.group(1), "password", admin.group(2)));
            assertThat(login.status()).isEqualTo(200);
            ApiClient authed = client.withToken((String) login.map().get("access_token"));
            assertThat(authed.get("/api/data/task-status").list()).extracting(m -> m.get("name"))
                    .contains("Todo", "Work In Progress", "Done");

            // no SMTP configured: the reset mail lands in <data-dir>/outbox as an .eml file, and its link works
            assertThat(client.post("/api/auth/reset-password", java.util.Map.of("email", admin.group(1))).status())
                    .isEqualTo(200);
            Path outbox = dataDir.resolve("outbox");
            List<Path> mails = List.of();
            for (int i = 0; i < 200 && mails.isEmpty(); i++) {
                try (java.util.stream.Stream<Path> files = Files.list(outbox)) {
                    mails = files.filter(f -> f.toString().endsWith(".eml")).toList();
                }
                Thread.sleep(mails.isEmpty() ? 50 : 0);
            }
            assertThat(mails).hasSize(1);
            assertThat(Files.getPosixFilePermissions(mails.get(0)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            Matcher token = Pattern.compile("token=([A-Z0-9]{64})").matcher(Files.readString(mails.get(0)));
            assertThat(token.find()).isTrue();
            assertThat(client.put("/api/auth/reset-password", java.util.Map.of("email", admin.group(1), "token",
                    token.group(1), "password", "reset from the outbox", "password2", "reset from the outbox"))
                    .status()).isEqualTo(200);
            assertThat(client.post("/api/auth/login", java.util.Map.of("email", admin.group(1), "password",
                    "reset from the outbox")).status()).isEqualTo(200);
        } finally {
            server.process().destroy(); // SIGTERM
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(server.process().exitValue()).as("exit after SIGTERM").isIn(0, 143);
        assertThat(awaitLine(server, "zou4j stopped")).as("exit %s, printed: %s",
                server.process().exitValue(), server.output()).isTrue();
        // the database was closed by the engine, not under its feet by H2's shutdown hook: no trace file of errors
        assertThat(dataDir.resolve("zou4j.trace.db")).doesNotExist();
        assertThat(String.join("\n", server.output())).contains(
                "no SMTP server configured (MAIL_SERVER): mails are written as .eml files to "
                        + dataDir.resolve("outbox").toAbsolutePath());

        // the data directory is reusable after a clean stop, with the same secret
        Launched again = launch(dataDir);
        try {
            assertThat(again.port()).as("restart printed: %s", again.output()).isPositive();
        } finally {
            again.process().destroy();
            again.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesADataDirectoryInUseByAnotherInstance(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("zou-data");
        Launched first = launch(dataDir);
        try {
            assertThat(first.port()).isPositive();
            Launched second = launch(dataDir);
            assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.process().exitValue()).isEqualTo(1);
            assertThat(String.join("\n", second.output())).contains("in use by another process");
        } finally {
            first.process().destroy();
            first.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesAPortTakenByAnotherProgram(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.zou4j.http.standalone.Main",
                    "--port", Integer.toString(taken.getLocalPort()), "--data-dir", tmp.resolve("d").toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(output).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .as("no first admin (nor its password) before the port is bound")
                    .doesNotContain("created the first admin");
        }
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.zou4j.http.standalone.Main", "--help");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(output).contains("usage: ./zou4j serve");
    }

    @Test
    void badOptionsPrintUsage(@TempDir Path tmp) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.zou4j.http.standalone.Main", "--port", "x");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).contains("--port takes a number").contains("usage: ./zou4j serve");
    }
}
